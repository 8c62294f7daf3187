import pytest

from pluginnovation.site.models import StandardPage
from tests.browser.conftest import axe_violations
from tests.search.conftest import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_picks_a_suggestion_with_the_keyboard(live_server, site_tree, browser_page):
    publish(
        site_tree.home_sv,
        StandardPage(title="Mentorskap i Härryda", lead="Mentorskapet ger eleverna stöd."),
    )
    page = browser_page
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Sök på webbplatsen")
    box.fill("mentor")
    option = page.get_by_role("option", name="Mentorskap i Härryda")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert axe_violations(page) == []

    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/mentorskap-i-harryda/")


def test_reader_searches_and_filters_results(live_server, site_tree, browser_page):
    publish(
        site_tree.home_sv,
        StandardPage(title="Om mentorer", lead="Mentorskapet ger eleverna stöd."),
    )
    page = browser_page
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Sök på webbplatsen")
    box.fill("mentorskap")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=mentorskap")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator(".search-result__title").all_inner_texts() == ["Om mentorer"]
    assert page.locator("mark").first.inner_text() == "Mentorskapet"
    assert axe_violations(page) == []

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/search/?q=mentorskap")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "0 results" in page.locator(".search-summary").inner_text()
    assert axe_violations(page) == []
