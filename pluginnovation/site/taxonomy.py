"""The success factors: the one taxonomy every content area is tagged with.

Every content app reaches the factors through these functions, by model name, so no content
app imports another and the site package imports none. A page type takes part by having a
`success_factors` many-to-many field to the factor model (a synchronised field: a translation
keeps the links of its original, so links are matched on the factor's translation key). A
page type that shows its factors does so as `live_success_factors`, a cached `factors_of(page)`.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.utils.functional import cached_property
from wagtail.models import Page

from pluginnovation.editorial.forms import EditorialPageForm
from pluginnovation.site.pages import private_q

FACTOR_MODEL = "knowledge.SuccessFactorPage"
FIELD = "success_factors"


def factor_model():
    return apps.get_model(FACTOR_MODEL)


def success_factors(locale_id):
    """The live, public success factors of a language, in tree order."""
    return (
        factor_model()
        .objects.live()
        .public()
        .filter(locale_id=locale_id)
        .defer_streamfields()
        .order_by("path")
    )


def tagged_q(factors, model):
    """A condition on pages of the tagged type `model`: tagged with any of `factors`, in
    whichever language linked.

    The factors of every language are found in Wagtail's page table by translation key (its
    own index), not through a join to the factors' table: a listing's query has two joins
    fewer to plan and run."""
    versions = Page.objects.filter(
        translation_key__in=[factor.translation_key for factor in factors]
    ).values("pk")
    links = getattr(model, FIELD).through.objects.filter(successfactorpage_id__in=versions)
    return models.Q(pk__in=links.values(f"{model._meta.model_name}_id"))


def tagged_with(pages, factors):
    """`pages` narrowed to those tagged with any of `factors`, in whichever language linked."""
    return pages.filter(tagged_q(factors, pages.model))


def factors_of(page):
    """The live, public factors in the page's language that the page is tagged with."""
    if FIELD in getattr(page, "_cluster_related_objects", {}):
        # A preview: the links as edited, not yet saved.
        linked = [factor.translation_key for factor in getattr(page, FIELD).all()]
    else:
        linked = (
            getattr(type(page), FIELD)
            .through.objects.filter(**{page._meta.model_name: page.pk})
            .values("successfactorpage__translation_key")
        )
    return success_factors(page.locale_id).filter(translation_key__in=linked)


class TaggedPageMixin:
    """For a page type with a `success_factors` field: the factors it shows."""

    @cached_property
    def live_success_factors(self):
        """The live, public factors in this page's language, whichever language's factors
        were chosen (read once: the page, its metadata and the API all show them; a listing
        reads them ahead with `read_factors_ahead`)."""
        return list(factors_of(self))


def read_factors_ahead(pages):
    """Give each of `pages` (saved pages of tagged types, of any languages) its
    `live_success_factors` read ahead, as `factors_of` gives them: for the items of a listing
    that shows them, one query per language and one over the links, whatever their number."""
    pages = list(pages)
    factors = [
        factor
        for locale_id in {page.locale_id for page in pages}
        for factor in success_factors(locale_id)
    ]
    tagged = factors_by_page([page.pk for page in pages], factors)
    for page in pages:
        page.live_success_factors = [
            factor for factor in tagged.get(page.pk, []) if factor.locale_id == page.locale_id
        ]
    return pages


def factor_counts(pages):
    """Translation key (as a string) -> how many of `pages` are tagged with that factor.

    One grouped query; a page tagged with a factor in two languages is counted once.
    """
    through = getattr(pages.model, FIELD).through
    page_column = f"{pages.model._meta.model_name}_id"
    rows = (
        through.objects.filter(**{f"{page_column}__in": pages.order_by().values("pk")})
        .values("successfactorpage__translation_key")
        .annotate(count=models.Count(page_column, distinct=True))
        .order_by()
    )
    return {str(row["successfactorpage__translation_key"]): row["count"] for row in rows}


def factors_by_page(page_ids, factors):
    """Page pk -> those of `factors` (one language's) the page is tagged with, in their order.

    For the cards of a listing or of search results: one query over the links of every tagged
    page type, whichever language's factors a page links.
    """
    page_ids = list(page_ids)
    if not page_ids or not factors:
        return {}
    parts = []
    for model in tagged_models():
        column = f"{model._meta.model_name}_id"
        parts.append(
            getattr(model, FIELD)
            .through.objects.filter(**{f"{column}__in": page_ids})
            .values_list(column, "successfactorpage__translation_key")
            .order_by()
        )
    if not parts:
        return {}
    linked = {}
    for page_id, key in parts[0].union(*parts[1:], all=True):
        linked.setdefault(page_id, set()).add(str(key))
    return {
        page_id: [factor for factor in factors if str(factor.translation_key) in keys]
        for page_id, keys in linked.items()
    }


def tagged_counts(home):
    """Translation key (as a string) -> [(page model, count), …]: how many live, public pages
    of each tagged type under `home` (a language's home page) are tagged with that factor,
    types in `tagged_models()` order and only those with a page.

    One query, a union of one grouped query per tagged type, whatever the amount of content.
    The pages are narrowed in Wagtail's page table alone (a link's page is of its type anyway),
    by their place in the tree, which the page table's tree index answers without reading the
    table (see `pluginnovation/site/migrations/0009_page_tree_listing_index.py`): 4.4 ms at
    14,000 pages, against 6 ms by language alone and 9-10 ms joined to each type's own table.
    """
    models_ = tagged_models()
    pages = (
        Page.objects.descendant_of(home)
        .live()
        .exclude(private_q())
        .filter(locale_id=home.locale_id)
        .values("pk")
    )
    parts = []
    for number, model in enumerate(models_):
        column = f"{model._meta.model_name}_id"
        parts.append(
            getattr(model, FIELD)
            .through.objects.filter(**{f"{column}__in": pages})
            .values_list("successfactorpage__translation_key")
            .annotate(
                kind=models.Value(number, output_field=models.IntegerField()),
                count=models.Count(column, distinct=True),
            )
            .order_by()
        )
    if not parts:
        return {}
    found = {}
    for key, number, count in parts[0].union(*parts[1:], all=True):
        found.setdefault(str(key), []).append((number, count))
    return {
        key: [(models_[number], count) for number, count in sorted(rows)]
        for key, rows in found.items()
    }


def date_sort_key(date):
    """A date (or datetime) field as the integer YYYYMMDD: what `listing_sort_key()` returns.

    An integer, because a date made from a bare year (literature) has no portable SQL form.
    """
    return ExtractYear(date) * 10000 + ExtractMonth(date) * 100 + ExtractDay(date)


def tagged_models():
    """Every page model with a `success_factors` link to the factors, whichever app has it."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        try:
            link = model._meta.get_field(FIELD)
        except FieldDoesNotExist:
            continue
        if link.many_to_many and link.related_model is factor_model():
            found.append(model)
    return found


# The annotations last: a union's rows come in the order of the SQL columns.
CARD_COLUMNS = ["pk", "content_type_id", "title", "url_path", "sort_key", "card_summary"]


@dataclass(frozen=True)
class Card:
    """A tagged page as a hub lists it, whichever app it belongs to."""

    page: Page  # the generic page, enough for its title and address
    kind: str  # the name of its page type
    date: datetime.date | None  # its `listing_date`
    summary: str  # its `listing_summary`


def tagged_pages(factor):
    """Every live, public page of the factor's language tagged with it, newest first, as cards.

    One query, a union over the tagged page types, ordered by each type's `listing_sort_key()`
    (an integer YYYYMMDD equal to its `listing_date`) and carrying its `listing_summary_field`,
    so it is counted and sliced in the database whatever the number of tagged pages. Turn the
    rows of a slice into cards with `cards`.
    """
    private = private_q()  # what `.public()` asks, asked once for every type
    parts = [
        tagged_with(
            model.objects.live().exclude(private).filter(locale_id=factor.locale_id), [factor]
        )
        .annotate(
            sort_key=model.listing_sort_key(),
            card_summary=models.F(model.listing_summary_field),
        )
        .values_list(*CARD_COLUMNS)
        .order_by()
        for model in tagged_models()
    ]
    if not parts:
        return []
    return parts[0].union(*parts[1:], all=True).order_by("-sort_key", "-pk")


def cards(rows):
    """Cards for rows of `tagged_pages`, with no further query."""
    found = []
    for pk, content_type_id, title, url_path, sort_key, summary in rows:
        # Values in the order of the model's fields, as `from_db` takes them.
        page = Page.from_db(
            Page.objects.db,
            ["id", "title", "content_type_id", "url_path"],
            [pk, title, content_type_id, url_path],
        )
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        date = None
        if sort_key:
            date = datetime.date(sort_key // 10000, sort_key // 100 % 100, sort_key % 100)
        found.append(Card(page, model._meta.verbose_name, date, summary))
    return found


class SuccessFactorFormMixin:
    """The admin form offers the factors of the page's own language, each once.

    A translation starts with its original's links (wagtail-localize copies them), so an
    English page may link the Swedish factors: they are shown ticked as their English
    translations and saved as those (links are matched on the translation key anyway). Only a
    chosen factor with no version at all in the page's language stays offered as it is, so
    that saving never drops it unseen.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choice = self.fields.get(FIELD)
        locale_id = getattr(self.instance, "locale_id", None)
        if choice is None or locale_id is None:
            return
        factors = factor_model().objects.all()
        chosen = factors.filter(
            pk__in=[getattr(factor, "pk", factor) for factor in self.initial.get(FIELD) or []]
        )
        own_language = factors.filter(locale_id=locale_id)
        chosen_here = own_language.filter(translation_key__in=chosen.values("translation_key"))
        untranslated = chosen.exclude(translation_key__in=own_language.values("translation_key"))
        ticked = models.Q(pk__in=chosen_here.values("pk")) | models.Q(
            pk__in=untranslated.values("pk")
        )
        choice.queryset = factors.filter(
            models.Q(pk__in=success_factors(locale_id).values("pk")) | ticked
        ).order_by("path")
        if FIELD in self.initial:
            self.initial[FIELD] = list(factors.filter(ticked).values_list("pk", flat=True))


class TaggedPageForm(SuccessFactorFormMixin, EditorialPageForm):
    """`base_form_class` of every page type with a `success_factors` field."""
