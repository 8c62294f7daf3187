"""Anonymous readers get no cookie anywhere: the language lives in the URL, not in a cookie."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site_tree):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    site_tree.translate(about, title="About us", slug="about")
    StandardPageFactory(parent=about, title="Bara svenska", slug="bara-svenska")
    return site_tree


def assert_no_cookie(response):
    assert response.status_code < 500
    assert not response.cookies, f"{response.request['PATH_INFO']} set {list(response.cookies)}"
    assert not response.has_header("Set-Cookie")


def test_every_live_page_of_every_type_sets_no_cookie(client, tree):
    pages = Page.objects.live().public().specific()
    types = {type(page) for page in pages}
    assert len(types) >= 2
    for page in pages:
        url = page.get_url()
        if url is None:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_cookie(response)
    assert not client.cookies


@pytest.mark.parametrize(
    "path",
    [
        "/sitemap.xml",
        "/sitemap-1.xml",
        "/robots.txt",
        "/api/v2/pages/",
        "/no-such-page/",
        "/en/no-such-page/",
        "/sok/?q=studieavbrott",
        "/en/search/?q=dropout",
        "/?page=%FF%FE&filter=%00",
    ],
)
def test_other_public_addresses_set_no_cookie(client, tree, path):
    assert_no_cookie(client.get(path))


def test_untranslated_notice_sets_no_cookie(client, tree):
    page = Page.objects.get(slug="bara-svenska")
    response = client.get(f"/en/untranslated/{page.pk}/")
    assert response.status_code == 200
    assert_no_cookie(response)


def test_choosing_a_language_sets_no_cookie(client, tree):
    response = client.get("/en/about/", HTTP_ACCEPT_LANGUAGE="en")
    assert_no_cookie(response)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert_no_cookie(response)


def test_every_page_of_the_demo_site_sets_no_cookie(client, db):
    """The demo content of every app holds every page type the site has."""
    call_command("load_demo", stdout=io.StringIO())
    urls = [page.url for page in Page.objects.live().public().filter(depth__gt=1)]
    assert len(urls) >= 8
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_cookie(response)
