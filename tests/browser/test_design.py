"""The design as a reader sees it: the same pages at phone and desktop widths, in the light and
the dark colour scheme, stay accessible; the layout uses the screen it is given."""

import datetime
import gzip
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import axe_violations
from tests.factories import build_success_factors
from tests.knowledge.factories import ArticlePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, DESKTOP = 360, 1440


@pytest.fixture
def knowledge(site_tree):
    factors = build_success_factors(site_tree)
    swedish, _english = factors["Samverkan"]
    index = swedish.get_parent().specific
    for number in range(4):
        ArticlePageFactory(
            parent=index,
            title=f"Samverkan i praktiken {number}",
            slug=f"samverkan-{number}",
            lead="Hur skola och socialtjänst arbetar tillsammans för att fler ska fullfölja.",
            publication_date=datetime.date(2024, 3, 1 + number),
            body=[("paragraph", "<p>" + "Samverkan över gränserna ger resultat. " * 30 + "</p>")],
            success_factors=[swedish],
        )
    return index


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_home_and_a_listing_pass_axe_at_both_widths_in_both_schemes(
    live_server, knowledge, browser_page, width, scheme
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    for path in ("/", knowledge.url, "/en/"):
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], (path, width, scheme)


@pytest.fixture
def every_page_type(knowledge, site_tree):
    from tests.casestudies.factories import build_section
    from tests.factories import StandardPageFactory
    from tests.literature.factories import build_library
    from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

    section = build_section(site_tree)
    case = section.case("krokom", "plugin", "kia", title="Plug In Krokom")
    library, entries, _tags, _library_en = build_library(site_tree)
    news = NewsIndexPageFactory(parent=site_tree.home_sv, introduction="Nyheter.")
    item = NewsPageFactory(
        parent=news,
        title="Konferens om studieavbrott",
        lead="Välkommen.",
        date=datetime.date(2018, 6, 14),
    )
    NewsPageFactory(
        parent=news, title="Seminarium", lead="Om samverkan.", date=datetime.date(2016, 7, 1)
    )
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    article = knowledge.get_children().type(ArticlePageFactory._meta.model).first()
    factor = knowledge.get_children().live().first()
    pages = [site_tree.home_sv, site_tree.home_en, knowledge, article, factor, news, item, about]
    pages += [section.index_sv, case, library, entries[0]]
    with translation.override("sv"):
        search = reverse("search") + "?q=samverkan"
    return [page.url for page in pages] + [search]


@pytest.fixture
def listings(every_page_type):
    """The listings with facets: Kunskap, Aktuellt, Fallstudier, Litteratur and search."""
    return [every_page_type[index] for index in (2, 5, 8, 10, 12)]


def test_every_page_type_loads_without_a_404_or_console_error(
    live_server, every_page_type, browser_page
):
    page = browser_page
    failures, errors = [], []
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for path in every_page_type:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        icons = page.evaluate(
            "[...document.querySelectorAll('link[rel~=icon], link[rel=apple-touch-icon], "
            "link[rel=manifest]')].map(link => link.rel + ' ' + (link.type || ''))"
        )
        assert sorted(icons) == [
            "apple-touch-icon ",
            "icon image/png",
            "icon image/svg+xml",
            "manifest ",
        ], path
    assert failures == []
    assert errors == []


def test_icons_manifest_and_share_image_are_served_as_what_they_claim(
    live_server, site_tree, browser_page
):
    page = browser_page
    page.goto(live_server.url + "/")
    request = page.context.request
    expected = {
        "link[rel=icon][type='image/svg+xml']": ("image/svg+xml", None),
        "link[rel=icon][type='image/png']": ("image/png", (32, 32)),
        "link[rel=apple-touch-icon]": ("image/png", (180, 180)),
    }
    for selector, (content_type, size) in expected.items():
        response = request.get(page.locator(selector).evaluate("link => link.href"))
        assert response.status == 200, selector
        assert response.headers["content-type"].startswith(content_type), selector
        if size:
            assert png_size(response.body()) == size, selector

    manifest = request.get(page.locator("link[rel=manifest]").evaluate("link => link.href"))
    assert manifest.status == 200
    assert manifest.headers["content-type"] == "application/manifest+json"
    data = manifest.json()
    assert data["name"] == "PlugInnovation"
    assert data["theme_color"] == page.locator(
        "meta[name=theme-color][media*=light]"
    ).get_attribute("content")
    sizes = set()
    for icon in data["icons"]:
        response = request.get(live_server.url + icon["src"])
        assert response.status == 200, icon
        assert response.headers["content-type"].startswith(icon["type"]), icon
        if icon["type"] == "image/png":
            sizes.add(png_size(response.body()))
    assert {(192, 192), (512, 512)} <= sizes

    # A page without a picture of its own is shared with the default image, 1200 × 630.
    share = page.locator("meta[property='og:image']").get_attribute("content")
    response = request.get(live_server.url + urlsplit(share).path)
    assert response.status == 200
    assert png_size(response.body()) == (1200, 630)


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_each_success_factor_card_on_the_home_page_shows_its_named_icon(
    live_server, knowledge, browser_page
):
    page = browser_page
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    page.goto(live_server.url + "/")
    cards = page.locator(".factor-card")
    assert cards.count() == 5
    for card in cards.all():
        title = card.get_by_role("heading").inner_text()
        icon = card.get_by_role("img", name=title)
        assert icon.is_visible(), title
        assert icon.bounding_box()["width"] >= 32


def boxes(page, *selectors):
    return [page.locator(selector).first.bounding_box() for selector in selectors]


def test_wide_listings_put_the_facets_beside_a_grid_of_results(live_server, listings, browser_page):
    page = browser_page
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    for path in listings:
        page.goto(live_server.url + path)
        facets, results = boxes(page, ".filter-disclosure", ".layout--listing > .layout__main")
        assert facets["x"] + facets["width"] <= results["x"], path
        assert facets["y"] < results["y"] + results["height"], path  # side by side, not stacked
        assert results["width"] > 800, path
        assert page.locator(".filter-disclosure summary").first.is_hidden(), path
        first_control = (
            page.locator(".filter-disclosure").locator("input:not([type=hidden]), select, a").first
        )
        assert first_control.is_visible(), path


def test_on_a_phone_the_facets_wait_behind_a_filter_disclosure(live_server, listings, chromium):
    context = chromium.new_context(
        viewport={"width": PHONE, "height": 740}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        for path in listings:
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, path
            disclosure = page.locator("details.filter-disclosure")
            assert disclosure.get_attribute("open") is None, path
            control = disclosure.locator("input:not([type=hidden]), select, a").first
            assert control.is_hidden(), path
            disclosure.get_by_text("Filtrera", exact=True).click()
            assert control.is_visible(), path
    finally:
        context.close()


def test_main_menu_is_a_disclosure_on_a_phone_and_a_row_on_a_desktop(
    live_server, site_tree, chromium
):
    context = chromium.new_context(
        viewport={"width": PHONE, "height": 740}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        menu_link = page.get_by_role("navigation", name="Huvudmeny").get_by_role("link").first
        assert menu_link.is_hidden()
        page.get_by_text("Meny", exact=True).focus()
        page.keyboard.press("Enter")
        assert menu_link.is_visible()
        page.set_viewport_size({"width": DESKTOP, "height": 900})
        page.reload()
        assert menu_link.is_visible()
        assert page.get_by_text("Meny", exact=True).is_hidden()
    finally:
        context.close()


def test_an_article_keeps_a_readable_measure_with_its_facts_beside_it(
    live_server, knowledge, browser_page
):
    page = browser_page
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    article = knowledge.get_children().live().last()
    page.goto(live_server.url + article.url)
    # Characters per line: the paragraph's width over the average width of its characters.
    per_line = page.locator(".prose p").first.evaluate(
        """p => {
            const context = document.createElement("canvas").getContext("2d");
            context.font = getComputedStyle(p).font;
            const average = context.measureText(p.textContent).width / p.textContent.length;
            return p.getBoundingClientRect().width / average;
        }"""
    )
    assert 60 <= per_line <= 75
    text, facts = boxes(page, "article.layout__main", "aside.facts")
    assert text["x"] + text["width"] <= facts["x"]
    assert facts["y"] < text["y"] + text["height"]
    assert page.locator("aside.facts").get_by_role("img").count() == 0  # chips name the factor
    assert page.locator("aside.facts .chip").first.inner_text() == "Samverkan"


def test_the_case_study_map_is_beside_the_results_not_after_them(
    live_server, listings, browser_page
):
    page = browser_page
    for width in (DESKTOP, PHONE):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + listings[2])
        map_box, first_card = boxes(page, ".case-map__svg", ".case-results .card")
        assert map_box["y"] < first_card["y"] or (
            map_box["x"] + map_box["width"] <= first_card["x"]
        ), width


def test_the_home_page_weighs_under_100_kb_compressed(live_server, knowledge, browser_page):
    page = browser_page
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert len(urls) >= 3  # the page, its stylesheet, its script at least
    # Icons and the manifest count too, though a headless browser does not fetch them all.
    urls += page.evaluate(
        "[...document.querySelectorAll('link[rel~=icon], link[rel=apple-touch-icon], "
        "link[rel=manifest]')].map(link => link.href)"
    )
    assert all(url.startswith(live_server.url) for url in urls)
    total = 0
    for url in set(urls):
        body = page.context.request.get(url).body()
        total += len(gzip.compress(body, 9))
    assert total < 100_000
