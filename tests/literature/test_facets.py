import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from literature.models import LiteraturePage
from pluginnovation.caching.cache import bump_content_version
from tests.factories import commit_pending, uncached_client
from tests.knowledge.factories import KnowledgeIndexPageFactory, SuccessFactorPageFactory
from tests.literature.factories import (
    LiteraturePageFactory,
    LiteratureTagFactory,
    build_library,
    tag,
)

pytestmark = pytest.mark.django_db


def titles(html):
    return re.findall(r'class="entry__title"><a href="[^"]*"[^>]*>([^<]*)</a>', html)


def counts(html):
    """Option label -> count, from the facet form."""
    found = re.findall(
        r'<label for="library-filter-[^"]+">(?:<svg.*?</svg>)?<span[^>]*>([^<]+?)</span> '
        r'<span class="facet__count">\((\d+)\)</span>',
        html,
    )
    return {label.replace("&amp;", "&"): int(count) for label, count in found}


@pytest.fixture
def library(site_tree):
    return build_library(site_tree)


def test_index_lists_the_seed_entries_newest_first(client, library):
    html = client.get("/litteratur/").content.decode()
    found = titles(html)
    assert len(found) == 5
    assert found[0].startswith("Detta ideliga") or found[0].startswith("Visible Learning")
    assert found[-1] == "Grunderna för gymnasiets läroplan 2003"
    assert "5 poster" in html


def test_filtering_by_gymnasieskolan_then_forskning(client, library):
    html = client.get("/litteratur/?tag=gymnasieskolan").content.decode()
    found = titles(html)
    assert len(found) == 3
    assert any(title.startswith("Detta ideliga") for title in found)
    assert any(title.startswith("Visible Learning") for title in found)
    assert "Grunderna för gymnasiets läroplan 2003" in found
    assert not any(title.startswith("Can instructional") for title in found)

    html = client.get("/litteratur/?tag=gymnasieskolan&tag=forskning").content.decode()
    found = titles(html)
    assert len(found) == 1
    assert found[0].startswith("Detta ideliga")


def test_within_a_taxonomy_any_tag_matches(client, library):
    html = client.get("/litteratur/?tag=gymnasieskolan&tag=grundskolan").content.decode()
    assert len(titles(html)) == 4


def assert_every_count_holds(client, query):
    """Each option not chosen counts what the listing holds with it chosen too."""
    html = client.get(f"/litteratur/{query}").content.decode()
    options = re.findall(
        r'name="(tag|factor|evidence)" value="([^"]+)"( checked)?>\s*<label[^>]*>\s*'
        r'(?:<svg.*?</svg>\s*)?<span[^>]*>[^<]+</span> <span class="facet__count">\((\d+)\)</span>',
        html,
        flags=re.DOTALL,
    )
    assert options
    base = query.lstrip("?")
    for param, value, checked, count in options:
        if checked:
            continue
        target = f"/litteratur/?{base}&{param}={value}" if base else f"/litteratur/?{param}={value}"
        assert len(titles(client.get(target).content.decode())) == int(count), target
    return {param for param, *_rest in options}


@pytest.mark.parametrize(
    "query",
    ["", "?tag=gymnasieskolan", "?tag=gymnasieskolan&tag=forskning", "?tag=sverige&evidence=study"],
)
def test_every_count_equals_the_results_its_option_gives(client, library, query):
    assert_every_count_holds(client, query)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?factor=samverkan",
        "?factor=samverkan&factor=flexibla",
        "?factor=samverkan&tag=gymnasieskolan",
        "?factor=flexibla&year_from=2005",
        "?factor=samverkan&evidence=review&year_to=2015",
    ],
)
def test_success_factor_counts_equal_the_results_their_option_gives(
    client, site_tree, library, query
):
    knowledge = KnowledgeIndexPageFactory(parent=site_tree.home_sv)
    together = SuccessFactorPageFactory(parent=knowledge, title="Samverkan", slug="samverkan")
    flexible = SuccessFactorPageFactory(parent=knowledge, title="Flexibla", slug="flexibla")
    _index, entries, _tags, _index_en = library
    for entry, factors in zip(
        entries, ([together], [together, flexible], [flexible], [together]), strict=False
    ):
        entry.success_factors = factors
        entry.save_revision().publish()
    commit_pending()

    assert "factor" in assert_every_count_holds(client, query)


def test_narrowing_by_evidence_or_years_costs_no_query_more(library):
    # The year and evidence counts of the library, of the results and of the entries matching
    # all but the evidence labels come from one query, whatever is chosen.
    reader = uncached_client()
    reader.get("/litteratur/")  # what a process looks up once (content types, locales)
    spent = {}
    for query in ("", "?evidence=review", "?evidence=review&evidence=study&year_from=2000"):
        bump_content_version()
        with CaptureQueriesContext(connection) as queries:
            assert reader.get(f"/litteratur/{query}").status_code == 200
        spent[query] = len(queries)
    assert len(set(spent.values())) == 1, spent


def test_options_with_no_match_are_hidden(client, library):
    html = client.get("/litteratur/?tag=grundskolan").content.decode()
    facet_counts = counts(html)
    assert "Forskning" not in facet_counts  # Hamre & Pianta have no Typ tag
    assert facet_counts["Grundskolan"] == 1
    # Another school level is offered with what choosing it too would give.
    assert facet_counts["Gymnasieskolan"] == 4


def test_english_readers_see_english_tag_labels(client, site_tree):
    build_library(site_tree, translate=True)
    html = client.get("/en/literature/?tag=gymnasieskolan").content.decode()
    assert "Upper secondary school" in html
    assert ">Gymnasieskolan<" not in html
    assert "3 entries" in html
    sv = client.get("/litteratur/").content.decode()
    assert "Gymnasieskolan" in sv and "Upper secondary school" not in sv


def test_a_tag_without_an_english_label_is_marked_as_swedish_for_english_readers(client, site_tree):
    _, entries, tags, _ = build_library(site_tree, translate=True)
    tags["Sverige"].name_en = ""
    tags["Sverige"].save()
    english_entry = entries[0].get_translation(site_tree.locale_en)
    for path in ("/en/literature/", english_entry.url):
        html = client.get(path).content.decode()
        tag_links = re.findall(r'<ul class="tag-list"[^>]*>(.*?)</ul>', html)[0]
        assert '<a href="/en/literature/?tag=sverige" lang="sv">Sverige</a>' in html, path
        assert 'lang="sv">Upper secondary school<' not in tag_links
    # The facet option too; one with an English label has none.
    english = client.get("/en/literature/").content.decode()
    assert '<span lang="sv">Sverige</span>' in english
    assert "<span>Upper secondary school</span>" in english
    swedish = client.get("/litteratur/").content.decode()
    assert 'href="/litteratur/?tag=sverige">Sverige</a>' in swedish
    assert "<span>Sverige</span>" in swedish


def test_tags_on_an_entry_link_to_the_filtered_list(client, library):
    _, entries, _, _ = library
    html = client.get(entries[0].url).content.decode()
    assert 'href="/litteratur/?tag=gymnasieskolan"' in html
    assert "Forskning" in html


def tag_labels(html):
    """The labels of each tag list on a page, in order."""
    return [
        re.findall(r">([^<]+)</a></li>", tag_list)
        for tag_list in re.findall(r'<ul class="tag-list"[^>]*>(.*?)</ul>', html)
    ]


def test_each_entry_in_the_listing_shows_the_tags_of_its_page_in_the_same_order(client, library):
    _, entries, _, _ = library
    # A theme sorting first by name, and a keyword readers never see.
    tag(entries[0], LiteratureTagFactory(name="Aaa-tema", taxonomy="tema"))
    tag(entries[0], LiteratureTagFactory(name="Okänt nyckelord", taxonomy="oklassad"))
    html = client.get("/litteratur/").content.decode()
    listed = dict(zip(titles(html), tag_labels(html), strict=True))
    for entry in entries:
        assert listed[entry.title] == tag_labels(client.get(entry.url).content.decode())[0]
    first = listed[entries[0].title]
    # By taxonomy (school level before theme), then by label.
    assert first.index("Gymnasieskolan") < first.index("Aaa-tema")
    assert "Okänt nyckelord" not in first


def test_year_range_and_evidence_and_sort(client, library):
    html = client.get("/litteratur/?year_from=2005&year_to=2008").content.decode()
    assert len(titles(html)) == 2
    html = client.get("/litteratur/?evidence=review").content.decode()
    assert len(titles(html)) == 2
    html = client.get("/litteratur/?sort=title").content.decode()
    found = titles(html)
    assert found == sorted(found, key=str.casefold)


def test_drafts_and_private_entries_are_absent(client, library):
    from wagtail.models import PageViewRestriction

    index, entries, tags, _ = library
    draft = LiteraturePageFactory(parent=index, title="Utkast om skolan", live=False)
    tag(draft, tags["Gymnasieskolan"])
    PageViewRestriction.objects.create(
        page=entries[0], restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    html = client.get("/litteratur/?tag=gymnasieskolan").content.decode()
    assert "Utkast om skolan" not in html
    assert not any(title.startswith("Detta ideliga") for title in titles(html))
    assert counts(html)["Gymnasieskolan"] == 2
    feed = client.get("/litteratur/feed/").content.decode()
    assert "Utkast" not in feed and "Detta ideliga" not in feed
    ris = client.get("/litteratur/export/ris/").content.decode()
    assert "Utkast" not in ris and "Detta ideliga" not in ris


@pytest.mark.parametrize(
    "query",
    [
        "?page=999999",
        "?page=-1",
        "?page=abc",
        "?tag=nonexistent&factor=x&evidence=<script>",
        "?year_from=99999999999999999999&year_to=abc",
        "?sort=DROP%20TABLE",
        "?tag=%FF%FE&page=%00",
        "?" + "tag=a&" * 500,
    ],
)
def test_garbage_query_strings_give_a_normal_page(client, library, query):
    response = client.get(f"/litteratur/{query}")
    # NUL and undecodable bytes and hundreds of parameters are refused site-wide with a 400.
    refused = "%00" in query or query.count("&") > 64
    assert response.status_code == (400 if refused else 200)
    assert "<script>" not in response.content.decode()


def test_pagination_keeps_the_filters(client, site_tree):
    index, _, tags, _ = build_library(site_tree)
    for number in range(25):
        entry = LiteraturePageFactory(parent=index, title=f"Extra {number:02d}", year=1990)
        tag(entry, tags["Sverige"])
        entry.save_revision().publish()
    html = client.get("/litteratur/?tag=sverige").content.decode()
    assert "27 poster" in html
    assert 'href="?tag=sverige&amp;page=2"' in html
    second = client.get("/litteratur/?tag=sverige&page=2").content.decode()
    assert len(titles(second)) == 7


def test_many_tags_in_an_unclassified_taxonomy_are_not_offered(client, library):
    unclassified = LiteratureTagFactory(name="Okänt nyckelord", taxonomy="oklassad")
    _, entries, _, _ = library
    tag(entries[0], unclassified)
    html = client.get("/litteratur/").content.decode()
    assert "Okänt nyckelord" not in html
    assert LiteraturePage.objects.count() == 5


def test_the_year_facet_draws_works_per_year_with_every_year_in_its_table(client, library):
    html = client.get("/litteratur/").content.decode()
    figure = re.search(r'id="chart-years".*?</figure>', html, re.S).group(0)
    rows = re.findall(r'<tr><th scope="row">(\d{4})</th><td>(\d+)</td></tr>', figure)
    years = [int(year) for year, _count in rows]
    assert years == list(range(years[0], years[-1] + 1))
    per_year = {int(year): int(count) for year, count in rows}
    assert sum(per_year.values()) == 5
    for year, count in per_year.items():
        response = client.get(f"/litteratur/?year_from={year}&year_to={year}")
        assert len(titles(response.content.decode())) == count
    assert figure.count('<rect class="chart__bar"') == len(rows)
    assert "Verk per evidensnivå" in html
