import bibtexparser
import pytest
import rispy

from tests.literature.factories import build_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(site_tree):
    return build_library(site_tree)


def authors_of_bibtex(entry):
    """The names as written, an organisation without the braces that keep it one name."""
    names = entry.fields_dict["author"].value.split(" and ")
    return [name.strip().removeprefix("{").removesuffix("}") for name in names]


def test_each_entry_exports_ris_and_bibtex_that_parse_back(client, library):
    _, entries, _, _ = library
    for entry in entries:
        response = client.get(f"{entry.url}cite/ris/")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        [record] = rispy.loads(response.content.decode())
        assert record["title"] == entry.title
        assert record["authors"] == entry.authors_list
        assert record["year"] == str(entry.year)

        response = client.get(f"{entry.url}cite/bibtex/")
        library_ = bibtexparser.parse_string(response.content.decode())
        assert not library_.failed_blocks
        [bib] = library_.entries
        assert bib.fields_dict["title"].value == entry.title
        assert authors_of_bibtex(bib) == entry.authors_list
        assert bib.fields_dict["year"].value == str(entry.year)


def test_filtered_list_exports_only_its_results(client, library):
    ris = client.get("/litteratur/export/ris/?tag=gymnasieskolan&tag=forskning").content.decode()
    records = rispy.loads(ris)
    assert [record["title"][:14] for record in records] == ["Detta ideliga "]
    assert records[0]["authors"] == ["Möllås, G."]
    assert records[0]["year"] == "2009"
    assert "Gymnasieskolan" in records[0]["keywords"]

    bib = client.get("/litteratur/export/bibtex/?tag=gymnasieskolan").content.decode()
    parsed = bibtexparser.parse_string(bib)
    assert not parsed.failed_blocks
    titles = {entry.fields_dict["title"].value for entry in parsed.entries}
    assert len(titles) == 3
    assert "Grunderna för gymnasiets läroplan 2003" in titles
    assert len({entry.key for entry in parsed.entries}) == 3


def test_entry_page_shows_a_formatted_reference_and_structured_data(client, library):
    _, entries, _, _ = library
    hamre = entries[2]
    html = client.get(hamre.url).content.decode()
    assert (
        "Hamre, B. K. &amp; Pianta, R. C. (2005). Can instructional and emotional support"
    ) in html
    assert "https://doi.org/10.1111/j.1467-8624.2005.00889.x" in html
    data = hamre.structured_data(None)
    assert data["@type"] == "ScholarlyArticle"
    assert [author["name"] for author in data["author"]] == ["Hamre, B. K.", "Pianta, R. C."]
    assert data["datePublished"] == "2005"
    assert entries[1].structured_data(None)["@type"] == "Book"
    assert entries[4].structured_data(None)["@type"] == "Report"


def test_feeds_for_the_library_and_a_filtered_selection(client, library):
    html = client.get("/litteratur/?tag=forskning").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/litteratur/feed/?tag=forskning"' in html
    feed = client.get("/litteratur/feed/?tag=forskning")
    assert feed["Content-Type"].startswith("application/rss+xml")
    body = feed.content.decode()
    assert body.count("<item>") == 1
    assert "Detta ideliga" in body
    assert client.get("/litteratur/feed/").content.decode().count("<item>") == 5


def test_api_fields_name_the_structured_fields(library):
    from literature.models import LiteraturePage

    names = {field.name for field in LiteraturePage.api_fields}
    assert {"authors_list", "year", "doi", "isbn", "evidence_label", "tag_labels"} <= names
    _, entries, _, _ = library
    assert {"slug": "forskning", "label": "Forskning", "taxonomy": "typ"} in entries[0].tag_labels
