"""Citations out (RIS, BibTeX, a formatted reference) with rispy and bibtexparser.

Zotero and EndNote read both formats; the writers are the libraries', not ours.
"""

import re

import bibtexparser
import rispy
from bibtexparser import model as bibtex
from django.http import HttpResponse
from django.utils.text import slugify

from .choices import PublicationType

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
# Which BibTeX field holds the source for each entry type.
BIBTEX_SOURCE_FIELD = {
    "article": "journal",
    "incollection": "booktitle",
    "techreport": "institution",
    "phdthesis": "school",
}


def _keywords(page):
    return [tag.name for tag in page.sorted_tags()]


def to_ris_record(page):
    record = {
        "type_of_reference": RIS_TYPES.get(page.publication_type, "GEN"),
        "title": page.title,
        "authors": page.authors_list,
        "year": str(page.year),
    }
    if page.source:
        key = "journal_name" if page.publication_type == PublicationType.ARTICLE else "publisher"
        record[key] = page.source
    for key, value in (
        ("doi", page.doi),
        ("urls", [page.external_url] if page.external_url else None),
        ("language", page.get_work_language_display() if page.work_language else ""),
        ("abstract", page.summary),
        ("keywords", _keywords(page)),
        ("issn", page.isbn),
    ):
        if value:
            record[key] = value
    return record


def ris_text(pages):
    return rispy.dumps([to_ris_record(page) for page in pages])


def _bibtex_value(text):
    # Braces would unbalance the entry; BibTeX has no escape for them.
    return re.sub(r"[{}]", "", str(text))


def to_bibtex_entry(page, key):
    entry_type = BIBTEX_TYPES.get(page.publication_type, "misc")
    fields = [
        ("title", page.title),
        ("author", " and ".join(page.authors_list)),
        ("year", str(page.year)),
    ]
    if page.source:
        fields.append((BIBTEX_SOURCE_FIELD.get(entry_type, "publisher"), page.source))
    for name, value in (
        ("doi", page.doi),
        ("isbn", page.isbn),
        ("url", page.external_url),
        ("language", page.get_work_language_display() if page.work_language else ""),
        ("abstract", page.summary),
        ("keywords", ", ".join(_keywords(page))),
    ):
        if value:
            fields.append((name, value))
    return bibtex.Entry(
        entry_type, key, [bibtex.Field(name, _bibtex_value(value)) for name, value in fields]
    )


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


def bibtex_text(pages):
    library = bibtexparser.Library()
    used = set()
    for page in pages:
        library.add(to_bibtex_entry(page, _citation_key(page, used)))
    return bibtexparser.write_string(library)


def _download(text, content_type, filename):
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def ris_response(pages, name):
    return ris_download(ris_text(pages), name)


def ris_download(text, name):
    return _download(text, "application/x-research-info-systems", f"{name}.ris")


def bibtex_response(pages, name):
    return bibtex_download(bibtex_text(pages), name)


def bibtex_download(text, name):
    return _download(text, "application/x-bibtex", f"{name}.bib")


def formatted_reference(page):
    """An APA-like reference: Authors (Year). Title. Source. DOI or URL."""
    authors = page.authors_list
    if len(authors) > 1:
        names = ", ".join(authors[:-1]) + " & " + authors[-1]
    else:
        names = authors[0] if authors else ""
    parts = [f"{names} ({page.year}).", f"{page.title.rstrip('.')}."]
    if page.source:
        parts.append(f"{page.source.rstrip('.')}.")
    if page.doi:
        parts.append(f"https://doi.org/{page.doi}")
    elif page.external_url:
        parts.append(page.external_url)
    return " ".join(parts)
