"""Feeds, exports and sitemaps are the same for every reader of an address: between edits a
reader the page cache steps aside for (one with a cookie) gets the one written first, and
after a committed edit the new one. View restrictions are checked before it is looked up."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import uncached_client
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(site_tree):
    index = NewsIndexPageFactory(parent=site_tree.home_sv)
    NewsPageFactory(parent=index, title="Första nyheten", slug="forsta")
    return index


def read(reader, url):
    with CaptureQueriesContext(connection) as queries:
        response = reader.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("url", ["/aktuellt/feed/", "/sitemap-1.xml"])
def test_a_feed_or_sitemap_is_written_once_between_edits_and_anew_after_one(index, committed, url):
    reader = uncached_client()
    first, first_queries = read(reader, url)
    assert "forsta" in first
    again, again_queries = read(reader, url)
    assert again == first
    # Nothing is written again: at most the page the address leads to is loaded (for its
    # view restrictions).
    assert again_queries <= 1 < first_queries
    with committed():
        NewsPageFactory(parent=index, title="Andra nyheten", slug="andra")
    after, _queries = read(reader, url)
    assert "forsta" in after and "andra" in after


def test_a_restriction_on_the_index_covers_the_feed_written_before_it(index, committed):
    reader = uncached_client()
    assert "Första nyheten" in read(reader, "/aktuellt/feed/")[0]
    with committed():
        PageViewRestriction.objects.create(page=index, restriction_type="password", password="x1")
    for client in (reader, Client()):
        response = client.get("/aktuellt/feed/")
        assert "Första nyheten" not in response.content.decode()
        assert 'name="password"' in response.content.decode()
