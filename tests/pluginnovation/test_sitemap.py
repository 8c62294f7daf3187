import datetime
import re
from urllib.parse import urlparse

import defusedxml.ElementTree as ET
import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from pluginnovation.openweb import sitemap
from pluginnovation.site.models import StandardPage
from tests.factories import StandardPageFactory, commit_pending

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_sitemap(response, host="http://testserver/"):
    """A section as {loc: {hreflang: href}}, checked against the sitemap 0.9 schema's rules."""
    return {loc: alternates for loc, _, alternates in parse_urlset(response, host)}


def parse_urlset(response, host="http://testserver/"):
    """A section as [(loc, lastmod, {hreflang: href})] in the order it lists them."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    urls = []
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
        alternates = {}
        for link in url.findall(f"{XHTML}link"):
            assert link.get("rel") == "alternate"
            alternates[link.get("hreflang")] = link.get("href")
        urls.append((loc, lastmod.text if lastmod is not None else None, alternates))
    return urls


def parse_index(response, host="http://testserver/"):
    """The sitemap index as [(loc, lastmod)], checked against the schema's rules."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    # The schema asks for at least one sitemap.
    assert len(root) >= 1
    sections = []
    for entry in root:
        assert entry.tag == f"{SITEMAP}sitemap"
        assert [child.tag for child in entry][0] == f"{SITEMAP}loc"
        loc = entry.find(f"{SITEMAP}loc").text
        assert loc.startswith(host)
        lastmod = entry.find(f"{SITEMAP}lastmod")
        if lastmod is not None:
            assert W3C_DATE.match(lastmod.text)
        sections.append((loc, lastmod.text if lastmod is not None else None))
    return sections


def read_sections(client, host="http://testserver/", **headers):
    """Follow /sitemap.xml to its sections, as a crawler does: [[(loc, lastmod, alternates)]]."""
    index = parse_index(client.get("/sitemap.xml", **headers), host)
    return [parse_urlset(client.get(urlparse(loc).path, **headers), host) for loc, _ in index]


def read_sitemap(client, host="http://testserver/", **headers):
    """Every URL of every section as {loc: {hreflang: href}}; no URL may be listed twice."""
    urls = {}
    for section in read_sections(client, host, **headers):
        for loc, _, alternates in section:
            assert loc not in urls, f"{loc} listed twice"
            urls[loc] = alternates
    return urls


@pytest.fixture
def small_sections(monkeypatch):
    monkeypatch.setattr(sitemap, "PAGES_PER_SECTION", 3)
    return 3


def test_sitemap_lists_both_languages_and_pairs_translations(client, site_tree):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    site_tree.translate(about, title="About us", slug="about")
    StandardPageFactory(parent=site_tree.home_sv, title="Bara svenska", slug="bara-svenska")

    urls = read_sitemap(client)

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


def test_the_sitemap_is_an_index_of_sections(client, site_tree):
    index = parse_index(client.get("/sitemap.xml"))
    assert [loc for loc, _ in index] == ["http://testserver/sitemap-1.xml"]
    assert set(parse_sitemap(client.get("/sitemap-1.xml"))) == {
        "http://testserver/",
        "http://testserver/en/",
    }


def test_page_addresses_are_the_pages_own(client, site_tree):
    # Nested pages, a non-ASCII slug (percent-encoded) and the English tree.
    parent = StandardPageFactory(parent=site_tree.home_sv, title="Skola", slug="skola")
    child = StandardPageFactory(parent=parent, title="Årskurs", slug="årskurs-9")
    english = site_tree.translate(parent, title="School", slug="school")
    urls = read_sitemap(client)
    for page in (site_tree.home_sv, site_tree.home_en, parent, child, english):
        assert page.get_full_url() in urls
    assert "http://testserver/skola/%C3%A5rskurs-9/" in urls


def test_sitemap_leaves_out_drafts_and_private_pages(client, site_tree, small_sections):
    draft = StandardPageFactory(parent=site_tree.home_sv, title="Utkast", slug="utkast")
    draft.unpublish()
    private = StandardPageFactory(parent=site_tree.home_sv, title="Intern", slug="intern")
    StandardPageFactory(parent=private, title="Under intern", slug="under")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    secret = StandardPageFactory(parent=site_tree.home_sv, title="Lösenord", slug="losen")
    StandardPageFactory(parent=secret, title="Under lösenord", slug="under-losen")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    english_draft = site_tree.translate(
        StandardPageFactory(parent=site_tree.home_sv, title="Publik", slug="publik"),
        title="Public",
        slug="public",
    )
    english_draft.unpublish()
    for number in range(6):
        StandardPageFactory(parent=site_tree.home_sv, slug=f"sida-{number}")

    sections = read_sections(client)
    urls = read_sitemap(client)

    assert len(sections) == 3  # 9 public pages, 3 a section
    public = {
        "http://testserver/",
        "http://testserver/en/",
        "http://testserver/publik/",
        *(f"http://testserver/sida-{number}/" for number in range(6)),
    }
    assert set(urls) == public
    # The unpublished English version is no alternate of the Swedish page.
    assert urls["http://testserver/publik/"] == {}


def test_sections_split_the_pages_in_tree_order(client, site_tree, small_sections):
    for number in range(10):
        StandardPageFactory(parent=site_tree.home_sv, slug=f"sida-{number:02}")

    index = parse_index(client.get("/sitemap.xml"))
    sections = read_sections(client)

    assert [loc for loc, _ in index] == [f"http://testserver/sitemap-{n}.xml" for n in (1, 2, 3, 4)]
    assert [len(section) for section in sections] == [3, 3, 3, 3]
    listed = [loc for section in sections for loc, _, _ in section]
    expected = [
        page.get_full_url()
        for page in Page.objects.live().public().filter(depth__gt=1).order_by("path")
    ]
    assert listed == expected
    assert len(set(listed)) == 12


def test_translations_pair_across_sections(client, site_tree, small_sections):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    for number in range(4):
        StandardPageFactory(parent=site_tree.home_sv, slug=f"sida-{number}")
    site_tree.translate(about, title="About us", slug="about")

    sections = read_sections(client)

    # The Swedish tree comes first: "om" in the first section, "about" in the last.
    section_of = {loc: number for number, section in enumerate(sections) for loc, _, _ in section}
    assert section_of["http://testserver/om/"] != section_of["http://testserver/en/about/"]
    pair = {
        "sv": "http://testserver/om/",
        "en": "http://testserver/en/about/",
        "x-default": "http://testserver/om/",
    }
    urls = read_sitemap(client)
    assert urls["http://testserver/om/"] == pair
    assert urls["http://testserver/en/about/"] == pair
    assert urls["http://testserver/"] == urls["http://testserver/en/"]
    assert urls["http://testserver/sida-0/"] == {}


@pytest.mark.parametrize(
    "path", ["/sitemap-0.xml", "/sitemap-2.xml", "/sitemap-99.xml", "/sitemap-" + "9" * 40 + ".xml"]
)
def test_an_unknown_section_is_not_found(client, site_tree, path):
    assert client.get(path).status_code == 404


def test_the_index_dates_each_section_by_its_latest_change(client, site_tree, small_sections):
    pages = [StandardPageFactory(parent=site_tree.home_sv, slug=f"sida-{n}") for n in range(4)]
    Page.objects.update(last_published_at=datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC))
    # Late on 1 March in UTC is already 2 March in Stockholm, the site's time zone.
    late = datetime.datetime(2021, 3, 1, 23, 30, tzinfo=datetime.UTC)
    Page.objects.filter(pk=pages[2].pk).update(last_published_at=late)

    index = parse_index(client.get("/sitemap.xml"))
    sections = read_sections(client)

    # Sections: [home, sida-0, sida-1], [sida-2, sida-3, en home].
    assert [lastmod for _, lastmod in index] == ["2020-01-01", "2021-03-02"]
    assert sections[1][0] == ("http://testserver/sida-2/", "2021-03-02", {})
    assert sections[0][1][1] == "2020-01-01"


def test_sub_urls_a_page_type_adds_are_listed_without_alternates(client, site_tree, monkeypatch):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    site_tree.translate(about, title="About us", slug="about")

    def get_sitemap_urls(self, request=None):
        return [
            *Page.get_sitemap_urls(self, request),
            {"location": self.get_full_url(request) + "feed/", "lastmod": None},
        ]

    monkeypatch.setattr(StandardPage, "get_sitemap_urls", get_sitemap_urls)
    urls = read_sitemap(client)

    assert urls["http://testserver/om/feed/"] == {}
    assert urls["http://testserver/en/about/feed/"] == {}
    assert urls["http://testserver/om/"]["en"] == "http://testserver/en/about/"
    assert len(urls) == 6


def test_a_new_page_is_in_the_sitemap_at_once_despite_the_page_cache(site_tree):
    reader = Client()
    reader.get("/sitemap.xml")
    reader.get("/sitemap-1.xml")
    cached = reader.get("/sitemap-1.xml")
    assert cached["X-Page-Cache"] == "hit"
    page = StandardPageFactory(parent=site_tree.home_sv, title="Ny", slug="ny")
    commit_pending()
    assert "http://testserver/ny/" in read_sitemap(reader)
    page.unpublish()
    commit_pending()
    assert "http://testserver/ny/" not in read_sitemap(reader)


def test_a_new_section_is_in_the_index_at_once_despite_the_page_cache(site_tree, small_sections):
    reader = Client()
    assert len(parse_index(reader.get("/sitemap.xml"))) == 1
    assert reader.get("/sitemap.xml")["X-Page-Cache"] == "hit"
    for number in range(2):
        StandardPageFactory(parent=site_tree.home_sv, slug=f"sida-{number}")
    commit_pending()
    assert len(parse_index(reader.get("/sitemap.xml"))) == 2
    assert reader.get("/sitemap-2.xml").status_code == 200


def test_robots_txt_points_at_the_sitemap_and_keeps_searches_out(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ("/sok/", "/en/search/", "/*?", "/admin/"):
        assert f"Disallow: {path}" in lines
    # The content itself stays open to crawlers, sitemap sections included.
    assert "Disallow: /" not in lines
    assert not any(line.startswith("Disallow: /sitemap") for line in lines)


def count_queries(client, path):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def test_sitemap_costs_the_same_queries_for_few_and_many_pages(client, site_tree, monkeypatch):
    monkeypatch.setattr(sitemap, "PAGES_PER_SECTION", 20)

    def add_pages(count):
        for number in range(count):
            page = StandardPageFactory(parent=site_tree.home_sv, slug=f"sida-{count}-{number}")
            site_tree.translate(page, slug=f"page-{count}-{number}")

    paths = ["/sitemap.xml", "/sitemap-1.xml"]
    add_pages(5)
    small = [count_queries(client, path) for path in paths]
    add_pages(25)
    paths.append("/sitemap-3.xml")  # with the English tree, across a section boundary
    large = [count_queries(client, path) for path in paths]
    assert len(read_sitemap(client)) == 62
    assert large[:2] == small
    assert large[2] == small[1]
    assert max(large) <= 10
