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
from .text import clean_query, language_of, query_terms


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


class SearchListing:
    """The results of one search, worked out only when the template asks, so a page fragment
    cached between edits costs no query here (as the listings' own classes do)."""

    def __init__(self, request, query, locale):
        self.request = request
        self.query = query
        self.locale = locale
        self.language = language_of(locale.language_code)
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
        self.kinds, self.shown, self.kind = kinds, shown, kind
        self.kind_label = (OTHER_PLURAL if kind == "" else label_for(kind)) if shown else ""
        # The same facet panel and removable chips as every listing: the words are kept (they
        # do not narrow in the panel's sense), the type is one choice of those with matches.
        self.filters = FilterState(
            request.GET,
            [
                Filter("q", parse=lambda raw: clean_query(raw) or None, narrows=False),
                Filter(
                    "type",
                    {**{item.key: item.plural for item in kinds}, OTHER_KEY: OTHER_PLURAL},
                    label=_("Content type"),
                ),
            ],
        )

    @cached_property
    def searched(self):
        return bool(query_terms(self.query, self.language))

    @cached_property
    def results(self):
        # The results of the page asked for come with the counts, in one query.
        start = (_page_number(self.request.GET.get("page")) - 1) * RESULTS_PER_PAGE
        return search(self.query, self.locale, self.kind, start, RESULTS_PER_PAGE)

    @cached_property
    def paginator(self):
        results = self.results
        count = results.total if self.kind is None else results.counts.get(self.kind, 0)
        return CountedPaginator(results.matches, RESULTS_PER_PAGE, count)

    @cached_property
    def page(self):
        return self.paginator.get_page(self.request.GET.get("page"))

    @cached_property
    def documents(self):
        terms = self.results.terms
        documents = documents_for(self.page.object_list, self.request) if terms else []
        for document in documents:
            document.kind_label = label_for(document.kind)
            document.title_html = highlight(document.title, terms, self.language)
            document.excerpt_html = excerpt(document, terms, self.language)
        # Each result shows the success factors its page is tagged with, as the cards do.
        if documents:
            tagged = factors_by_page(
                [document.page_id for document in documents],
                list(success_factors(self.locale.id)),
            )
            for document in documents:
                document.factors = tagged.get(document.page_id, [])
        return documents

    @cached_property
    def facets(self):
        counts = self.results.counts
        facet = self.filters.facet(
            "type",
            {
                **{item.key: counts.get(item.key, 0) for item in self.kinds},
                OTHER_KEY: counts.get("", 0),
            },
        )
        facet.total = self.results.total
        return [facet]

    def _page_url(self, number):
        return _query_string(q=self.query, type=self.shown, page=number)

    @cached_property
    def previous_url(self):
        page = self.page
        return self._page_url(page.previous_page_number()) if page.has_previous() else None

    @cached_property
    def next_url(self):
        return self._page_url(self.page.next_page_number()) if self.page.has_next() else None


@require_GET
def search_view(request):
    """The site search of the active language: /sok/ in Swedish, /en/search/ in English."""
    query = clean_query(request.GET.get("q", ""))
    translation_urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation_urls[code] = reverse("search") + (_query_string(q=query) if query else "")
    return render(
        request,
        "pluginnovation/search.html",
        {
            "query": query,
            "search": SearchListing(request, query, Locale.get_active()),
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
