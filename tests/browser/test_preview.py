"""The editor's side-panel preview in real Chromium, under the production headers.

Wagtail renders a preview by sending a dummy request for the page's public address through
the middleware, so it would get the public policy (`frame-ancestors 'none'`) and the browser
would refuse to frame it; previews allow the admin (`'self'`) to frame them, public pages
still allow nobody.
"""

import pytest

from pluginnovation.accounts.security import parse_csp_header
from tests.factories import StandardPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-password-1"


def test_the_side_panel_preview_renders_the_page(
    live_server, site_tree, browser_page, django_user_model
):
    django_user_model.objects.create_superuser("admin", "a@example.invalid", PASSWORD)
    page = StandardPageFactory(
        parent=site_tree.home_sv,
        title="Om oss",
        slug="om",
        lead="Ingressen syns i förhandsvisningen.",
    )
    page.save_revision().publish()
    browser = browser_page
    blocked = []
    browser.on(
        "console", lambda message: blocked.append(message.text) if "frame" in message.text else None
    )
    browser.goto(live_server.url + "/admin/login/")
    browser.fill("#id_username", "admin")
    browser.fill("#id_password", PASSWORD)
    browser.click("button[type=submit]")
    browser.wait_for_url(live_server.url + "/admin/")

    browser.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    browser.fill("#id_lead", "En ändrad ingress, ännu inte sparad.")
    with browser.expect_response(
        lambda response: "/preview/" in response.url and response.request.method == "GET"
    ) as preview:
        browser.locator('[data-side-panel-toggle="preview"]').click()
    policy = parse_csp_header(preview.value.headers["content-security-policy"])
    assert policy["frame-ancestors"] == ["'self'"]

    frame = browser.frame_locator("#w-preview-iframe")
    frame.locator("main").get_by_text("En ändrad ingress, ännu inte sparad.").wait_for(
        timeout=15_000
    )
    assert frame.locator("h1").first.inner_text() == "Om oss"
    assert not blocked, blocked

    # The checks panel reads the framed page: words, reading time and readability are counted.
    browser.locator('[data-side-panel-toggle="checks"]').click()
    words = browser.locator("[data-content-word-count]")
    browser.wait_for_function(
        "document.querySelector('[data-content-word-count]').textContent.trim() !== '-'",
        timeout=15_000,
    )
    assert int(words.inner_text().split()[0]) > 0
    assert browser.locator("[data-content-reading-time]").inner_text().strip() != "-"

    # The public page itself may still be framed by nobody.
    public = browser.request.get(live_server.url + "/om/")
    assert parse_csp_header(public.headers["content-security-policy"])["frame-ancestors"] == [
        "'none'"
    ]
