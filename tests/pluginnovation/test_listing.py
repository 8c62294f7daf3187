"""One listing contract: Kunskap, Fallstudier, Litteratur and Aktuellt read their query strings,
paginate and link "remove this filter" the same way (`pluginnovation.site.listing`)."""

import datetime
import html
import re
from dataclasses import dataclass

import pytest
from django.http import QueryDict

from pluginnovation.site.listing import Filter, FilterState
from tests.casestudies.factories import build_section
from tests.knowledge.factories import (
    ArticlePageFactory,
    KnowledgeIndexPageFactory,
    SuccessFactorPageFactory,
)
from tests.literature.factories import LiteraturePageFactory, build_library, tag
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

# The state itself, without a database -----------------------------------------------------

DECLARED = [
    Filter("tag", {"gymnasiet": "Gymnasiet", "forskning": "Forskning"}, multiple=True),
    Filter("kind", {"article": "Artikel", "summary": "Sammanfattning"}, label="Typ"),
    Filter("year", parse=lambda raw: int(raw) if raw.isdigit() else None, label="År"),
    Filter("sort", {"title": "Titel"}, narrows=False),
]


def state(query):
    return FilterState(QueryDict(query), DECLARED)


def test_only_declared_values_are_selected():
    filters = state("tag=forskning&tag=nope&kind=bogus&year=x&utm_source=mail&page=2")
    assert filters.selected == {"tag": ["forskning"]}
    assert filters.is_active
    assert filters.query_string == "tag=forskning"


def test_the_query_string_is_normalised():
    filters = state("sort=title&year=2018&tag=forskning&kind=article&tag=gymnasiet&tag=gymnasiet")
    # Declared order, and each filter's values in the order of its choices.
    assert filters.query_string == "tag=gymnasiet&tag=forskning&kind=article&year=2018&sort=title"
    assert filters.selected["year"] == 2018


def test_an_empty_selection_is_not_active():
    for query in ("", "tag=&kind=", "sort=title", "unknown=1"):
        filters = state(query)
        assert not filters.is_active
        assert filters.chosen == []
    assert state("sort=title").query_string == "sort=title"


def test_remove_links_drop_only_that_value():
    filters = state("tag=gymnasiet&tag=forskning&kind=article&sort=title")
    removes = {(chosen.name, chosen.value): chosen.remove_query for chosen in filters.chosen}
    assert removes == {
        ("tag", "gymnasiet"): "tag=forskning&kind=article&sort=title",
        ("tag", "forskning"): "tag=gymnasiet&kind=article&sort=title",
        ("kind", "article"): "tag=gymnasiet&tag=forskning&sort=title",
    }
    assert [chosen.label for chosen in filters.chosen] == ["Gymnasiet", "Forskning", "Artikel"]
    assert state("year=2018").chosen[0].label == "År 2018"


def test_options_say_which_values_are_chosen_with_their_counts():
    filters = state("tag=gymnasiet&tag=forskning&kind=article")
    kinds = {option.value: option for option in filters.facet("kind").options}
    assert [value for value, option in kinds.items() if option.selected] == ["article"]
    assert {option.count for option in kinds.values()} == {None}
    tags = {option.value: option for option in filters.facet("tag", {"gymnasiet": 3}).options}
    assert tags["gymnasiet"].selected and tags["forskning"].selected
    assert (tags["gymnasiet"].count, tags["forskning"].count) == (3, 0)


def test_page_queries_keep_the_selection():
    assert state("kind=article&page=3").page_query(2) == "kind=article&page=2"
    assert state("kind=article").page_prefix == "kind=article&"
    assert state("page=3").page_query(4) == "page=4"
    assert state("").page_prefix == ""


@pytest.mark.parametrize(
    ("page", "number"),
    [("", 1), ("abc", 1), ("1e9", 1), ("2", 2), ("02", 2), ("0", 3), ("-1", 3), ("999999", 3)],
)
def test_a_bad_page_number_gives_the_first_or_the_last_page(page, number):
    items = list(range(25))
    assert state(f"page={page}").paginate(items, 10).number == number
    assert state(f"page={page}").paginate(items, 10, count=25).number == number


def test_a_page_of_a_queryset_holds_what_slicing_it_would_in_its_order(
    site_tree, django_assert_num_queries
):
    """Pages are read by their keys first (one query): the same rows, in the same order,
    for every page, the last one short, an ordering on a function included."""
    from django.db.models.functions import Lower
    from wagtail.models import Page

    from pluginnovation.site.listing import KeysFirst

    index = KnowledgeIndexPageFactory(parent=site_tree.home_sv)
    for title in ["b", "C", "a", "e", "D", "f", "g"]:
        ArticlePageFactory(parent=index, title=title)
    pages = Page.objects.child_of(index).order_by(Lower("title"), "pk")
    expected = list(pages.values_list("title", flat=True))
    assert expected == ["a", "b", "C", "D", "e", "f", "g"]
    for number, titles in [("1", expected[:3]), ("2", expected[3:6]), ("3", expected[6:])]:
        page = state(f"page={number}").paginate(pages, 3, count=7)
        with django_assert_num_queries(1):
            assert [item.title for item in page] == titles
    assert isinstance(state("").paginate(pages, 3).paginator.object_list, KeysFirst)
    # A union cannot be narrowed by its keys: it is sliced as Django's paginator does.
    children = Page.objects.child_of(index).order_by()
    union = children.filter(title="a").union(children.filter(title="b")).order_by("title")
    assert [item.title for item in state("").paginate(union, 1)] == ["a"]


# The four listings -------------------------------------------------------------------------


@dataclass
class Listing:
    url: str
    per_page: int
    valid: str  # a filter that narrows the listing
    other: str  # another filter, combinable with `valid`
    unknown_value: str  # a declared parameter with a value nobody offers


LISTINGS = {
    "knowledge": Listing("/kunskap/", 12, "kind=research_summary", "factor=samverkan", "kind=poem"),
    "casestudies": Listing(
        "/fallstudier/", 20, "round=plugin", "region=goteborgsregionen", "region=nowhere"
    ),
    "literature": Listing(
        "/litteratur/", 20, "tag=gymnasieskolan", "tag=sverige", "tag=nonexistent"
    ),
    "news": Listing("/aktuellt/", 12, "year=2017", "year=2018", "year=1850"),
}


def build_knowledge(site_tree):
    knowledge = KnowledgeIndexPageFactory(parent=site_tree.home_sv)
    factor = SuccessFactorPageFactory(parent=knowledge, title="Samverkan", slug="samverkan")
    for number in range(26):
        ArticlePageFactory(
            parent=knowledge,
            kind="research_summary" if number % 2 else "article",
            success_factors=[factor] if number % 3 == 0 else [],
        )


def build_casestudies(site_tree):
    section = build_section(site_tree)
    for number in range(42):
        section.case(
            ["krokom", "partille", "are"][number % 3],
            ["plugin", "plugin2"][number % 2],
            title=f"Fallstudie {number:02d}",
        )


def build_literature(site_tree):
    index, _entries, tags, _ = build_library(site_tree)
    for number in range(40):
        entry = LiteraturePageFactory(parent=index, title=f"Extra {number:02d}", year=1990)
        tag(entry, tags["Sverige"], *([tags["Gymnasieskolan"]] if number % 2 else []))
        entry.save_revision().publish()


def build_news(site_tree):
    news = NewsIndexPageFactory(parent=site_tree.home_sv)
    for number in range(26):
        NewsPageFactory(parent=news, date=datetime.date(2017 + number % 2, 1, 1 + number))


@pytest.fixture(params=list(LISTINGS))
def listing(request, site_tree):
    """One listing, with more than a page of entries."""
    globals()[f"build_{request.param}"](site_tree)
    return LISTINGS[request.param]


def entries(client, url):
    """The addresses of the entries listed (cards of every kind), in order."""
    body = client.get(url).content.decode()
    return re.findall(r'class="(?:card|entry)__title"><a href="([^"]+)"', body)


def links(body, css_class):
    """The addresses linked from the pagination or the chosen filters (none if not shown)."""
    block = re.search(rf'<(?:div|nav) class="{css_class}"(.*?)</(?:div|nav)>', body, re.S)
    found = re.findall(r'href="([^"]*)"', block.group(1)) if block else []
    return [html.unescape(href) for href in found]


def test_an_unknown_value_or_parameter_is_ignored(client, listing):
    everything = entries(client, listing.url)
    assert len(everything) >= listing.per_page
    for query in (
        listing.unknown_value,
        "utm_source=newsletter",
        "",
        listing.valid.split("=")[0] + "=",
    ):
        response = client.get(f"{listing.url}?{query}")
        assert response.status_code == 200
        body = response.content.decode()
        assert entries(client, f"{listing.url}?{query}") == everything, query
        assert 'class="active-filters"' not in body, query
        # Pagination carries the selection only: nothing unknown, nothing empty.
        assert links(body, "pagination") == ["?page=2"], query


def test_a_filter_narrows_and_pagination_keeps_it(client, listing):
    second = entries(client, f"{listing.url}?{listing.valid}&page=2")
    assert 0 < len(second) < len(entries(client, f"{listing.url}?page=2"))
    body = client.get(f"{listing.url}?page=1&{listing.valid}&utm_source=x").content.decode()
    assert 'class="active-filters"' in body
    assert links(body, "pagination") == [f"?{listing.valid}&page=2"]


def test_page_abc_is_the_first_page_and_999999_the_last(client, listing):
    first = entries(client, listing.url)
    assert entries(client, f"{listing.url}?page=abc") == first
    assert entries(client, f"{listing.url}?page=1") == first
    pages = re.search(r"Sida 1 av (\d+)", client.get(listing.url).content.decode()).group(1)
    last = entries(client, f"{listing.url}?page={pages}")
    assert last != first
    for page in ("999999", "0", "-1"):
        response = client.get(f"{listing.url}?page={page}")
        assert response.status_code == 200
        assert entries(client, f"{listing.url}?page={page}") == last, page


def test_remove_this_filter_drops_only_that_value(client, listing):
    both = f"{listing.url}?{listing.valid}&{listing.other}"
    body = client.get(both).content.decode()
    removes = [
        html.unescape(href)
        for href in re.findall(r'class="chip chip--remove" href="([^"]*)"', body)
    ]
    # "Clear all" leads to the listing with nothing chosen.
    clear = re.search(r'class="chips__clear" href="([^"]*)"', body).group(1)
    assert html.unescape(clear) == listing.url
    if listing.valid.split("=")[0] == listing.other.split("=")[0] and listing.url == "/aktuellt/":
        # One year at a time: the second replaces the first; removing it leaves nothing.
        assert removes == [listing.url]
        return
    assert sorted(removes) == sorted(
        [f"{listing.url}?{listing.other}", f"{listing.url}?{listing.valid}"]
    )
    for href in removes:
        assert client.get(href).status_code == 200
