import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from literature.models import LiteratureIndexPage, LiteraturePage
from pluginnovation.models import HomePage, StandardPage
from tests.factories import editor
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
    html = client.get("/").content.decode()
    section = html[html.index("Exempel på litteratur") :]
    assert section.index("Grunderna för gymnasiets") < section.index("Bläddra i hela biblioteket")
    first_card = section[: section.index("</li>")]
    # Hattie and Möllås are the newest; the chosen 2003 entry still comes first.
    assert "Grunderna för gymnasiets läroplan 2003" in first_card


def test_home_section_is_hidden_without_entries(client, site_tree):
    assert "Exempel på litteratur" not in client.get("/").content.decode()


def _library_with(site_tree, count, tag_count):
    index, _, tags, _ = build_library(site_tree)
    extra_tags = [
        LiteratureTagFactory(taxonomy=["skolform", "tema", "typ"][number % 3])
        for number in range(tag_count)
    ]
    for number in range(count):
        entry = LiteraturePageFactory(
            parent=index, title=f"Extra {number}", year=1990 + number % 30
        )
        tag(entry, tags["Gymnasieskolan"], *extra_tags[number % max(tag_count, 1) :][:3])
        entry.save_revision().publish()
    return index


def _queries(client, django_assert_max_num_queries, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Steady state, without the page cache: the first request fills what every page shares
    # until the next editorial change (the feed link, the home URL).
    client.get(url)
    with django_assert_max_num_queries(20), CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/litteratur/",
        "/litteratur/?tag=gymnasieskolan&tag=forskning&sort=title",
        "/litteratur/feed/",
        "/litteratur/export/ris/",
    ],
)
def test_index_query_count_does_not_grow_with_entries_or_tags(
    client, site_tree, django_assert_max_num_queries, url, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    index = _library_with(site_tree, 5, 2)
    client.get("/")  # Site root paths and content types are cached after the first request.
    small = _queries(client, django_assert_max_num_queries, url)
    for number in range(50):
        entry = LiteraturePageFactory(parent=index, title=f"Fler {number}", year=2001)
        tag(entry, *[LiteratureTagFactory() for _ in range(2)])
        entry.save_revision().publish()
    large = _queries(client, django_assert_max_num_queries, url)
    assert small == large


def test_entry_page_query_count_does_not_grow_with_tags(
    client, site_tree, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    index, entries, _, _ = build_library(site_tree)
    client.get("/")
    few = _queries(client, django_assert_max_num_queries, entries[4].url)
    tag(entries[4], *[LiteratureTagFactory() for _ in range(30)])
    entries[4].save_revision().publish()
    many = _queries(client, django_assert_max_num_queries, entries[4].url)
    assert few == many
