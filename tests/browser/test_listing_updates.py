"""Facets behave the same on every listing: with JavaScript on, choosing or removing a filter
updates the results in place (no page load), the address follows and Back returns; the count is
a status message; focus stays where the reader was."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.casestudies.factories import build_section
from tests.literature.factories import build_library

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def mark_document(page):
    """A value that survives only as long as the page is not loaded again."""
    page.evaluate("window.stillTheSamePage = true")


def same_document(page):
    return page.evaluate("window.stillTheSamePage === true")


def test_library_facets_update_the_results_in_place(live_server, site_tree, browser_page):
    build_library(site_tree)
    page = browser_page
    page.goto(live_server.url + "/litteratur/")
    count = page.locator("[data-listing-count]")
    expect(count).to_have_text("5 poster")
    assert count.get_attribute("role") == "status"
    mark_document(page)

    checkbox = page.get_by_role("checkbox", name="Gymnasieskolan (3)")
    checkbox.check()
    expect(count).to_have_text("3 poster")
    page.wait_for_url("**/litteratur/?tag=gymnasieskolan")
    assert same_document(page)
    # The reader's place is kept: the checkbox just chosen still has the focus.
    assert page.evaluate("document.activeElement.name") == "tag"
    assert page.evaluate("document.activeElement.value") == "gymnasieskolan"
    assert page.title().startswith("Litteratur")

    page.get_by_role("checkbox", name="Forskning (1)").check()
    expect(count).to_have_text("1 post")
    chips = page.locator(".active-filters")
    expect(chips.get_by_role("link", name="Ta bort Forskning")).to_be_visible()
    assert axe_violations(page) == []

    chips.get_by_role("link", name="Ta bort Forskning").click()
    expect(count).to_have_text("3 poster")
    page.wait_for_url("**/litteratur/?tag=gymnasieskolan")
    assert not page.get_by_role("checkbox", name="Forskning (1)").is_checked()

    page.go_back()
    expect(count).to_have_text("1 post")
    assert "tag=forskning" in page.url

    page.locator(".active-filters").get_by_role("link", name="Rensa alla").click()
    expect(count).to_have_text("5 poster")
    page.wait_for_url(live_server.url + "/litteratur/")
    assert page.locator(".active-filters").count() == 0
    assert same_document(page)

    # Every state is an address: loaded afresh it shows the same.
    page.goto(live_server.url + "/litteratur/?tag=gymnasieskolan&tag=forskning")
    expect(count).to_have_text("1 post")


def test_case_study_facets_are_radio_lists_with_counts_and_update_in_place(
    live_server, site_tree, browser_page
):
    section = build_section(site_tree)
    section.case("are", "plugin2", "prevention", title="Mörsil")
    section.case("krokom", "plugin", "kia", title="Plug In Krokom")
    section.case("partille", "plugin", "kia", title="Plug In Partille – Porten")
    page = browser_page
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(live_server.url + "/fallstudier/")
    count = page.locator("[data-listing-count]")
    expect(count).to_have_text("3 fallstudier")
    rounds = page.locator("figure:has(#chart-rounds) rect title")
    expect(rounds).to_have_text(["Plug In 2.0 (2015–2018): 1", "Plug In (2012–2015): 2"])
    assert page.locator("form[data-listing-form] select").count() == 0
    mark_document(page)

    page.get_by_role("radio", name="Region Jämtland Härjedalen (2)").check()
    expect(count).to_have_text("2 fallstudier")
    page.wait_for_url("**/fallstudier/?region=region-jamtland-harjedalen")
    cards = page.locator(".case-results .card__title").all_inner_texts()
    assert sorted(cards) == ["Mörsil", "Plug In Krokom"]
    # The charts beside the results follow the selection too (the map shows every place).
    expect(rounds).to_have_text(["Plug In 2.0 (2015–2018): 1", "Plug In (2012–2015): 1"])
    expect(page.locator("svg a.case-map__marker")).to_have_count(3)
    assert same_document(page)

    page.get_by_role("radio", name="Alla").first.check()
    expect(count).to_have_text("3 fallstudier")
    page.wait_for_url(live_server.url + "/fallstudier/")
    assert same_document(page)


def test_without_javascript_the_same_facets_work_by_sending_the_form(
    live_server, site_tree, chromium
):
    section = build_section(site_tree)
    section.case("are", "plugin2", "prevention", title="Mörsil")
    section.case("partille", "plugin", "kia", title="Plug In Partille – Porten")
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/fallstudier/")
        page.get_by_role("radio", name="Plug In 2.0 (2015–2018) (1)").check()
        page.get_by_role("button", name="Visa resultat").click()
        page.wait_for_url("**/fallstudier/?*round=plugin2*")
        expect(page.locator("[data-listing-count]")).to_have_text("1 fallstudie")
        page.get_by_role("link", name="Rensa alla").click()
        expect(page.locator("[data-listing-count]")).to_have_text("2 fallstudier")
    finally:
        context.close()
