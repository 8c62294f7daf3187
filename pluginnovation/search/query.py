"""Searching the lemma index: matching, ranking, kinds with counts, excerpts, suggestions."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Sum, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from .models import SearchDocument, SearchTerm
from .text import MAX_TERM_LENGTH, WORD, language_of, query_terms, terms_of_word, words

EXCERPT_WORDS = 30
MAX_SUGGESTIONS = 8


def visible_page_ids():
    """Live pages no login or password hides: what anyone may find."""
    return Page.objects.live().public().values("pk")


@dataclass
class SearchResults:
    terms: list
    matches: object  # a queryset of {"document", "title_hits", "score"}, best first
    counts: dict  # kind key -> number of matches; "" counts pages of no listed kind
    total: int


def search(query, locale, kind=None):
    """Pages of one language containing every meaningful word of the query, in some form.

    Pages whose title has more of the words come first, then those that use them more.
    """
    groups = query_terms(query, language_of(locale.language_code))
    terms = {term for forms in groups for term in forms}
    if not groups:
        return SearchResults(terms, SearchTerm.objects.none(), {}, 0)
    # Which query word a term stands for: a page matches when it has every word in some form.
    word = Case(
        *(When(term__in=forms, then=Value(i)) for i, forms in enumerate(groups)),
        output_field=IntegerField(),
    )
    matching = (
        SearchTerm.objects.filter(
            term__in=terms,
            document__locale=locale,
            document__page_id__in=visible_page_ids(),
        )
        .values("document")
        .annotate(
            hits=Count(word, distinct=True),
            title_hits=Count(
                Case(When(in_title=True, then=word), output_field=IntegerField()), distinct=True
            ),
            score=Sum("weight"),
        )
        .filter(hits=len(groups))
    )
    counts = {
        row["kind"]: row["count"]
        for row in SearchDocument.objects.filter(page_id__in=matching.values("document"))
        .values("kind")
        .annotate(count=Count("page_id"))
        .order_by()
    }
    total = sum(counts.values())
    if kind:
        matching = matching.filter(document__kind=kind)
    ordered = matching.order_by("-title_hits", "-score", "document")
    return SearchResults(terms, ordered, counts, total)


def documents_for(matches, request):
    """The documents of one page of matches, in order, with their page's URL."""
    ids = [match["document"] for match in matches]
    documents = SearchDocument.objects.filter(page_id__in=ids).select_related("page")
    by_id = {document.page_id: document for document in documents}
    ordered = [by_id[pk] for pk in ids if pk in by_id]
    for document in ordered:
        document.url = document.page.get_url(request)
    return ordered


def _matches(word, terms, language):
    word = word.lower()
    return len(word) <= MAX_TERM_LENGTH and not terms.isdisjoint(terms_of_word(word, language))


def highlight(text, terms, language):
    """The text, escaped, with every word that matches the query wrapped in <mark>."""
    pieces, position = [], 0
    for found in WORD.finditer(text):
        if _matches(found.group(), terms, language):
            pieces.append(escape(text[position : found.start()]))
            pieces.append(f"<mark>{escape(found.group())}</mark>")
            position = found.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def excerpt(document, terms, language):
    """About EXCERPT_WORDS words around the first match in the text, else the summary."""
    text = " ".join(document.text.split())
    spans = list(WORD.finditer(text))
    first = next(
        (i for i, found in enumerate(spans) if _matches(found.group(), terms, language)), None
    )
    if first is None:
        source = document.summary or text
        cut = " ".join(source.split()[:EXCERPT_WORDS])
        suffix = " …" if len(source.split()) > EXCERPT_WORDS else ""
        return highlight(cut, terms, language) + suffix
    start_word = max(0, first - EXCERPT_WORDS // 3)
    end_word = min(len(spans), start_word + EXCERPT_WORDS)
    start = spans[start_word].start() if start_word else 0
    end = spans[end_word - 1].end() if end_word < len(spans) else len(text)
    prefix = "… " if start_word > 0 else ""
    suffix = " …" if end_word < len(spans) else ""
    return mark_safe(prefix + highlight(text[start:end], terms, language) + suffix)  # noqa: S308


def suggest(query, locale):
    """Titles of pages that have the query's earlier words and a title word that starts
    with its last one: what a reader is probably typing towards."""
    typed = words(query)
    if not typed or len(typed[-1]) < 2:
        return []
    language = language_of(locale.language_code)
    candidates = SearchTerm.objects.filter(
        in_title=True,
        term__startswith=typed[-1],
        document__locale=locale,
        document__page_id__in=visible_page_ids(),
    )
    earlier = query_terms(" ".join(typed[:-1]), language) if len(typed) > 1 else []
    for forms in earlier:
        candidates = candidates.filter(
            document__in=SearchTerm.objects.filter(term__in=forms).values("document")
        )
    ids = candidates.values("document")
    documents = (
        SearchDocument.objects.filter(page_id__in=ids)
        .select_related("page")
        .order_by("title", "page_id")[:MAX_SUGGESTIONS]
    )
    return list(documents)
