"""Faceted browsing of the library: filters from the query string, counts for every option.

The facts every facet needs (year, evidence label, tags and success factors of each live
entry of the language) are read in a fixed number of queries and filtered in Python, so the
query count does not grow with the number of entries or tags, and every count is computed by
the same `matches` that selects the results: a count always equals what the option gives.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pluginnovation.cache import remember
from pluginnovation.visibility import public_q

from .models import (
    PUBLIC_TAXONOMIES,
    EvidenceLabel,
    LiteraturePage,
    LiteratureTag,
    TaggedLiterature,
    Taxonomy,
)

PER_PAGE = 20
MIN_YEAR, MAX_YEAR = 1000, 2999
SORTS = {"year": _("Year, newest first"), "title": _("Title")}
EXPORT_LIMIT = 5000


@dataclass
class Option:
    value: str
    label: str
    count: int
    active: bool
    url: str = ""
    lang: str = ""


@dataclass
class Facet:
    key: str
    param: str
    title: str
    options: list = field(default_factory=list)

    @property
    def visible_options(self):
        """Options with no match are hidden, unless chosen (so they can be unchosen)."""
        return [option for option in self.options if option.count or option.active]


def _year(value):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


class Browse:
    """The library in one language, narrowed by the filters in the query string.

    The facts (`_load_entries`) and, per selection, the results and facet counts change only
    when an editor changes something, so they are remembered per content version: a reader
    who opens the library or a popular filter does not make the worker count 2,000 entries
    again. What is remembered is the same for every reader.
    """

    def __init__(self, index, request):
        self.index = index
        self.request = request
        self.tags, self.entries, self.factor_labels = remember(
            f"literature-facts:{index.locale_id}", self._load_facts
        )
        self.tags_by_slug = {tag.slug: tag for tag in self.tags.values()}
        self._read_filters(request.GET)

    def _load_facts(self):
        self.tags = {tag.pk: tag for tag in LiteratureTag.objects.all()}
        self._load_entries()
        return self.tags, self.entries, self.factor_labels

    def _remember(self, name, compute):
        """Per selection (the normalised query string, page number left out) and language."""
        language = translation.get_language()
        return remember(
            f"literature-{name}:{self.index.pk}:{language}:{self.query_string()}", compute
        )

    # Reading -------------------------------------------------------------------------------

    def entry_queryset(self):
        if not hasattr(self, "_entry_queryset"):
            self._entry_queryset = (
                LiteraturePage.objects.live()
                .filter(public_q())
                .filter(locale_id=self.index.locale_id)
            )
        return self._entry_queryset.all()

    def _load_entries(self):
        rows = self.entry_queryset().values_list("pk", "title", "year", "evidence_label")
        self.entries = {
            pk: {"pk": pk, "title": title, "year": year, "evidence": evidence}
            for pk, title, year, evidence in rows
        }
        tags = defaultdict(set)
        for page_id, tag_id in TaggedLiterature.objects.filter(
            content_object__in=self.entry_queryset()
        ).values_list("content_object_id", "tag_id"):
            tags[page_id].add(tag_id)
        factors = defaultdict(set)
        through = LiteraturePage.success_factors.through
        factor_keys = {}
        for page_id, factor_id, key in through.objects.filter(
            literaturepage__in=self.entry_queryset()
        ).values_list(
            "literaturepage_id", "successfactorpage_id", "successfactorpage__translation_key"
        ):
            factors[page_id].add(str(key))
            factor_keys[str(key)] = factor_id
        for pk, entry in self.entries.items():
            entry["tags"] = tags.get(pk, set())
            entry["factors"] = factors.get(pk, set())
        self.factor_labels = self._factor_labels(factor_keys)

    def _factor_labels(self, factor_keys):
        from django.apps import apps

        if not factor_keys:
            return {}
        factor_model = apps.get_model("knowledge", "SuccessFactorPage")
        labels = {}
        for key, title, locale_id in factor_model.objects.filter(
            translation_key__in=list(factor_keys)
        ).values_list("translation_key", "title", "locale_id"):
            key = str(key)
            if key not in labels or locale_id == self.index.locale_id:
                labels[key] = title
        return labels

    def _read_filters(self, query):
        """Only known values count; anything else in the query string is ignored."""
        self.chosen_tags = defaultdict(set)
        for slug in query.getlist("tag"):
            tag = self.tags_by_slug.get(slug)
            if tag and tag.taxonomy != Taxonomy.UNCLASSIFIED:
                self.chosen_tags[tag.taxonomy].add(tag.pk)
        self.chosen_factors = {key for key in query.getlist("factor") if key in self.factor_labels}
        self.chosen_evidence = {
            value for value in query.getlist("evidence") if value in EvidenceLabel.values
        }
        self.year_from = _year(query.get("year_from"))
        self.year_to = _year(query.get("year_to"))
        sort = query.get("sort")
        self.sort = sort if sort in SORTS else "year"

    # Matching ------------------------------------------------------------------------------

    def matches(self, entry, ignore=None):
        """Within a taxonomy any chosen tag, across taxonomies all of them."""
        for taxonomy, chosen in self.chosen_tags.items():
            if taxonomy != ignore and not (entry["tags"] & chosen):
                return False
        if (
            ignore != "factor"
            and self.chosen_factors
            and not (entry["factors"] & self.chosen_factors)
        ):
            return False
        if (
            ignore != "evidence"
            and self.chosen_evidence
            and (entry["evidence"] not in self.chosen_evidence)
        ):
            return False
        if self.year_from and entry["year"] < self.year_from:
            return False
        return not (self.year_to and entry["year"] > self.year_to)

    @cached_property
    def results(self):
        return [self.entries[pk] for pk in self._remember("results", self._result_ids)]

    def _result_ids(self):
        found = [entry for entry in self.entries.values() if self.matches(entry)]
        if self.sort == "title":
            found.sort(key=lambda entry: entry["title"].casefold())
        else:
            found.sort(key=lambda entry: (-entry["year"], entry["title"].casefold()))
        return [entry["pk"] for entry in found]

    @property
    def count(self):
        return len(self.results)

    @property
    def is_filtered(self):
        return bool(
            self.chosen_tags
            or self.chosen_factors
            or self.chosen_evidence
            or self.year_from
            or self.year_to
        )

    # Query strings -------------------------------------------------------------------------

    def params(self, *, sort=True):
        """The current state as a list of query pairs (no page number)."""
        pairs = [
            ("tag", self.tags[pk].slug)
            for taxonomy in Taxonomy.values
            for pk in sorted(self.chosen_tags.get(taxonomy, ()))
        ]
        pairs += [("factor", key) for key in sorted(self.chosen_factors)]
        pairs += [("evidence", value) for value in sorted(self.chosen_evidence)]
        if self.year_from:
            pairs.append(("year_from", self.year_from))
        if self.year_to:
            pairs.append(("year_to", self.year_to))
        if sort and self.sort != "year":
            pairs.append(("sort", self.sort))
        return pairs

    def query_string(self, pairs=None):
        pairs = self.params() if pairs is None else pairs
        return ("?" + urlencode(pairs)) if pairs else ""

    @property
    def filter_query(self):
        """The filters alone, for the feed and export links."""
        return self.query_string(self.params(sort=False))

    def toggled(self, param, value):
        """The query string with one value added or removed."""
        pairs = self.params()
        pair = (param, value)
        pairs = [item for item in pairs if item != pair] if pair in pairs else [*pairs, pair]
        return self.query_string(pairs)

    def tag_url(self, tag):
        return self.index.url + self.query_string([("tag", tag.slug)])

    # Facets --------------------------------------------------------------------------------

    def _counts(self, ignore, values_of, chosen):
        """What each option would give: the union with the values chosen in its group."""
        pool = [entry for entry in self.entries.values() if self.matches(entry, ignore)]
        already = 0
        extra = defaultdict(int)
        for entry in pool:
            values = values_of(entry)
            if chosen and values & chosen:
                already += 1
                for value in values & chosen:
                    extra[("chosen", value)] += 1
            else:
                for value in values:
                    extra[value] += 1

        def count(value):
            if value in chosen:
                return extra[("chosen", value)]
            return already + extra[value]

        return count

    def _option(self, param, value, label, count, chosen, lang=""):
        return Option(value, label, count, value in chosen, self.toggled(param, value), lang)

    @cached_property
    def facets(self):
        return self._remember("facets", self._facets)

    def _facets(self):
        facets = []
        for taxonomy in PUBLIC_TAXONOMIES:
            chosen_ids = self.chosen_tags.get(taxonomy.value, set())
            count = self._counts(taxonomy.value, lambda entry: entry["tags"], chosen_ids)
            tags = sorted(
                (tag for tag in self.tags.values() if tag.taxonomy == taxonomy.value),
                key=lambda tag: tag.label.casefold(),
            )
            facet = Facet(taxonomy.value, "tag", taxonomy.label)
            chosen_slugs = {self.tags[pk].slug for pk in chosen_ids}
            for tag in tags:
                facet.options.append(
                    self._option(
                        "tag", tag.slug, tag.label, count(tag.pk), chosen_slugs, tag.label_language
                    )
                )
            facets.append(facet)

        count = self._counts("factor", lambda entry: entry["factors"], self.chosen_factors)
        facet = Facet("factor", "factor", _("Success factor"))
        for key, label in sorted(self.factor_labels.items(), key=lambda item: item[1]):
            facet.options.append(
                self._option("factor", key, label, count(key), self.chosen_factors)
            )
        facets.append(facet)

        count = self._counts("evidence", lambda entry: {entry["evidence"]}, self.chosen_evidence)
        facet = Facet("evidence", "evidence", _("Evidence"))
        for value, label in EvidenceLabel.choices:
            facet.options.append(
                self._option("evidence", value, label, count(value), self.chosen_evidence)
            )
        facets.append(facet)
        return facets

    @cached_property
    def years(self):
        years = [entry["year"] for entry in self.entries.values()]
        return (min(years), max(years)) if years else (None, None)

    # Pages of results ----------------------------------------------------------------------

    @cached_property
    def _paginated(self):
        """The requested page of results; a bad or too large number gives the nearest page."""
        return Paginator(self.results, PER_PAGE).get_page(self.request.GET.get("page"))

    @property
    def page_number(self):
        return self._paginated.number

    @cached_property
    def page(self):
        """The requested page of results, as pages with the tags to show."""
        page = self._paginated
        ids = [entry["pk"] for entry in page.object_list]
        pages = {
            entry.pk: entry
            for entry in LiteraturePage.objects.filter(pk__in=ids).select_related("locale")
        }
        page.entries = []
        for pk in ids:
            entry = pages[pk]
            entry.shown_tags = self._shown_tags(pk)
            page.entries.append(entry)
        return page

    def _shown_tags(self, pk):
        order = {taxonomy.value: position for position, taxonomy in enumerate(Taxonomy)}
        tags = [self.tags[tag_id] for tag_id in self.entries[pk]["tags"]]
        return sorted(
            (tag for tag in tags if tag.taxonomy != Taxonomy.UNCLASSIFIED),
            key=lambda tag: (order[tag.taxonomy], tag.label.casefold()),
        )

    def page_query(self, number):
        return self.query_string([*self.params(), ("page", number)])

    @property
    def previous_query(self):
        return self.page_query(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_query(self):
        return self.page_query(self.page.next_page_number()) if self.page.has_next() else ""

    @property
    def sort_options(self):
        return [
            {
                "label": label,
                "active": key == self.sort,
                "url": self.query_string(
                    [pair for pair in self.params() if pair[0] != "sort"]
                    + ([("sort", key)] if key != "year" else [])
                ),
            }
            for key, label in SORTS.items()
        ]

    def all_results(self, limit=EXPORT_LIMIT):
        """Every result (up to a limit), as pages with their tags, for export and feeds."""
        ids = [entry["pk"] for entry in self.results[:limit]]
        pages = LiteraturePage.objects.filter(pk__in=ids).prefetch_related("tagged_items__tag")
        by_id = {page.pk: page for page in pages}
        return [by_id[pk] for pk in ids]

    def active_filters(self):
        """Chosen values with a link that removes each."""
        chosen = []
        for facet in self.facets:
            for option in facet.options:
                if option.active:
                    chosen.append(option)
        return chosen
