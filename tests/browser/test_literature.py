import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.literature.factories import build_library

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_narrows_the_library_with_facets_without_javascript(
    live_server, site_tree, chromium
):
    build_library(site_tree, translate=True)
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/litteratur/")
        assert page.locator("html").get_attribute("lang") == "sv"
        expect(page.locator("[data-listing-count]")).to_have_text("5 poster")

        page.get_by_role("checkbox", name="Gymnasieskolan (3)").check()
        page.get_by_role("button", name="Visa resultat").click()
        page.wait_for_url("**/litteratur/?tag=gymnasieskolan*")
        expect(page.locator("[data-listing-count]")).to_have_text("3 poster")

        page.get_by_role("checkbox", name="Forskning (1)").check()
        page.get_by_role("button", name="Visa resultat").click()
        expect(page.locator("[data-listing-count]")).to_have_text("1 post")
        assert "tag=forskning" in page.url

        page.get_by_role("link", name="Ta bort Forskning").click()
        expect(page.locator("[data-listing-count]")).to_have_text("3 poster")

        page.get_by_role("link", name="Detta ideliga mötande", exact=False).first.click()
        assert page.get_by_role("heading", level=1).inner_text().startswith("Detta ideliga")
        assert "Möllås, G. (2009)." in page.locator(".reference").inner_text()
    finally:
        context.close()


def test_swedish_library_and_entry_have_no_axe_violations(live_server, site_tree, browser_page):
    # axe runs as a script, so this check needs JavaScript on.
    _, entries, _, _ = build_library(site_tree)
    page = browser_page
    page.goto(live_server.url + "/litteratur/?tag=gymnasieskolan&tag=forskning")
    expect(page.locator("[data-listing-count]")).to_have_text("1 post")
    assert axe_violations(page) == []
    page.goto(live_server.url + entries[2].url)
    assert page.locator("h1").get_attribute("lang") == "en"
    assert axe_violations(page) == []


def test_english_library_shows_english_labels_and_marks_swedish_titles(
    live_server, site_tree, browser_page
):
    build_library(site_tree, translate=True)
    page = browser_page
    page.goto(live_server.url + "/en/literature/?tag=gymnasieskolan")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("[data-listing-count]")).to_have_text("3 entries")
    assert page.get_by_role("checkbox", name="Upper secondary school (3)").is_checked()
    swedish_title = page.get_by_role("link", name="Grunderna för gymnasiets läroplan 2003")
    assert swedish_title.get_attribute("lang") == "sv"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Grunderna för gymnasiets läroplan 2003").click()
    assert page.locator("h1").get_attribute("lang") == "sv"
    assert page.get_by_role("link", name="Upper secondary school").is_visible()
    assert axe_violations(page) == []
