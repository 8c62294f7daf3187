"""An anonymous reader's browser: no cookie set and no request to anyone but us."""

import io
import re
from urllib.parse import urlparse

import defusedxml.ElementTree as ET
import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from tests.browser.conftest import axe_violations
from tests.factories import LocaleFactory, StandardPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def load_demo_site():
    """The demo content of every app: the one tree here that holds every page type."""
    # A transactional test flushes the tree's root too.
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=LocaleFactory()))
    call_command("load_demo", stdout=io.StringIO())


def one_page_per_type_and_language():
    chosen = {}
    for page in Page.objects.live().public().filter(depth__gt=1).select_related("locale"):
        chosen.setdefault((page.content_type_id, page.locale.language_code), page)
    return [page.url for page in chosen.values()]


def reader_visits(context, base_url, paths):
    """Load each path and search as a reader; every URL the browser requested."""
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in paths:
        page.goto(base_url + path)
        assert page.locator("html").get_attribute("lang") in {"sv", "en"}
    # A search as a reader makes it: through the search form where the site has one.
    page.goto(base_url + "/")
    search_box = page.get_by_role("search").get_by_role("searchbox")
    if search_box.count():
        search_box.first.fill("studieavbrott")
        search_box.first.press("Enter")
        page.wait_for_load_state()
    else:
        page.goto(base_url + "/sok/?q=studieavbrott")
    assert page.evaluate("document.cookie") == ""
    return requested


def test_every_page_type_leaves_no_cookie_and_calls_no_one(live_server, chromium):
    load_demo_site()
    paths = one_page_per_type_and_language()
    assert len(paths) >= 4
    paths.append("/finns-inte/")
    context = chromium.new_context()
    try:
        requested = reader_visits(context, live_server.url, paths)
        assert context.cookies() == []
    finally:
        context.close()
    assert len(requested) > len(paths)
    leaving = [url for url in requested if urlparse(url).hostname not in LOCAL_HOSTS]
    assert leaving == [], leaving


def sitemap_paths():
    """Every public page, in both languages, as the sitemap's sections list them."""
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    client = Client()

    def locations(path):
        root = ET.fromstring(client.get(path).content)
        return [urlparse(loc.text).path for loc in root.iter(f"{namespace}loc")]

    return [path for section in locations("/sitemap.xml") for path in locations(section)]


def test_anonymous_reader_gets_no_cookie_and_no_third_party_request(
    live_server, site_tree, chromium
):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    site_tree.translate(about, title="About us", slug="about")
    swedish_only = StandardPageFactory(parent=about, title="Bara svenska", slug="bara-svenska")
    paths = sitemap_paths()
    assert len(paths) == 5
    paths += [f"/en/untranslated/{swedish_only.pk}/", "/finns-inte/"]

    context = chromium.new_context()
    try:
        requested = reader_visits(context, live_server.url, paths)
        assert context.cookies() == []
    finally:
        context.close()

    assert len(requested) > len(paths)
    leaving = [url for url in requested if urlparse(url).hostname not in LOCAL_HOSTS]
    assert leaving == [], leaving


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("/tillganglighet/", "sv"),
        ("/en/accessibility/", "en"),
        ("/personuppgifter-och-kakor/", "sv"),
        ("/en/privacy-and-cookies/", "en"),
    ],
)
def test_statement_pages_as_shipped_are_accessible(live_server, browser_page, path, language):
    # The statements are content: check the ones the site ships with (see
    # tests/pluginnovation/test_accessibility_statement.py).
    load_demo_site()
    page = browser_page
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == language
    footer_link = page.locator("footer").get_by_role("link", name=re.compile("ccessib|illgänglig"))
    assert footer_link.count() == 1
    assert axe_violations(page) == []
