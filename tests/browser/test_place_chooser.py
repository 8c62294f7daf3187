"""The admin's place chooser in real Chromium: an editor finds a municipality by typing."""

import pytest

from tests.casestudies.factories import build_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-password-1"


def test_editor_searches_the_municipality_chooser(
    live_server, site_tree, browser_page, django_user_model
):
    from playwright.sync_api import expect

    section = build_section(site_tree)
    case = section.case("are", title="Mörsil")
    django_user_model.objects.create_superuser("admin", "a@example.invalid", PASSWORD)
    browser = browser_page
    browser.goto(live_server.url + "/admin/login/")
    browser.fill("#id_username", "admin")
    browser.fill("#id_password", PASSWORD)
    browser.click("button[type=submit]")
    browser.wait_for_url(live_server.url + "/admin/")

    browser.goto(f"{live_server.url}/admin/pages/{case.pk}/edit/")
    # The chosen municipality's actions menu: "choose another".
    browser.locator("#id_municipality-chooser .w-dropdown__toggle").click()
    browser.locator("button[data-chooser-action-choose]:visible").first.click()
    search = browser.locator("#id_q")
    search.wait_for()
    search.fill("Krok")
    results = browser.locator("#search-results")
    # The results are replaced as the editor types.
    expect(results).not_to_contain_text("Strömsund")
    expect(results).to_contain_text("Krokom")
    assert "Åre" not in results.inner_text()
    results.get_by_role("link", name="Krokom").click()
    browser.get_by_role("button", name="Spara utkast").click()
    browser.wait_for_load_state("networkidle")

    case.refresh_from_db()
    assert case.get_latest_revision_as_object().municipality == section.municipalities["krokom"]
