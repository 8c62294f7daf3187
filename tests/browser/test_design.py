"""The design as a reader sees it: the same pages at phone and desktop widths, in the light and
the dark colour scheme, stay accessible; the layout uses the screen it is given."""

import datetime

import pytest

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
