"""The case-study filters: region, municipality, round, focus and success factor, combinable.

Every facet counts "how many case studies would I see if I picked this option instead", with
the other filters kept. The counts come from grouped queries whose size does not depend on the
number of case studies: one row per combination of municipality, round and focus that occurs
(a few hundred at most), counted in Python for the four plain facets, the result count and the
map; and one row per success factor. Values are whitelisted by the shared `FilterState`.

The listing works on the queryset its index hands it (`CaseStudyIndexPage.case_studies`), so
this module does not import the models.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import Lower
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pluginnovation.site.charts import BarChart, counts_in_order
from pluginnovation.site.listing import Filter, FilterState
from pluginnovation.site.taxonomy import (
    factor_counts,
    factors_by_page,
    success_factors,
    tagged_with,
)

from .choices import ROUNDS_NEWEST_FIRST, Focus, Round

PER_PAGE = 20

# The field of a case study each plain facet filters on, and the column of a combination row.
FIELDS = {
    "region": "municipality__region__slug",
    "municipality": "municipality__code",
    "round": "round",
    "focus": "focus",
}
PLACE_FIELDS = [
    "municipality__code",
    "municipality__name",
    "municipality__latitude",
    "municipality__longitude",
    "municipality__region__slug",
    "municipality__region__name",
]


@dataclass(frozen=True)
class Place:
    """A municipality with case studies, as the facets and the map show it."""

    code: str
    name: str
    latitude: object
    longitude: object
    region_slug: str
    region_name: str


def combinations(cases):
    """One row per municipality, round and focus that occurs in `cases`, with its count."""
    return list(
        cases.order_by().values(*PLACE_FIELDS, "round", "focus").annotate(count=Count("pk"))
    )


class CaseStudyListing:
    """The case studies of an index, narrowed by the filters in the query string.

    Worked out only when asked, so a page fragment cached between edits costs no query here.
    """

    def __init__(self, index, params):
        self.index = index
        self.params = params

    @cached_property
    def cases(self):
        return self.index.case_studies()

    @cached_property
    def combinations(self):
        return combinations(self.cases)

    @cached_property
    def places(self):
        """Code -> the municipalities with case studies in this index, by name."""
        found = {}
        for row in self.combinations:
            code = row["municipality__code"]
            if code not in found:
                found[code] = Place(*(row[name] for name in PLACE_FIELDS))
        return dict(sorted(found.items(), key=lambda item: item[1].name))

    @cached_property
    def factors(self):
        return list(success_factors(self.index.locale_id))

    @cached_property
    def filters(self):
        regions = sorted({(place.region_name, place.region_slug) for place in self.places.values()})
        return FilterState(
            self.params,
            [
                Filter("region", {slug: name for name, slug in regions}, label=_("Region")),
                Filter(
                    "municipality",
                    {code: place.name for code, place in self.places.items()},
                    label=_("Municipality"),
                ),
                Filter(
                    "round",
                    {choice.value: choice.label for choice in ROUNDS_NEWEST_FIRST},
                    label=_("Project round"),
                ),
                Filter("focus", dict(Focus.choices), label=_("Focus")),
                Filter(
                    "factor",
                    {str(factor.pk): factor.title for factor in self.factors},
                    label=_("Success factor"),
                ),
            ],
        )

    @property
    def chosen_factors(self):
        return [f for f in self.factors if str(f.pk) == self.filters.selected.get("factor")]

    def narrowed(self, skip=None):
        """The case studies matching every chosen filter but `skip`."""
        cases = self.cases
        for name, value in self.filters.selected.items():
            if name == skip:
                continue
            if name == "factor":
                cases = tagged_with(cases, self.chosen_factors)
            else:
                cases = cases.filter(**{FIELDS[name]: value})
        return cases

    @cached_property
    def _factor_combinations(self):
        """The combinations of the case studies with the chosen factor (all, if none is)."""
        if "factor" not in self.filters.selected:
            return self.combinations
        return combinations(tagged_with(self.cases, self.chosen_factors))

    def _count_by(self, name):
        """Counts per value of facet `name`, the other plain filters and the factor applied."""
        others = {
            FIELDS[other]: value
            for other, value in self.filters.selected.items()
            if other in FIELDS and other != name
        }
        counts = Counter()
        for row in self._factor_combinations:
            if all(row[column] == value for column, value in others.items()):
                counts[row[FIELDS[name]]] += row["count"]
        return counts

    @cached_property
    def facets(self):
        facets = [self.filters.facet(name, self._count_by(name)) for name in FIELDS]
        by_key = factor_counts(self.narrowed(skip="factor"))
        counts = {str(f.pk): by_key.get(str(f.translation_key), 0) for f in self.factors}
        facets.append(
            self.filters.facet("factor", counts, icons={str(f.pk): f.slug for f in self.factors})
        )
        return facets

    @cached_property
    def results(self):
        return self.narrowed()

    @cached_property
    def count(self):
        """How many case studies the selection holds (from the combinations: no query)."""
        chosen = {
            FIELDS[name]: value for name, value in self.filters.selected.items() if name in FIELDS
        }
        return sum(
            row["count"]
            for row in self._factor_combinations
            if all(row[column] == value for column, value in chosen.items())
        )

    @cached_property
    def page(self):
        # Plug In 2.0 first, then the first round; alphabetical inside each.
        first_round_last = Case(
            When(round=Round.SECOND, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        cases = (
            self.results.defer_streamfields()
            .select_related("municipality__region")
            .prefetch_related("workshops")
            .order_by(first_round_last, Lower("title"), "pk")
        )
        page = self.filters.paginate(cases, PER_PAGE, count=self.count)
        # Each card shows the factors its case study is tagged with (one query for the page).
        page.object_list = list(page.object_list)
        tagged = factors_by_page([case.pk for case in page.object_list], self.factors)
        for case in page.object_list:
            case.card_factors = tagged.get(case.pk, [])
        return page

    @property
    def groups(self):
        """The page of results in one group per round."""
        groups = []
        for round_ in ROUNDS_NEWEST_FIRST:
            items = [case for case in self.page if case.round == round_]
            if items:
                groups.append({"round": round_.value, "label": round_.label, "items": items})
        return groups

    @property
    def map_points(self):
        """Every municipality with a case study in this index (whatever the filters), counted."""
        counts = Counter()
        for row in self.combinations:
            counts[row["municipality__code"]] += row["count"]
        return [
            (place, counts[place.code])
            for place in self.places.values()
            if place.latitude is not None and place.longitude is not None
        ]

    @property
    def regions(self):
        """Every region with case studies in this index (whatever the filters), by name, each
        with its count and its municipalities as (place, count)."""
        counts = Counter()
        for row in self.combinations:
            counts[row["municipality__code"]] += row["count"]
        regions = {}
        for place in self.places.values():
            region = regions.setdefault(
                place.region_slug,
                {"slug": place.region_slug, "name": place.region_name, "count": 0, "places": []},
            )
            region["count"] += counts[place.code]
            region["places"].append((place, counts[place.code]))
        return sorted(regions.values(), key=lambda region: region["name"])

    def _chart(self, name, title, label_heading, chart_name):
        """Case studies per value of facet `name`: the facet's counts, each bar its filter."""
        declared = self.filters.filters[name]
        return BarChart(
            title=title,
            bars=counts_in_order(
                self._count_by(name),
                list(declared.choices),
                labels=declared.choices,
                urls={
                    value: "?" + self.filters.query_string_with(name, value)
                    for value in declared.choices
                },
            ),
            label_heading=label_heading,
            unit=_("Case studies"),
            name=chart_name,
        )

    @cached_property
    def region_chart(self):
        return self._chart("region", _("Case studies per region"), _("Region"), "regions")

    @cached_property
    def round_chart(self):
        return self._chart(
            "round", _("Case studies per project round"), _("Project round"), "rounds"
        )
