"""The indexes the listings are read from on PostgreSQL (production and CI).

Their effect is a matter of speed, measured by `make bench`; what is tested here is that the
migrations create them as the listings' queries need them: PostgreSQL answers a listing from
an index only when every column the query reads of that table is in it.
"""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's covering indexes"),
]


def index_definition(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
        row = cursor.fetchone()
    return row[0] if row else None


def test_the_page_tree_index_holds_what_a_listing_reads_of_wagtails_page_table():
    definition = index_definition("pluginnovation_page_tree_listing")
    assert definition is not None
    assert "ON public.wagtailcore_page USING btree (path varchar_pattern_ops)" in definition
    assert "INCLUDE (id, depth, live, locale_id, content_type_id, title)" in definition


@pytest.mark.parametrize(
    "name, columns",
    [
        ("casestudy_listing_idx", "(page_ptr_id, municipality_id, round, focus)"),
        ("literature_listing_idx", "(page_ptr_id, year, evidence_label)"),
    ],
)
def test_each_listing_reads_its_own_columns_from_one_index(name, columns):
    assert columns in index_definition(name)
