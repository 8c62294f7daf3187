import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from literature.models import LiteratureIndexPage, LiteraturePage
from pluginnovation.caching.cache import bump_content_version
from pluginnovation.site.models import HomePage, StandardPage
from tests.factories import commit_pending, editor, uncached_client
from tests.literature.factories import (
    LiteraturePageFactory,
    LiteratureTagFactory,
    build_library,
    tag,
)

pytestmark = pytest.mark.django_db


def test_tree_rules():
    assert LiteratureIndexPage.parent_page_types == ["pluginnovation.HomePage"]
    assert LiteraturePage.parent_page_types == ["literature.LiteratureIndexPage"]
    assert LiteraturePage.subpage_types == []
    assert LiteratureIndexPage.can_create_at(HomePage())
    assert not LiteratureIndexPage.can_create_at(StandardPage())
    assert LiteraturePage.can_create_at(LiteratureIndexPage())
    assert not LiteraturePage.can_create_at(HomePage())


def test_language_neutral_fields_are_synchronised():
    from wagtail_localize.fields import SynchronizedField

    synchronised = {
        field.field_name
        for field in LiteraturePage.override_translatable_fields
        if isinstance(field, SynchronizedField)
    }
    assert {"authors", "year", "doi", "isbn", "external_url"} <= synchronised


def test_listing_date_and_summary(site_tree):
    _, entries, _, _ = build_library(site_tree)
    assert entries[2].listing_date.year == 2005
    assert entries[2].listing_summary == entries[2].summary


def test_editor_creates_an_entry_in_the_admin(client, site_tree):
    index, _, tags, _ = build_library(site_tree)
    user = editor("skribent")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=["literature", "literaturepage", index.pk])
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Skolans roll",
            "slug": "skolans-roll",
            "authors": "Svensson, S.\nBerg, B.",
            "year": 2015,
            "publication_type": "report",
            "summary": "Om skolan.",
            "tags": "Gymnasieskolan",
            "review_interval_months": 12,
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = LiteraturePage.objects.get(slug="skolans-roll")
    assert page.live
    assert page.authors_list == ["Svensson, S.", "Berg, B."]
    assert [item.tag for item in page.tagged_items.all()] == [tags["Gymnasieskolan"]]
    html = client.get("/litteratur/?tag=gymnasieskolan").content.decode()
    assert "Skolans roll" in html


def test_entry_preview_in_the_admin(admin_client, site_tree):
    _, entries, _, _ = build_library(site_tree)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[entries[0].pk]))
    assert response.status_code == 200
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[entries[0].pk]))
    assert response.status_code == 200


def test_home_page_shows_chosen_entries_first(client, site_tree):
    index, entries, _, _ = build_library(site_tree)
    html = client.get("/").content.decode()
    assert "Exempel på litteratur" in html
    assert "Visible Learning" in html or "Detta ideliga" in html
    entries[3].featured = True
    entries[3].save_revision().publish()
    commit_pending()  # the editor's request commits before the next reader's
    html = client.get("/").content.decode()
    section = html[html.index("Exempel på litteratur") :]
    assert section.index("Grunderna för gymnasiets") < section.index("Bläddra i hela biblioteket")
    first_card = section[: section.index("</li>")]
    # Hattie and Möllås are the newest; the chosen 2003 entry still comes first.
    assert "Grunderna för gymnasiets läroplan 2003" in first_card


def test_home_section_is_hidden_without_entries(client, site_tree):
    assert "Exempel på litteratur" not in client.get("/").content.decode()


def reader_after_an_edit(path):
    """A reader (with a cookie: the page cache steps aside) right after an edit, when nothing
    of `path` is cached but what a running site keeps whatever the edits (site root paths)."""
    reader = uncached_client()
    reader.get(path)
    bump_content_version()
    return reader


@pytest.mark.parametrize(
    "url",
    [
        "/litteratur/",
        "/litteratur/?tag=gymnasieskolan&tag=sverige&evidence=study&sort=title&page=2",
        "/litteratur/feed/?tag=gymnasieskolan",
        "/litteratur/export/ris/",
        "/litteratur/detta-ideliga/",
    ],
)
def test_pages_stay_within_the_query_budget_whatever_the_number_of_entries_and_tags(
    site_tree, url, django_assert_max_num_queries
):
    index, entries, tags, _ = build_library(site_tree)
    entries[0].slug = "detta-ideliga"
    entries[0].save_revision().publish()
    counts = []
    for total in (3, 30):
        while LiteraturePage.objects.count() < total + len(entries):
            number = LiteraturePage.objects.count()
            entry = LiteraturePageFactory(
                parent=index, title=f"Extra {number}", year=1990, evidence_label="study"
            )
            tag(entry, tags["Gymnasieskolan"], tags["Sverige"], LiteratureTagFactory())
            entry.save_revision().publish()
        tag(entries[0], LiteratureTagFactory(taxonomy="tema"))
        reader = reader_after_an_edit(url)
        with CaptureQueriesContext(connection) as queries:
            assert reader.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    reader = reader_after_an_edit(url)
    with django_assert_max_num_queries(30):  # right after an edit
        reader.get(url)
