"""Literature in and out of reference managers: what Zotero, EndNote, Mendeley and JabRef write
is read right, and what the site exports reads back as the same entries."""

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from literature.importer import create_drafts, parse
from literature.models import LiteraturePage
from tests.literature.factories import build_library

pytestmark = pytest.mark.django_db

CHILD_DEVELOPMENT_ABSTRACT = (
    "This study examined ways in which children's risk of school failure may be moderated."
)

# Zotero 7, "Export Library… → RIS": a BOM, CRLF, "ER  - " with a trailing space, the abstract
# as AB with its second paragraph on a continuation line, the DOI as typed into Zotero.
ZOTERO_RIS = (
    "\ufeffTY  - JOUR\r\n"
    "TI  - Can instructional and emotional support in the first-grade classroom make a "
    "difference for children at risk of school failure?\r\n"
    "AU  - Hamre, Bridget K.\r\n"
    "AU  - Pianta, Robert C.\r\n"
    "T2  - Child Development\r\n"
    f"AB  - {CHILD_DEVELOPMENT_ABSTRACT}\r\n"
    "Children were followed from kindergarten to first grade.\r\n"
    "DA  - 2005/09//\r\n"
    "PY  - 2005\r\n"
    "DO  - doi:10.1111/j.1467-8624.2005.00889.x\r\n"
    "VL  - 76\r\n"
    "IS  - 5\r\n"
    "SP  - 949\r\n"
    "EP  - 967\r\n"
    "SN  - 0009-3920\r\n"
    "UR  - https://srcd.onlinelibrary.wiley.com/doi/10.1111/j.1467-8624.2005.00889.x\r\n"
    "LA  - en\r\n"
    "KW  - Classroom quality\r\n"
    "KW  - Grundskolan\r\n"
    "ER  - \r\n"
    "\r\n"
    "TY  - BOOK\r\n"
    "TI  - Visible learning: a synthesis of over 800 meta-analyses relating to achievement\r\n"
    "AU  - Hattie, John\r\n"
    "CY  - London\r\n"
    "PY  - 2009\r\n"
    "PB  - Routledge\r\n"
    "SN  - 978-0-415-47618-8\r\n"
    "LA  - eng\r\n"
    "ER  - \r\n"
)

# EndNote 21, "Export → RIS": the abstract in N2, the DOI as a resolver address, the language
# by its name, a corporate author, Y1 instead of PY.
ENDNOTE_RIS = (
    "TY  - RPRT\r\n"
    "AU  - Skolverket\r\n"
    "T1  - Uppföljning av gymnasieskolan 2020\r\n"
    "Y1  - 2020\r\n"
    "PB  - Skolverket\r\n"
    "N2  - Rapporten följer upp hur många elever som fullföljer gymnasieskolan.\r\n"
    "DO  - https://dx.doi.org/10.1234/SKOLVERKET.2020.1\r\n"
    "LA  - Swedish\r\n"
    "KW  - Gymnasieskolan\r\n"
    "ER  - \r\n"
)

# Mendeley Desktop, "Export → RIS": LF line ends, the DOI as an https://doi.org address, the
# language in Swedish.
MENDELEY_RIS = """TY  - THES
AU  - Möllås, Gunvie
PY  - 2009
TI  - Detta ideliga mötande
PB  - Högskolan för lärande och kommunikation
LA  - svenska
N2  - En studie av hur kommunikation och samspel konstituerar gymnasieelevers skolpraktik.
DO  - https://doi.org/10.5555/MOLLAS.2009
ER  -
"""

# Zotero's built-in BibTeX export: tabs, an organisation in double braces, pages with "--".
ZOTERO_BIBTEX = """
@techreport{utbildningsstyrelsen_grunderna_2003,
\ttitle = {Grunderna för gymnasiets läroplan 2003},
\tlanguage = {sv},
\tinstitution = {Utbildningsstyrelsen},
\tauthor = {{Utbildningsstyrelsen i Finland}},
\tyear = {2003},
}

@article{hamre_can_2005,
\ttitle = {HAMRE_TITLE},
\tvolume = {76},
\tissn = {0009-3920},
\tdoi = {10.1111/j.1467-8624.2005.00889.x},
\tnumber = {5},
\tjournal = {Child Development},
\tauthor = {Hamre, Bridget K. and Pianta, Robert C.},
\tyear = {2005},
\tpages = {949--967},
}
""".replace(
    "HAMRE_TITLE",
    "Can instructional and emotional support in the first-grade classroom make a difference "
    "for children at risk of school failure?",
)

# JabRef 5: @String macros, TeX accents, "First Last" names, a comment block of its own.
JABREF_BIBTEX = r"""% Encoding: UTF-8

@String{hlk = {H{\"o}gskolan f{\"o}r l{\"a}rande och kommunikation}}

@PhdThesis{Moellaas2009,
  author    = {Gunvie M{\"o}ll{\aa}s},
  title     = {Detta ideliga m{\"o}tande},
  school    = hlk,
  year      = {2009},
  language  = {swedish},
  doi       = {doi:10.5555/MOLLAS.2009},
}

@Comment{jabref-meta: databaseType:bibtex;}
"""


def record_of(text, number=0):
    record = parse(text)[number]
    assert record.status == "new", record.reason
    return record


def test_zotero_ris_with_bom_crlf_continuation_and_doi_prefix(db):
    article, book = parse(ZOTERO_RIS)
    assert article.status == book.status == "new"
    assert article.summary == (
        f"{CHILD_DEVELOPMENT_ABSTRACT}\nChildren were followed from kindergarten to first grade."
    )
    assert article.doi == "10.1111/j.1467-8624.2005.00889.x"
    assert (article.volume, article.issue, article.pages) == ("76", "5", "949–967")
    assert (article.issn, article.isbn) == ("0009-3920", "")
    assert article.source == "Child Development"
    assert article.language == "en"
    # The book's SN is an ISBN.
    assert (book.isbn, book.issn) == ("978-0-415-47618-8", "")
    assert book.source == "Routledge"
    assert book.language == "en"


def test_endnote_ris_with_n2_a_resolver_doi_and_a_language_name(db):
    report = record_of(ENDNOTE_RIS)
    assert report.title == "Uppföljning av gymnasieskolan 2020"
    assert report.year == 2020
    assert report.authors == ["Skolverket"]
    assert report.summary.startswith("Rapporten följer upp")
    assert report.doi == "10.1234/SKOLVERKET.2020.1"
    assert report.language == "sv"


def test_mendeley_ris_with_a_swedish_language_name(db):
    thesis = record_of(MENDELEY_RIS)
    assert thesis.publication_type == "thesis"
    assert thesis.language == "sv"
    assert thesis.doi == "10.5555/MOLLAS.2009"
    assert thesis.source == "Högskolan för lärande och kommunikation"


def test_rispy_numbering_lines_are_outside_the_records(db):
    numbered = "1.\nTY  - JOUR\nTI  - One\nAU  - A, B\nPY  - 2001\nER  - \n\n2.\n" + (
        "TY  - JOUR\nTI  - Two\nAU  - A, B\nPY  - 2002\nER  - \n"
    )
    assert [record.title for record in parse(numbered)] == ["One", "Two"]


def test_zotero_bibtex_keeps_an_organisation_whole(db):
    report, article = parse(ZOTERO_BIBTEX)
    assert report.authors == ["Utbildningsstyrelsen i Finland"]
    assert report.source == "Utbildningsstyrelsen"
    assert report.language == "sv"
    assert article.authors == ["Hamre, Bridget K.", "Pianta, Robert C."]
    assert (article.volume, article.issue, article.pages) == ("76", "5", "949–967")
    assert article.issn == "0009-3920"


def test_jabref_bibtex_with_strings_accents_and_first_last_names(db):
    thesis = record_of(JABREF_BIBTEX)
    assert thesis.authors == ["Möllås, Gunvie"]
    assert thesis.title == "Detta ideliga mötande"
    assert thesis.source == "Högskolan för lärande och kommunikation"
    assert thesis.doi == "10.5555/MOLLAS.2009"
    assert thesis.language == "sv"


def test_the_same_doi_in_another_form_is_a_duplicate(site_tree):
    build_library(site_tree)
    text = ZOTERO_RIS.replace(
        "doi:10.1111/j.1467-8624.2005.00889.x", "https://doi.org/10.1111/J.1467-8624.2005.00889.X"
    ).replace("TI  - Can instructional", "TI  - A retitled copy of Can instructional")
    article = parse(text)[0]
    assert article.status == "duplicate"
    assert "DOI" in article.reason


def test_a_doi_is_stored_in_its_normal_form(site_tree):
    index, entries, _, _ = build_library(site_tree)
    entry = entries[2]
    entry.doi = "https://dx.doi.org/10.1111/j.1467-8624.2005.00889.x"
    entry.save()
    entry.refresh_from_db()
    assert entry.doi == "10.1111/j.1467-8624.2005.00889.x"


@pytest.fixture
def full_library(site_tree):
    index, entries, tags, _ = build_library(site_tree)
    hamre = entries[2]
    hamre.source, hamre.volume, hamre.issue, hamre.pages = "Child Development", "76", "5", "949–967"
    hamre.issn = "0009-3920"
    hamre.external_url = "https://srcd.onlinelibrary.wiley.com/doi/10.1111/cdev"
    hamre.summary = "First paragraph.\nSecond paragraph."
    hattie = entries[1]
    hattie.source, hattie.isbn = "Routledge", "978-0-415-47618-8"
    entries[0].source = "Högskolan för lärande och kommunikation"
    entries[3].source = "Utbildningsstyrelsen"
    entries[4].source = "Canadian Council on Learning"
    for entry in entries:
        entry.save_revision().publish()
        entry.refresh_from_db()
    index_en = site_tree.translate(index, title="Literature", slug="literature")
    translations = [
        site_tree.translate(entry, summary=f"{entry.title}: a summary.") for entry in entries
    ]
    return index, entries, translations, index_en


FIELDS = (
    "title",
    "authors_list",
    "year",
    "publication_type",
    "source",
    "volume",
    "issue",
    "pages",
    "doi",
    "isbn",
    "issn",
    "external_url",
    "work_language",
    "summary",
)


def snapshot(page):
    values = {name: getattr(page, name) for name in FIELDS}
    values["tags"] = {tag.pk for tag in page.sorted_tags()}
    return values


@pytest.mark.parametrize(
    "export",
    [
        "/litteratur/export/ris/",
        "/litteratur/export/bibtex/",
        "/en/literature/export/ris/",
        "/en/literature/export/bibtex/",
    ],
)
def test_an_export_reimports_as_the_same_entries_with_nothing_lost(client, full_library, export):
    index, entries, translations, _ = full_library
    text = client.get(export).content.decode()
    records = parse(text)
    assert [record.status for record in records] == ["duplicate"] * len(entries)
    exported = translations if export.startswith("/en/") else entries
    before = {entry.title: snapshot(entry) for entry in exported}
    for entry in translations:
        entry.delete()
    for entry in entries:
        entry.delete()
    created = create_drafts(index, parse(text))
    after = {page.title: snapshot(LiteraturePage.objects.get(pk=page.pk)) for page in created}
    assert after == before


def test_exports_read_right_in_reference_managers(client, full_library):
    ris = client.get("/en/literature/export/ris/").content.decode()
    assert "\r\n" in ris and "\n" not in ris.replace("\r\n", "")
    assert not any(line.rstrip(".").isdigit() for line in ris.splitlines())
    records = {record["title"]: record for record in rispy.loads(ris)}
    policy = records["Grunderna för gymnasiets läroplan 2003"]
    # A single-field (corporate) author: no comma, so Zotero does not split it.
    assert policy["authors"] == ["Utbildningsstyrelsen i Finland"]
    assert policy["language"] == "sv"
    hamre = next(record for title, record in records.items() if title.startswith("Can"))
    assert hamre["doi"] == "10.1111/j.1467-8624.2005.00889.x"
    assert hamre["issn"] == "0009-3920"
    # Keywords in the export's language.
    assert "Learning environment" in hamre["keywords"]
    assert "Lärmiljö" not in hamre["keywords"]

    bib = client.get("/en/literature/export/bibtex/").content.decode()
    library = bibtexparser.parse_string(bib)
    assert not library.failed_blocks
    by_type = {entry.entry_type: entry for entry in library.entries}
    assert by_type["phdthesis"].fields_dict["school"].value == (
        "Högskolan för lärande och kommunikation"
    )
    assert by_type["techreport"].fields_dict["institution"].value == (
        "Canadian Council on Learning"
    )
    policy = next(
        entry for entry in library.entries if entry.fields_dict["title"].value.startswith("Grund")
    )
    assert policy.fields_dict["author"].value == "{Utbildningsstyrelsen i Finland}"
    assert "Sweden" in policy.fields_dict["keywords"].value
    assert "Sverige" not in policy.fields_dict["keywords"].value


def test_bibtex_organisation_authors_are_one_name_for_bibtex_name_parsing(client, full_library):
    bib = client.get("/litteratur/export/bibtex/").content.decode()
    library = bibtexparser.parse_string(bib)
    policy = next(
        entry for entry in library.entries if entry.fields_dict["title"].value.startswith("Grund")
    )
    [name] = split_multiple_persons_names(policy.fields_dict["author"].value)
    parts = parse_single_name_into_parts(name)
    assert parts.first == [] and parts.von == []
    assert parts.last == ["{Utbildningsstyrelsen i Finland}"]
