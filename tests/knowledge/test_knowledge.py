import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupPagePermission, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from knowledge.models import (
    ArticlePage,
    ArticleRelatedPage,
    HomeResearchSummary,
    KnowledgeIndexPage,
    SuccessFactorPage,
)
from pluginnovation.caching.cache import bump_content_version
from pluginnovation.site.models import HomePage
from tests.factories import commit_pending, editor, uncached_client
from tests.knowledge.factories import (
    ArticlePageFactory,
    KnowledgeIndexPageFactory,
    SuccessFactorPageFactory,
)
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def card_titles(response):
    return re.findall(
        r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def make_private(page):
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="hemligt")


@pytest.fixture
def knowledge(site_tree):
    index = KnowledgeIndexPageFactory(parent=site_tree.home_sv)
    index_en = site_tree.translate(index, title="Knowledge", slug="knowledge")
    factor = SuccessFactorPageFactory(
        parent=index, title="Samverkan", slug="samverkan", introduction="Tillsammans."
    )
    factor_en = site_tree.translate(factor, title="Cooperation", slug="cooperation")
    other = SuccessFactorPageFactory(parent=index, title="Flexibla lösningar", slug="flexibla")
    return site_tree, index, index_en, factor, factor_en, other


def test_tree_rules():
    assert KnowledgeIndexPage.allowed_parent_page_models() == [HomePage]
    assert set(KnowledgeIndexPage.allowed_subpage_models()) == {SuccessFactorPage, ArticlePage}
    assert ArticlePage.allowed_parent_page_models() == [KnowledgeIndexPage]
    assert SuccessFactorPage.allowed_parent_page_models() == [KnowledgeIndexPage]
    assert ArticlePage.allowed_subpage_models() == []
    assert SuccessFactorPage.allowed_subpage_models() == []


def test_index_lists_factors_and_articles_newest_first(client, knowledge):
    _tree, index, *_rest = knowledge
    ArticlePageFactory(parent=index, title="Äldre", publication_date=datetime.date(2016, 1, 1))
    ArticlePageFactory(parent=index, title="Nyare", publication_date=datetime.date(2018, 1, 1))
    response = client.get("/kunskap/")
    assert response.status_code == 200
    assert card_titles(response) == ["Samverkan", "Flexibla lösningar", "Nyare", "Äldre"]


def test_an_undated_article_shows_no_date_and_follows_the_dated_in_source_order(client, knowledge):
    """Without a date from its source an article shows none: never the day it was published
    here. Undated articles come after the dated ones, in the order of the tree."""
    _tree, index, _en, factor, *_rest = knowledge
    ArticlePageFactory(parent=index, title="Odaterad A", publication_date=None)
    ArticlePageFactory(parent=index, title="Daterad", publication_date=datetime.date(2016, 1, 1))
    undated = ArticlePageFactory(
        parent=index, title="Odaterad B", publication_date=None, success_factors=[factor]
    )
    assert card_titles(client.get("/kunskap/"))[2:] == ["Daterad", "Odaterad A", "Odaterad B"]
    page = client.get(undated.url).content.decode()
    main = page.split("<main", 1)[1].split("</main>")[0]
    assert "<time" not in main
    assert "datePublished" not in json.dumps(undated.structured_data(None))
    hub = client.get(factor.url).content.decode()
    card = re.search(r"Odaterad B</a>.*?</li>", hub, re.S).group(0)
    assert "<time" not in card and "20" not in re.sub(r"<[^>]+>", "", card).split("Odaterad B")[-1]


def test_index_filters_by_kind_and_success_factor(client, knowledge):
    _tree, index, _en, factor, _factor_en, other = knowledge
    ArticlePageFactory(parent=index, title="Artikeln", success_factors=[factor])
    ArticlePageFactory(parent=index, title="Sammanfattningen", kind="research_summary")
    ArticlePageFactory(parent=index, title="Flexibelt", success_factors=[other])
    assert card_titles(client.get("/kunskap/?kind=research_summary"))[2:] == ["Sammanfattningen"]
    assert card_titles(client.get("/kunskap/?factor=samverkan"))[2:] == ["Artikeln"]
    assert card_titles(client.get("/kunskap/?kind=article&factor=flexibla"))[2:] == ["Flexibelt"]


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=999999",
        "?page=-1",
        "?kind=<script>alert(1)</script>",
        "?factor=%ff%fe&kind=%00",
        "?page=1e9&kind[]=x",
    ],
)
def test_listings_survive_garbage_query_strings(client, knowledge, query):
    _tree, index, _en, factor, *_rest = knowledge
    for _n in range(15):
        ArticlePageFactory(parent=index, success_factors=[factor])
    # NUL and undecodable bytes are refused site-wide (a bilingual 400); the rest is ignored.
    expected = 400 if re.search("%00|%ff", query) else 200
    for url in ("/kunskap/", "/kunskap/samverkan/"):
        response = client.get(url + query)
        assert response.status_code == expected
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_pagination_keeps_the_filter(client, knowledge):
    _tree, index, *_rest = knowledge
    for _n in range(14):
        ArticlePageFactory(parent=index, kind="research_summary")
    body = client.get("/kunskap/?kind=research_summary").content.decode()
    assert 'href="?kind=research_summary&amp;page=2"' in body


def test_drafts_and_private_articles_are_absent_from_index_and_hub(client, knowledge):
    _tree, index, _en, factor, *_rest = knowledge
    ArticlePageFactory(parent=index, title="Publicerad", success_factors=[factor])
    draft = ArticlePageFactory(parent=index, title="Utkast", success_factors=[factor])
    draft.unpublish()
    private = ArticlePageFactory(parent=index, title="Privat", success_factors=[factor])
    make_private(private)
    for url in ("/kunskap/", "/kunskap/samverkan/"):
        titles = card_titles(client.get(url))
        assert "Publicerad" in titles
        assert "Utkast" not in titles
        assert "Privat" not in titles


def test_hub_gathers_articles_and_news_newest_first_in_its_language(client, knowledge):
    tree, index, _index_en, factor, factor_en, other = knowledge
    news_index = NewsIndexPageFactory(parent=tree.home_sv)
    tree.translate(news_index, title="News", slug="news")
    article = ArticlePageFactory(
        parent=index,
        title="Artikel om samverkan",
        publication_date=datetime.date(2017, 5, 1),
        success_factors=[factor],
    )
    tree.translate(article, title="Article on cooperation", slug="article-on-cooperation")
    NewsPageFactory(
        parent=news_index,
        title="Nyhet om samverkan",
        date=datetime.date(2018, 6, 14),
        success_factors=[factor],
    )
    ArticlePageFactory(parent=index, title="Inte taggad", success_factors=[other])

    assert card_titles(client.get("/kunskap/samverkan/")) == [
        "Nyhet om samverkan",
        "Artikel om samverkan",
    ]
    # The English hub shows the English translation only; the news item has none.
    assert card_titles(client.get("/en/knowledge/cooperation/")) == ["Article on cooperation"]


def test_hub_hides_a_draft_news_item(client, knowledge):
    tree, _index, _en, factor, *_rest = knowledge
    news_index = NewsIndexPageFactory(parent=tree.home_sv)
    draft = NewsPageFactory(parent=news_index, title="Utkastnyhet", success_factors=[factor])
    draft.unpublish()
    assert "Utkastnyhet" not in client.get("/kunskap/samverkan/").content.decode()


def test_article_shows_its_content_factors_and_live_related_pages(client, knowledge):
    _tree, index, _en, factor, *_rest = knowledge
    related = ArticlePageFactory(parent=index, title="Relaterad")
    hidden = ArticlePageFactory(parent=index, title="Dold relaterad")
    hidden.unpublish()
    article = ArticlePageFactory(
        parent=index,
        title="Om bemötande",
        slug="om-bemotande",
        kind="research_summary",
        lead="Relationer spelar roll.",
        publication_date=datetime.date(2018, 6, 14),
        last_reviewed=datetime.date(2024, 3, 1),
        body=[("heading", {"text": "Varför?", "level": "h2"}), ("paragraph", "<p>Därför.</p>")],
        success_factors=[factor],
    )
    ArticleRelatedPage.objects.create(article=article, page=related, sort_order=0)
    ArticleRelatedPage.objects.create(article=article, page=hidden, sort_order=1)
    body = client.get("/kunskap/om-bemotande/").content.decode()
    assert "Forskningssammanfattning" in body
    assert "Relationer spelar roll." in body
    assert "<h2>Varför?</h2>" in body
    assert '<time datetime="2018-06-14">14 juni 2018</time>' in body
    assert '<time datetime="2024-03-01">' in body
    assert 'class="chip" href="/kunskap/samverkan/">' in body
    assert "<span>Samverkan</span></a>" in body
    assert ">Relaterad</a>" in body
    assert "Dold relaterad" not in body


def test_article_structured_data(rf, knowledge):
    _tree, index, *_rest = knowledge
    article = ArticlePageFactory(
        parent=index, title="Titel", publication_date=datetime.date(2018, 6, 14)
    )
    data = article.structured_data(rf.get("/"))
    assert data["@type"] == "Article"
    assert data["headline"] == "Titel"
    assert data["datePublished"] == "2018-06-14"
    assert data["url"].startswith("http://testserver/kunskap/")
    json.dumps(data)
    assert {field.name for field in ArticlePage.api_fields} >= {"kind", "lead", "success_factors"}


def test_the_api_lists_only_the_live_public_factors_of_each_pages_language(client, knowledge):
    tree, index, _index_en, factor, factor_en, _other = knowledge
    draft = SuccessFactorPageFactory(parent=index, title="Utkast", live=False)
    private = SuccessFactorPageFactory(parent=index, title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    news_index = NewsIndexPageFactory(parent=tree.home_sv)
    tree.translate(news_index, title="News", slug="news")
    pages = [ArticlePageFactory(parent=index), NewsPageFactory(parent=news_index)]
    for page in pages:
        page.success_factors = [factor, draft, private]
        page.save_revision().publish()
    # A translation keeps the Swedish page's links (a synchronised field).
    translations = [tree.translate(page, title="In English") for page in pages]
    commit_pending()

    def linked(factor):
        # As Wagtail shows a linked page.
        return {
            "id": factor.pk,
            "meta": {
                "type": "knowledge.SuccessFactorPage",
                "detail_url": f"http://testserver/api/v2/pages/{factor.pk}/",
            },
            "title": factor.title,
        }

    for page, shown in [*((p, factor) for p in pages), *((t, factor_en) for t in translations)]:
        detail = client.get(f"/api/v2/pages/{page.pk}/").json()
        assert detail["success_factors"] == [linked(shown)], page
    for kind in ("knowledge.ArticlePage", "news.NewsPage"):
        for language, shown in (("sv", factor), ("en", factor_en)):
            listing = client.get(
                f"/api/v2/pages/?type={kind}&locale={language}&fields=success_factors"
            ).json()
            assert [item["success_factors"] for item in listing["items"]] == [[linked(shown)]]


def test_home_shows_chosen_or_latest_research_summaries(client, knowledge):
    tree, index, *_rest = knowledge
    ArticlePageFactory(parent=index, title="Senaste", kind="research_summary")
    chosen = ArticlePageFactory(
        parent=index,
        title="Vald",
        kind="research_summary",
        publication_date=datetime.date(2001, 1, 1),
    )
    ArticlePageFactory(parent=index, title="Bara en artikel", kind="article")
    body = client.get("/").content.decode()
    assert "Exempel på forskningssammanfattningar" in body
    assert "Senaste" in body
    assert "Bara en artikel" not in body
    HomeResearchSummary.objects.create(index_page=index, article=chosen, sort_order=0)
    commit_pending()  # the editor's change commits before the next reader comes
    body = client.get("/").content.decode()
    assert "Vald" in body
    assert "Senaste" not in body


def test_article_can_be_created_in_the_admin(admin_client, knowledge):
    _tree, index, _en, factor, *_rest = knowledge
    data = nested_form_data(
        {
            "title": "Ny forskning",
            "slug": "ny-forskning",
            "kind": "research_summary",
            "lead": "Vad forskningen säger.",
            "publication_date": "2024-01-02",
            "review_interval_months": 12,
            "body": streamfield([("paragraph", rich_text("<p>Resultaten.</p>"))]),
            "related_pages": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
            "action-publish": "publish",
        }
    )
    data["success_factors"] = [str(factor.pk)]
    response = admin_client.post(f"/admin/pages/add/knowledge/articlepage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ArticlePage.objects.get(slug="ny-forskning")
    assert page.live
    assert list(page.success_factors.all()) == [factor]
    assert "Ny forskning" in card_titles(Client().get("/kunskap/samverkan/"))


def test_admin_forms_render(admin_client, knowledge):
    _tree, index, *_rest = knowledge
    for model in ("articlepage", "successfactorpage"):
        response = admin_client.get(f"/admin/pages/add/knowledge/{model}/{index.pk}/")
        assert response.status_code == 200
    article = ArticlePageFactory(parent=index)
    assert admin_client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    assert admin_client.get(f"/admin/pages/{index.pk}/edit/").status_code == 200


def test_an_editor_with_permission_on_the_section_can_add_an_article(client, knowledge):
    _tree, index, *_rest = knowledge
    user = editor()
    group = Group.objects.get(name="Testredaktörer")
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=index, permission=Permission.objects.get(codename=permission)
        )
    client.force_login(user)
    assert client.get(f"/admin/pages/add/knowledge/articlepage/{index.pk}/").status_code == 200
    # Outside the section the same editor may not add pages.
    home = index.get_parent()
    response = client.get(f"/admin/pages/add/knowledge/knowledgeindexpage/{home.pk}/")
    assert response.status_code in (302, 403)


def reader_after_an_edit(path):
    """A reader (with a cookie: the page cache steps aside) right after an edit, when nothing
    of `path` is cached but what a running site keeps whatever the edits (site root paths)."""
    reader = uncached_client()
    reader.get(path)
    bump_content_version()
    return reader


@pytest.mark.parametrize(
    "url",
    [
        "/kunskap/",
        "/kunskap/?kind=article&factor=samverkan&page=2",
        "/kunskap/samverkan/",
        "/kunskap/artikeln/",
    ],
)
def test_pages_stay_within_the_query_budget_whatever_the_number_of_entries(
    knowledge, url, django_assert_max_num_queries
):
    tree, index, _en, factor, *_rest = knowledge
    news_index = NewsIndexPageFactory(parent=tree.home_sv)
    article = ArticlePageFactory(parent=index, slug="artikeln", success_factors=[factor])
    counts = []
    for total in (3, 30):
        while ArticlePage.objects.count() < total:
            related = ArticlePageFactory(parent=index, success_factors=[factor])
            ArticleRelatedPage.objects.create(article=article, page=related)
            NewsPageFactory(parent=news_index, success_factors=[factor])
        article.save_revision().publish()
        reader = reader_after_an_edit(url)
        with CaptureQueriesContext(connection) as queries:
            assert reader.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    reader = reader_after_an_edit(url)
    with django_assert_max_num_queries(30):  # right after an edit
        reader.get(url)


def test_success_factor_and_index_can_be_created_in_the_admin(admin_client, site_tree):
    data = nested_form_data(
        {
            "title": "Kunskap",
            "slug": "kunskap",
            "introduction": "Det vi vet.",
            "home_research_summaries": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
            "action-publish": "publish",
        }
    )
    url = f"/admin/pages/add/knowledge/knowledgeindexpage/{site_tree.home_sv.pk}/"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    index = KnowledgeIndexPage.objects.get(slug="kunskap")
    data = nested_form_data(
        {
            "title": "Flexibla lösningar",
            "slug": "flexibla-losningar",
            "short_name": "flexibilitet",
            "introduction": "Skolan anpassar sig.",
            "body": streamfield([("paragraph", rich_text("<p>Mer om flexibilitet.</p>"))]),
            "action-publish": "publish",
        }
    )
    url = f"/admin/pages/add/knowledge/successfactorpage/{index.pk}/"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    body = Client().get("/kunskap/flexibla-losningar/").content.decode()
    assert "Mer om flexibilitet." in body
    assert "Flexibla lösningar" in card_titles(Client().get("/kunskap/"))
    # A second knowledge section under the same home is refused.
    site_tree.home_sv.refresh_from_db()
    assert not KnowledgeIndexPage.can_create_at(site_tree.home_sv)


def test_admin_offers_the_success_factors_of_the_page_language(admin_client, knowledge):
    _tree, index, index_en, *_rest = knowledge
    swedish_form = admin_client.get(f"/admin/pages/add/knowledge/articlepage/{index.pk}/")
    body = swedish_form.content.decode()
    assert "Samverkan" in body
    assert "Cooperation" not in body
    english_form = admin_client.get(f"/admin/pages/add/knowledge/articlepage/{index_en.pk}/")
    body = english_form.content.decode()
    assert "Cooperation" in body
    assert "Flexibla lösningar" not in body


def test_the_factor_filter_takes_a_factor_of_the_index_language(client, knowledge):
    _tree, index, index_en, factor, factor_en, _other = knowledge
    article = ArticlePageFactory(parent=index, title="Om samverkan", success_factors=[factor])
    _tree.translate(article, title="On cooperation", slug="on-cooperation")
    assert card_titles(client.get("/kunskap/?factor=samverkan&kind=article"))[2:] == [
        "Om samverkan"
    ]
    # The English article keeps its link to the Swedish factor; the English slug finds it.
    assert card_titles(client.get("/en/knowledge/?factor=cooperation&kind=article"))[1:] == [
        "On cooperation"
    ]
    # A factor of the other language is not an option here: the filter is ignored.
    assert len(card_titles(client.get("/en/knowledge/?factor=samverkan"))) == 2


def test_article_can_be_previewed_before_publishing(admin_client, knowledge):
    _tree, index, *_rest = knowledge
    article = ArticlePageFactory(parent=index, title="Förhandsvisning")
    data = nested_form_data(
        {
            "title": "Förhandsvisning",
            "slug": article.slug,
            "kind": "article",
            "lead": "Ännu opublicerad ingress.",
            "publication_date": "2024-01-02",
            "review_interval_months": 12,
            "body": streamfield([("paragraph", rich_text("<p>Utkasttext.</p>"))]),
            "related_pages": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
        }
    )
    # Readers' view of the live page is remembered; the preview must not show it.
    assert "En ingress." in Client().get(article.url).content.decode()
    url = f"/admin/pages/{article.pk}/edit/preview/"
    assert admin_client.post(url, data).json()["is_valid"]
    preview = admin_client.get(url).content.decode()
    assert "Ännu opublicerad ingress." in preview
    assert "Utkasttext." in preview
    assert "Ännu opublicerad ingress." not in Client().get(article.url).content.decode()
