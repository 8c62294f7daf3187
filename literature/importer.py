"""Import of references from a reference manager (a Zotero RIS or BibTeX export).

`parse` reads every record and says what it is: new, a duplicate of an existing entry (by DOI,
or by normalised title and year), or invalid with the reason. `create_drafts` creates the new
ones as Swedish drafts in one transaction: either all of them exist afterwards or none.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import bibtexparser
import rispy
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import LogContext, log
from wagtail.models import Page

from .models import LiteraturePage, LiteratureTag, PublicationType, Taxonomy, WorkLanguage

# The audit log action of an imported entry (registered in wagtail_hooks.py).
IMPORT_ACTION = "literature.import"
RIS, BIBTEX = "RIS", "BibTeX"
# Relations (and the tree's path) a new entry's clean_fields leaves alone; see create_drafts.
UNCHECKED_FIELDS = [
    field.name for field in LiteraturePage._meta.concrete_fields if field.is_relation
] + ["path", "depth", "url_path"]

# Each entry goes through Wagtail's page API (revision, audit log, signals, search index): about
# 35 ms an entry, so a file of 500 is imported well within a web request's 30 s.
MAX_RECORDS = 500
RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
FROM_RIS = {
    "JOUR": PublicationType.ARTICLE,
    "MGZN": PublicationType.ARTICLE,
    "EJOUR": PublicationType.ARTICLE,
    "BOOK": PublicationType.BOOK,
    "EBOOK": PublicationType.BOOK,
    "CHAP": PublicationType.CHAPTER,
    "ECHAP": PublicationType.CHAPTER,
    "RPRT": PublicationType.REPORT,
    "THES": PublicationType.THESIS,
    "GOVDOC": PublicationType.POLICY,
}
FROM_BIBTEX = {
    "article": PublicationType.ARTICLE,
    "book": PublicationType.BOOK,
    "incollection": PublicationType.CHAPTER,
    "inbook": PublicationType.CHAPTER,
    "techreport": PublicationType.REPORT,
    "report": PublicationType.REPORT,
    "phdthesis": PublicationType.THESIS,
    "mastersthesis": PublicationType.THESIS,
    "thesis": PublicationType.THESIS,
}


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class Record:
    number: int
    title: str = ""
    authors: list = field(default_factory=list)
    year: int | None = None
    publication_type: str = PublicationType.OTHER
    source: str = ""
    doi: str = ""
    isbn: str = ""
    url: str = ""
    summary: str = ""
    language: str = ""
    keywords: list = field(default_factory=list)
    status: str = "new"  # new, duplicate, invalid
    reason: str = ""
    file_format: str = ""  # RIS or BibTeX, for the audit log

    def check(self):
        if not self.title:
            self.invalid(_("The record has no title."))
        elif not self.authors:
            self.invalid(_("The record has no author."))
        elif self.year is None:
            self.invalid(_("The record has no valid year."))
        elif self.url and not _valid_url(self.url):
            self.invalid(
                _("The record's URL is not a valid web address: %(url)s") % {"url": self.url[:60]}
            )
        return self

    def invalid(self, reason):
        self.status = "invalid"
        self.reason = reason


def _valid_url(url):
    try:
        URLValidator()(url)
    except ValidationError:
        return False
    return True


def normalise_title(title):
    text = unicodedata.normalize("NFKD", title or "").casefold()
    return "".join(char for char in text if char.isalnum())


def normalise_doi(doi):
    doi = (doi or "").strip()
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.IGNORECASE)
    return doi.casefold()


def _year(value):
    match = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", str(value or ""))
    return int(match.group(1)) if match else None


LANGUAGE_NAMES = {
    "swedish": "sv",
    "svenska": "sv",
    "english": "en",
    "engelska": "en",
    "norwegian": "no",
    "norska": "no",
    "danish": "da",
    "danska": "da",
    "finnish": "fi",
    "finska": "fi",
    "german": "de",
    "tyska": "de",
    "french": "fr",
    "franska": "fr",
}


def _language(value):
    """A language code the library knows, from a code ("en", "eng", "sv-SE") or a name."""
    text = str(value or "").strip().casefold()
    if text in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[text]
    code = {"eng": "en", "swe": "sv", "nor": "no", "dan": "da", "fin": "fi", "ger": "de"}.get(
        text[:3], text[:2]
    )
    return code if code in WorkLanguage.values else ""


def _text(value, limit):
    return re.sub(r"\s+", " ", str(value or "")).strip()[:limit]


def decode(data):
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("The file is not a text file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The file is not UTF-8 text (byte %(position)s). Export it again as UTF-8.")
            % {"position": error.start}
        ) from error


def parse(text):
    """The records of a RIS or BibTeX text, each checked; raises ImportFileError."""
    stripped = text.lstrip()
    if stripped.startswith("@"):
        records, file_format = _parse_bibtex(text), BIBTEX
    elif stripped.startswith("TY  -"):
        records, file_format = _parse_ris(text), RIS
    else:
        raise ImportFileError(
            _("The file is neither RIS (starting with 'TY  -') nor BibTeX (starting with '@').")
        )
    if not records:
        raise ImportFileError(_("The file holds no records."))
    for record in records:
        record.file_format = file_format
    if len(records) > MAX_RECORDS:
        raise ImportFileError(
            _("The file holds %(count)s records; at most %(limit)s can be imported at once.")
            % {"count": len(records), "limit": MAX_RECORDS}
        )
    mark_duplicates(records)
    return records


def _parse_ris(text):
    records = []
    chunk, problem = [], ""

    def close(closed):
        number = len(records) + 1
        if problem or not closed:
            record = Record(number)
            record.invalid(problem or _("The record does not end with 'ER  -'."))
            records.append(record)
            return
        try:
            data = rispy.loads("\n".join(chunk))[0]
        except Exception as error:  # noqa: BLE001 - any parser failure is this record's fault
            record = Record(number)
            record.invalid(_("The record cannot be read: %(error)s") % {"error": error})
            records.append(record)
            return
        records.append(_from_ris(number, data))

    stray = ""
    for line_number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        match = RIS_LINE.match(line)
        if not chunk:
            if match and match.group(1) == "TY":
                # Text before a record belongs to it: the record is broken.
                chunk, problem, stray = [line], stray, ""
            elif not stray:
                stray = _("Line %(line)s is outside any record: %(text)s") % {
                    "line": line_number,
                    "text": line[:60],
                }
            continue
        if match and match.group(1) == "TY":
            close(closed=False)
            chunk, problem = [line], ""
            continue
        if not match:
            if not problem:
                problem = _("Line %(line)s is not a RIS field: %(text)s") % {
                    "line": line_number,
                    "text": line[:60],
                }
            continue
        chunk.append(line)
        if match.group(1) == "ER":
            close(closed=True)
            chunk, problem = [], ""
    if stray and not chunk:
        record = Record(len(records) + 1)
        record.invalid(stray)
        records.append(record)
    if chunk:
        close(closed=False)
    return records


def _from_ris(number, data):
    title = data.get("title") or data.get("primary_title") or ""
    authors = data.get("authors") or data.get("first_authors") or []
    source = (
        data.get("journal_name")
        or data.get("secondary_title")
        or data.get("alternate_title3")
        or data.get("publisher")
        or ""
    )
    urls = data.get("urls") or []
    record = Record(
        number,
        title=_text(title, 255),
        authors=[_text(author, 200) for author in authors if _text(author, 200)],
        year=_year(data.get("year") or data.get("publication_year") or data.get("date")),
        publication_type=FROM_RIS.get(data.get("type_of_reference", ""), PublicationType.OTHER),
        source=_text(source, 255),
        doi=_text(data.get("doi"), 200),
        isbn=_text(data.get("issn"), 20),
        url=_text(urls[0] if urls else "", 500),
        summary=str(data.get("abstract") or "").strip(),
        language=_language(data.get("language")),
        keywords=[_text(word, 100) for word in data.get("keywords") or [] if _text(word, 100)],
    )
    return record.check()


def _clean_bibtex(value):
    return re.sub(r"[{}]", "", value or "")


def _parse_bibtex(text):
    library = bibtexparser.parse_string(text)
    blocks = sorted(
        [*library.entries, *library.failed_blocks], key=lambda block: block.start_line or 0
    )
    records = []
    for number, block in enumerate(blocks, start=1):
        if not isinstance(block, bibtexparser.model.Entry):
            record = Record(number)
            record.invalid(
                _("The record starting on line %(line)s is not valid BibTeX.")
                % {"line": (block.start_line or 0) + 1}
            )
            records.append(record)
            continue
        fields = {
            key.lower(): _clean_bibtex(value.value) for key, value in block.fields_dict.items()
        }
        authors = [
            _text(name, 200) for name in re.split(r"\s+and\s+", fields.get("author", "")) if name
        ]
        source = next(
            (
                fields[key]
                for key in ("journal", "booktitle", "publisher", "institution", "school")
                if fields.get(key)
            ),
            "",
        )
        words = re.split(r"[;,]", fields.get("keywords", ""))
        keywords = [_text(word, 100) for word in words if word.strip()]
        record = Record(
            number,
            title=_text(fields.get("title"), 255),
            authors=[author for author in authors if author],
            year=_year(fields.get("year") or fields.get("date")),
            publication_type=FROM_BIBTEX.get(block.entry_type.lower(), PublicationType.OTHER),
            source=_text(source, 255),
            doi=_text(fields.get("doi"), 200),
            isbn=_text(fields.get("isbn"), 20),
            url=_text(fields.get("url"), 500),
            summary=fields.get("abstract", "").strip(),
            language=_language(fields.get("language")),
            keywords=keywords,
        )
        records.append(record.check())
    return records


def mark_duplicates(records):
    """Duplicates of existing entries (any language, drafts too) or of earlier records."""
    known_dois = {}
    known_titles = {}
    for title, year, doi in LiteraturePage.objects.values_list("title", "year", "doi"):
        if doi:
            known_dois[normalise_doi(doi)] = title
        known_titles[(normalise_title(title), year)] = title
    for record in records:
        if record.status == "invalid":
            continue
        doi = normalise_doi(record.doi)
        key = (normalise_title(record.title), record.year)
        if doi and doi in known_dois:
            record.status = "duplicate"
            record.reason = _("Same DOI as “%(title)s”.") % {"title": known_dois[doi]}
        elif key in known_titles:
            record.status = "duplicate"
            record.reason = _("Same title and year as “%(title)s”.") % {"title": known_titles[key]}
        else:
            if doi:
                known_dois[doi] = record.title
            known_titles[key] = record.title


def _known_tags():
    """Every tag by its Swedish and English label (casefolded), and every slug in use."""
    tags_by_name, slugs = {}, set()
    for tag in LiteratureTag.objects.all():
        slugs.add(tag.slug)
        tags_by_name.setdefault(tag.name.casefold(), tag)
        if tag.name_en:
            tags_by_name.setdefault(tag.name_en.casefold(), tag)
    return tags_by_name, slugs


def _tags_for(keywords, tags_by_name, slugs):
    """Known tags by Swedish or English label; unknown keywords become tags to classify."""
    found = []
    for word in keywords:
        key = word.casefold()
        tag = tags_by_name.get(key)
        if tag is None:
            base = slugify(word)[:90] or "nyckelord"
            slug, suffix = base, 1
            while slug in slugs:
                suffix += 1
                slug = f"{base}-{suffix}"
            tag = LiteratureTag.objects.create(name=word, slug=slug, taxonomy=Taxonomy.UNCLASSIFIED)
            slugs.add(slug)
            tags_by_name[key] = tag
        if tag not in found:
            found.append(tag)
    return found


def create_drafts(index, records, user=None):
    """Create the new records as drafts under the (Swedish) index, all or none.

    Each entry goes through Wagtail's page API, as if an editor had created it: `add_child`
    (owner `user`; Wagtail logs "wagtail.create"), its tags through the tag manager, then
    `save_revision` (the draft's revision, "updated" time, page signals), and one
    "literature.import" entry in the audit log (page history and site history) saying which
    format it came from. Returns the created pages.
    """
    new = [record for record in records if record.status == "new"]
    if not new:
        return []
    with transaction.atomic():
        tags_by_name, tag_slugs = _known_tags()
        used_slugs = set(Page.objects.child_of(index).values_list("slug", flat=True))
        pages = []
        for record in new:
            base = slugify(record.title)[:80] or "post"
            slug, suffix = base, 1
            while slug in used_slugs:
                suffix += 1
                slug = f"{base}-{suffix}"
            used_slugs.add(slug)
            page = LiteraturePage(
                title=record.title,
                slug=slug,
                authors="\n".join(record.authors),
                year=record.year,
                publication_type=record.publication_type,
                source=record.source,
                doi=record.doi,
                isbn=record.isbn,
                external_url=record.url,
                summary=record.summary,
                work_language=record.language,
                locale_id=index.locale_id,
                owner=user,
                live=False,
            )
            # Every field's own validation (lengths, URL, choices), without the queries that
            # full_clean would make per page to check that the locale and owner exist and the
            # slug is free: add_child checks the slug, and the rest is the same for all pages.
            page.clean_fields(exclude=UNCHECKED_FIELDS)
            # In memory until add_child saves the page; the revision then holds them too.
            page.tags.add(*_tags_for(record.keywords, tags_by_name, tag_slugs))
            # One log context (one uuid) per entry: Wagtail's page history shows only the
            # latest entry per uuid and action across all pages, so with the request's single
            # uuid every entry but the last would lose its lines in its history.
            with LogContext(user=user):
                index.add_child(instance=page)  # logs "wagtail.create", as for any new page
                revision = page.save_revision(user=user, log_action=False, clean=False)
                # save_revision(log_action=...) cannot carry data; this is the entry it would
                # write (same revision and flags), with the format for the message.
                log(
                    instance=page,
                    action=IMPORT_ACTION,
                    user=user,
                    revision=revision,
                    content_changed=True,
                    data={"format": record.file_format},
                )
            pages.append(page)
    return pages
