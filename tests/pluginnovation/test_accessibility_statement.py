"""The accessibility statement (tillgänglighetsredogörelse) the site publishes.

The statement is content, so this is the one place that loads the demo content: it checks
that what the site ships with has every part lag (2018:1937) and DIGG's regulations
(MDFFS 2019:2) require, in both languages, and that every page's footer links to it.
"""

import datetime
import html
import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from knowledge.models import ArticlePage
from pluginnovation.devtools.demo import load_site
from pluginnovation.site.models import SiteOwner
from tests.factories import commit_pending, uncached_client

pytestmark = pytest.mark.django_db

DIGG_FORM = "https://www.digg.se/tdosanmalan"

REQUIRED = {
    "sv": {
        "url": "/tillganglighet/",
        "the law": ["lagen (2018:1937) om tillgänglighet till digital offentlig service"],
        "compliance status": ["Hur tillgänglig är webbplatsen?"],
        "inaccessible content and why": [
            "Innehåll som inte är tillgängligt",
            "Bristande förenlighet med lagkraven",
            "Innehåll som inte omfattas av lagen",
        ],
        "what you can do": ["Vad kan du göra om du inte kan använda delar av webbplatsen?"],
        "how to report problems": ["Rapportera brister i webbplatsens tillgänglighet"],
        "enforcement": ["Myndigheten för digital förvaltning (DIGG) har ansvaret för tillsyn"],
        "how it was tested": ["Hur vi testat webbplatsen", "axe-core", "WCAG 2.1 nivå A och AA"],
    },
    "en": {
        "url": "/en/accessibility/",
        "the law": ["Act (2018:1937) on accessibility to digital public services"],
        "compliance status": ["How accessible is the website?"],
        "inaccessible content and why": [
            "Content that is not accessible",
            "Non-compliance with the legal requirements",
            "Content not within the scope of the law",
        ],
        "what you can do": ["What can you do if you cannot use parts of the website?"],
        "how to report problems": ["Report accessibility problems"],
        "enforcement": ["The Agency for Digital Government"],
        "how it was tested": ["How we tested the website", "axe-core", "WCAG 2.1 level A and AA"],
    },
}

MISSING = {"sv": "Uppgift saknas:", "en": "Information missing:"}


@pytest.fixture
def demo_site(db):
    load_site(io.StringIO())


@pytest.mark.parametrize("language", ["sv", "en"])
def test_statement_has_every_required_part(client, demo_site, language):
    expected = REQUIRED[language]
    response = client.get(expected["url"])
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    for part, phrases in expected.items():
        if part == "url":
            continue
        for phrase in phrases:
            assert phrase in body, f"{part}: {phrase!r} missing"
    # The complaint form of the supervisory authority, as the regulations name it.
    assert f'<a href="{DIGG_FORM}">' in body


@pytest.mark.parametrize("language", ["sv", "en"])
def test_statement_says_which_owner_facts_are_missing_and_invents_none(client, demo_site, language):
    body = client.get(REQUIRED[language]["url"]).content.decode()
    main = body.split("<main", 1)[1].split("</main>")[0].replace("2018:1937", "")
    # Nothing filled in yet: no address, no organisation, no date, no claim of compliance.
    assert main.count(MISSING[language]) >= 5
    assert "mailto:" not in main
    assert ".example" not in body
    assert "GR Utbildning" not in main
    assert "PDF" not in main
    assert not re.search(r"\b20\d\d\b", main), "a date nobody gave"


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        (
            "sv",
            [
                "GR Utbildning står bakom den här webbplatsen.",
                "Webbplatsen är delvis förenlig med lagen",
                "Länkar i brödtext saknar synlig fokusmarkering.",
                'href="mailto:tillganglighet@example.se"',
                "Senaste bedömningen gjordes den 3 november 2026.",
                "Webbplatsen publicerades den 1 oktober 2026.",
            ],
        ),
        (
            "en",
            [
                "GR Utbildning is responsible for this website.",
                "The website is partially compliant with the Act",
                "Links in body text have no visible focus.",
                "The latest assessment was made on 3 November 2026.",
                "The website was published on 1 October 2026.",
            ],
        ),
    ],
)
def test_statement_shows_the_facts_the_owner_gave(client, demo_site, language, phrases):
    owner = SiteOwner.for_site(Site.objects.get(is_default_site=True))
    owner.organisation = "GR Utbildning"
    owner.contact_email = "tillganglighet@example.se"
    owner.accessibility_compliance = SiteOwner.Compliance.PARTIAL
    owner.known_shortcomings_sv = "Länkar i brödtext saknar synlig fokusmarkering."
    owner.known_shortcomings_en = "Links in body text have no visible focus."
    owner.accessibility_reviewed_on = datetime.date(2026, 11, 3)
    owner.site_published_on = datetime.date(2026, 10, 1)
    owner.save()
    commit_pending()
    body = uncached_client().get(REQUIRED[language]["url"]).content.decode()
    for phrase in phrases:
        assert phrase in body
    assert body.count(MISSING[language]) == 1  # only the statement's own update date is left


def test_dashboard_lists_each_missing_owner_fact_until_it_is_filled_in(admin_client, demo_site):
    body = admin_client.get("/admin/").content.decode()
    assert "Uppgifter att fylla i före lansering" in body
    facts = ["Ansvarig organisation", "E-post för kontakt", "Rättslig grund för serverloggarna"]
    for fact in facts:
        assert fact in body
    owner = SiteOwner.for_site(Site.objects.get(is_default_site=True))
    owner.organisation = "GR Utbildning"
    owner.save()
    body = admin_client.get("/admin/").content.decode()
    assert "Ansvarig organisation" not in body
    assert "E-post för kontakt" in body


def test_statement_pages_are_translations_of_each_other(client, demo_site):
    swedish = Page.objects.get(url_path__endswith="/tillganglighet/")
    english = Page.objects.get(url_path__endswith="/accessibility/")
    assert swedish.translation_key == english.translation_key


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_links_to_the_statement_in_its_footer(client, demo_site, language):
    statement_url = REQUIRED[language]["url"]
    home = "/" if language == "sv" else "/en/"
    pages = Page.objects.live().filter(locale__language_code=language, depth__gt=1)
    urls = [page.url for page in pages] + [f"{home}finns-inte/"]
    assert len(urls) >= 4
    for url in urls:
        body = client.get(url).content.decode()
        footer = re.search(r'<footer class="site-footer">.*?</footer>', body, re.S).group(0)
        assert f'href="{statement_url}"' in footer, url


@pytest.mark.parametrize(
    ("path", "phrase"),
    [
        ("/personuppgifter-och-kakor/", "Webbplatsen sätter inga kakor när du läser eller söker."),
        ("/en/privacy-and-cookies/", "The website sets no cookies when you read or search."),
    ],
)
def test_privacy_statement_says_no_cookies_and_no_third_parties(client, demo_site, path, phrase):
    response = client.get(path)
    assert response.status_code == 200
    assert phrase in response.content.decode()
    footer = re.search(r'<footer class="site-footer">.*?</footer>', response.content.decode(), re.S)
    assert f'href="{path}"' in footer.group(0)


def test_dashboard_lists_seed_drafts_with_their_note_for_editors(admin_client, db):
    call_command("load_demo", stdout=io.StringIO())
    body = admin_client.get("/admin/").content.decode()
    panel = re.search(r'id="[^"]*drafts-with-notes[^"]*".*?</table>', body, re.S).group(0)
    drafts = ArticlePage.objects.filter(live=False, locale__language_code="sv")
    assert drafts.exists()
    for draft in drafts:
        assert draft.title in panel
        assert draft.editor_note.splitlines()[0][:40] in html.unescape(panel)
