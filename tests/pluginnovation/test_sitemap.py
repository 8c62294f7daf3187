import re

import defusedxml.ElementTree as ET
import pytest
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_sitemap(response, host="http://testserver/"):
    """The sitemap as {loc: {hreflang: href}}, checked against the sitemap 0.9 schema's rules."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    urls = {}
    for url in root:
        assert url.tag == f"{SITEMAP}url"
        children = [child.tag for child in url]
        # The schema's sequence: loc, then the optional lastmod; alternates are xhtml:link.
        assert children[0] == f"{SITEMAP}loc"
        assert set(children[1:]) <= {f"{SITEMAP}lastmod", f"{XHTML}link"}
        loc = url.find(f"{SITEMAP}loc").text
        assert loc.startswith(host) and len(loc) <= 2048
        lastmod = url.find(f"{SITEMAP}lastmod")
        if lastmod is not None:
            assert W3C_DATE.match(lastmod.text)
        assert loc not in urls, f"{loc} listed twice"
        alternates = {}
        for link in url.findall(f"{XHTML}link"):
            assert link.get("rel") == "alternate"
            alternates[link.get("hreflang")] = link.get("href")
        urls[loc] = alternates
    return urls


def test_sitemap_lists_both_languages_and_pairs_translations(client, site_tree):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    site_tree.translate(about, title="About us", slug="about")
    StandardPageFactory(parent=site_tree.home_sv, title="Bara svenska", slug="bara-svenska")

    urls = parse_sitemap(client.get("/sitemap.xml"))

    pair = {
        "sv": "http://testserver/om/",
        "en": "http://testserver/en/about/",
        "x-default": "http://testserver/om/",
    }
    assert urls["http://testserver/om/"] == pair
    assert urls["http://testserver/en/about/"] == pair
    assert urls["http://testserver/"]["en"] == "http://testserver/en/"
    assert urls["http://testserver/en/"]["sv"] == "http://testserver/"
    # A page without a translation announces no alternates.
    assert urls["http://testserver/bara-svenska/"] == {}
    assert len(urls) == 5


def test_sitemap_leaves_out_drafts_and_private_pages(client, site_tree):
    draft = StandardPageFactory(parent=site_tree.home_sv, title="Utkast", slug="utkast")
    draft.unpublish()
    private = StandardPageFactory(parent=site_tree.home_sv, title="Intern", slug="intern")
    StandardPageFactory(parent=private, title="Under intern", slug="under")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    secret = StandardPageFactory(parent=site_tree.home_sv, title="Lösenord", slug="losen")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    english_draft = site_tree.translate(
        StandardPageFactory(parent=site_tree.home_sv, title="Publik", slug="publik"),
        title="Public",
        slug="public",
    )
    english_draft.unpublish()

    urls = parse_sitemap(client.get("/sitemap.xml"))

    assert set(urls) == {
        "http://testserver/",
        "http://testserver/en/",
        "http://testserver/publik/",
    }
    # The unpublished English version is no alternate of the Swedish page.
    assert urls["http://testserver/publik/"] == {}


def test_robots_txt_points_at_the_sitemap_and_keeps_searches_out(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ("/sok/", "/en/search/", "/*?", "/admin/"):
        assert f"Disallow: {path}" in lines
    # The content itself stays open to crawlers.
    assert "Disallow: /" not in lines


def count_queries(client, path):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def test_sitemap_costs_the_same_queries_for_10_and_60_pages(client, site_tree):
    def add_pages(count):
        for number in range(count):
            page = StandardPageFactory(parent=site_tree.home_sv, slug=f"sida-{count}-{number}")
            site_tree.translate(page, slug=f"page-{count}-{number}")

    add_pages(5)
    small = count_queries(client, "/sitemap.xml")
    add_pages(25)
    large = count_queries(client, "/sitemap.xml")
    assert len(parse_sitemap(client.get("/sitemap.xml"))) == 62
    assert small == large <= 20
