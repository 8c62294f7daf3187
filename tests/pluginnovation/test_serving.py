"""Pages are served by Wagtail's own view: every view restriction is checked on every request.

Each restriction type is added after the page was read (and so cached, whole or in fragments)
by an anonymous reader and by one with a cookie; neither may read it afterwards. The cookie
reader's page is rendered from cached fragments, so these also show that no fragment outlives
a restriction.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from pluginnovation.caching import routing
from pluginnovation.caching.cache import bump_content_version
from tests.factories import StandardPageFactory, uncached_client

pytestmark = pytest.mark.django_db

SECRET = "Hemligt innehåll."


@pytest.fixture
def about(site_tree):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om", lead="Vi.")
    StandardPageFactory(parent=about, title="Styrelsen", slug="styrelsen", lead=SECRET)
    return about


def restrict(page, kind):
    if kind == "password":
        return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="x1")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    if kind == "groups":
        restriction.groups.add(Group.objects.create(name="Styrelsen"))
    return restriction


def assert_refused(response):
    body = response.content.decode()
    assert SECRET not in body
    if response.status_code == 200:
        assert 'name="password"' in body  # Wagtail's password form
    else:
        assert response.status_code == 302  # to the login page
        assert "login" in response["Location"]


@pytest.mark.parametrize("kind", ["password", "login", "groups"])
@pytest.mark.parametrize("on", ["page", "ancestor"])
def test_a_restriction_holds_at_once_for_every_reader(about, committed, kind, on):
    readers = [Client(), uncached_client()]
    target = about if on == "ancestor" else about.get_children().get().specific
    for reader in readers:
        for _ in range(2):
            assert SECRET in reader.get("/om/styrelsen/").content.decode()
    with committed():
        restrict(target, kind)
    for reader in readers:
        assert_refused(reader.get("/om/styrelsen/"))


def test_a_restriction_on_an_english_page_holds(site_tree, about, committed):
    english = site_tree.translate(about, title="About us", slug="about", lead=SECRET)
    reader = uncached_client()
    assert SECRET in reader.get("/en/about/").content.decode()
    with committed():
        restrict(english, "login")
    assert_refused(reader.get("/en/about/"))
    assert_refused(Client().get("/en/about/"))


def test_an_alias_follows_the_restriction_of_its_source(site_tree, about, committed):
    source = about.get_children().get().specific
    source.create_alias(parent=site_tree.home_sv, update_slug="styrelsen-alias")
    reader = uncached_client()
    assert SECRET in reader.get("/styrelsen-alias/").content.decode()
    with committed():
        restrict(source, "password")
    assert_refused(reader.get("/styrelsen-alias/"))
    assert_refused(Client().get("/styrelsen-alias/"))


def test_a_moved_page_is_found_at_its_new_address_at_once(site_tree, about, committed):
    reader = uncached_client()
    other = StandardPageFactory(parent=site_tree.home_sv, title="Kontakt", slug="kontakt")
    assert reader.get("/om/").status_code == 200
    with committed():
        about.move(other, pos="last-child")
    # The old address now redirects (Wagtail's automatic redirect) instead of serving it.
    old = reader.get("/om/")
    assert old.status_code == 301
    assert old["Location"].endswith("/kontakt/om/")
    assert "Vi." in reader.get("/kontakt/om/").content.decode()


def test_an_unknown_address_is_a_404(about):
    reader = uncached_client()
    reader.get("/om/")
    assert reader.get("/om/finns-inte/").status_code == 404
    assert reader.get("/finns-inte/").status_code == 404


def test_english_addresses_lead_to_english_pages(site_tree, about):
    reader = uncached_client()
    site_tree.translate(about, title="About us", slug="about", lead="Us.")
    assert "Vi." in reader.get("/om/").content.decode()
    assert "Us." in reader.get("/en/about/").content.decode()
    assert reader.get("/en/om/").status_code == 404


@pytest.mark.parametrize("listed", ["gone", "another page", "none"])
def test_pages_are_found_when_wagtails_site_root_paths_are_out_of_date(
    site_tree, about, monkeypatch, listed
):
    """The route takes the home page's address from Wagtail's cached list of site root paths;
    a list that names a home page no longer there, an address another page has now, or none
    in the language must not lead the site astray (the route asks the database instead)."""
    site_tree.translate(about, title="About us", slug="about", lead="Us.")
    named = {"gone": "/hem-som-flyttat/", "another page": about.url_path, "none": None}[listed]
    monkeypatch.setattr(routing, "_home_url_path", lambda site: named)
    bump_content_version()
    reader = uncached_client()
    assert "Vi." in reader.get("/om/").content.decode()
    assert "Us." in reader.get("/en/about/").content.decode()
    assert reader.get("/").status_code == 200
    assert reader.get("/om/finns-inte/").status_code == 404
