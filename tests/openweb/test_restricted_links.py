"""No link to what the reader cannot read: a translation under a view restriction (password,
login or groups) is offered nowhere, in the page's head, its language switcher, the sitemap,
the API, search, the library's listing, feeds and exports."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory
from tests.literature.factories import build_library
from tests.openweb.links import local, page_links

pytestmark = pytest.mark.django_db

RESTRICTIONS = [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]


def restrict(page, restriction_type):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="hemligt"
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.get(name="Redaktörer"))
    return restriction


@pytest.fixture
def about(site_tree):
    swedish = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    english = site_tree.translate(swedish, title="About us", slug="about")
    return swedish, english


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_a_restricted_translation_is_not_offered(client, about, restriction_type):
    swedish, english = about
    restrict(english, restriction_type)
    response = client.get("/om/")
    html = response.content.decode()
    links = page_links(html, "http://testserver/om/")
    assert not [url for url in links.alternates if "/en/about/" in url]
    assert "/en/about/" not in {local(url) for url in links.anchors}
    assert 'hreflang="en"' not in html.split("</head>")[0]
    # The switcher leads to the notice that there is no English version to read.
    [english_link] = [url for url in links.anchors if "/en/" in url and "untranslated" in url]
    notice = client.get(local(english_link))
    assert notice.status_code == 200
    assert "/en/about/" not in notice.content.decode()

    sitemap = client.get("/sitemap-1.xml").content.decode()
    assert "/en/about/" not in sitemap
    assert "http://testserver/om/" in sitemap
    api = client.get("/api/v2/pages/?locale=en").json()
    assert "About us" not in {item["title"] for item in api["items"]}
    search = client.get("/en/search/?q=About").content.decode()
    assert "/en/about/" not in search


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_the_public_version_does_not_point_back_to_a_restricted_original(
    client, about, restriction_type
):
    swedish, english = about
    restrict(swedish, restriction_type)
    html = client.get("/en/about/").content.decode()
    head = html.split("</head>")[0]
    assert 'hreflang="sv"' not in head
    assert 'hreflang="x-default"' not in head
    links = page_links(html, "http://testserver/en/about/")
    assert "/om/" not in {local(url) for url in links.anchors}


@pytest.mark.parametrize("restriction_type", RESTRICTIONS)
def test_a_restricted_literature_entry_is_in_no_listing_feed_or_export(
    client, site_tree, restriction_type
):
    _, entries, _, _ = build_library(site_tree, translate=True)
    hattie_en = entries[1].get_translation(site_tree.locale_en)
    restrict(hattie_en, restriction_type)
    for url in (
        "/en/literature/",
        "/en/literature/feed/",
        "/en/literature/export/ris/",
        "/en/literature/export/bibtex/",
        "/en/literature/?evidence=review",
        "/en/literature/feed/?evidence=review",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Visible Learning" not in response.content.decode(), url
    # The public Swedish entry offers no link to it.
    head = client.get(entries[1].url).content.decode().split("</head>")[0]
    assert hattie_en.url not in head
