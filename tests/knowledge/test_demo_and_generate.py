"""The demo content from the seeds, and the synthetic benchmark content."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Locale, Page

from knowledge.models import ArticlePage, SuccessFactorPage
from news.models import NewsPage
from pluginnovation.devtools.demo import read_fixture

pytestmark = pytest.mark.django_db


def switcher_target(body):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', body, re.S).group(0)
    return re.search(r'<a href="([^"]+)"', nav).group(1)


@pytest.fixture
def demo(db):
    call_command("load_demo")


@pytest.mark.parametrize(
    ("fixture", "group"),
    [("knowledge.toml", "articles"), ("knowledge.toml", "factors"), ("news.toml", "news")],
)
def test_each_seed_text_is_readable_in_swedish_and_english_and_linked(demo, fixture, group):
    client = Client()
    for entry in read_fixture(fixture)[group]:
        swedish = Page.objects.get(slug=entry["sv"]["slug"], locale__language_code="sv")
        if entry.get("draft"):
            # Not ready for readers: a draft in both languages, with a note for the editors.
            english = swedish.get_translation(Locale.objects.get(language_code="en"))
            assert not swedish.live and not english.live
            assert swedish.specific.editor_note
            assert client.get(swedish.url).status_code == 404
            continue
        response = client.get(swedish.url)
        assert response.status_code == 200
        body = response.content.decode()
        assert '<html lang="sv">' in body
        assert entry["sv"]["title"] in body
        english_url = switcher_target(body)
        english = client.get(english_url).content.decode()
        assert '<html lang="en">' in english
        assert entry["en"]["title"].replace("'", "&#x27;") in english
        assert switcher_target(english) == swedish.url


def test_placeholders_never_reach_the_site(demo):
    for model in (ArticlePage, NewsPage, SuccessFactorPage):
        for page in model.objects.live():
            text = page.title + page.lead if hasattr(page, "lead") else page.title
            text += str(page.body)
            assert "[DittFöretagsNamn]" not in text
            assert not re.search(r"\[[A-ZÅÄÖ][a-zåäöA-ZÅÄÖ]+\]", text), page.title


def test_demo_news_are_dated_as_in_the_seeds(demo):
    report = NewsPage.objects.get(slug="helhetsgrepp-for-att-motverka-studieavbrott")
    assert report.date.isoformat() == "2018-06-14"
    inquiry = NewsPage.objects.get(slug="gr-utbildnings-arbete-lyfts-fram-av-gymnasieutredningen")
    assert inquiry.date.isoformat() == "2016-10-31"
    # The English hub of a factor lists English items only.
    hub = Client().get("/en/knowledge/cooperation/").content.decode()
    assert "Conference on how European Social Fund projects can prevent dropout" in hub
    assert "Konferens om" not in hub


def test_generators_create_translated_tagged_content(demo, settings):
    settings.DEBUG = True
    call_command("generate_content", "--scale", "1")
    assert Page.find_problems() == ([], [], [], [], [])
    synthetic = ArticlePage.objects.filter(title__startswith="[syntet]")
    assert synthetic.filter(locale__language_code="sv").count() == 5
    assert synthetic.filter(locale__language_code="en").count() == 5
    news = NewsPage.objects.filter(title__startswith="[syntet]")
    assert news.filter(locale__language_code="sv").count() == 30
    article = synthetic.filter(locale__language_code="en").first()
    assert article.success_factors.exists()
    assert {factor.locale_id for factor in article.success_factors.all()} == {article.locale_id}
    settings.DEBUG = False
    assert Client().get(article.url).status_code == 200
    assert "[syntet]" in Client().get("/aktuellt/").content.decode()


def test_swedish_passages_in_english_text_are_marked_as_swedish(demo):
    body = Client().get("/en/news/a-comprehensive-approach-to-preventing-dropout/").content.decode()
    assert '<span lang="sv">projektverkstäder</span>' in body
    assert "{sv|" not in body
    item = (
        Client().get("/en/news/upper-secondary-school-inquiry-highlights-gr-utbildning/").content
    ).decode()
    assert '<span lang="sv">”En gymnasieutbildning för alla' in item
