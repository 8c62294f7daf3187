"""Import of references from a reference manager (a Zotero RIS or BibTeX export).

`parse` reads every record and says what it is: new, a duplicate of an existing entry (by DOI,
or by normalised title and year), or invalid with the reason. `create_drafts` creates the new
ones as Swedish drafts in one transaction: either all of them exist afterwards or none.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pylatexenc.latex2text import LatexNodes2Text
from wagtail.log_actions import LogContext, log
from wagtail.models import Page

from .citations import doi_key
from .citations import normalise_doi as stored_doi
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
RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: ?(.*))?$")
RIS_START = re.compile(r"^TY  -", re.MULTILINE)
BIBTEX_START = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.MULTILINE)
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
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    isbn: str = ""
    issn: str = ""
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
    """The key a DOI is compared by (case-insensitive, without `doi:` or a resolver)."""
    return doi_key(doi)


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
    "norsk": "no",
    "dansk": "da",
    "suomi": "fi",
    "deutsch": "de",
    "français": "fr",
}


def _language(value):
    """A language code the library knows, from a code ("en", "eng", "sv-SE") or a name."""
    text = str(value or "").strip().casefold()
    if text in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[text]
    three_letter = {
        "eng": "en",
        "swe": "sv",
        "nor": "no",
        "nob": "no",
        "nno": "no",
        "dan": "da",
        "fin": "fi",
        "ger": "de",
        "deu": "de",
        "fre": "fr",
        "fra": "fr",
    }
    code = three_letter.get(text[:3], text[:2]) if len(text) == 3 else text[:2]
    if len(text) > 3 and text[2:3] not in ("-", "_"):
        return ""  # a name the library does not know, not a code with a region
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
    text = text.lstrip("\ufeff")
    if RIS_START.search(text):
        records, file_format = _parse_ris(text), RIS
    elif text.lstrip().startswith("@") or BIBTEX_START.search(text):
        records, file_format = _parse_bibtex(text), BIBTEX
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
    """Records as reference managers write them.

    Lines outside a record (the "1." numbering some writers put before each record, notes)
    are ignored, as Zotero ignores them; inside a record, a line that is not a field continues
    the field before it (a multi-paragraph abstract). A record that never ends is invalid.
    """
    records = []
    fields, last_tag = None, None

    for raw in text.splitlines():
        line = raw.rstrip()
        match = RIS_LINE.match(line)
        if fields is None:
            if match and match.group(1) == "TY":
                fields, last_tag = {"TY": [(match.group(2) or "").strip()]}, "TY"
            continue
        if match and match.group(1) == "TY":
            records.append(_unfinished(len(records) + 1))
            fields, last_tag = {"TY": [(match.group(2) or "").strip()]}, "TY"
        elif match and match.group(1) == "ER":
            records.append(_from_ris(len(records) + 1, fields))
            fields, last_tag = None, None
        elif match:
            last_tag = match.group(1)
            fields.setdefault(last_tag, []).append((match.group(2) or "").strip())
        elif line.strip() and last_tag:
            fields[last_tag][-1] += "\n" + line.strip()
    if fields is not None:
        records.append(_unfinished(len(records) + 1))
    return records


def _unfinished(number):
    record = Record(number)
    record.invalid(_("The record does not end with 'ER  -'."))
    return record


def _first(fields, *tags):
    for tag in tags:
        for value in fields.get(tag, []):
            if value.strip():
                return value
    return ""


def _from_ris(number, fields):
    publication_type = FROM_RIS.get(_first(fields, "TY").upper(), PublicationType.OTHER)
    # SN is whichever standard number the work has: an ISSN for a periodical's article
    # (8 digits), an ISBN for a book (10 or 13).
    standard_number = _text(_first(fields, "SN"), 40)
    digits = re.sub(r"[^0-9Xx]", "", standard_number.split()[0] if standard_number else "")
    is_issn = len(digits) == 8 or (
        publication_type == PublicationType.ARTICLE and len(digits) not in (10, 13)
    )
    if publication_type in (PublicationType.ARTICLE, PublicationType.CHAPTER):
        source = _first(fields, "T2", "JO", "JF", "JA", "BT", "T3", "PB")
    else:
        source = _first(fields, "PB", "T2", "T3")
    first_page, last_page = _first(fields, "SP"), _first(fields, "EP")
    pages = f"{first_page}–{last_page}" if first_page and last_page else first_page
    pages = re.sub(r"\s*-+\s*", "–", pages)  # "949-967" in SP alone, as some writers put it
    abstract = _first(fields, "AB", "N2")
    authors = [
        *fields.get("AU", []),
        *fields.get("A1", []),
        # Corporate authors as some writers give them when the work has no personal author.
        *(fields.get("A2", []) if not fields.get("AU") and not fields.get("A1") else []),
    ]
    urls = [url for value in fields.get("UR", []) for url in value.split() if url]
    keywords = [word for value in fields.get("KW", []) for word in value.split("\n")]
    record = Record(
        number,
        title=_text(_first(fields, "TI", "T1", "CT", "BT"), 255),
        authors=[_text(author, 200) for author in authors if _text(author, 200)],
        year=_year(_first(fields, "PY", "Y1", "DA")),
        publication_type=publication_type,
        source=_text(source, 255),
        volume=_text(_first(fields, "VL"), 30),
        issue=_text(_first(fields, "IS"), 30),
        pages=_text(pages, 30),
        doi=_text(stored_doi(_first(fields, "DO")), 200),
        isbn="" if is_issn else _text(standard_number, 20),
        issn=_text(standard_number, 20) if is_issn else "",
        url=_text(urls[0] if urls else "", 500),
        summary=abstract.strip(),
        language=_language(_first(fields, "LA")),
        keywords=[_text(word, 100) for word in keywords if _text(word, 100)],
    )
    return record.check()


LATEX = LatexNodes2Text()


def _from_latex(value):
    """Plain text of a BibTeX value: `{\\"o}` is ö, braces that protect case go."""
    text = value or ""
    if "\\" in text or "{" in text or "$" in text:
        try:
            text = LATEX.latex_to_text(text)
        except Exception:  # noqa: BLE001 - malformed TeX is read as it is written
            text = re.sub(r"[{}]", "", text)
    return text


def _bibtex_author(name):
    """ "Surname, Given names" for a person; an organisation (the whole name in braces, as
    Zotero and JabRef write it) as it is."""
    name = name.strip()
    if name.startswith("{") and name.endswith("}") and _balanced(name[1:-1]):
        return _text(_from_latex(name[1:-1]), 200)
    try:
        parts = parse_single_name_into_parts(name, strict=False)
    except InvalidNameError:
        return _text(_from_latex(name), 200)
    return _text(_from_latex(parts.merge_last_name_first), 200)


def _balanced(text):
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _bibtex_type(entry_type, kind):
    if entry_type.lower() in ("misc", "techreport", "report") and "policy" in kind.casefold():
        return PublicationType.POLICY
    return FROM_BIBTEX.get(entry_type.lower(), PublicationType.OTHER)


def _parse_bibtex(text):
    # The default stack resolves @string macros and removes the outer braces or quotes.
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
        raw = {key.lower(): str(value.value) for key, value in block.fields_dict.items()}
        fields = {key: _from_latex(value) for key, value in raw.items()}
        authors = [
            _bibtex_author(name)
            for name in split_multiple_persons_names(raw.get("author") or raw.get("editor") or "")
        ]
        source = next(
            (
                fields[key]
                for key in ("journal", "journaltitle", "booktitle", "institution", "school")
                if fields.get(key)
            ),
            fields.get("publisher", ""),
        )
        words = re.split(r"[;,]", fields.get("keywords", ""))
        keywords = [_text(word, 100) for word in words if word.strip()]
        record = Record(
            number,
            title=_text(fields.get("title"), 255),
            authors=[author for author in authors if author],
            year=_year(fields.get("year") or fields.get("date")),
            publication_type=_bibtex_type(block.entry_type, fields.get("type", "")),
            source=_text(source, 255),
            volume=_text(fields.get("volume"), 30),
            issue=_text(fields.get("number") or fields.get("issue"), 30),
            pages=_text(re.sub(r"-+", "–", fields.get("pages", "")), 30),
            doi=_text(stored_doi(fields.get("doi")), 200),
            isbn=_text(fields.get("isbn"), 20),
            issn=_text(fields.get("issn"), 20),
            url=_text(fields.get("url"), 500),
            summary=fields.get("abstract", "").strip(),
            language=_language(fields.get("langid") or fields.get("language")),
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
                volume=record.volume,
                issue=record.issue,
                pages=record.pages,
                doi=record.doi,
                isbn=record.isbn,
                issn=record.issn,
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
