"""The demo content, as a reader sees it, is true to its sources.

Reads the fixtures (the seeds as the site loads them) and the pages the site renders from them;
knows no titles of its own. It fails on:

- a date shown for an undated seed item that is the day the demo was loaded;
- an `example.` address or a "[…Namn]" placeholder in published text;
- Swedish function words in English text outside a `{sv|…}` span (`lang="sv"` on the page);
- a published page with an empty body;
- a text that ends in mid-sentence (or with an ellipsis) without the note that the original is
  incomplete.

Tests never load the demo content otherwise (see tests/knowledge/test_demo_and_generate.py);
this one does, because the content is what it checks.
"""

import html
import json
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import Page

from pluginnovation.devtools.demo import SWEDISH_PASSAGE, read_fixture

pytestmark = pytest.mark.django_db

FIXTURES = ["site.toml", "knowledge.toml", "casestudies.toml", "news.toml", "literature.toml"]
# The fields of a fixture entry that readers read as running text.
TEXT_FIELDS = [
    "lead", "body", "summary", "introduction", "target_group", "first_round_introduction"
]  # fmt: skip
# The fields that hold whole sentences (a target group is a label).
SENTENCE_FIELDS = ["lead", "body", "summary", "introduction", "first_round_introduction"]
INCOMPLETE_NOTE = {
    "sv": "Originaltexten är ofullständig.",
    "en": "The original text is incomplete.",
}
# Common Swedish words that no English sentence needs.
SWEDISH_WORDS = {
    "och", "att", "är", "som", "för", "det", "inte", "med", "på", "av", "har", "ett", "eller",
    "från", "om", "vid", "också", "även", "där", "när", "kan", "ska", "var", "den",
}  # fmt: skip
PLACEHOLDER = re.compile(r"\[[^\]\n]*(?:Namn|Name)\]")
EXAMPLE_DOMAIN = re.compile(r"[\w-]+\.example\b|\bexample\.(?:com|org|net|se)\b")
SENTENCE_END = re.compile(r"[.!?:)”\"]$")


def entries():
    """(fixture, entry key or title, language, fields, published, dated) for every seed text."""
    for name in FIXTURES:
        data = read_fixture(name)
        for group, items in data.items():
            if isinstance(items, dict) and {"sv", "en"} <= items.keys():
                items = [items]
            if not isinstance(items, list):
                continue
            for item in items:
                if not isinstance(item, dict) or not {"sv", "en"} <= item.keys():
                    continue
                for language in ("sv", "en"):
                    fields = item[language]
                    label = f"{name} {group} {fields.get('title', '')} ({language})"
                    yield label, language, fields, not item.get("draft"), "date" in item


def live_pages():
    return Page.objects.live().public().filter(depth__gt=1).specific()


def main_of(body):
    return body.split("<main", 1)[1].split("</main>", 1)[0]


def visible_text(fragment):
    fragment = re.sub(r"<(script|style)\b.*?</\1>", " ", fragment, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def without_swedish(fragment):
    """The fragment without the elements marked as Swedish (names and titles of works)."""
    previous = None
    while previous != fragment:
        previous = fragment
        fragment = re.sub(
            r'<(\w+)[^>]*\blang="sv"[^>]*>(?:(?!<\1\b).)*?</\1>', " ", fragment, flags=re.S
        )
    return fragment


def swedish_words(text):
    return sorted(set(re.findall(r"[a-zåäö]+", text.lower())) & SWEDISH_WORDS)


@pytest.fixture
def demo(db):
    call_command("load_demo")
    client = Client()
    pages = {}
    for page in live_pages():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        pages[page] = response.content.decode()
    return pages


def load_days():
    today = timezone.localdate()
    days = {today.isoformat()}
    for language in ("sv", "en"):
        with translation.override(language):
            days.add(date_format(today, "j F Y"))
    return days


def test_no_reader_sees_the_day_the_demo_was_loaded_as_a_date(demo):
    """No seed item is dated the day the demo is loaded, so that day never shows as a date."""
    days = load_days()
    shown = []
    for page, body in demo.items():
        if page.specific_class.__name__ == "CaseStudyPage":
            continue  # see the next test
        for day in days:
            if day in visible_text(main_of(body)) or f'datetime="{day}' in body:
                shown.append(f"{page.url}: {day}")
        for node in structured_data(body):
            if str(node.get("datePublished", "")).startswith(tuple(days)):
                shown.append(f"{page.url}: datePublished {node['datePublished']}")
    assert shown == []
    # Undated news and articles in the fixtures have no date at all.
    for label, language, fields, _published, dated in entries():
        page = (
            Page.objects.filter(slug=fields.get("slug"), locale__language_code=language)
            .specific()
            .first()
        )
        if page is not None and not dated:
            assert getattr(page, "publication_date", None) is None, label


def test_case_studies_show_no_load_day_either(demo):
    days = load_days()
    for page, body in demo.items():
        main = main_of(body)
        for day in days:
            assert day not in visible_text(main) and f'datetime="{day}' not in main, page.url
        for node in structured_data(body):
            assert not str(node.get("datePublished", "")).startswith(tuple(days)), page.url


def structured_data(body):
    for block in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body, re.S):
        data = json.loads(block)
        yield from data.get("@graph", [data])


def test_published_text_holds_no_placeholder_or_example_address(demo):
    found = []
    for page, body in demo.items():
        for pattern in (PLACEHOLDER, EXAMPLE_DOMAIN):
            found += [f"{page.url}: {match}" for match in pattern.findall(body)]
    for label, _language, fields, published, _dated in entries():
        text = " ".join(str(value) for value in fields.values())
        if published:
            found += [f"{label}: {match}" for match in PLACEHOLDER.findall(text)]
            found += [f"{label}: {match}" for match in EXAMPLE_DOMAIN.findall(text)]
    assert found == [], "\n".join(found)


def test_english_text_has_no_swedish_outside_marked_passages(demo):
    found = []
    for label, language, fields, published, _dated in entries():
        if language != "en" or not published:
            continue
        for name in TEXT_FIELDS:
            words = swedish_words(SWEDISH_PASSAGE.sub(" ", str(fields.get(name, ""))))
            if words:
                found.append(f"{label} {name}: {words}")
    for page, body in demo.items():
        if page.locale.language_code != "en":
            continue
        # Running text only: titles of pages and works are names and may stay Swedish.
        for _tag, attributes, inner in re.findall(
            r"<(p|li|dd)\b([^>]*)>(.*?)</\1>", main_of(body), re.S
        ):
            if 'lang="sv"' in attributes:
                continue
            inner = re.sub(r"<h\d\b.*?</h\d>", " ", inner, flags=re.S)  # a card's title
            words = swedish_words(visible_text(without_swedish(inner)))
            if words:
                found.append(f"{page.url}: {words} in {visible_text(inner)[:80]!r}")
    assert found == [], "\n".join(found)


def test_no_published_page_is_empty(demo):
    empty = []
    for page, body in demo.items():
        text = visible_text(main_of(body)).replace(page.title, "", 1)
        if len(text.split()) < 8:
            empty.append(page.url)
        body_field = getattr(page, "body", None)
        if (
            body_field is not None
            and not body_field
            and not any(getattr(page, name, "") for name in ("summary", "introduction"))
        ):
            empty.append(f"{page.url}: empty body")
    for label, _language, fields, published, _dated in entries():
        if published and "body" in fields:
            assert fields["body"].strip(), f"{label}: empty body in the fixture"
    assert empty == []


def test_a_text_that_breaks_off_says_the_original_is_incomplete(demo):
    found = []
    for label, language, fields, published, _dated in entries():
        if not published:
            continue
        noted = INCOMPLETE_NOTE[language] in str(fields.get("body", ""))
        for name in SENTENCE_FIELDS:
            text = str(fields.get(name, "")).strip()
            if not text:
                continue
            last = text.splitlines()[-1].strip()
            if "…" in text or "..." in text:
                found.append(f"{label} {name}: an ellipsis")
            elif not SENTENCE_END.search(last.removeprefix("- ")) and not noted:
                found.append(f"{label} {name}: ends mid-sentence: {last[-40:]!r}")
        page = Page.objects.filter(
            slug=fields.get("slug"), live=True, locale__language_code=language
        ).first()
        if noted and page is not None:
            assert INCOMPLETE_NOTE[language] in visible_text(main_of(demo[page.specific])), label
    for page, body in demo.items():
        if "…" in visible_text(re.sub(r'<li class="card">.*?</li>', "", main_of(body), flags=re.S)):
            found.append(f"{page.url}: an ellipsis outside a listing card")
    assert found == [], "\n".join(found)


def test_the_about_pages_tell_plug_in_on_a_timeline(demo):
    by_url = {page.url: html for page, html in demo.items()}
    for url, words in (("/om/", "Projektets första omgång"), ("/en/about/", "The first round")):
        timeline = re.search(r'<figure class="timeline">.*?</figure>', by_url[url], re.S).group(0)
        assert timeline.count('<rect class="timeline__bar"') == 2
        assert "2012–2015" in timeline and "2015–2018" in timeline
        assert words in timeline
