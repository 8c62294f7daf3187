"""Where view restrictions are, kept until the next committed edit.

Read by the page routing (`routing.py`, to serve a page no restriction covers without
Wagtail's per-request check) and by `.public()` on the site's page types
(`pluginnovation/site/pages.py`). Imports no view, so models may import it.
"""

from django.db.models import BooleanField, Value
from wagtail.models import Page, PageViewRestriction

from .cache import memo


def _restrictions():
    """(tree paths of the pages with a view restriction, whether any page is an alias).

    One query: a row per restricted page, and one more row if any page is an alias.
    """
    restricted = PageViewRestriction.objects.values_list("page__path", Value(False, BooleanField()))
    any_alias = (
        Page.objects.filter(alias_of__isnull=False)
        .values_list(Value(""), Value(True, BooleanField()))
        .order_by()
        .distinct()
    )
    paths, has_aliases = [], False
    for path, is_alias in restricted.order_by().union(any_alias, all=True):
        if is_alias:
            has_aliases = True
        else:
            paths.append(path)
    return paths, has_aliases


def restrictions():
    return memo("view-restrictions", _restrictions)


def restricted_paths():
    """The tree paths of the pages with a view restriction (what Wagtail's
    `PageQuerySet.private_q` reads from the database on every call)."""
    return restrictions()[0]
