import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_switches_from_swedish_to_english(live_server, site_tree, browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", level=1).inner_text() == "PlugInnovation"
    assert axe_violations(page) == []

    page.get_by_role("link", name="English").click()
    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "digital platform on dropout" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Svenska").click()
    page.wait_for_url(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "sv"


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(live_server, site_tree, browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("width", [1280, 1600])
def test_main_menu_lines_up_with_the_site_name_on_wide_screens(
    live_server, site_tree, browser_page, width
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/")
    name = page.locator(".site-name").bounding_box()
    first_item = page.locator(".main-nav a").first.bounding_box()
    assert abs(first_item["x"] - name["x"]) <= 1
