"""The interface says what the site calls things, whichever catalogue holds the word.

Django merges every catalogue of a language into one, and the site-wide catalogue (LOCALE_PATHS)
overrides every app's. An app's own translation of a msgid the site-wide catalogue also holds
was therefore never shown: the home page said "Nyheter" for the section called "Aktuellt", and
the library's sort control "Rubrik" for "Titel". `compile_translations --check` now refuses two
different translations of one msgid, so a word that means two things needs a context.
"""

import re
import shutil

import polib
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from tests.literature.factories import build_library
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_calls_the_news_section_aktuellt_and_news(client, site_tree):
    index = NewsIndexPageFactory(parent=site_tree.home_sv, locale=site_tree.locale_sv)
    NewsPageFactory(parent=index, title="En nyhet")
    site_tree.translate(index, title="News", slug="news")

    swedish = client.get("/").content.decode()
    assert re.search(r'<h2 id="home-section-news">Aktuellt</h2>', swedish)
    assert "Nyheter" not in swedish


def test_library_sort_control_says_titel(client, site_tree):
    build_library(site_tree)
    body = client.get("/litteratur/").content.decode()
    sort = re.search(r'<p class="sort">(.*?)</p>', body, re.S).group(1)
    assert "Sortera efter:" in sort
    assert re.search(r">\s*Titel\s*<", sort)
    assert "Rubrik" not in sort


def test_check_refuses_one_msgid_translated_two_ways(tmp_path, monkeypatch):
    """A conflict between the site-wide catalogue and an app's fails the catalogue check."""
    base = tmp_path / "project"
    for part in ("locale", "news/locale"):
        source = settings.BASE_DIR / part / "sv"
        shutil.copytree(source, base / part / "sv")
    site = base / "locale/sv/LC_MESSAGES/django.po"
    catalogue = polib.pofile(str(site))
    catalogue.append(polib.POEntry(msgid="All news", msgstr="Alla notiser"))
    catalogue.save()
    monkeypatch.setattr(settings, "BASE_DIR", base)
    with pytest.raises(CommandError, match="'All news'"):
        call_command("compile_translations", "--check")
