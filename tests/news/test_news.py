import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.models import NewsIndexPage, NewsPage
from pluginnovation.caching.cache import bump_content_version
from pluginnovation.site.models import HomePage
from tests.factories import StandardPageFactory, uncached_client
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def card_titles(response):
    return re.findall(
        r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def home_titles(response):
    return re.findall(
        r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def news(site_tree):
    index = NewsIndexPageFactory(parent=site_tree.home_sv, introduction="Nyheter om studieavbrott.")
    index_en = site_tree.translate(index, title="News", slug="news")
    return site_tree, index, index_en


def test_tree_rules():
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage.allowed_subpage_models() == []


def test_index_lists_news_newest_first_and_filters_by_year(client, news):
    _tree, index, _en = news
    NewsPageFactory(parent=index, title="Gymnasieutredningen", date=datetime.date(2016, 10, 31))
    NewsPageFactory(parent=index, title="Slutrapporten", date=datetime.date(2018, 6, 14))
    NewsPageFactory(parent=index, title="Seminariet", date=datetime.date(2018, 7, 3))
    assert card_titles(client.get("/aktuellt/")) == [
        "Seminariet",
        "Slutrapporten",
        "Gymnasieutredningen",
    ]
    assert card_titles(client.get("/aktuellt/?year=2016")) == ["Gymnasieutredningen"]
    body = " ".join(client.get("/aktuellt/?year=2018").content.decode().split())
    # The year facet: one choice, each year with its count, the chosen one checked.
    count = r'<span class="facet__count">\((\d)\)'
    chosen = re.search(r'value="2018" checked> <label [^>]*><span>2018</span> ' + count, body)
    assert chosen.group(1) == "2"
    other = re.search(r'value="2016"> <label [^>]*><span>2016</span> ' + count, body)
    assert other.group(1) == "1"
    # The chosen year as a chip that removes it, and "Clear all".
    assert 'href="/aktuellt/" aria-label="Ta bort 2018">2018' in body
    assert (
        '<p class="listing-count" role="status" tabindex="-1" data-listing-count>2 nyheter</p>'
        in body
    )


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=999999",
        "?year=x",
        "?year=99999999999999999999",
        "?year=%ff&page=%00",
        "?year=<b>",
    ],
)
def test_index_survives_garbage_query_strings(client, news, query):
    _tree, index, _en = news
    for _n in range(14):
        NewsPageFactory(parent=index)
    response = client.get("/aktuellt/" + query)
    if re.search("%00|%ff", query):  # refused site-wide with a bilingual 400
        assert response.status_code == 400
        return
    assert response.status_code == 200
    assert len(card_titles(response)) >= 1
    assert "<b>" not in response.content.decode().split("<main", 1)[1]


def test_pagination(client, news):
    _tree, index, _en = news
    for n in range(14):
        NewsPageFactory(parent=index, title=f"Nyhet nummer {n}", date=datetime.date(2019, 1, 1 + n))
    first = client.get("/aktuellt/?year=2019")
    assert len(card_titles(first)) == 12
    assert 'href="?year=2019&amp;page=2"' in first.content.decode()
    second = client.get("/aktuellt/?year=2019&page=2")
    assert card_titles(second) == ["Nyhet nummer 1", "Nyhet nummer 0"]


def test_drafts_and_private_news_are_absent_from_listing_feed_and_home(client, news):
    _tree, index, _en = news
    NewsPageFactory(parent=index, title="Publicerad nyhet")
    draft = NewsPageFactory(parent=index, title="Utkastnyhet")
    draft.unpublish()
    private = NewsPageFactory(parent=index, title="Privat nyhet")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    for url in ("/aktuellt/", "/aktuellt/feed/", "/"):
        body = client.get(url).content.decode()
        assert "Publicerad nyhet" in body
        assert "Utkastnyhet" not in body
        assert "Privat nyhet" not in body


def test_news_page_shows_date_lead_body_and_event(client, news):
    _tree, index, _en = news
    NewsPageFactory(
        parent=index,
        slug="seminariet",
        title="Sju röster för skolrevolution",
        date=datetime.date(2018, 7, 3),
        lead="Ett seminarium i Almedalen.",
        body=[("paragraph", "<p>Sju unga berättade.</p>")],
        event_date=datetime.date(2018, 7, 4),
        event_place="Visby",
    )
    body = client.get("/aktuellt/seminariet/").content.decode()
    assert '<time datetime="2018-07-03">3 juli 2018</time>' in body
    assert "Ett seminarium i Almedalen." in body
    assert "<p>Sju unga berättade.</p>" in body
    assert "<dd>Visby</dd>" in body
    assert '<time datetime="2018-07-04">' in body


def test_an_undated_item_shows_no_date_anywhere_and_is_listed_after_dated_ones(client, news):
    """The day an item is published here is not its date: a reader sees none at all."""
    tree, index, _en = news
    NewsPageFactory(parent=index, title="Daterad", date=datetime.date(2016, 10, 31))
    first = NewsPageFactory(parent=index, title="Odaterad först", slug="odaterad-1", date=None)
    NewsPageFactory(parent=index, title="Odaterad sedan", slug="odaterad-2", date=None)
    first.refresh_from_db()
    assert first.date is None and first.publication_date is None
    today = date_format(timezone.localdate(), "j F Y")

    listing = client.get("/aktuellt/")
    assert card_titles(listing) == ["Daterad", "Odaterad först", "Odaterad sedan"]
    home = client.get("/")
    assert home_titles(home)[:3] == ["Daterad", "Odaterad först", "Odaterad sedan"]
    page = client.get("/aktuellt/odaterad-1/")
    for response in (listing, home, page):
        assert today not in response.content.decode()
    assert "<time" not in page.content.decode().split("<main", 1)[1].split("</main>")[0]

    feed = ET.fromstring(client.get("/aktuellt/feed/").content)  # noqa: S314 - our own feed
    items = {item.findtext("title"): item for item in feed.iter("item")}
    assert items["Odaterad först"].find("pubDate") is None
    assert items["Daterad"].findtext("pubDate").startswith("Mon, 31 Oct 2016")
    assert "datePublished" not in first.structured_data(None)


def test_an_editor_may_give_an_undated_item_a_date(news):
    _tree, index, _en = news
    page = NewsPage(title="Odaterad", slug="odaterad", lead="Ingress.", live=False)
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.date is None
    page.date = datetime.date(2017, 1, 1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.publication_date == datetime.date(2017, 1, 1)


def test_feed_is_rss_2_with_the_latest_items_of_its_language(client, news):
    tree, index, _en = news
    old = NewsPageFactory(parent=index, title="Gammal", date=datetime.date(2016, 10, 31))
    new = NewsPageFactory(parent=index, title="Ny", date=datetime.date(2018, 6, 14))
    tree.translate(old, title="Old", slug="old")

    response = client.get("/aktuellt/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("language") == "sv"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Ny", "Gammal"]
    assert items[0].findtext("link") == f"http://testserver/aktuellt/{new.slug}/"
    assert all(item.findtext("link").startswith("http://testserver/") for item in items)
    assert "2018" in items[0].findtext("pubDate")

    english_feed = client.get("/en/news/feed/").content
    english = ET.fromstring(english_feed).find("channel")  # noqa: S314 - our own feed
    assert english.findtext("language") == "en"
    assert [item.findtext("title") for item in english.findall("item")] == ["Old"]
    assert english.findall("item")[0].findtext("link") == "http://testserver/en/news/old/"


def test_the_news_feed_is_linked_from_the_home_page_and_the_news_pages(client, news):
    tree, index, _en = news
    item = NewsPageFactory(parent=index, title="Seminariet", date=datetime.date(2018, 7, 3))
    about = StandardPageFactory(parent=tree.home_sv, title="Om", slug="om")
    link = (
        '<link rel="alternate" type="application/rss+xml" '
        'title="{title} – PlugInnovation" href="{href}">'
    )
    swedish = link.format(title="Aktuellt", href="http://testserver/aktuellt/feed/")
    for path in ("/", "/aktuellt/", item.url):
        assert swedish in client.get(path).content.decode(), path
    english = link.format(title="News", href="http://testserver/en/news/feed/")
    assert english in client.get("/en/").content.decode()
    assert english in client.get("/en/news/").content.decode()
    # Other pages do without it (finding the news index would cost them a query).
    assert "application/rss+xml" not in client.get(about.url).content.decode()


def test_home_shows_the_three_latest_news_of_the_active_language(client, news):
    tree, index, _en = news
    for n in range(4):
        item = NewsPageFactory(parent=index, title=f"Nyhet {n}", date=datetime.date(2018, 1, 1 + n))
        if n == 0:
            tree.translate(item, title="News item 0", slug="news-item-0")
    assert home_titles(client.get("/")) == ["Nyhet 3", "Nyhet 2", "Nyhet 1"]
    assert home_titles(client.get("/en/")) == ["News item 0"]


def test_structured_data_and_api_fields(rf, news):
    _tree, index, _en = news
    page = NewsPageFactory(
        parent=index,
        title="Konferens",
        date=datetime.date(2019, 5, 1),
        event_date=datetime.date(2019, 6, 1),
    )
    data = page.structured_data(rf.get("/"))
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2019-05-01"
    assert data["about"]["startDate"] == "2019-06-01"
    assert {field.name for field in NewsPage.api_fields} >= {"date", "lead", "event_date"}


def test_news_can_be_created_in_the_admin(admin_client, news):
    _tree, index, _en = news
    form = admin_client.get(f"/admin/pages/add/news/newspage/{index.pk}/")
    assert form.status_code == 200
    # The form offers today as the date; the editor keeps, changes or clears it.
    assert f'value="{timezone.localdate().isoformat()}"' in form.content.decode()
    data = nested_form_data(
        {
            "title": "Ny rapport",
            "slug": "ny-rapport",
            "date": "2024-01-02",
            "lead": "En rapport om studieavbrott.",
            "body": streamfield([("paragraph", rich_text("<p>Läs rapporten.</p>"))]),
            "event_place": "",
            "image_alt_text": "",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/news/newspage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = NewsPage.objects.get(slug="ny-rapport")
    assert page.live
    assert page.date == datetime.date(2024, 1, 2)
    assert card_titles(Client().get("/aktuellt/")) == ["Ny rapport"]
    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert admin_client.get(f"/admin/pages/{index.pk}/edit/").status_code == 200


def reader_after_an_edit(path):
    """A reader (with a cookie: the page cache steps aside) right after an edit, when nothing
    of `path` is cached but what a running site keeps whatever the edits (site root paths)."""
    reader = uncached_client()
    reader.get(path)
    bump_content_version()
    return reader


@pytest.mark.parametrize(
    "url", ["/aktuellt/", "/aktuellt/?year=2018&page=2", "/aktuellt/feed/", "/aktuellt/nyheten/"]
)
def test_pages_stay_within_the_query_budget_whatever_the_number_of_items(
    news, url, django_assert_max_num_queries
):
    _tree, index, _en = news
    NewsPageFactory(parent=index, slug="nyheten")
    counts = []
    for total in (3, 30):
        while (n := NewsPage.objects.count()) < total:
            NewsPageFactory(
                parent=index, date=datetime.date(2018, 1, 1) + datetime.timedelta(days=n * 20)
            )
        reader = reader_after_an_edit(url)
        with CaptureQueriesContext(connection) as queries:
            assert reader.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    reader = reader_after_an_edit(url)
    with django_assert_max_num_queries(30):  # right after an edit
        reader.get(url)


def test_news_index_can_be_created_in_the_admin_once_per_language(admin_client, site_tree):
    data = nested_form_data(
        {
            "title": "Aktuellt",
            "slug": "aktuellt",
            "introduction": "Nyheter.",
            "action-publish": "publish",
        }
    )
    url = f"/admin/pages/add/news/newsindexpage/{site_tree.home_sv.pk}/"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Client().get("/aktuellt/").status_code == 200
    site_tree.home_sv.refresh_from_db()
    assert not NewsIndexPage.can_create_at(site_tree.home_sv)
    assert NewsIndexPage.can_create_at(site_tree.home_en)


def test_news_item_can_be_previewed_before_publishing(admin_client, news):
    _tree, index, _en = news
    item = NewsPageFactory(parent=index, title="Förhandsvisad nyhet")
    data = nested_form_data(
        {
            "title": "Förhandsvisad nyhet",
            "slug": item.slug,
            "date": "2019-03-01",
            "lead": "Opublicerad ingress.",
            "body": streamfield([("paragraph", rich_text("<p>Utkast.</p>"))]),
            "event_place": "",
            "image_alt_text": "",
        }
    )
    url = f"/admin/pages/{item.pk}/edit/preview/"
    assert admin_client.post(url, data).json()["is_valid"]
    preview = admin_client.get(url).content.decode()
    assert "Opublicerad ingress." in preview
    assert '<time datetime="2019-03-01">' in preview
