import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.template import Engine
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pluginnovation.site.models import HomePage, NavigationItem, SiteNavigation, StandardPage
from tests.factories import StandardPageFactory, editor

pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def hreflangs(response):
    return {
        match.group(1): match.group(2)
        for match in re.finditer(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode()
        )
    }


def switcher_links(response):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', response.content.decode(), re.S)
    return re.findall(
        r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+">([^<]+)</a>', nav.group(0)
    )


def test_swedish_home_is_at_the_root_in_swedish(client, site_tree):
    response = client.get("/")
    assert response.status_code == 200
    assert html_lang(response) == "sv"
    assert "PlugInnovation är en digital plattform om studieavbrott." in response.content.decode()
    assert switcher_links(response) == [("/en/", "en", "English")]
    assert hreflangs(response) == {
        "sv": "http://testserver/",
        "x-default": "http://testserver/",
        "en": "http://testserver/en/",
    }


def test_english_home_is_under_en_in_english(client, site_tree):
    response = client.get("/en/")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert "digital platform on dropout" in response.content.decode()
    assert switcher_links(response) == [("/", "sv", "Svenska")]
    assert hreflangs(response)["en"] == "http://testserver/en/"


def test_switcher_leads_to_the_translation_of_the_page(client, site_tree):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    site_tree.translate(about, title="About us", slug="about")
    response = client.get("/om/")
    assert switcher_links(response) == [("/en/about/", "en", "English")]
    assert set(hreflangs(response)) == {"sv", "en", "x-default"}
    response = client.get("/en/about/")
    assert html_lang(response) == "en"
    assert switcher_links(response) == [("/om/", "sv", "Svenska")]


def test_switcher_says_honestly_when_there_is_no_translation(client, site_tree):
    page = StandardPageFactory(parent=site_tree.home_sv, title="Bara svenska", slug="bara-svenska")
    response = client.get("/bara-svenska/")
    notice_url = f"/en/untranslated/{page.pk}/"
    assert switcher_links(response) == [(notice_url, "en", "English")]
    # No English version exists, so none is announced to search engines.
    assert set(hreflangs(response)) == {"sv", "x-default"}

    notice = client.get(notice_url)
    assert notice.status_code == 200
    body = notice.content.decode()
    assert html_lang(notice) == "en"
    assert "This page has not been translated yet" in body
    assert '<a href="/bara-svenska/" lang="sv" hreflang="sv">Bara svenska</a>' in body
    assert '<meta name="robots" content="noindex">' in body
    assert switcher_links(notice) == [("/bara-svenska/", "sv", "Svenska")]


def test_untranslated_notice_redirects_once_a_translation_exists(client, site_tree):
    page = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    site_tree.translate(page, title="About us", slug="about")
    response = client.get(f"/en/untranslated/{page.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/en/about/"


@pytest.mark.parametrize("page_id", ["999999", "0"])
def test_untranslated_notice_for_unknown_pages_is_404(client, site_tree, page_id):
    assert client.get(f"/en/untranslated/{page_id}/").status_code == 404


def test_untranslated_notice_does_not_reveal_drafts_or_private_pages(client, site_tree):
    from wagtail.models import PageViewRestriction

    draft = StandardPageFactory(parent=site_tree.home_sv, title="Hemligt utkast", slug="utkast")
    draft.unpublish()
    private = StandardPageFactory(parent=site_tree.home_sv, title="Privat sida", slug="privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert client.get(f"/en/untranslated/{draft.pk}/").status_code == 404
    assert client.get(f"/en/untranslated/{private.pk}/").status_code == 404


def test_draft_translation_is_not_offered(client, site_tree):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    draft = about.copy_for_translation(site_tree.locale_en)
    draft.save_revision()  # never published
    response = client.get("/om/")
    assert switcher_links(response) == [(f"/en/untranslated/{about.pk}/", "en", "English")]


def test_menu_follows_the_active_language(client, site_tree):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    english = site_tree.translate(about, title="About us", slug="about")
    for language, page in (("sv", about), ("en", english)):
        nav = SiteNavigation.objects.get(locale__language_code=language)
        nav.menu_items.add(NavigationItem(page=page))
        nav.save()
    assert "Om oss" in client.get("/").content.decode()
    assert "About us" not in client.get("/").content.decode()
    assert "About us" in client.get("/en/").content.decode()
    assert "Om oss" not in client.get("/en/").content.decode()


@pytest.mark.parametrize(
    ("path", "lang", "text"),
    [("/finns-inte/", "sv", "Sidan hittades inte"), ("/en/missing/", "en", "Page not found")],
)
def test_404_speaks_the_language_of_the_address(client, site_tree, path, lang, text):
    response = client.get(path)
    assert response.status_code == 404
    assert html_lang(response) == lang
    assert text in response.content.decode()


def test_healthz_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_reports_an_unavailable_database(client):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable"}
    assert "Traceback" not in response.content.decode()


def test_500_page_renders_without_the_database(site_tree):
    client = Client(raise_request_exception=False)
    with (
        mock.patch("wagtail.views.serve", side_effect=OperationalError("connection refused")),
        mock.patch(
            "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
            side_effect=OperationalError("connection refused"),
        ),
    ):
        response = client.get("/")
    # A lost database is an outage, not a bug: 503 with Retry-After (issue 10).
    assert response.status_code == 503
    assert response["Retry-After"]
    body = response.content.decode()
    assert "Webbplatsen är tillfälligt otillgänglig" in body
    assert "The site is temporarily unavailable" in body
    assert "Traceback" not in body


def test_tree_rules():
    assert StandardPage.allowed_parent_page_models() == [HomePage, StandardPage]
    assert HomePage.allowed_parent_page_models() == [Page]


def test_standard_page_shows_its_body(client, site_tree):
    StandardPageFactory(
        parent=site_tree.home_sv,
        title="Om oss",
        slug="om",
        body=[("heading", {"text": "Bakgrund", "level": "h2"}), ("paragraph", "<p>Text här.</p>")],
    )
    body = client.get("/om/").content.decode()
    assert "<h2>Bakgrund</h2>" in body
    assert "<p>Text här.</p>" in body


class TestAdmin(WagtailTestUtils):
    def test_a_non_superuser_editor_can_log_in(self, client, site_tree):
        user = editor()
        response = client.post(
            "/admin/login/", {"username": user.username, "password": "a-long-test-password"}
        )
        assert response.status_code == 302
        response = client.get("/admin/")
        assert response.status_code == 200
        assert not user.is_superuser

    def test_admin_speaks_swedish_by_default(self, admin_client, site_tree):
        response = admin_client.get("/admin/")
        assert 'lang="sv"' in response.content.decode()

    def test_standard_page_can_be_created_in_the_admin(self, admin_client, site_tree):
        data = nested_form_data(
            {
                "title": "Tillgänglighet",
                "slug": "tillganglighet",
                "lead": "Så tillgänglig är webbplatsen.",
                "review_interval_months": 12,
                "body": streamfield([("paragraph", rich_text("<p>Delvis förenlig.</p>"))]),
                "action-publish": "publish",
            }
        )
        response = admin_client.post(
            f"/admin/pages/add/pluginnovation/standardpage/{site_tree.home_sv.pk}/", data
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        page = StandardPage.objects.get(slug="tillganglighet")
        assert page.live
        assert "Delvis förenlig." in Client().get("/tillganglighet/").content.decode()


def test_load_demo_twice_changes_nothing(db, capsys):
    from django.core.management import call_command

    call_command("load_demo")
    pages = sorted(Page.objects.values_list("id", "title", "latest_revision_id", "live"))
    assert HomePage.objects.filter(locale__language_code="en").exists()
    call_command("load_demo")
    assert sorted(Page.objects.values_list("id", "title", "latest_revision_id", "live")) == pages
    response = Client().get("/")
    assert "kunskap som är central för personer som arbetar med att motverka studieavbrott" in (
        response.content.decode()
    )
    assert "Om PlugInnovation" in response.content.decode()
    assert "About PlugInnovation" in Client().get("/en/").content.decode()


def test_pages_are_sent_without_the_templates_indentation(client, site_tree, settings, tmp_path):
    html = client.get("/").content.decode()
    assert "<main" in html
    assert not re.search(r"\n[ \t]+<", html)
    # Where whitespace is shown (a <pre>), a template is read as it is.
    (tmp_path / "shown.html").write_text("<div>\n    <pre>\n    kept\n    </pre>\n</div>")
    (tmp_path / "plain.html").write_text("<div>\n    <p>text</p>\n</div>")
    settings.BASE_DIR = tmp_path
    engine = Engine(dirs=[tmp_path], loaders=["pluginnovation.site.loaders.FilesystemLoader"])
    assert engine.get_template("shown.html").source == (tmp_path / "shown.html").read_text()
    assert engine.get_template("plain.html").source == "<div>\n<p>text</p>\n</div>"


@pytest.mark.django_db
def test_the_sections_front_pages_are_found_for_each_language_in_one_query(
    site_tree, rf, django_assert_num_queries
):
    """The home page and the head link to the four sections' front pages: the first question
    of a request reads them all, each as its own type, the live and public ones only."""
    from django.utils import translation
    from wagtail.models import PageViewRestriction

    from casestudies.models import CaseStudyIndexPage
    from knowledge.models import KnowledgeIndexPage
    from literature.models import LiteratureIndexPage
    from news.models import NewsIndexPage
    from pluginnovation.site.pages import index_of_language
    from tests.knowledge.factories import KnowledgeIndexPageFactory
    from tests.news.factories import NewsIndexPageFactory

    knowledge = KnowledgeIndexPageFactory(parent=site_tree.home_sv, slug="kunskap")
    news = NewsIndexPageFactory(parent=site_tree.home_sv, slug="aktuellt")
    english = KnowledgeIndexPageFactory(parent=site_tree.home_en, slug="knowledge")
    PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    with translation.override("sv"):
        index_of_language(rf.get("/"), KnowledgeIndexPage)  # where restrictions are, kept
    request = rf.get("/")
    with translation.override("sv"), django_assert_num_queries(1):
        found = index_of_language(request, KnowledgeIndexPage)
        assert index_of_language(request, CaseStudyIndexPage) is None
        assert index_of_language(request, LiteratureIndexPage) is None
        assert index_of_language(request, NewsIndexPage) is None  # restricted
    assert type(found) is KnowledgeIndexPage and found.pk == knowledge.pk
    with translation.override("en"):
        assert index_of_language(request, KnowledgeIndexPage).pk == english.pk
    knowledge.unpublish()
    with translation.override("sv"):
        assert index_of_language(rf.get("/"), KnowledgeIndexPage) is None


def test_a_language_without_a_published_menu_gets_the_default_languages(client, site_tree):
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    swedish = SiteNavigation.objects.get(locale__language_code="sv")
    swedish.menu_items.add(NavigationItem(page=about, label="Om sajten"))
    swedish.footer_text = "<p>Drivs av Plug In.</p>"
    swedish.save()
    english = SiteNavigation.objects.get(locale__language_code="en")
    english.live = False  # a draft only
    english.save()
    html = client.get("/en/").content.decode()
    assert "Om sajten" in html and "Drivs av Plug In." in html
