from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from pluginnovation.accounts.security import MAX_PAGE_NUMBER
from pluginnovation.site.listing import Filter, FilterState
from pluginnovation.site.taxonomy import factors_by_page, success_factors

from .query import RESULTS_PER_PAGE, documents_for, excerpt, highlight, search, suggest
from .registry import OTHER_KEY, OTHER_PLURAL, available_kinds, label_for
from .text import clean_query, language_of


class CountedPaginator(Paginator):
    """A paginator told its count: the type counts already hold it, and counting the grouped
    matches again would cost as much as finding them."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count


def _page_number(value):
    """The page Paginator.get_page() will show, as far as it can be told before counting:
    1 for what is not a number, the last page (any page past the end) for numbers below 1."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_PAGE_NUMBER else MAX_PAGE_NUMBER + 1


def _query_string(**params):
    return "?" + urlencode({key: value for key, value in params.items() if value})


@require_GET
def search_view(request):
    """The site search of the active language: /sok/ in Swedish, /en/search/ in English."""
    locale = Locale.get_active()
    language = language_of(locale.language_code)
    query = clean_query(request.GET.get("q", ""))
    kinds = available_kinds()
    # `type` as asked for: a kind's key, "other" (pages of no listed kind), or all (unknown
    # values too); `kind` is what the index calls it, None for all.
    shown = request.GET.get("type", "")
    if shown == OTHER_KEY:
        kind = ""
    elif shown in {item.key for item in kinds}:
        kind = shown
    else:
        shown, kind = "", None
    # The results of the page asked for come with the counts, in one query.
    start = (_page_number(request.GET.get("page")) - 1) * RESULTS_PER_PAGE
    results = search(query, locale, kind, start, RESULTS_PER_PAGE)
    count = results.total if kind is None else results.counts.get(kind, 0)
    paginator = CountedPaginator(results.matches, RESULTS_PER_PAGE, count)
    page = paginator.get_page(request.GET.get("page"))
    documents = documents_for(page.object_list, request) if results.terms else []
    for document in documents:
        document.kind_label = label_for(document.kind)
        document.title_html = highlight(document.title, results.terms, language)
        document.excerpt_html = excerpt(document, results.terms, language)
    # Each result shows the success factors its page is tagged with, as the cards do.
    if documents:
        tagged = factors_by_page(
            [document.page_id for document in documents], list(success_factors(locale.id))
        )
        for document in documents:
            document.factors = tagged.get(document.page_id, [])

    filters = [
        {
            "label": None,
            "count": results.total,
            "url": _query_string(q=query),
            "current": kind is None,
        }
    ] + [
        {
            "label": plural,
            "count": results.counts.get(key, 0),
            "url": _query_string(q=query, type=shown_key),
            "current": kind == key,
        }
        for key, shown_key, plural in [
            *((item.key, item.key, item.plural) for item in kinds),
            ("", OTHER_KEY, OTHER_PLURAL),
        ]
        # A type without matches is no choice at all; the one being shown always stays.
        if results.counts.get(key) or kind == key
    ]
    # The same facet panel and removable chips as every listing: the words are kept (they do
    # not narrow in the panel's sense), the type is one choice of those with matches.
    type_filter = FilterState(
        request.GET,
        [
            Filter("q", parse=lambda raw: clean_query(raw) or None, narrows=False),
            Filter(
                "type",
                {
                    **{item.key: item.plural for item in kinds},
                    OTHER_KEY: OTHER_PLURAL,
                },
                label=_("Content type"),
            ),
        ],
    )
    type_facet = type_filter.facet(
        "type",
        {
            **{item.key: results.counts.get(item.key, 0) for item in kinds},
            OTHER_KEY: results.counts.get("", 0),
        },
    )
    type_facet.total = results.total
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
            "kind": shown,
            "kind_label": (OTHER_PLURAL if kind == "" else label_for(kind)) if shown else "",
            "filters": filters if results.terms else [],
            "type_filter": type_filter,
            "type_facets": [type_facet] if results.terms else [],
            "results": documents,
            "page_obj": page,
            "paginator": paginator,
            "previous_url": (
                _query_string(q=query, type=shown, page=page.previous_page_number())
                if page.has_previous()
                else None
            ),
            "next_url": (
                _query_string(q=query, type=shown, page=page.next_page_number())
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
