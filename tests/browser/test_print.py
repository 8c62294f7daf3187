import pytest

from tests.factories import StandardPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DISPLAY = "selector => getComputedStyle(document.querySelector(selector)).display"
AFTER = "element => getComputedStyle(element, '::after').content"


def test_printed_page_is_the_content_with_link_addresses(live_server, site_tree, browser_page):
    page_model = StandardPageFactory(
        parent=site_tree.home_sv,
        title="Framgångsfaktorer",
        slug="framgangsfaktorer",
        body=[
            (
                "paragraph",
                '<p>Läs <a href="https://www.skr.se/plugin">rapporten</a> och '
                '<a href="/om/">om oss</a>.</p>',
            )
        ],
    )
    page = browser_page
    page.goto(live_server.url + page_model.url)
    assert page.evaluate(DISPLAY, ".site-header") != "none"

    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".skip-link"):
        assert page.evaluate(DISPLAY, selector) == "none", selector
    assert page.get_by_role("heading", level=1).is_visible()
    external = page.get_by_role("link", name="rapporten")
    internal = page.get_by_role("link", name="om oss")
    assert external.evaluate(AFTER) == '" (https://www.skr.se/plugin)"'
    assert internal.evaluate(AFTER) == '" (/om/)"'
