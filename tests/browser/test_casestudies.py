import pytest

from tests.browser.conftest import axe_violations
from tests.casestudies.factories import build_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def section(site_tree):
    section = build_section(site_tree)
    section.case("are", "plugin2", "prevention", title="Mörsil")
    section.case("krokom", "plugin", "kia", title="Plug In Krokom")
    section.case("stromsund", "plugin", "prevention", title="Plug In Strömsund")
    section.case("partille", "plugin", "kia", title="Plug In Partille – Porten")
    return section


def test_reader_filters_by_region_without_javascript_and_follows_the_map(
    live_server, section, chromium
):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server.url + "/fallstudier/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("radio", name="Region Jämtland Härjedalen (3)").check()
    page.get_by_role("button", name="Visa resultat").click()
    page.wait_for_url("**/fallstudier/?region=region-jamtland-harjedalen*")
    cards = page.locator(".case-results .card__title").all_inner_texts()
    assert sorted(cards) == ["Mörsil", "Plug In Krokom", "Plug In Strömsund"]
    assert page.get_by_text("Prenumerera på det här urvalet (RSS)").is_visible()
    page.locator(".case-map__list").get_by_role("link", name="Krokom").click()
    page.wait_for_url("**/fallstudier/?municipality=2309")
    assert page.locator(".case-results .card__title").all_inner_texts() == ["Plug In Krokom"]
    assert all(url.startswith(live_server.url) for url in requests)
    context.close()


def test_case_study_pages_have_no_axe_violations(live_server, site_tree, section, browser_page):
    page = browser_page
    page.goto(live_server.url + "/fallstudier/")
    markers = page.locator("svg a.case-map__marker")
    assert markers.count() == 4
    assert axe_violations(page) == []
    page.goto(live_server.url + "/fallstudier/?region=region-jamtland-harjedalen&round=plugin")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Plug In Krokom").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Plug In Krokom"
    assert axe_violations(page) == []
    page.goto(live_server.url + "/en/case-studies/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == []
    # A keyboard user reaches the map's markers.
    page.goto(live_server.url + "/fallstudier/")
    page.locator("svg a.case-map__marker").first.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").endswith(
        "1 fallstudie"
    )


@pytest.mark.parametrize("width", [360, 1440])
def test_case_study_facts_with_the_small_map_beside_the_text_or_above_it(
    live_server, section, browser_page, width
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/fallstudier/")
    page.get_by_role("link", name="Plug In Krokom").first.click()
    facts = page.get_by_role("complementary", name="Fakta")
    place_map = facts.get_by_role("img", name="Karta: Krokom i Region Jämtland Härjedalen")
    assert place_map.is_visible()
    panel, text = facts.bounding_box(), page.locator(".case-study .prose").bounding_box()
    if width > 1000:
        assert panel["x"] >= text["x"] + text["width"]  # a side column
        assert panel["y"] < text["y"] + text["height"]
    else:
        assert panel["y"] + panel["height"] <= text["y"]  # the facts first, then the text
    assert axe_violations(page) == []
