"""Where a URL leads is remembered until the next edit; what readers may see is not relaxed.

Each request here carries a cookie, so the page cache steps aside and the page is rendered:
these are the remembered routes at work, not cached responses.
"""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory, uncached_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return uncached_client()


@pytest.fixture
def about(site_tree):
    return StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om", lead="Vi.")


def test_a_remembered_page_costs_one_query(reader, about, django_assert_num_queries):
    assert reader.get("/om/").status_code == 200
    # The page itself: no site, route, locale, restriction, navigation, language-switcher or
    # metadata queries until the next edit.
    with django_assert_num_queries(1):
        response = reader.get("/om/")
    assert "Vi." in response.content.decode()


def test_a_password_set_after_the_route_was_remembered_is_asked_for(reader, about):
    child = StandardPageFactory(parent=about, title="Styrelsen", slug="styrelsen", lead="Hemligt.")
    for path in ("/om/", "/om/styrelsen/"):
        assert reader.get(path).status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type="password", password="x1")
    for path in ("/om/", "/om/styrelsen/"):
        response = reader.get(path)
        body = response.content.decode()
        assert 'name="password"' in body
        assert "Vi." not in body
        assert "Hemligt." not in body
    assert child.title not in reader.get("/om/styrelsen/").content.decode()


def test_a_moved_page_is_found_at_its_new_address_at_once(reader, site_tree, about):
    other = StandardPageFactory(parent=site_tree.home_sv, title="Kontakt", slug="kontakt")
    assert reader.get("/om/").status_code == 200
    about.move(other, pos="last-child")
    # The old address now redirects (Wagtail's automatic redirect) instead of serving it.
    old = reader.get("/om/")
    assert old.status_code == 301
    assert old["Location"].endswith("/kontakt/om/")
    assert "Vi." in reader.get("/kontakt/om/").content.decode()


def test_an_unknown_address_is_still_a_404_after_others_were_remembered(reader, about):
    reader.get("/om/")
    assert reader.get("/om/finns-inte/").status_code == 404
    assert reader.get("/finns-inte/").status_code == 404


def test_english_addresses_lead_to_english_pages(reader, site_tree, about):
    site_tree.translate(about, title="About us", slug="about", lead="Us.")
    assert "Vi." in reader.get("/om/").content.decode()
    assert "Us." in reader.get("/en/about/").content.decode()
    assert reader.get("/en/om/").status_code == 404
