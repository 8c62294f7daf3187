"""Site search as a reader meets it: /sok/ and /en/search/."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from modelsearch.index import RelatedFields, SearchField
from wagtail.models import Page

from knowledge.models import SuccessFactorPage
from pluginnovation.search.models import SearchDocument, SearchTerm
from pluginnovation.search.query import search
from tests.factories import UserFactory, commit_pending, uncached_client
from tests.search import result_titles, type_choices

pytestmark = pytest.mark.django_db


def titles(client, query, path="/sok/", **params):
    commit_pending()  # what the test changed before, as an editor's request commits it
    response = client.get(path, {"q": query, **params})
    assert response.status_code == 200
    return result_titles(response)


def test_search_lives_at_sok_in_swedish_and_en_search_in_english():
    with translation.override("sv"):
        assert reverse("search") == "/sok/"
    with translation.override("en"):
        assert reverse("search") == "/en/search/"


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Mentorskapet i Härryda ger eleverna en vuxen att prata med.", "mentorskap"),
        ("Mentorskap ger eleverna en vuxen att prata med.", "mentorskapet"),
        ("Vi har följt studieavbrotten under tre år.", "studieavbrott"),
        ("Varje studieavbrott har en historia.", "studieavbrotten"),
        ("Alla eleverna fick en kontaktperson.", "elev"),
        ("Varje elev fick en kontaktperson.", "eleverna"),
        ("Kommunerna samarbetar i regionen.", "kommun"),
        ("Varje kommun har ett aktivitetsansvar.", "kommunerna"),
        ("Gymnasieskolan erbjuder introduktionsprogram.", "gymnasieskola"),
        ("En gymnasieskola erbjuder introduktionsprogram.", "gymnasieskolan"),
    ],
)
def test_swedish_inflected_and_definite_forms_find_each_other(build, client, text, query):
    build.standard("Om arbetet", lead=text)
    build.standard("Något annat", lead="Den här sidan handlar om skolmat.")
    # The home page of the test site speaks of studieavbrott too.
    assert [title for title in titles(client, query) if title != "PlugInnovation"] == ["Om arbetet"]


def test_english_pages_match_english_inflections(build, client):
    page = build.standard("Om läsning", lead="Eleverna läser.")
    build.translate(page, slug="on-reading", title="On reading", lead="The children were studying.")
    assert titles(client, "child study", path="/en/search/") == ["On reading"]


def test_a_search_stays_in_its_own_language(build, client):
    page = build.standard("Mentorskap i praktiken", lead="Mentorskap för elever.")
    build.translate(page, slug="mentoring", title="Mentorskap in practice", lead="Mentorskap.")
    assert titles(client, "mentorskap") == ["Mentorskap i praktiken"]
    assert titles(client, "mentorskap", path="/en/search/") == ["Mentorskap in practice"]


def test_drafts_private_and_unpublished_pages_are_never_found(build, client):
    build.standard("Publicerad om frånvaro", lead="Frånvaro syns tidigt.")
    private = build.standard("Hemlig om frånvaro", lead="Frånvaro i lösenordsskyddad sida.")
    build.make_private(private)
    child_of_private = build.standard("Under den hemliga", lead="Frånvaro.", parent=private)
    unpublished = build.standard("Avpublicerad om frånvaro", lead="Frånvaro.")
    unpublished.unpublish()
    draft = build.tree.home_sv.add_child(
        instance=type(unpublished)(title="Utkast om frånvaro", lead="Frånvaro.", live=False)
    )
    draft.save_revision()
    live = build.standard("Levande sida", lead="Om närvaro.")
    live.lead = "Ett utkast om frånvaro som ännu inte är publicerat."
    live.save_revision()

    assert titles(client, "frånvaro") == ["Publicerad om frånvaro"]
    assert child_of_private.live


def test_a_title_match_ranks_above_body_matches(build, client):
    build.standard("Om skolan", lead="Mentorskap mentorskap mentorskap, mentorskapet och mentorer.")
    build.standard("Mentorskap", lead="En kort sida.")
    build.standard("Mer om skolan", lead="Här nämns mentorskap en gång.")
    assert titles(client, "mentorskap")[0] == "Mentorskap"


def test_every_word_must_match_in_some_form(build, client):
    build.standard("Båda orden", lead="Mentorskapet hjälper eleverna.")
    build.standard("Bara det ena", lead="Mentorskapet är viktigt.")
    assert titles(client, "mentorskap elev") == ["Båda orden"]
    # Operators, quotes and punctuation are plain spaces, not syntax.
    assert titles(client, '"mentorskap" AND -elev*') == ["Båda orden"]


def test_fields_behind_relations_are_searchable(build, client, monkeypatch):
    """Whatever a model lists in search_fields counts, RelatedFields too (a case study's
    municipality, a literature entry's authors): here a factor's owner stands in for them."""
    monkeypatch.setattr(
        SuccessFactorPage,
        "search_fields",
        [*SuccessFactorPage.search_fields, RelatedFields("owner", [SearchField("last_name")])],
    )
    owner = UserFactory(first_name="John", last_name="Hattie")
    build.factor("Visible Learning", introduction="En syntes av metaanalyser.", owner=owner)
    assert titles(client, "Hattie") == ["Visible Learning"]


def test_type_filters_and_their_counts_agree_with_the_results(build, client):
    build.factor("Koll och uppföljning", introduction="Frånvaro följs upp varje vecka.")
    build.factor("Relationer", introduction="Frånvaro minskar med en trygg vuxen.")
    build.standard("Om frånvaro", lead="Frånvaro i siffror.")
    build.standard("Om maten", lead="Skolmaten.")

    response = client.get("/sok/", {"q": "frånvaro"})
    filters = type_choices(response)
    assert filters["all"]["count"] == 3 == response.context["search"].paginator.count
    assert filters["Framgångsfaktorer"]["count"] == 2
    text = re.sub(r"<[^>]+>", "", " ".join(response.content.decode().split()))
    assert "Framgångsfaktorer (2)" in text
    assert "Alla (3)" in text

    filtered = client.get("/sok/" + filters["Framgångsfaktorer"]["url"])
    assert sorted(result_titles(filtered)) == [
        "Koll och uppföljning",
        "Relationer",
    ]
    assert filtered.context["search"].paginator.count == 2
    # Counts stay those of the whole query while one type is shown; types without matches
    # are not offered.
    assert sorted(item["count"] for item in type_choices(filtered).values()) == [1, 2, 3]
    # An unknown type is ignored rather than an error.
    assert len(titles(client, "frånvaro", type="<script>")) == 3


def test_pages_of_no_listed_type_have_their_own_tab_so_the_counts_add_up(build, client):
    build.factor("Relationer", introduction="Frånvaro minskar med en trygg vuxen.")
    build.standard("Om frånvaro", lead="Frånvaro i siffror.")
    build.standard("Frånvaro och hälsa", lead="Elevhälsan.")

    response = client.get("/sok/", {"q": "frånvaro"})
    tabs = type_choices(response)
    assert tabs["Övriga sidor"]["count"] == 2
    assert sum(item["count"] for label, item in tabs.items() if label != "all") == 3
    other = client.get("/sok/" + tabs["Övriga sidor"]["url"])
    assert sorted(result_titles(other)) == [
        "Frånvaro och hälsa",
        "Om frånvaro",
    ]
    assert other.context["search"].paginator.count == 2
    assert "(övriga sidor)" in other.content.decode()
    english = client.get("/en/search/", {"q": "absence", "type": "other"})
    assert english.status_code == 200


def test_a_heading_level_is_layout_not_searchable_text(build, client):
    build.standard(
        "Om skolan",
        body=[{"type": "heading", "value": {"text": "Studiero", "level": "h2"}}],
    )
    assert titles(client, "studiero") == ["Om skolan"]
    assert titles(client, "nivå") == []


def test_result_shows_type_date_and_an_escaped_highlighted_excerpt(build, client):
    build.factor(
        "Trygghet",
        introduction="<script>alert('x')</script> Mentorskapet gör eleverna trygga.",
    )
    response = client.get("/sok/", {"q": "mentorskap"})
    html = response.content.decode()
    assert "<mark>Mentorskapet</mark>" in html
    assert "&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert "Framgångsfaktor" in html
    # A success factor is a standing text: it has no date, so none is shown (not the day it
    # was published here); a dated result shows its date (see below).
    assert '<time datetime="' not in html


def test_results_are_paginated_defensively(build, client):
    for number in range(12):
        build.standard(f"Sida om närvaro {number}", lead="Närvaro.")
    first = client.get("/sok/", {"q": "närvaro"})
    assert len(result_titles(first)) == 10
    assert 'rel="next"' in first.content.decode()
    second = client.get("/sok/", {"q": "närvaro", "page": "2"})
    assert len(result_titles(second)) == 2
    for page in ("0", "-1", "abc", "2.5", "99999"):
        assert client.get("/sok/", {"q": "närvaro", "page": page}).status_code == 200
    # Absurd page numbers are refused site-wide with a 400.
    assert client.get("/sok/", {"q": "närvaro", "page": "9" * 23}).status_code == 400


def test_the_pages_of_results_follow_the_ranking_and_skip_private_pages(build, client):
    for number in range(12):
        build.standard(f"Sida om närvaro {number}", lead="Närvaro. " * (number + 1))
    build.make_private(build.standard("Hemlig närvaro", lead="Närvaro. " * 50))
    response = client.get("/sok/", {"q": "närvaro"})
    assert response.context["search"].paginator.count == 12
    first = result_titles(response)
    second = titles(client, "närvaro", page="2")
    # The page that uses the word most often comes first; each is shown once.
    assert first + second == [f"Sida om närvaro {number}" for number in range(11, -1, -1)]
    # A page number past the end or below 1 shows the last page; one that is no number, the
    # first, as every listing of the site does.
    for page in ("3", "99999", "0", "-1"):
        assert titles(client, "närvaro", page=page) == second
    assert titles(client, "närvaro", page="abc") == first


def test_a_type_filter_pages_through_its_own_matches(build, client):
    for number in range(11):
        build.factor(f"Närvaro {number}", introduction="Närvaro följs upp. " * (number + 1))
    build.standard("Om närvaro", lead="Närvaro.")
    filtered = client.get("/sok/", {"q": "närvaro", "type": "success_factor", "page": "2"})
    assert result_titles(filtered) == ["Närvaro 0"]
    assert filtered.context["search"].paginator.count == 11
    # All, success factors, other pages (the standard page).
    assert sorted(item["count"] for item in type_choices(filtered).values()) == [1, 11, 12]


HOSTILE = [
    {},
    {"q": ""},
    {"q": "   "},
    {"q": "x" * 10_240},
    {"q": "ord " * 2_560},
    {"q": 'AND OR NOT ( ) " * : ^ ~ - + ! & | \\ / [ ] { } @@ <-> :*'},
    {"q": '""""""""""'},
    {"q": "'; DROP TABLE wagtailcore_page; --"},
    {"q": "frånvaro\x00"},
    {"q": "\x00\x01\x02"},
    {"q": "<script>alert(1)</script>"},
    {"q": "%s %(x)s {0} {{ x }}"},
    {"q": "😀 \u202e \u200b \ufeff"},
    {"q": "frånvaro", "type": ["news", "literature"]},
    {"q": ["a", "b"], "page": ["1", "2"]},
]


@pytest.mark.parametrize("params", HOSTILE)
@pytest.mark.parametrize("path", ["/sok/", "/en/search/", "/sok/forslag/"])
def test_hostile_queries_get_a_normal_answer(build, client, params, path):
    build.standard("Om frånvaro", lead="Frånvaro.")
    response = client.get(path, params)
    if any("\x00" in value or len(value) > 1024 for value in _values(params)):
        # NUL bytes and values over 1 kB are refused site-wide with the bilingual 400 page.
        assert response.status_code == 400
        assert "The address could not be understood" in response.content.decode()
    else:
        assert response.status_code == 200


def _values(params):
    for value in params.values():
        yield from value if isinstance(value, list) else [value]


@pytest.mark.parametrize("raw", ["q=%ff%fe%fd", "q=fr%e5nvaro", "q=%00", "q=%c3", "type=%ff&q=a"])
@pytest.mark.parametrize("path", ["/sok/", "/sok/forslag/"])
def test_bytes_that_are_not_utf8_get_a_normal_answer(build, client, raw, path):
    build.standard("Om frånvaro", lead="Frånvaro.")
    response = client.get(path, QUERY_STRING=raw)
    assert response.status_code < 500


def test_publishing_unpublishing_and_deleting_keep_both_indexes_right(build, client):
    page = build.standard("Läxhjälp", lead="Läxhjälpen finns i biblioteket.")
    assert titles(client, "läxhjälp") == ["Läxhjälp"]
    assert list(Page.objects.live().search("Läxhjälp")) == [page.page_ptr]

    page.unpublish()
    assert titles(client, "läxhjälp") == []
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()

    page.save_revision().publish()
    assert titles(client, "läxhjälp") == ["Läxhjälp"]

    page.title = "Studiestöd"
    page.lead = "Studiestödet i biblioteket."
    page.save_revision().publish()
    assert titles(client, "läxhjälp") == []
    assert titles(client, "studiestöd") == ["Studiestöd"]

    pk = page.pk
    page.delete()
    assert titles(client, "studiestöd") == []
    assert not SearchTerm.objects.filter(document_id=pk).exists()
    assert list(Page.objects.search("Studiestöd")) == []


def test_update_index_rebuilds_the_search_index(build, client):
    build.standard("Läxhjälp", lead="Läxhjälpen finns i biblioteket.")
    SearchTerm.objects.all().delete()
    SearchDocument.objects.all().delete()
    assert titles(client, "läxhjälp") == []
    call_command("update_index", backend_name="lemmas", verbosity=0)
    assert titles(client, "läxhjälp") == ["Läxhjälp"]
    # Each page is indexed once, as its own type.
    assert SearchDocument.objects.count() == Page.objects.live().filter(depth__gt=1).count()


def test_suggestions_offer_titles_of_the_active_language(build, client):
    page = build.standard("Mentorskap i Härryda", lead="Om mentorer.")
    build.translate(page, slug="mentoring", title="Mentoring in Härryda", lead="Mentors.")
    hidden = build.standard("Mentorskap bakom lösenord", lead="Hemligt.")
    build.make_private(hidden)

    data = client.get("/sok/forslag/", {"q": "ment"}).json()
    assert [(item["title"], item["url"]) for item in data["suggestions"]] == [
        ("Mentorskap i Härryda", "/mentorskap-i-harryda/")
    ]
    english = client.get("/en/search/suggestions/", {"q": "ment"}).json()
    assert [item["title"] for item in english["suggestions"]] == ["Mentoring in Härryda"]
    assert client.get("/sok/forslag/", {"q": "m"}).json()["suggestions"] == []


def test_every_page_has_a_labelled_search_box_for_its_language(build, client):
    page = build.standard("Om oss", lead="Vi.")
    english = build.translate(page, slug="about", title="About us", lead="Us.")
    for url, action, label in (
        (page.url, "/sok/", "Sök på webbplatsen"),
        (english.url, "/en/search/", "Search the site"),
    ):
        html = client.get(url).content.decode()
        assert f'role="search" action="{action}"' in html
        assert f'<label for="site-search-q" class="visually-hidden">{label}</label>' in html
        assert 'id="site-search-q" type="search" name="q"' in html


def test_search_page_links_to_the_same_search_in_the_other_language(build, client):
    html = client.get("/sok/", {"q": "frånvaro"}).content.decode()
    assert 'href="/en/search/?q=fr%C3%A5nvaro" hreflang="en"' in html


def test_search_queries_do_not_grow_with_the_number_of_matches(build, client):
    def queries_for_search():
        # A fresh URL each time, so the anonymous page cache does not answer.
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/sok/", {"q": "närvaro", "page": str(len(seen) + 1)})
        seen.append(response)
        assert response.status_code == 200
        return len(captured)

    seen = []

    for number in range(10):
        build.factor(f"Närvaro {number}", introduction="Närvaro följs upp.")
    queries_for_search()  # The first request caches the sites' root paths.
    with_ten = queries_for_search()
    for number in range(10, 55):
        build.standard(f"Närvaro {number}", lead="Närvaro följs upp.")
    queries_for_search()  # Refills what every page shares after the editorial change.
    with_many = queries_for_search()
    assert with_ten == with_many
    assert with_many <= 20


def test_between_edits_a_search_is_answered_without_searching_again(build, committed):
    build.standard("Om frånvaro", lead="Frånvaro i skolan.")
    commit_pending()
    reader = uncached_client()  # a reader the page cache steps aside for

    def read():
        with CaptureQueriesContext(connection) as queries:
            response = reader.get("/sok/", {"q": "frånvaro"})
        assert response.status_code == 200
        return response.content.decode().split("<main", 1)[1], len(queries)

    first, first_queries = read()
    again, again_queries = read()
    assert "/om-franvaro/" in first and again == first
    # The results were kept with the page's body: no search, no page loaded.
    assert again_queries <= 1 < first_queries
    with committed():
        build.standard("Frånvaro och hälsa", lead="Elevhälsan.")
    after, _queries = read()
    assert "/om-franvaro/" in after and "/franvaro-och-halsa/" in after


def test_search_function_matches_the_view(build, site_tree):
    build.standard("Om frånvaro", lead="Frånvaro.")
    results = search("frånvaron", site_tree.locale_sv)
    assert results.total == 1


def test_a_listing_date_is_shown_rather_than_the_publication_date(build, client, monkeypatch):
    import datetime

    monkeypatch.setattr(
        SuccessFactorPage,
        "listing_date",
        property(lambda page: datetime.date(2019, 3, 4)),
        raising=False,
    )
    build.factor("Relationer", introduction="Mentorskap.")
    html = client.get("/sok/", {"q": "relationer"}).content.decode()
    assert '<time datetime="2019-03-04">4 mars 2019</time>' in html


def test_results_show_their_kind_as_a_badge_and_their_success_factors(build, client):
    from bs4 import BeautifulSoup

    from knowledge.models import ArticlePage
    from tests.search.conftest import publish

    factor = build.factor("Samverkan", introduction="Skola och socialtjänst.", slug="samverkan")
    article = publish(build.knowledge_sv, ArticlePage(title="Mentorskap", lead="Mentorskap."))
    article.success_factors = [factor]
    article.save_revision().publish()
    commit_pending()

    html = client.get("/sok/", {"q": "mentorskap"}).content.decode()
    (result,) = BeautifulSoup(html, "html.parser").select("li.search-result")
    assert result.select_one(".search-result__kind").get_text() == "Artikel"
    (tagged,) = result.select(".card-factors li")
    assert tagged.get_text(strip=True) == "Samverkan"
    # The factor's name is written beside its pictogram, which therefore says nothing itself.
    assert tagged.svg["data-factor-icon"] == "cooperation"
    assert tagged.svg["aria-hidden"] == "true"

    html = client.get("/sok/", {"q": "samverkan"}).content.decode()
    found = {
        item.select_one(".search-result__title a").get_text(): item
        for item in BeautifulSoup(html, "html.parser").select("li.search-result")
    }
    heading = found["Samverkan"].select_one(".search-result__title")
    assert heading.svg["data-factor-icon"] == "cooperation"
    assert heading.svg["aria-hidden"] == "true"
    assert found["Samverkan"].select_one(".search-result__kind").get_text() == "Framgångsfaktor"
