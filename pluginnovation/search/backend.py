"""A Wagtail search backend that keeps the lemma index (SearchDocument, SearchTerm).

Registered next to Wagtail's default backend in WAGTAILSEARCH_BACKENDS, it is fed by Wagtail's
own machinery: the post_save/post_delete index signals (so publishing, unpublishing and deleting
keep it right), and `manage.py update_index` (which rebuilds it). It only indexes; the site's
search view reads the tables through query.py.
"""

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_str
from modelsearch.backends.base import BaseIndex, BaseSearchBackend
from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField
from wagtail.models import Locale, Page

from pluginnovation.caching.cache import bump_content_version

from .models import SearchDocument, SearchTerm
from .registry import kind_of
from .text import language_of, terms_of_word, words

# A word in the title counts as much as this many words of the body.
TITLE_WEIGHT = 50
MAX_WEIGHT = 1_000_000
# Enough text for excerpts and matching; a page longer than this is indexed by its beginning.
MAX_TEXT_LENGTH = 100_000


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return "\n".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_plain(item) for item in value.values())
    return force_str(value)


def _field_texts(obj, field, top_level):
    """(field name, boost, text) for every searchable value, following RelatedFields."""
    if isinstance(field, AutocompleteField | FilterField):
        return
    if isinstance(field, SearchField):
        if top_level and field.field_name == "title":
            return
        yield field.field_name, field.boost or 1, _plain(field.get_value(obj))
    elif isinstance(field, RelatedFields):
        related = field.get_value(obj)
        if related is None:
            return
        if hasattr(related, "all"):
            related = related.all()
        elif callable(related):
            related = [related()]
        else:
            related = [related]
        for item in related:
            for sub_field in field.fields:
                yield from _field_texts(item, sub_field, top_level=False)


def _date_of(page):
    """The page's `listing_date`, or None: a page without one (the home page, an index, a
    standard page) shows no date rather than the day it was last published."""
    value = getattr(page, "listing_date", None)
    if callable(value):
        value = value()
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    # A year alone (or nothing) is no day to show.
    return value if isinstance(value, datetime.date) else None


def _summary_of(page):
    value = getattr(page, "listing_summary", None)
    if callable(value):
        value = value()
    return _plain(value or getattr(page, "search_description", "")).strip()


def build_document(page, language_code):
    """The document and its terms for one live, specific page."""
    language = language_of(language_code)
    weights = Counter()
    in_title = set()
    for word in words(page.title):
        for term in terms_of_word(word, language):
            weights[term] += TITLE_WEIGHT
            in_title.add(term)
    texts = []
    for search_field in page.get_search_fields():
        for _name, boost, text in _field_texts(page, search_field, top_level=True):
            text = text.strip()
            if not text:
                continue
            texts.append(text)
            for word in words(text):
                for term in terms_of_word(word, language):
                    weights[term] += max(1, round(boost))
    summary = _summary_of(page)
    kind = kind_of(page)
    document = SearchDocument(
        page_id=page.pk,
        locale_id=page.locale_id,
        kind=kind,
        title=page.title,
        summary=summary,
        text="\n".join(texts)[:MAX_TEXT_LENGTH],
        date=_date_of(page),
    )
    terms = [
        SearchTerm(
            document_id=page.pk,
            locale_id=page.locale_id,
            kind=kind,
            term=term,
            in_title=term in in_title,
            weight=min(weight, MAX_WEIGHT),
        )
        for term, weight in weights.items()
    ]
    return document, terms


def _is_indexable(obj):
    # The rebuild offers every page once as a plain Page and once as its own type: take the
    # latter. The tree's root is no page a reader can visit.
    return isinstance(obj, Page) and type(obj) is obj.specific_class and obj.depth > 1


def remove_pages(page_ids):
    """Drop pages from the index without loading their terms (there may be thousands)."""
    if not page_ids:
        return
    database = SearchTerm.objects.db
    SearchTerm.objects.filter(document_id__in=page_ids)._raw_delete(database)
    SearchDocument.objects.filter(page_id__in=page_ids)._raw_delete(database)


class LemmaIndex(BaseIndex):
    def get_key(self):
        return "lemmas"

    def reset(self):
        remove_pages(list(SearchDocument.objects.values_list("page_id", flat=True)))

    def add_items(self, model, items):
        pages = [item for item in items if _is_indexable(item)]
        if not pages:
            return
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        documents, terms = [], []
        for page in pages:
            if page.live:
                document, page_terms = build_document(page, languages.get(page.locale_id))
                documents.append(document)
                terms.extend(page_terms)
        with transaction.atomic():
            remove_pages([page.pk for page in pages])
            SearchDocument.objects.bulk_create(documents, batch_size=500)
            SearchTerm.objects.bulk_create(terms, batch_size=2000)

    def delete_item(self, item):
        if isinstance(item, Page):
            remove_pages([item.pk])


class LemmaRebuilder:
    def __init__(self, index):
        self.index = index

    def start(self):
        self.index.reset()
        return self.index

    def finish(self):
        # Cached result pages were rendered from the old index.
        bump_content_version()


class LemmaSearchBackend(BaseSearchBackend):
    index_class = LemmaIndex
    rebuilder_class = LemmaRebuilder


SearchBackend = LemmaSearchBackend
