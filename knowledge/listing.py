"""Listings for the knowledge pages: defensive pagination and the success factor hub query."""

import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.utils.http import urlencode
from wagtail.models import Page

from pluginnovation.visibility import public_q

PER_PAGE = 12


def paginate(request, items, per_page=PER_PAGE):
    """A page of `items`: `?page=abc` gives the first page and `?page=999999` the last."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def filter_query(**filters):
    """The active filters as a query string prefix for pagination links ("kind=x&")."""
    active = {name: value for name, value in filters.items() if value}
    return urlencode(active) + "&" if active else ""


def tagged_models():
    """Every page model with a `success_factors` link, whichever app defines it."""
    models = []
    for model in apps.get_models():
        if not issubclass(model, Page) or model._meta.abstract:
            continue
        try:
            field = model._meta.get_field("success_factors")
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            models.append(model)
    return models


def tagged_pages(factor):
    """Live, public pages of the factor's language tagged with the factor, newest first.

    Matching on the translation key finds a translation whether its links point at the
    factor itself or at the factor's Swedish original.
    """
    pages = []
    for model in tagged_models():
        tagged = model.objects.filter(
            success_factors__translation_key=factor.translation_key
        ).values("pk")
        pages.extend(
            model.objects.live()
            .filter(public_q())
            .defer_streamfields()
            .filter(locale_id=factor.locale_id, pk__in=tagged)
        )
    return sorted(pages, key=lambda page: (sortable_date(page.listing_date), page.pk), reverse=True)


def sortable_date(value):
    """Other apps' `listing_date` may be a date, a datetime or a bare year."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int):
        return datetime.date(value, 1, 1)
    return datetime.date.min
