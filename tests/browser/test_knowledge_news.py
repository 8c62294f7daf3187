import datetime

import pytest

from pluginnovation.site.models import NavigationItem, SiteNavigation
from tests.browser.conftest import axe_violations
from tests.knowledge.factories import (
    ArticlePageFactory,
    KnowledgeIndexPageFactory,
    SuccessFactorPageFactory,
)
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(site_tree):
    tree = site_tree
    news_index = NewsIndexPageFactory(parent=tree.home_sv, introduction="Nyheter.")
    news_index_en = tree.translate(news_index, title="News", slug="news", introduction="News.")
    item = NewsPageFactory(
        parent=news_index,
        title="Helhetsgrepp för att motverka studieavbrott",
        slug="helhetsgrepp",
        date=datetime.date(2018, 6, 14),
        lead="Slutrapporten av Plug In.",
        body=[("paragraph", "<p>Fem framgångsfaktorer.</p>")],
        event_date=datetime.date(2018, 6, 20),
        event_place="Stockholm",
    )
    tree.translate(
        item,
        title="A comprehensive approach to preventing school dropout",
        slug="comprehensive-approach",
        lead="The final report of Plug In.",
    )
    knowledge = KnowledgeIndexPageFactory(parent=tree.home_sv)
    tree.translate(knowledge, title="Knowledge", slug="knowledge")
    factor = SuccessFactorPageFactory(parent=knowledge, title="Samverkan", slug="samverkan")
    ArticlePageFactory(
        parent=knowledge,
        title="Betydelsen av bemötande",
        slug="bemotande",
        body=[("heading", {"text": "Varför?", "level": "h2"}), ("paragraph", "<p>Därför.</p>")],
        last_reviewed=datetime.date(2024, 1, 1),
        success_factors=[factor],
    )
    for navigation, page in (
        (SiteNavigation.objects.get(locale=tree.locale_sv), news_index),
        (SiteNavigation.objects.get(locale=tree.locale_en), news_index_en),
    ):
        NavigationItem.objects.create(navigation=navigation, page=page, sort_order=5)
    return tree


def test_reader_goes_from_home_to_a_news_item_and_on_to_english(live_server, content, browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    assert axe_violations(page) == []
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Aktuellt").click()
    page.wait_for_url(live_server.url + "/aktuellt/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", level=1).inner_text() == "Aktuellt"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Helhetsgrepp för att motverka studieavbrott").first.click()
    page.wait_for_url(live_server.url + "/aktuellt/helhetsgrepp/")
    assert "14 juni 2018" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.get_by_role("link", name="English").click()
    page.wait_for_url(live_server.url + "/en/news/comprehensive-approach/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == (
        "A comprehensive approach to preventing school dropout"
    )
    assert "14 June 2018" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.goto(live_server.url + "/en/news/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path", ["/kunskap/", "/kunskap/samverkan/", "/kunskap/bemotande/", "/kunskap/?kind=article"]
)
def test_knowledge_pages_have_no_axe_violations(live_server, content, browser_page, path):
    page = browser_page
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", level=1).is_visible()
    assert axe_violations(page) == []
