"""The case-study filters: region, municipality, round, focus and success factor, combinable.

All facet counts come from two small queries over the index's live case studies (one row per
case study, one per success-factor link), counted in Python. The number of queries therefore
stays the same whatever the number of case studies or the filters chosen, and every count
answers exactly "how many case studies would I see if I picked this option as well".

Only whitelisted values are applied: anything else in the query string is ignored and the
option shows as not chosen, so a bad address still gives a normal page.
"""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from pluginnovation.cache import remember
from pluginnovation.visibility import public_q

from .models import CaseStudyPage, Focus, Municipality, Round

PER_PAGE = 20
FACETS = ("region", "municipality", "round", "focus", "factor")


def success_factor_model():
    # Found through our own field so this app never imports the knowledge app.
    return CaseStudyPage._meta.get_field("success_factors").related_model


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)
    selected_label: str = ""


@dataclass
class Row:
    pk: int
    title: str
    municipality: int
    region: int
    round: str
    focus: str
    factors: set
    workshops: set = field(default_factory=set)


def _clean(value, allowed):
    value = (value or "").strip()
    return value if value in allowed else ""


class CaseStudyFilter:
    """The case studies of an index, narrowed by the filters in the query string.

    What every selection counts from (`_load`: one row per case study, its municipalities,
    regions and success factors) is remembered per content version, the same for every reader.
    """

    def __init__(self, index, params):
        self.index = index
        self.params = params
        self.rows, self.municipalities, self.regions, self.factors = remember(
            f"case-study-facts:{index.pk}", lambda: self._load(index)
        )
        self._select(params)

    @staticmethod
    def _load(index):
        base = CaseStudyPage.objects.live().filter(public_q()).child_of(index)
        # One row per case study, success factor and workshop: all facets from one query.
        by_pk = {}
        for pk, title, municipality, round_, focus, factor_key, workshop in base.values_list(
            "pk",
            "title",
            "municipality_id",
            "round",
            "focus",
            "success_factors__translation_key",
            "workshops__name",
        ).order_by():
            row = by_pk.get(pk)
            if row is None:
                row = by_pk[pk] = Row(pk, title, municipality, None, round_, focus, set())
            if factor_key:
                row.factors.add(str(factor_key))
            if workshop:
                row.workshops.add(workshop)
        rows = list(by_pk.values())

        municipality_ids = {row.municipality for row in rows}
        municipalities = list(
            Municipality.objects.filter(pk__in=municipality_ids).select_related("region")
        )
        regions = {m.region_id: m.region for m in municipalities}
        region_of = {m.pk: m.region_id for m in municipalities}
        for row in rows:
            row.region = region_of[row.municipality]
        # Every live factor of the language, so that one chosen with no case study yet is
        # still a valid (empty) selection.
        factors = list(
            success_factor_model()
            .objects.live()
            .filter(public_q(), locale_id=index.locale_id)
            .order_by("path")
        )
        regions = sorted(regions.values(), key=lambda region: region.name)
        return rows, municipalities, regions, factors

    def _select(self, params):
        """Only known values count; anything else in the query string is ignored."""
        self._region_slugs = {region.pk: region.slug for region in self.regions}
        self._municipality_codes = {m.pk: m.code for m in self.municipalities}
        self._factor_ids = {str(factor.translation_key): str(factor.pk) for factor in self.factors}
        self.allowed = {
            "region": {region.slug: region for region in self.regions},
            "municipality": {m.code: m for m in self.municipalities},
            "round": dict(Round.choices),
            "focus": dict(Focus.choices),
            "factor": {str(factor.pk): factor for factor in self.factors},
        }
        self.selected = {
            name: _clean(params.get(name), self.allowed[name]) if hasattr(params, "get") else ""
            for name in FACETS
        }

    # The value each row has for a facet, comparable with the cleaned parameter.
    def _keys(self, row, name):
        if name == "region":
            return {self._region_slugs.get(row.region)}
        if name == "municipality":
            return {self._municipality_codes.get(row.municipality)}
        if name == "round":
            return {row.round}
        if name == "focus":
            return {row.focus}
        return {self._factor_ids.get(key) for key in row.factors}

    def _matching(self, rows, skip=None):
        active = {name: value for name, value in self.selected.items() if value and name != skip}
        return [
            row
            for row in rows
            if all(value in self._keys(row, name) for name, value in active.items())
        ]

    def results(self):
        rows = self._matching(self.rows)
        # Plug In 2.0 first, then the first round; alphabetical inside each.
        rows.sort(key=lambda row: (row.round != Round.SECOND, row.title.casefold()))
        return rows

    def facets(self):
        labels = {
            "region": _("Region"),
            "municipality": _("Municipality"),
            "round": _("Project round"),
            "focus": _("Focus"),
            "factor": _("Success factor"),
        }
        names = {
            "region": [(region.slug, region.name) for region in self.regions],
            "municipality": [(m.code, m.name) for m in self.municipalities],
            "round": [
                (Round.SECOND.value, Round.SECOND.label),
                (Round.FIRST.value, Round.FIRST.label),
            ],
            "focus": list(Focus.choices),
            "factor": [(str(factor.pk), factor.title) for factor in self.factors],
        }
        facets = []
        for name in FACETS:
            counts = Counter()
            for row in self._matching(self.rows, skip=name):
                for key in self._keys(row, name):
                    counts[key] += 1
            facet = Facet(name, labels[name])
            for value, label in names[name]:
                selected = self.selected[name] == value
                if counts[value] or selected:
                    facet.options.append(Option(value, label, counts[value], selected))
                if selected:
                    facet.selected_label = label
            facets.append(facet)
        return facets

    def query_string(self, **changes):
        values = {name: value for name, value in self.selected.items() if value}
        values.update(changes)
        return urlencode({name: value for name, value in values.items() if value})

    @property
    def is_filtered(self):
        return any(self.selected.values())

    def page_of_results(self, request):
        rows = self.results()
        paginator = Paginator(rows, PER_PAGE)
        page_number = request.GET.get("page", "1")
        try:
            number = int(page_number)
        except (TypeError, ValueError):
            number = 1
        number = min(max(number, 1), paginator.num_pages)
        page = paginator.page(number)
        pages = {
            page.pk: page
            for page in CaseStudyPage.objects.filter(
                pk__in=[row.pk for row in page.object_list]
            ).select_related("municipality__region")
        }
        for row in page.object_list:
            if row.pk in pages:
                pages[row.pk].workshop_names_listed = sorted(row.workshops)
        page.object_list = [pages[row.pk] for row in page.object_list if row.pk in pages]
        return paginator, page

    def map_points(self):
        """Every municipality with a case study in this index, with its count and position."""
        counts = Counter(row.municipality for row in self.rows)
        return [
            (municipality, counts[municipality.pk])
            for municipality in self.municipalities
            if municipality.latitude is not None and municipality.longitude is not None
        ]

    def context(self, request):
        paginator, page = self.page_of_results(request)
        groups = []
        for round_value, round_label in (
            (Round.SECOND, Round.SECOND.label),
            (Round.FIRST, Round.FIRST.label),
        ):
            items = [case for case in page.object_list if case.round == round_value]
            if items:
                groups.append({"round": round_value, "label": round_label, "items": items})
        query = self.query_string()
        return {
            "filter": self,
            "facets": self.facets(),
            "paginator": paginator,
            "results_page": page,
            "result_groups": groups,
            "result_count": paginator.count,
            "filter_query": query,
            "feed_query": f"?{query}" if query else "",
            "map_points": self.map_points(),
        }
