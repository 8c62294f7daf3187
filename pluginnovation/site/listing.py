"""One contract for every listing (Kunskap, Fallstudier, Litteratur, Aktuellt).

A listing declares its filters (`Filter`: the parameter, the values it accepts, one or several)
and reads the query string once into a `FilterState`. Only declared values are kept: an unknown
value or parameter is ignored, so a bad or stale address still gives a normal page. Templates
and views use the same names on every listing:

    filters.selected            parameter -> value (a list where several may be chosen)
    filters.is_active           whether anything narrows the listing
    filters.query_string        the selection, normalised: "a=1&b=2", stable order, no "?", no page
    filters.query_string_without(name, value)
                                the same with one value removed ("remove this filter")
    filters.query_string_with(name, value)
                                the same with one value added (or, for a single value, replaced)
    filters.chosen              the chosen values, each with its label and `remove_query`
    filters.facet(name, counts) the options of one filter, with counts and which are chosen
    filters.clear_query()       the selection without anything that narrows it ("Rensa alla")
    filters.kept                what does not narrow (the sort), for the facet form to send along
    filters.page_query(n)       the query string of page n of this selection
    filters.page_prefix         the selection as components/pagination.html wants it ("a=1&")
    filters.paginate(items, per_page)
                                the requested page: "?page=abc" gives the first page, "?page=0",
                                "?page=-1" and "?page=999999" the last (`Paginator.get_page`);
                                a queryset's page is read by its keys first (`KeysFirst`)
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce

PAGE = "page"


@dataclass(frozen=True)
class Filter:
    """One parameter of a listing's query string.

    `choices` maps each accepted value to its label, in display order; for open-ended values
    (a year) give `parse` instead: it returns the clean value, or None to ignore what was sent.
    A filter that does not narrow the listing (the sort order) says `narrows=False`: it is kept
    in links but does not make the listing filtered.
    """

    name: str
    choices: Mapping[str, Any] | None = None
    parse: Callable[[str], Any] | None = None
    multiple: bool = False
    label: str = ""
    narrows: bool = True

    def clean(self, raw):
        raw = (raw or "").strip()
        if self.parse is not None:
            return self.parse(raw) if raw else None
        return raw if raw in (self.choices or {}) else None

    def label_of(self, value):
        if self.choices is not None and value in self.choices:
            return self.choices[value]
        return f"{self.label} {value}" if self.label else str(value)

    def order(self, values):
        """Chosen values in a stable order: the order of the choices, else sorted."""
        if self.choices is not None:
            position = {value: index for index, value in enumerate(self.choices)}
            return sorted(set(values), key=position.__getitem__)
        return sorted(set(values), key=str)


@dataclass
class Option:
    value: str
    label: Any
    count: int | None
    selected: bool
    lang: str = ""  # the language of the label, where it may not be the page's
    icon: str = ""  # the slug of the success factor whose pictogram goes with the label


@dataclass
class Facet:
    name: str  # the parameter
    label: Any
    options: list = field(default_factory=list)
    key: str = ""  # unique on the page, where several facets share a parameter
    multiple: bool = False  # checkboxes; otherwise radio buttons with "All" first
    chart: Any = None  # a `charts.BarChart` of the same counts, drawn under the options

    total: int | None = None  # the count of "All", where a single-choice facet knows it

    def __post_init__(self):
        self.key = self.key or self.name

    @property
    def any_selected(self):
        return any(option.selected for option in self.options)

    @property
    def visible_options(self):
        """Options that would give nothing are left out, unless chosen (to be unchosen)."""
        return [
            option
            for option in self.options
            if option.selected or option.count is None or option.count
        ]


@dataclass(frozen=True)
class Chosen:
    name: str
    value: Any
    label: Any
    remove_query: str


class FilterState:
    """The filters of one listing as chosen in the query string (`request.GET`)."""

    def __init__(self, params, filters):
        self.filters = {declared.name: declared for declared in filters}
        self.params = params
        self.selected = {}
        for declared in filters:
            if declared.multiple:
                values = [declared.clean(raw) for raw in params.getlist(declared.name)]
                values = declared.order(value for value in values if value is not None)
                if values:
                    self.selected[declared.name] = values
            else:
                value = declared.clean(params.get(declared.name))
                if value is not None:
                    self.selected[declared.name] = value

    def values(self, name):
        """The chosen values of one filter, always as a list."""
        value = self.selected.get(name)
        if value is None:
            return []
        return list(value) if self.filters[name].multiple else [value]

    @property
    def is_active(self):
        return any(self.filters[name].narrows for name in self.selected)

    def _pairs(self, selected):
        return [
            (name, str(value))
            for name in self.filters
            for value in (
                selected.get(name, []) if self.filters[name].multiple else [selected.get(name)]
            )
            if value is not None
        ]

    def _query(self, selected):
        return urlencode(self._pairs(selected))

    @property
    def query_string(self):
        return self._query(self.selected)

    def query_string_without(self, name, value=None):
        """The selection without one value of a filter (or without the filter, value None)."""
        selected = dict(self.selected)
        declared = self.filters[name]
        if declared.multiple and value is not None:
            remaining = [kept for kept in selected.get(name, []) if kept != value]
            selected[name] = remaining
        else:
            selected.pop(name, None)
        return self._query(selected)

    def query_string_with(self, name, value):
        """The selection with one more value of a filter (a single value is replaced)."""
        selected = dict(self.selected)
        declared = self.filters[name]
        if declared.multiple:
            selected[name] = declared.order([*selected.get(name, []), value])
        else:
            selected[name] = value
        return self._query(selected)

    @property
    def chosen(self):
        """What narrows the listing, each with the query string that removes it."""
        return [
            Chosen(
                name,
                value,
                self.filters[name].label_of(value),
                self.query_string_without(name, value),
            )
            for name in self.filters
            if self.filters[name].narrows
            for value in self.values(name)
        ]

    def option(self, name, value, label, count=None):
        """One option of a filter, and whether it is chosen. The facet form sends the choice
        (a radio button or a checkbox), so an option needs no address of its own."""
        return Option(value, label, count, value in self.values(name))

    def facet(self, name, counts=None, icons=None):
        """The options of a filter with the choices it declared, counted when `counts` is given.

        `icons` maps a value to the slug of its success factor (`components/factor_icon.html`).
        """
        declared = self.filters[name]
        options = []
        for value, label in (declared.choices or {}).items():
            option = self.option(
                name, value, label, None if counts is None else counts.get(value, 0)
            )
            option.icon = (icons or {}).get(value, "")
            options.append(option)
        return Facet(name, declared.label, options, multiple=declared.multiple)

    def clear_query(self):
        """The query string with every narrowing filter removed ("Rensa alla"); the sort stays."""
        return self._query(
            {name: value for name, value in self.selected.items() if not self.filters[name].narrows}
        )

    @property
    def kept(self):
        """The chosen values that do not narrow (the sort order), as (name, value) pairs: the
        facet form sends them along unchanged."""
        return [
            (name, value)
            for name, value in self._pairs(self.selected)
            if not self.filters[name].narrows
        ]

    @property
    def page_prefix(self):
        query = self.query_string
        return f"{query}&" if query else ""

    def page_query(self, number):
        return f"{self.page_prefix}{PAGE}={number}"

    def paginate(self, items, per_page, count=None):
        """The requested page of `items`, never an error (see the module's docstring).

        `count`: the number of items, where the listing knows it already (one query fewer).
        """
        if isinstance(items, QuerySet) and items.query.combinator is None:
            items = KeysFirst(items)
        paginator = Paginator(items, per_page)
        if count is not None:
            paginator.count = count  # a cached property: set, it is not asked for
        return paginator.get_page(self.params.get(PAGE))


class KeysFirst:
    """A queryset whose pages are read by their keys first, in one query.

    `queryset[40:60]` makes the database sort every matching row whole (a page's wagtailcore
    columns and its type's) to keep twenty; `pk IN (the twenty keys, sorted and sliced)`
    sorts narrow rows and reads twenty whole ones: 4.5 instead of 7.5 ms for a page of the
    library's 2,000 entries at scale 100. The page's objects are those of the same queryset,
    in the same order, with its `select_related` and prefetches.
    """

    def __init__(self, queryset):
        self.queryset = queryset

    @property
    def ordered(self):
        # Read by Paginator, which warns about an unordered list, as it would for the queryset.
        return self.queryset.ordered

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        return self.queryset.filter(pk__in=self.queryset.values("pk")[window])


UNDATED = datetime.date.min


def newest_first(date_field):
    """Newest first, undated last: the order of a dated listing, as one expression an index
    can hold on every database (`DESC NULLS LAST` cannot be indexed on SQLite). Use the same
    expression in the model's `Meta.indexes` and in `order_by()`."""
    return Coalesce(F(date_field), Value(UNDATED)).desc()
