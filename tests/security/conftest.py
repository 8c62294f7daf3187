import pytest
from django.test import Client

from tests.factories import StandardPageFactory
from tests.security.public_urls import PUBLIC_URLS


@pytest.fixture
def public_urls(site_tree):
    """The public URL list, on a site with every section built in both languages."""
    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    site_tree.translate(about, title="About us", slug="about")
    detail_pages = build_content(site_tree)
    return [url.format(page_id=about.pk) for url in PUBLIC_URLS] + [
        page.url for page in detail_pages
    ]


def build_content(site_tree):
    """Knowledge, news, case studies and literature, each with a page of every type."""
    from tests.casestudies.factories import build_section
    from tests.knowledge.factories import (
        ArticlePageFactory,
        KnowledgeIndexPageFactory,
        SuccessFactorPageFactory,
    )
    from tests.literature.factories import build_library
    from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

    knowledge = KnowledgeIndexPageFactory(parent=site_tree.home_sv)
    site_tree.translate(knowledge, title="Knowledge", slug="knowledge")
    factor = SuccessFactorPageFactory(parent=knowledge, slug="samverkan")
    article = ArticlePageFactory(parent=knowledge, success_factors=[factor])
    news_index = NewsIndexPageFactory(parent=site_tree.home_sv)
    site_tree.translate(news_index, title="News", slug="news")
    news = NewsPageFactory(parent=news_index)
    section = build_section(site_tree)
    case_study = section.case("are")
    _index, entries, _tags, _en = build_library(site_tree, translate=True)
    return [factor, article, news, case_study, entries[0]]


@pytest.fixture
def quiet_client():
    """A client that returns the 500 page instead of raising, as a real server would."""
    return Client(raise_request_exception=False)
