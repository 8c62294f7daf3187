from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from .query import documents_for, excerpt, highlight, search, suggest
from .registry import available_kinds, label_for
from .text import clean_query, language_of

RESULTS_PER_PAGE = 10


class CountedPaginator(Paginator):
    """A paginator told its count: the type counts already hold it, and counting the grouped
    matches again would cost as much as finding them."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count


def _query_string(**params):
    return "?" + urlencode({key: value for key, value in params.items() if value})


@require_GET
def search_view(request):
    """The site search of the active language: /sok/ in Swedish, /en/search/ in English."""
    locale = Locale.get_active()
    language = language_of(locale.language_code)
    query = clean_query(request.GET.get("q", ""))
    kinds = available_kinds()
    kind = request.GET.get("type", "")
    if kind not in {item.key for item in kinds}:
        kind = ""
    results = search(query, locale, kind or None)
    count = results.counts.get(kind, 0) if kind else results.total
    paginator = CountedPaginator(results.matches, RESULTS_PER_PAGE, count)
    page = paginator.get_page(request.GET.get("page"))
    documents = documents_for(page.object_list, request) if results.terms else []
    for document in documents:
        document.kind_label = label_for(document.kind)
        document.title_html = highlight(document.title, results.terms, language)
        document.excerpt_html = excerpt(document, results.terms, language)

    filters = [
        {
            "label": None,
            "count": results.total,
            "url": _query_string(q=query),
            "current": not kind,
        }
    ] + [
        {
            "label": item.plural,
            "count": results.counts.get(item.key, 0),
            "url": _query_string(q=query, type=item.key),
            "current": kind == item.key,
        }
        for item in kinds
        # A type without matches is no choice at all; the one being shown always stays.
        if results.counts.get(item.key) or kind == item.key
    ]
    translation_urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation_urls[code] = reverse("search") + (_query_string(q=query) if query else "")
    return render(
        request,
        "pluginnovation/search.html",
        {
            "query": query,
            "searched": bool(results.terms),
            "kind": kind,
            "kind_label": label_for(kind) if kind else "",
            "filters": filters if results.terms else [],
            "results": documents,
            "page_obj": page,
            "paginator": paginator,
            "previous_url": (
                _query_string(q=query, type=kind, page=page.previous_page_number())
                if page.has_previous()
                else None
            ),
            "next_url": (
                _query_string(q=query, type=kind, page=page.next_page_number())
                if page.has_next()
                else None
            ),
            "translation_urls": translation_urls,
        },
    )


@require_GET
def suggestions_view(request):
    """Titles to offer while a reader types in a search box (JSON for static/js)."""
    locale = Locale.get_active()
    query = clean_query(request.GET.get("q", ""))
    documents = suggest(query, locale)
    return JsonResponse(
        {
            "query": query,
            "suggestions": [
                {
                    "title": document.title,
                    "url": document.page.get_url(request),
                    "kind": str(label_for(document.kind)),
                }
                for document in documents
            ],
            "search_url": reverse("search") + _query_string(q=query),
        }
    )
