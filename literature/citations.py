"""Citations out (RIS, BibTeX, a formatted reference) with rispy and bibtexparser.

Written the way Zotero's and JabRef's own exports are, so reference managers read them as they
read their own: RIS with CRLF line ends and no numbering lines, organisation authors as
single-field names (no comma) in RIS and in braces in BibTeX, the language as an ISO 639 code,
the DOI in its normal form, and keywords in the export's language.
"""

import re

import bibtexparser
import rispy
from bibtexparser import model as bibtex
from django.http import HttpResponse
from django.utils.text import slugify

from .choices import PublicationType

DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
DOI_URL = "https://doi.org/"


def normalise_doi(value):
    """A DOI in its one stored form, `10.xxxx/…`: without `doi:` or a resolver's address.

    DOIs are compared case-insensitively (`same_doi`); the case as written is kept.
    """
    doi = DOI_PREFIX.sub("", str(value or "").strip()).strip()
    return doi


def doi_key(value):
    """What two DOIs are compared by."""
    return normalise_doi(value).casefold()


def doi_url(value):
    doi = normalise_doi(value)
    return f"{DOI_URL}{doi}" if doi else ""


def is_organisation(name):
    """An author line without a comma is an organisation ("Skolverket"); a person is written
    "Surname, Given names" (the form the admin asks for and reference managers export)."""
    return "," not in name


def split_pages(pages):
    """("12", "34") for "12-34" or "12–34"; (pages, "") when it is not a range."""
    first, _, last = re.sub(r"\s*[-–—]+\s*", "-", pages or "").partition("-")
    return first.strip(), last.strip()


RIS_TYPES = {
    PublicationType.ARTICLE: "JOUR",
    PublicationType.BOOK: "BOOK",
    PublicationType.CHAPTER: "CHAP",
    PublicationType.REPORT: "RPRT",
    PublicationType.THESIS: "THES",
    PublicationType.POLICY: "GOVDOC",
    PublicationType.OTHER: "GEN",
}
BIBTEX_TYPES = {
    PublicationType.ARTICLE: "article",
    PublicationType.BOOK: "book",
    PublicationType.CHAPTER: "incollection",
    PublicationType.REPORT: "techreport",
    PublicationType.THESIS: "phdthesis",
    PublicationType.POLICY: "misc",
    PublicationType.OTHER: "misc",
}
SCHEMA_TYPES = {
    PublicationType.ARTICLE: "ScholarlyArticle",
    PublicationType.BOOK: "Book",
    PublicationType.CHAPTER: "Chapter",
    PublicationType.REPORT: "Report",
    PublicationType.THESIS: "Thesis",
    PublicationType.POLICY: "Report",
    PublicationType.OTHER: "CreativeWork",
}
# Which BibTeX field holds the source for each entry type; anything else has a publisher.
BIBTEX_SOURCE_FIELD = {
    "article": "journal",
    "incollection": "booktitle",
    "techreport": "institution",
    "phdthesis": "school",
}
# The `type` of a policy document's @misc entry (read back by the importer).
POLICY_BIBTEX_TYPE = "Policy document"
# Which RIS field holds the source: the periodical or book (T2) or who published it (PB).
RIS_SOURCE_FIELD = {
    PublicationType.ARTICLE: "secondary_title",
    PublicationType.CHAPTER: "secondary_title",
}


def keywords(page, language):
    """The entry's public tags, labelled in `language`."""
    return [tag.label_in(language) for tag in page.sorted_tags()]


def standard_number(page):
    """(kind, number): the ISSN of a periodical's article, else the ISBN."""
    if page.publication_type == PublicationType.ARTICLE and page.issn:
        return "issn", page.issn
    if page.isbn:
        return "isbn", page.isbn
    return ("issn", page.issn) if page.issn else ("", "")


class RisWriter(rispy.RisWriter):
    """Records as Zotero writes them: CRLF, a blank line between records, no "1." lines."""

    NEWLINE = "\r\n"

    def set_header(self, count):
        return ""


def _ris_value(value):
    # A line break inside a value continues the field on the next line (Zotero's abstracts).
    return "\r\n".join(str(value).splitlines())


def to_ris_record(page, language):
    record = {
        "type_of_reference": RIS_TYPES.get(page.publication_type, "GEN"),
        "title": page.title,
        "authors": page.authors_list,
        "year": str(page.year),
    }
    if page.source:
        record[RIS_SOURCE_FIELD.get(page.publication_type, "publisher")] = page.source
    first, last = split_pages(page.pages)
    for key, value in (
        ("volume", page.volume),
        ("number", page.issue),
        ("start_page", first),
        ("end_page", last),
        ("issn", standard_number(page)[1]),
        ("doi", normalise_doi(page.doi)),
        ("urls", [page.external_url] if page.external_url else None),
        ("language", page.work_language),
        ("abstract", page.summary),
        ("keywords", keywords(page, language)),
    ):
        if value:
            record[key] = value if isinstance(value, list) else _ris_value(value)
    return record


def ris_text(pages, language):
    return rispy.dumps([to_ris_record(page, language) for page in pages], implementation=RisWriter)


def _bibtex_value(text):
    # Braces would unbalance the entry; BibTeX has no escape for them.
    return re.sub(r"[{}]", "", str(text))


def bibtex_authors(names):
    """`author` as BibTeX reads it: an organisation in braces, so that it stays one name
    ("{Utbildningsstyrelsen i Finland}" is not first name Utbildningsstyrelsen, von i, last
    Finland) and an "and" inside it does not split it."""
    return " and ".join(
        f"{{{_bibtex_value(name)}}}" if is_organisation(name) else _bibtex_value(name)
        for name in names
    )


def to_bibtex_entry(page, key, language):
    entry_type = BIBTEX_TYPES.get(page.publication_type, "misc")
    fields = [
        ("title", page.title),
        ("year", str(page.year)),
    ]
    if page.source:
        fields.append((BIBTEX_SOURCE_FIELD.get(entry_type, "publisher"), page.source))
    if page.publication_type == PublicationType.POLICY:
        # BibTeX has no type for it; `type` names it, as for a report's kind.
        fields.append(("type", POLICY_BIBTEX_TYPE))
    number_kind, number = standard_number(page)
    for name, value in (
        ("volume", page.volume),
        ("number", page.issue),
        ("pages", "--".join(part for part in split_pages(page.pages) if part)),
        (number_kind, number),
        ("doi", normalise_doi(page.doi)),
        ("url", page.external_url),
        ("langid", page.work_language),
        ("abstract", page.summary),
        ("keywords", ", ".join(keywords(page, language))),
    ):
        if value:
            fields.append((name, value))
    entry_fields = [bibtex.Field("author", bibtex_authors(page.authors_list))]
    entry_fields += [bibtex.Field(name, _bibtex_value(value)) for name, value in fields]
    return bibtex.Entry(entry_type, key, entry_fields)


def _citation_key(page, used):
    first = page.authors_list[0] if page.authors_list else "anon"
    base = slugify(first.split(",")[0]).replace("-", "") or "anon"
    key = f"{base}{page.year}"
    candidate, suffix = key, 0
    while candidate in used:
        suffix += 1
        candidate = f"{key}{chr(ord('a') + suffix - 1) if suffix <= 26 else suffix}"
    used.add(candidate)
    return candidate


def bibtex_text(pages, language):
    library = bibtexparser.Library()
    used = set()
    for page in pages:
        library.add(to_bibtex_entry(page, _citation_key(page, used), language))
    return bibtexparser.write_string(library)


def _download(text, content_type, filename):
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def ris_download(text, name):
    return _download(text, "application/x-research-info-systems", f"{name}.ris")


def bibtex_download(text, name):
    return _download(text, "application/x-bibtex", f"{name}.bib")


def source_with_issue(page):
    """ "Child Development, 76(5), 949–967": the journal with where in it, as APA writes it."""
    where = page.volume + (f"({page.issue})" if page.issue else "")
    return ", ".join(part for part in (page.source, where, page.pages) if part)


def formatted_reference(page):
    """An APA-like reference: Authors (Year). Title. Source. DOI or URL."""
    authors = page.authors_list
    if len(authors) > 1:
        names = ", ".join(authors[:-1]) + " & " + authors[-1]
    else:
        names = authors[0] if authors else ""
    parts = [f"{names} ({page.year}).", f"{page.title.rstrip('.')}."]
    if page.source:
        parts.append(f"{source_with_issue(page).rstrip('.')}.")
    if page.doi:
        parts.append(doi_url(page.doi))
    elif page.external_url:
        parts.append(page.external_url)
    return " ".join(parts)
