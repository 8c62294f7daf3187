"""Editor-written text is data, never markup: on the public site and in the admin listings.

Project leads from many municipalities write content that editors and administrators then
open; a payload in any field or block we define must reach them escaped.
"""

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.utils.html import escape
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.documents.models import Document
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pluginnovation.site.blocks import BodyBlock, LinkBlock
from pluginnovation.site.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"
RAW_MARKERS = ["<script>alert", "<img src=x onerror", "onerror=alert(1)>"]
ESCAPED = "&lt;script&gt;alert("


class ImageFactory(wagtail_factories.ImageFactory):
    title = PAYLOAD


@pytest.fixture
def hostile_page(site_tree, django_user_model):
    document = Document.objects.create(title=PAYLOAD)
    document.file.save("rapport.pdf", __import__("io").BytesIO(b"%PDF-1.4"), save=True)
    page = StandardPageFactory(
        parent=site_tree.home_sv,
        title=PAYLOAD,
        seo_title=PAYLOAD,
        search_description=PAYLOAD,
        slug="xss",
        lead=PAYLOAD,
        body=[
            ("heading", {"text": PAYLOAD, "level": "h2"}),
            ("paragraph", RichText(f"<p>{escape(PAYLOAD)}</p>")),
            ("quote", {"text": PAYLOAD, "attribution": PAYLOAD}),
            ("image", {"image": ImageFactory(), "alt_text": PAYLOAD, "caption": PAYLOAD}),
            ("document", {"document": document, "title": PAYLOAD}),
            ("document", {"document": document, "title": ""}),
            ("fact_box", {"title": PAYLOAD, "body": RichText(f"<p>{escape(PAYLOAD)}</p>")}),
            (
                "table",
                {
                    "data": [[PAYLOAD, PAYLOAD], [PAYLOAD, None]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                },
            ),
            (
                "links",
                {
                    "title": PAYLOAD,
                    "links": [{"page": None, "url": "https://example.org/", "text": PAYLOAD}],
                },
            ),
        ],
    )
    page.save_revision().publish()
    return page


def assert_escaped(html, minimum):
    for marker in RAW_MARKERS:
        assert marker not in html, f"unescaped {marker!r}"
    assert html.count(ESCAPED) >= minimum


def test_every_block_and_field_renders_escaped_on_the_public_site(client, hostile_page):
    response = client.get("/xss/")
    assert response.status_code == 200
    # title, lead, heading, paragraph, quote ×2, alt, caption, document ×2, fact box ×2,
    # table ×3, link list ×2 (meta tags and <title> on top).
    assert_escaped(response.content.decode(), minimum=17)


def test_admin_listings_and_editor_show_payloads_as_text(client, hostile_page, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.invalid", "pw-123456789")
    client.force_login(admin)
    for url in (
        f"/admin/pages/{hostile_page.get_parent().pk}/",
        "/admin/",
        f"/admin/pages/{hostile_page.pk}/edit/",
        "/admin/pages/search/?q=script",
        "/admin/images/",
        "/admin/documents/",
        f"/admin/pages/{hostile_page.pk}/history/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for marker in RAW_MARKERS:
            assert marker not in html, f"{url}: unescaped {marker!r}"


def test_rich_text_javascript_links_are_removed(client, site_tree, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.invalid", "pw-123456789")
    client.force_login(admin)
    page = StandardPageFactory(parent=site_tree.home_sv, title="Länkar", slug="lankar")
    body = (
        '<p><a href="javascript:alert(1)">klicka</a> och <a href="https://example.org/">ok</a></p>'
    )
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        nested_form_data(
            {
                "title": "Länkar",
                "slug": "lankar",
                "lead": "",
                "review_interval_months": 12,
                "body": streamfield([("paragraph", rich_text(body))]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(pk=page.pk)
    stored = page.body[0].value.source
    assert "javascript:" not in stored
    assert "https://example.org/" in stored
    html = client.get("/lankar/").content.decode()
    assert "javascript:" not in html
    assert "klicka" in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>"])
def test_link_blocks_refuse_script_urls(url):
    with pytest.raises((ValidationError, StructBlockValidationError, StreamBlockValidationError)):
        LinkBlock().clean({"page": None, "url": url, "text": "x"})


def test_heading_level_only_takes_the_offered_choices():
    with pytest.raises((ValidationError, StreamBlockValidationError, StructBlockValidationError)):
        BodyBlock().clean(
            BodyBlock().to_python([{"type": "heading", "value": {"text": "x", "level": "script"}}])
        )
