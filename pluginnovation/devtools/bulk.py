"""Creating many pages at once, for the synthetic benchmark data set only.

`parent.add_child()` costs a dozen queries a page; tens of thousands of pages need a faster
road. Django cannot bulk-create multi-table-inherited models, so the base `wagtailcore_page`
rows are bulk-created with their tree paths worked out here, and the rows of the specific
page table are inserted with plain SQL. The result is a valid tree (checked by
`Page.find_problems()` in the tests) of live pages without revisions; editing one in the admin
creates its first revision as usual.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page


def _child_paths(parent, count):
    start = parent.get_last_child()
    first = (Page._str2int(start.path[-Page.steplen :]) + 1) if start else 1
    for number in range(first, first + count):
        yield parent.path + Page._int2str(number).rjust(Page.steplen, "0")


@transaction.atomic
def bulk_create_pages(parent, pages, batch_size=500):
    """Add unsaved specific page instances as live children of `parent`; returns them."""
    if not pages:
        return []
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    parent = Page.objects.get(pk=parent.pk)
    base_rows = []
    for position, (page, path) in enumerate(
        zip(pages, _child_paths(parent, len(pages)), strict=False)
    ):
        page.path = path
        page.depth = parent.depth + 1
        page.numchild = 0
        page.locale_id = page.locale_id or parent.locale_id
        page.content_type = content_type
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        # One minute apart, oldest first, as pages published one by one would be: ordering by
        # publication time then reads like a real site's, not one tie of thousands of rows.
        page.first_published_at = page.first_published_at or now - timedelta(
            minutes=len(pages) - position
        )
        page.last_published_at = page.last_published_at or page.first_published_at
        page.url_path = parent.url_path + page.slug + "/"
        base_rows.append(
            Page(
                **{
                    field.attname: getattr(page, field.attname)
                    for field in Page._meta.concrete_fields
                }
            )
        )
    created = Page.objects.bulk_create(base_rows, batch_size=batch_size)
    for page, row in zip(pages, created, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk

    # The specific table: every concrete field the model adds to Page (page_ptr included).
    fields = [
        field for field in model._meta.concrete_fields if field.model is not Page and field.column
    ]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from _meta
    values = [
        [field.get_db_prep_save(field.pre_save(page, True), connection) for field in fields]
        for page in pages
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(values), batch_size):
            cursor.executemany(sql, values[start : start + batch_size])

    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return pages
