"""Faceted browsing of the library: filters from the query string, counts for every option.

Within a taxonomy (and within success factors, within evidence labels) any chosen value
matches; across them, all must. An option's count is what the listing would hold with that
option chosen too: for a group with nothing chosen, the results that have the value; for a
group with a choice, the union of the results and the entries (matching every other group)
that have the value. Counts are grouped queries: the year and evidence counts in one, with a
filtered count for each set they need; the tags over the results, plus one per taxonomy with a
choice; the success factors likewise. The number of queries does not grow with the number of
entries or tags.

The library works on the entries its index hands it (`LiteratureIndexPage.entries`), so this
module does not import the page models.
"""

from collections import Counter

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pluginnovation.site.charts import BarChart, ColumnChart, counts_in_order, years_filled
from pluginnovation.site.listing import Facet, Filter, FilterState
from pluginnovation.site.pages import public_children
from pluginnovation.site.taxonomy import factor_counts, success_factors, tagged_q

from .choices import PUBLIC_TAXONOMIES, EvidenceLabel, Taxonomy
from .tags import LiteratureTag, TaggedLiterature

PER_PAGE = 20
MIN_YEAR, MAX_YEAR = 1000, 2999
SORTS = {"year": _("Year, newest first"), "title": _("Title")}
EXPORT_LIMIT = 5000
FACTOR, EVIDENCE = "factor", "evidence"


def _year(value):
    try:
        year = int(value)
    except ValueError:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _union_counts(values, chosen, in_results, in_others, total):
    """The count of each option of a group: `in_results` counts over the results,
    `in_others` over the entries matching every other group (only needed with a choice)."""
    if not chosen:
        return {value: in_results.get(value, 0) for value in values}
    return {
        value: in_others.get(value, 0)
        if value in chosen
        else total + in_others.get(value, 0) - in_results.get(value, 0)
        for value in values
    }


class LibraryListing:
    """The library in one language, narrowed by the filters in the query string.

    Worked out only when asked, so a page fragment cached between edits costs no query here.
    """

    def __init__(self, index, params):
        self.index = index
        self.params = params

    @cached_property
    def entries(self):
        return self.index.entries()

    @cached_property
    def _pages(self):
        """The entries in Wagtail's page table alone, for counting (see `narrowed`)."""
        return public_children(self.index, self.entries.model)

    @cached_property
    def language(self):
        return translation.get_language()

    @cached_property
    def tags(self):
        """The public tags, by taxonomy and label."""
        order = {choice.value: position for position, choice in enumerate(Taxonomy)}
        return sorted(
            LiteratureTag.objects.exclude(taxonomy=Taxonomy.UNCLASSIFIED),
            key=lambda tag: (order[tag.taxonomy], tag.label_in(self.language).casefold()),
        )

    @cached_property
    def factors(self):
        return list(success_factors(self.index.locale_id))

    @cached_property
    def filters(self):
        return FilterState(
            self.params,
            [
                Filter(
                    "tag",
                    {tag.slug: tag.label_in(self.language) for tag in self.tags},
                    multiple=True,
                ),
                Filter(
                    FACTOR,
                    {factor.slug: factor.title for factor in self.factors},
                    multiple=True,
                    label=_("Success factor"),
                ),
                Filter(EVIDENCE, dict(EvidenceLabel.choices), multiple=True, label=_("Evidence")),
                Filter("year_from", parse=_year, label=_("From")),
                Filter("year_to", parse=_year, label=_("To")),
                Filter("sort", {"title": SORTS["title"]}, narrows=False),
            ],
        )

    @cached_property
    def chosen_tags(self):
        """Taxonomy -> the ids of its chosen tags."""
        slugs = set(self.filters.values("tag"))
        chosen = {}
        for tag in self.tags:
            if tag.slug in slugs:
                chosen.setdefault(tag.taxonomy, set()).add(tag.pk)
        return chosen

    @cached_property
    def chosen_factors(self):
        slugs = set(self.filters.values(FACTOR))
        return [factor for factor in self.factors if factor.slug in slugs]

    # Matching ------------------------------------------------------------------------------

    def _chosen_q(self, skip=None):
        """The chosen filters, except the group `skip`, as a condition on an entry."""
        q = Q()
        for taxonomy, tag_ids in self.chosen_tags.items():
            if taxonomy != skip:
                tagged = TaggedLiterature.objects.filter(tag_id__in=tag_ids)
                q &= Q(pk__in=tagged.values("content_object_id"))
        if skip != FACTOR and self.chosen_factors:
            q &= tagged_q(self.chosen_factors, self.entries.model)
        if skip != EVIDENCE and self.filters.values(EVIDENCE):
            q &= Q(evidence_label__in=self.filters.values(EVIDENCE))
        if "year_from" in self.filters.selected:
            q &= Q(year__gte=self.filters.selected["year_from"])
        if "year_to" in self.filters.selected:
            q &= Q(year__lte=self.filters.selected["year_to"])
        return q

    def narrowed(self, skip=None, counting=False):
        """The entries matching every chosen filter, except the group `skip`.

        For `counting` (where only their pks are read, in a subquery) they are pages of
        Wagtail's page table alone unless a year or an evidence label, columns of the entries'
        own table, narrows them: without that join PostgreSQL counts the tags of the whole
        library in half the time (3.5 ms instead of 7 at scale 100).
        """
        by_page = counting and not (
            (skip != EVIDENCE and self.filters.values(EVIDENCE))
            or "year_from" in self.filters.selected
            or "year_to" in self.filters.selected
        )
        return (self._pages if by_page else self.entries).filter(self._chosen_q(skip))

    @cached_property
    def results(self):
        return self.narrowed()

    @property
    def sort(self):
        return self.filters.selected.get("sort", "year")

    def ordered(self, entries):
        if self.sort == "title":
            return entries.order_by(Lower("title"), "pk")
        return entries.order_by("-year", Lower("title"), "pk")

    # Counting ------------------------------------------------------------------------------

    @staticmethod
    def _tag_counts(entries):
        """Tag id -> how many of `entries` have it, for every tag: the facets look up only
        their own, and a filter on the tags' taxonomy would cost a join."""
        taggings = TaggedLiterature.objects.filter(
            content_object_id__in=entries.order_by().values("pk")
        )
        # COUNT(*): the (entry, tag) index answers it without reading the taggings themselves.
        rows = taggings.values("tag_id").annotate(count=Count("*")).order_by()
        return {row["tag_id"]: row["count"] for row in rows}

    @cached_property
    def _library_counts(self):
        """Entries per (year, evidence label), in one query: in the whole library (the year
        chart); in the results, where filters narrow them (the evidence counts and the total);
        and matching every filter but the evidence labels, where one is chosen (the evidence
        options' counts)."""
        # Each filtered count tests the library's own rows: a subquery of the entries again
        # took PostgreSQL 4 ms more with a year chosen (a second walk of the page table).
        counts = {"library": Count("pk")}
        if self.filters.is_active:
            counts["results"] = Count("pk", filter=self._chosen_q())
        if self.filters.values(EVIDENCE):
            counts["others"] = Count("pk", filter=self._chosen_q(EVIDENCE))
        return list(self.entries.order_by().values("year", "evidence_label").annotate(**counts))

    def _library_total_by(self, key, count="library"):
        """`key` ("year" or "evidence_label") -> entries, counted as `count` (see
        `_library_counts`)."""
        totals = Counter()
        for row in self._library_counts:
            totals[row[key]] += row[count]
        return dict(totals)

    @cached_property
    def _evidence_in_results(self):
        return self._library_total_by(
            "evidence_label", "results" if self.filters.is_active else "library"
        )

    @property
    def count(self):
        """How many entries the selection holds (from the evidence counts: no query of its own)."""
        return sum(self._evidence_in_results.values())

    @cached_property
    def facets(self):
        total = self.count
        facets = []
        in_results = self._tag_counts(self.narrowed(counting=True))
        for taxonomy in PUBLIC_TAXONOMIES:
            tags = [tag for tag in self.tags if tag.taxonomy == taxonomy.value]
            chosen = self.chosen_tags.get(taxonomy.value, set())
            in_others = (
                self._tag_counts(self.narrowed(taxonomy.value, counting=True)) if chosen else {}
            )
            counts = _union_counts([t.pk for t in tags], chosen, in_results, in_others, total)
            facet = Facet("tag", taxonomy.label, key=taxonomy.value, multiple=True)
            for tag in tags:
                label = tag.label_in(self.language)
                option = self.filters.option("tag", tag.slug, label, counts[tag.pk])
                option.lang = tag.label_language_in(self.language)
                facet.options.append(option)
            facets.append(facet)

        keys = [str(factor.translation_key) for factor in self.factors]
        chosen = {str(factor.translation_key) for factor in self.chosen_factors}
        in_others = factor_counts(self.narrowed(FACTOR)) if chosen else {}
        counts = _union_counts(keys, chosen, factor_counts(self.results), in_others, total)
        by_slug = {f.slug: counts[str(f.translation_key)] for f in self.factors}
        facets.append(
            self.filters.facet(FACTOR, by_slug, icons={f.slug: f.slug for f in self.factors})
        )

        chosen = set(self.filters.values(EVIDENCE))
        in_others = self._library_total_by("evidence_label", "others") if chosen else {}
        counts = _union_counts(
            EvidenceLabel.values, chosen, self._evidence_in_results, in_others, total
        )
        evidence = self.filters.facet(EVIDENCE, counts)
        evidence.chart = self.evidence_chart
        facets.append(evidence)
        return facets

    @cached_property
    def _per_year(self):
        per_year = self._library_total_by("year")
        return {year: count for year, count in per_year.items() if year is not None}

    @cached_property
    def years(self):
        """The first and the last year in the library (for the year fields)."""
        per_year = self._per_year
        return (min(per_year), max(per_year)) if per_year else (None, None)

    @cached_property
    def year_chart(self):
        """Works per year in the whole library, drawn in the year facet."""
        return ColumnChart(
            title=_("Works per year"),
            bars=years_filled(self._per_year),
            label_heading=_("Year"),
            unit=_("Works"),
            name="years",
        )

    @cached_property
    def evidence_chart(self):
        """The selection's works per evidence label (counts the facets already hold)."""
        return BarChart(
            title=_("Works per kind of evidence"),
            bars=counts_in_order(
                self._evidence_in_results,
                EvidenceLabel.values,
                labels=dict(EvidenceLabel.choices),
            ),
            label_heading=_("Kind of evidence"),
            unit=_("Works"),
            name="evidence",
            bar_area=220,
        )

    # Pages of results ----------------------------------------------------------------------

    def _with_tags(self, entries):
        taggings = TaggedLiterature.objects.select_related("tag")
        return entries.defer_streamfields().prefetch_related(Prefetch("tagged_items", taggings))

    @cached_property
    def page(self):
        """The requested page of results, each with its public tags as `entry.listed_tags`, in
        the facets' order: the tags themselves are the ones the facets loaded, so only the
        entries' (entry, tag) pairs are read."""
        entries = self.ordered(self.results).defer_streamfields()
        page = self.filters.paginate(entries, PER_PAGE, count=self.count)
        page.object_list = list(page.object_list)
        pairs = TaggedLiterature.objects.filter(
            content_object_id__in=[entry.pk for entry in page.object_list]
        ).values_list("content_object_id", "tag_id")
        tag_ids = {}
        for entry_id, tag_id in pairs:
            tag_ids.setdefault(entry_id, set()).add(tag_id)
        for entry in page.object_list:
            has = tag_ids.get(entry.pk, set())
            entry.listed_tags = [tag for tag in self.tags if tag.pk in has]
        return page

    @property
    def sort_options(self):
        return [
            {
                "label": label,
                "selected": key == self.sort,
                "query": (
                    self.filters.query_string_without("sort")
                    if key == "year"
                    else self.filters.query_string_with("sort", key)
                ),
            }
            for key, label in SORTS.items()
        ]

    def all_results(self, limit=EXPORT_LIMIT):
        """Every result (up to a limit) in the order shown, with their tags, for export."""
        return list(self._with_tags(self.ordered(self.results))[:limit])
