"""Metadata and the sitemap over the demo content, which holds every page type of every app.

Each app's own tests check its structured data in detail; these check that every page type,
as shipped, gives valid JSON-LD with the site-wide parts and is paired in the sitemap.
"""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from tests.pluginnovation.test_metadata import canonical, json_ld
from tests.pluginnovation.test_sitemap import read_sitemap

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pages(db):
    call_command("load_demo", stdout=io.StringIO())
    return list(Page.objects.live().public().filter(depth__gt=1).specific())


def test_every_page_has_valid_json_ld_with_the_site_wide_parts(client, demo_pages):
    for page in demo_pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        graph = json_ld(response)
        url = canonical(response)
        assert url == page.get_full_url()
        assert graph["Organization"]["name"] == "PlugInnovation"
        crumbs = graph["BreadcrumbList"]["itemListElement"]
        assert crumbs[-1]["item"] == url
        site_wide = {"Organization", "BreadcrumbList"}
        own = [item for kind, item in graph.items() if kind not in site_wide]
        # The page itself, and the work or place it describes when it describes one.
        [itself] = [item for item in own if item.get("url") == url]
        assert itself.get("name") or itself.get("headline"), page.url
        # What the portal writes names an author (the organisation when no person) and an
        # image (the default share image when the page has none).
        for item in own:
            if item["@type"] in ("Article", "NewsArticle"):
                assert item["author"], page.url
                assert item["image"].startswith("http://localhost/"), page.url
        described = [item for item in own if item is not itself]
        if described:
            [work] = described
            assert itself["@type"] == "WebPage"
            assert itself["mainEntity"] == {"@id": work["@id"]}
            assert work.get("name") or work.get("headline"), page.url


def test_sitemap_pairs_every_translated_page(client, demo_pages):
    urls = parse_sitemap_from_host(client)
    for page in demo_pages:
        location = page.get_full_url()
        assert location in urls, location
        translations = page.get_translations().live().public()
        expected = {t.locale.language_code: t.get_full_url() for t in translations}
        if expected:
            expected[page.locale.language_code] = location
            alternates = dict(urls[location])
            assert alternates.pop("x-default") == expected["sv"]
            assert alternates == expected


def parse_sitemap_from_host(client):
    return read_sitemap(client, host="http://localhost/", HTTP_HOST="localhost")
