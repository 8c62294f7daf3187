"""No reader ever sees a stale listing, hub, feed, sitemap or home page after an edit.

Two kinds of reader: an anonymous one, served from the page cache, and one with a cookie, for
whom the page is rendered (from the fragments cached per content version). Each test reads a
page twice before the change, so everything that can be cached is, then commits the change
(as the editor's request would) and checks that it shows on the very next request.
"""

import re

import pytest
from django.test import Client

from tests.casestudies.factories import build_section
from tests.factories import commit_pending, uncached_client
from tests.knowledge.factories import (
    ArticlePageFactory,
    KnowledgeIndexPageFactory,
    SuccessFactorPageFactory,
)
from tests.literature.factories import LiteraturePageFactory, build_library, tag
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["cached", "rendered"])
def read(request):
    client = uncached_client() if request.param == "rendered" else Client()

    def read(path):
        commit_pending()
        response = client.get(path)
        assert response.status_code == 200, path
        assert ("X-Page-Cache" in response) == (request.param == "cached")
        return response.content.decode()

    return read


def facet_text(html):
    """The page's text without its markup: a facet option reads "Label (count)"."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def warm(read, *paths):
    for path in paths:
        read(path)
        read(path)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def news(site_tree):
    index = NewsIndexPageFactory(parent=site_tree.home_sv, locale=site_tree.locale_sv)
    NewsPageFactory(parent=index, title="Gammal nyhet", slug="gammal")
    return index


def test_news_listing_feed_and_home_show_a_new_item_and_lose_a_removed_one(read, news):
    paths = ["/aktuellt/", "/aktuellt/?year=2018", "/aktuellt/feed/", "/"]
    warm(read, *paths)
    item = NewsPageFactory(parent=news, title="Färsk nyhet", slug="farsk")
    for path in paths:
        assert "Färsk nyhet" in read(path), path
    item.unpublish()
    for path in paths:
        assert "Färsk nyhet" not in read(path), path


def test_news_moved_away_leaves_listing_and_feed(read, site_tree, news):
    item = NewsPageFactory(parent=news, title="Flyttad nyhet", slug="flyttad")
    other = NewsIndexPageFactory(parent=site_tree.home_en, locale=site_tree.locale_en, slug="x")
    warm(read, "/aktuellt/", "/aktuellt/feed/")
    item.move(other, pos="last-child")
    assert "Flyttad nyhet" not in read("/aktuellt/")
    assert "Flyttad nyhet" not in read("/aktuellt/feed/")


@pytest.fixture
def knowledge(site_tree):
    index = KnowledgeIndexPageFactory(parent=site_tree.home_sv, locale=site_tree.locale_sv)
    factor = SuccessFactorPageFactory(parent=index, title="Mentorskap", slug="mentorskap")
    return index, factor


def test_knowledge_listing_filter_and_hub_follow_tagging_and_deleting(read, knowledge):
    index, factor = knowledge
    article = ArticlePageFactory(parent=index, title="Om mentorer", slug="om-mentorer")
    filtered = f"/kunskap/?factor={factor.slug}"
    hub = f"/kunskap/{factor.slug}/"
    warm(read, "/kunskap/", filtered, hub)
    assert "Om mentorer" not in read(filtered)
    article.success_factors.set([factor])
    publish(article)
    assert "Om mentorer" in read(filtered)
    assert "Om mentorer" in read(hub)
    article.delete()
    for path in ("/kunskap/", filtered, hub):
        assert "Om mentorer" not in read(path), path


def test_renaming_a_success_factor_shows_in_the_listing_filter(read, knowledge):
    _index, factor = knowledge
    warm(read, "/kunskap/")
    factor.title = "Mentorskap och coachning"
    publish(factor)
    assert "Mentorskap och coachning" in read("/kunskap/")


@pytest.fixture
def section(site_tree):
    section = build_section(site_tree)
    section.case("are", "plugin2", "prevention", title="Mörsil")
    return section


def test_case_study_filters_counts_and_feed_follow_a_new_case_study(read, section):
    region = "/fallstudier/?region=goteborgsregionen"
    paths = ["/fallstudier/", region, "/fallstudier/feed/", "/fallstudier/feed/?round=plugin"]
    warm(read, *paths)
    assert "Göteborgsregionens kommunalförbund (1)" not in facet_text(read("/fallstudier/"))
    section.case("partille", "plugin", "kia", title="Plug In Partille")
    assert "Göteborgsregionens kommunalförbund (1)" in facet_text(read("/fallstudier/"))
    assert "Plug In Partille" in read(region)
    assert "Plug In Partille" in read("/fallstudier/feed/")
    assert "Plug In Partille" in read("/fallstudier/feed/?round=plugin")


def test_editing_a_municipality_snippet_shows_in_listing_and_feed(read, section):
    warm(read, "/fallstudier/", "/fallstudier/feed/")
    are = section.municipalities["are"]
    are.name = "Åre kommun"
    are.save()
    assert "Åre kommun" in read("/fallstudier/")
    assert "Åre kommun" in read("/fallstudier/feed/")


def test_literature_facets_results_and_feed_follow_tags_and_entries(read, site_tree):
    index, entries, tags, _english = build_library(site_tree)
    theme = tags["Samverkan"]
    filtered = f"/litteratur/?tag={theme.slug}"
    paths = ["/litteratur/", filtered, "/litteratur/feed/", f"/litteratur/feed/?tag={theme.slug}"]
    warm(read, *paths)
    entry = LiteraturePageFactory(parent=index, locale=site_tree.locale_sv, title="Ny studie")
    tag(entry, theme)
    publish(entry)
    for path in paths:
        assert "Ny studie" in read(path), path
    # A tag edited in the admin (its label) shows in the facets at once.
    theme.name = "Omdöpt tagg"
    theme.save()
    assert "Omdöpt tagg" in read("/litteratur/")
    entry.unpublish()
    for path in paths:
        assert "Ny studie" not in read(path), path


def test_sitemap_lists_a_new_page_and_drops_a_deleted_one(read, news):
    warm(read, "/sitemap.xml", "/sitemap-1.xml")
    item = NewsPageFactory(parent=news, title="Ny", slug="i-sitemap")
    assert "/aktuellt/i-sitemap/" in read("/sitemap-1.xml")
    item.delete()
    assert "/aktuellt/i-sitemap/" not in read("/sitemap-1.xml")
