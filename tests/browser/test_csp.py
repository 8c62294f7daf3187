"""The Content-Security-Policy in real Chromium: the public site and the admin keep working.

Every violation the browser reports is collected (the `securitypolicyviolation` event, which
fires for blocked scripts, styles, frames and connections alike).
"""

import pytest

from tests.factories import StandardPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
        `at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


def violations(page):
    return page.evaluate("window.__cspViolations || []")


@pytest.fixture
def csp_page(browser_page):
    browser_page.add_init_script(COLLECT_VIOLATIONS)
    return browser_page


def test_public_pages_raise_no_violation(live_server, site_tree, csp_page):
    StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    for path in ("/", "/en/", "/om/"):
        response = csp_page.goto(live_server.url + path)
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert violations(csp_page) == [], path
    # The stylesheet is applied: the policy lets our own CSS through.
    color = csp_page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position")
    assert color == "absolute"


def test_editor_edits_rich_text_and_streamfield_and_saves_a_draft(
    live_server, site_tree, csp_page, django_user_model
):
    django_user_model.objects.create_superuser("admin", "a@example.invalid", "a-long-password-1")
    page = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    browser = csp_page
    browser.goto(live_server.url + "/admin/login/")
    browser.fill("#id_username", "admin")
    browser.fill("#id_password", "a-long-password-1")
    browser.click("button[type=submit]")
    browser.wait_for_url(live_server.url + "/admin/")
    assert violations(browser) == []

    browser.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    browser.fill("#id_lead", "En ny ingress skriven i webbläsaren.")
    # StreamField: add a rich-text block and type into Draftail.
    browser.locator(".c-sf-add-button").first.click()
    browser.get_by_role("option", name="Text", exact=True).first.click()
    editor = browser.locator(".public-DraftEditor-content").last
    editor.wait_for()
    editor.click()
    browser.keyboard.type("Brödtext från Draftail.")
    browser.keyboard.press("Control+a")
    browser.keyboard.press("Control+b")
    browser.wait_for_timeout(300)
    # Save a draft.
    browser.get_by_role("button", name="Spara utkast").click()
    browser.wait_for_load_state("networkidle")
    assert violations(browser) == []

    # The public page with the editor's user bar keeps the strict policy and still works.
    browser.goto(live_server.url + "/om/")
    browser.wait_for_load_state("networkidle")
    assert violations(browser) == []

    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.lead == "En ny ingress skriven i webbläsaren."
    assert draft.body[0].block_type == "paragraph"
    assert "<b>Brödtext från Draftail.</b>" in draft.body[0].value.source
