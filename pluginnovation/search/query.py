"""Searching the lemma index: matching, ranking, kinds with counts, excerpts, suggestions."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from .models import SearchDocument, SearchTerm
from .text import MAX_TERM_LENGTH, WORD, language_of, query_terms, terms_of_word, words

EXCERPT_WORDS = 30
MAX_SUGGESTIONS = 8
RESULTS_PER_PAGE = 10
# A typed NULL: PostgreSQL takes a bare NULL in a subquery for text, which no number unites with.
NULL = "CAST(NULL AS BIGINT)"


def hidden_pages():
    """Pages a login or password hides, with everything under them: never to be found.

    Checked at query time, so a page made private drops out at once. Unpublished pages need
    no check here: the index holds live pages only (the backend drops a page as it is
    unpublished), and the results shown are checked for `live` once more.
    """
    return Page.objects.not_public().order_by().values("pk")


class Ranking:
    """The matches of a search, best first: `ranking[10:20]` reads that window of
    {"document", "title_hits", "score"} rows. One window comes with the search itself."""

    def __init__(self, search, window=(0, 0), rows=()):
        self._search = search
        self._window = window
        self._rows = list(rows)

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.stop is None or key.step is not None:
            raise TypeError("a ranking is read by windows: ranking[start:stop]")
        start, stop = key.start or 0, key.stop
        first, last = self._window
        if first <= start and stop <= last:
            return self._rows[start - first : stop - first]
        return self._search.ranked(start, stop)


@dataclass
class SearchResults:
    terms: set
    matches: object  # a Ranking (or a list): {"document", "title_hits", "score"}, best first
    counts: dict  # kind key -> number of matches; "" counts pages of no listed kind
    total: int


class _MatchQuery:
    """The SQL of one search, read from the term table's index alone.

    A page matches when it has every query word in some form. A term stands for the first
    query word that has it as a form, so each word is matched by terms of its own. Pages whose
    title has more of the words come first, then those that use them more (the sum of the
    weights), then the older page.
    """

    def __init__(self, groups, locale, kind):
        self.kind = kind
        self.connection = connections[router.db_for_read(SearchTerm)]
        seen, own_forms = set(), []
        for forms in groups:
            own_forms.append([form for form in forms if form not in seen])
            seen.update(forms)
        # A word whose every form stands for an earlier word can match nothing of its own.
        self.possible = all(own_forms)
        terms = sorted(seen)

        def placeholders(values):
            return ", ".join(["%s"] * len(values))

        # Per word: 2 when the page has it in its title, 1 when only elsewhere, 0 when not.
        found = [
            f"MAX(CASE WHEN term IN ({placeholders(forms)}) "
            "THEN CASE WHEN in_title THEN 2 ELSE 1 END ELSE 0 END)"
            for forms in own_forms
        ]
        title_hits = " + ".join(f"CASE WHEN {word} = 2 THEN 1 ELSE 0 END" for word in found)
        params = [form for forms in own_forms for form in forms]
        where = f"locale_id = %s AND term IN ({placeholders(terms)})"
        params += [locale.pk, *terms]
        hidden = self._hidden_sql()
        if hidden:
            where += f" AND document_id NOT IN ({hidden[0]})"
            params += hidden[1]
        having = ""
        if len(own_forms) > 1:
            having = " HAVING " + " AND ".join(f"{word} > 0" for word in found)
            params += [form for forms in own_forms for form in forms]
        table = self.connection.ops.quote_name(SearchTerm._meta.db_table)
        self.matches_sql = (
            f"WITH matches AS (SELECT document_id, kind, SUM(weight) AS score, "  # noqa: S608
            f"{title_hits} AS title_hits FROM {table} WHERE {where} "
            f"GROUP BY document_id, kind{having})"
        )
        self.matches_params = params

    def _hidden_sql(self):
        try:
            return hidden_pages().query.get_compiler(connection=self.connection).as_sql()
        except EmptyResultSet:  # Nothing on the site is private.
            return None

    def _ranked_sql(self, start, size):
        """The matches from `start` on, or the last `size` of them (the start of the last
        window) when `start` is past the end: what a paginator shows for such a page."""
        where, params = "", []
        if self.kind is not None:  # "" is the pages of no listed kind
            where, params = " WHERE kind = %s", [self.kind]
        last = f"((SELECT COUNT(*) FROM matches{where}) - 1) / %s * %s"  # noqa: S608
        sql = (
            f"SELECT kind, {NULL}, document_id, title_hits, score FROM matches{where} "  # noqa: S608
            "ORDER BY title_hits DESC, score DESC, document_id "
            f"LIMIT %s OFFSET CASE WHEN %s < {last} THEN %s ELSE {last} END"
        )
        return sql, [*params, size, start, *params, size, size, start, *params, size, size]

    @staticmethod
    def _rows(rows):
        ranked = [
            {"document": document, "title_hits": title_hits, "score": score}
            for _kind, _count, document, title_hits, score in rows
            if document is not None
        ]
        ranked.sort(key=lambda row: (-row["title_hits"], -row["score"], row["document"]))
        return ranked

    def counted(self, start, size):
        """The number of matches of each kind, and the matches of one window, in one query."""
        ranked_sql, ranked_params = self._ranked_sql(start, size)
        sql = (
            f"{self.matches_sql} SELECT kind, COUNT(*), {NULL}, {NULL}, {NULL} "  # noqa: S608
            f"FROM matches GROUP BY kind UNION ALL SELECT * FROM ({ranked_sql}) AS ranked"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*self.matches_params, *ranked_params])
            rows = cursor.fetchall()
        counts = {kind: count for kind, count, document, _, _ in rows if document is None}
        return counts, self._rows(rows)

    def ranked(self, start, stop):
        if stop <= start:
            return []
        ranked_sql, ranked_params = self._ranked_sql(start, stop - start)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"{self.matches_sql} {ranked_sql}", [*self.matches_params, *ranked_params]
            )
            return self._rows(cursor.fetchall())


def search(query, locale, kind=None, start=0, size=RESULTS_PER_PAGE):
    """Pages of one language containing every meaningful word of the query, in some form;
    of one kind when `kind` is a key ("" for pages of no listed kind), of all when it is None.

    Pages whose title has more of the words come first, then those that use them more. The
    matches from `start` on (the last window of `size` when `start` is past the end, as a
    paginator would show) are read together with the counts.
    """
    groups = query_terms(query, language_of(locale.language_code))
    terms = {term for forms in groups for term in forms}
    if not groups:
        return SearchResults(terms, [], {}, 0)
    match_query = _MatchQuery(groups, locale, kind)
    if not match_query.possible:
        return SearchResults(terms, [], {}, 0)
    counts, rows = match_query.counted(start, size)
    total = sum(counts.values())
    count = total if kind is None else counts.get(kind, 0)
    start = min(start, max(0, (count - 1) // size * size))
    return SearchResults(terms, Ranking(match_query, (start, start + size), rows), counts, total)


def documents_for(matches, request):
    """The documents of one page of matches, in order, with their page's URL."""
    ids = [match["document"] for match in matches]
    documents = SearchDocument.objects.filter(page_id__in=ids, page__live=True).select_related(
        "page"
    )
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
    candidates = SearchTerm.objects.filter(locale=locale, in_title=True, term__startswith=typed[-1])
    earlier = query_terms(" ".join(typed[:-1]), language) if len(typed) > 1 else []
    for forms in earlier:
        candidates = candidates.filter(
            document__in=SearchTerm.objects.filter(locale=locale, term__in=forms).values("document")
        )
    documents = (
        SearchDocument.objects.filter(
            locale=locale, page_id__in=candidates.values("document"), page__live=True
        )
        .exclude(page_id__in=hidden_pages())
        .select_related("page")
        .defer("summary", "text")
        .order_by("title", "page_id")[:MAX_SUGGESTIONS]
    )
    return list(documents)
