"""The accessibility statement (tillgänglighetsredogörelse) the site publishes.

The statement is content, so this is the one place that loads the demo content: it checks
that what the site ships with has every part lag (2018:1937) and DIGG's regulations
(MDFFS 2019:2) require, in both languages, and that every page's footer links to it.
"""

import io
import re

import pytest
from wagtail.models import Page

from pluginnovation.devtools.demo import load_site

pytestmark = pytest.mark.django_db

DIGG_FORM = "https://www.digg.se/tdosanmalan"

REQUIRED = {
    "sv": {
        "url": "/tillganglighet/",
        "organisation and service": ["GR Utbildning", "PlugInnovation"],
        "the law": ["lagen (2018:1937) om tillgänglighet till digital offentlig service"],
        "compliance status": ["<b>delvis förenlig</b>"],
        "inaccessible content and why": [
            "Innehåll som inte är tillgängligt",
            "strider mot WCAG 2.1",
            "Innehåll som inte omfattas av lagen",
        ],
        "how to report problems": ["Rapportera brister", "Vi svarar inom"],
        "enforcement": ["Myndigheten för digital förvaltning (DIGG)"],
        "how and when assessed": [
            "självskattning",
            "WCAG 2.1 nivå AA",
            "Senaste bedömningen gjordes den 22 november 2026",
            "Redogörelsen uppdaterades senast den",
        ],
    },
    "en": {
        "url": "/en/accessibility/",
        "organisation and service": ["GR Utbildning", "PlugInnovation"],
        "the law": ["Act (2018:1937) on accessibility to digital public services"],
        "compliance status": ["<b>partially compliant</b>"],
        "inaccessible content and why": [
            "Content that is not accessible",
            "fails WCAG 2.1",
            "Content not within the scope of the law",
        ],
        "how to report problems": ["Report accessibility problems", "We reply within"],
        "enforcement": ["Agency for Digital Government"],
        "how and when assessed": [
            "self-assessment",
            "WCAG 2.1 level AA",
            "The latest assessment was made on 22 November 2026",
            "This statement was last updated on",
        ],
    },
}


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
    # A way to report problems that works: an e-mail link.
    assert re.search(r'<a href="mailto:[^"@]+@[^"]+">', body)
    # The complaint form of the supervisory authority, as the regulations name it.
    assert f'<a href="{DIGG_FORM}">' in body


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
