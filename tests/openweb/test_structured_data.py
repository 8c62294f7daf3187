"""A literature page's JSON-LD describes the work; the page is a WebPage about it."""

import pytest
from wagtail.models import Locale

from tests.literature.factories import build_library
from tests.pluginnovation.test_metadata import json_ld

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(site_tree):
    index, entries, tags, index_en = build_library(site_tree, translate=True)
    hamre = entries[2]
    hamre.source, hamre.volume, hamre.issue, hamre.pages = "Child Development", "76", "5", "949–967"
    hamre.issn = "0009-3920"
    hamre.doi = "doi:10.1111/j.1467-8624.2005.00889.x"
    hattie = entries[1]
    hattie.source = "Routledge"
    for entry in (hamre, hattie):
        entry.save_revision().publish()
        entry.refresh_from_db()
    return entries


def locale_en():
    return Locale.objects.get(language_code="en")


def nodes(response):
    graph = json_ld(response)
    page = graph["WebPage"]
    [work_id] = [page["mainEntity"]["@id"]]
    [work] = [node for node in graph.values() if node.get("@id") == work_id]
    return page, work


def test_an_english_book_on_a_swedish_page_is_in_english(client, library):
    hattie = library[1]
    page, work = nodes(client.get(hattie.url))
    assert work["@type"] == "Book"
    assert work["inLanguage"] == "en"
    assert page["inLanguage"] == "sv"
    assert work["name"] == work["headline"] == hattie.title
    assert work["author"] == [
        {"@type": "Person", "name": "Hattie, J.", "familyName": "Hattie", "givenName": "J."}
    ]
    assert work["datePublished"] == "2009"
    assert work["publisher"] == {"@type": "Organization", "name": "Routledge"}
    english_page, english_work = nodes(client.get(hattie.get_translation(locale_en()).url))
    assert english_page["inLanguage"] == "en"
    assert english_work["inLanguage"] == "en"


def test_an_article_is_part_of_its_journal_not_published_by_it(client, library):
    page, work = nodes(client.get(library[2].url))
    assert work["@type"] == "ScholarlyArticle"
    assert work["headline"].startswith("Can instructional")
    assert "publisher" not in work
    issue = work["isPartOf"]
    assert issue == {
        "@type": "PublicationIssue",
        "issueNumber": "5",
        "isPartOf": {
            "@type": "PublicationVolume",
            "volumeNumber": "76",
            "isPartOf": {"@type": "Periodical", "name": "Child Development", "issn": "0009-3920"},
        },
    }
    assert (work["pageStart"], work["pageEnd"]) == ("949", "967")
    # The DOI in its normal form, whatever was typed.
    assert work["sameAs"] == "https://doi.org/10.1111/j.1467-8624.2005.00889.x"


def test_an_organisation_author_is_an_organization(client, library):
    _, work = nodes(client.get(library[3].url))
    assert work["author"] == [{"@type": "Organization", "name": "Utbildningsstyrelsen i Finland"}]
    assert work["inLanguage"] == "sv"


def test_the_api_labels_tags_in_the_entrys_language(client, library):
    english = client.get(
        "/api/v2/pages/?type=literature.LiteraturePage&locale=en&fields=tag_labels"
    )
    labels = {tag["label"] for item in english.json()["items"] for tag in item["tag_labels"]}
    assert "Sweden" in labels and "Sverige" not in labels
    swedish = client.get(
        "/api/v2/pages/?type=literature.LiteraturePage&locale=sv&fields=tag_labels"
    )
    labels = {tag["label"] for item in swedish.json()["items"] for tag in item["tag_labels"]}
    assert "Sverige" in labels and "Sweden" not in labels
