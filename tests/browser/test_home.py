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


@pytest.fixture
def portal(site_tree):
    """The five success factors, an article and case studies in two regions, in Swedish."""
    from tests.casestudies.factories import build_section
    from tests.factories import build_success_factors
    from tests.knowledge.factories import ArticlePageFactory

    factors = build_success_factors(site_tree)
    samverkan = factors["Samverkan"][0]
    ArticlePageFactory(parent=samverkan.get_parent(), success_factors=[samverkan])
    section = build_section(site_tree)
    for municipality, title in [("are", "Mörsil"), ("krokom", "Krokom"), ("partille", "Porten")]:
        section.case(municipality, title=title)
    site_tree.translate(section.case("krokom", title="Krokom igen"), title="Krokom (en)")
    return section


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1440])
def test_home_hero_leads_on_and_the_map_counts_the_case_studies(
    live_server, portal, browser_page, width, scheme
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    page.goto(live_server.url + "/")
    hero = page.locator(".hero")
    assert "hjälper fler unga att fullfölja gymnasiet" in hero.inner_text()
    # A band of the brand colour, not the page's own background.
    background = hero.evaluate("element => getComputedStyle(element).backgroundColor")
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != page_background
    assert hero.get_by_role("link", name="Läs om framgångsfaktorerna").is_visible()
    assert hero.get_by_role("link", name="Se fallstudierna").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    section = page.get_by_role("region", name="Fallstudier i hela Sverige")
    assert section.get_by_role("link", name="Krokom: 2 fallstudier").is_visible()
    assert axe_violations(page) == []

    section.get_by_role("link", name="Göteborgsregionens kommunalförbund").click()
    page.wait_for_url("**/fallstudier/?region=goteborgsregionen")
    assert page.locator(".case-results .card__title").all_inner_texts() == ["Porten"]


def test_english_home_states_its_purpose_and_maps_the_english_case_studies(
    live_server, portal, browser_page
):
    page = browser_page
    page.goto(live_server.url + "/en/")
    hero = page.locator(".hero")
    assert "help more young people complete upper secondary school" in hero.inner_text()
    hero.get_by_role("link", name="See the case studies").click()
    page.wait_for_url("**/en/case-studies/")
    page.go_back()
    section = page.get_by_role("region", name="Case studies across Sweden")
    assert section.get_by_role("link", name="Krokom: 1 case study").is_visible()
    assert axe_violations(page) == []
