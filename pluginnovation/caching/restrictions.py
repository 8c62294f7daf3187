"""Where view restrictions are, kept until the next committed edit.

Read by the page routing (`routing.py`, to serve a page no restriction covers without
Wagtail's per-request check) and by `.public()` on the site's page types
(`pluginnovation/site/pages.py`). Imports no view, so models may import it.
"""

from wagtail.models import Page, PageViewRestriction

from .cache import memo


def _restrictions():
    """(tree paths of the pages with a view restriction, whether any page is an alias)."""
    paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    return paths, Page.objects.filter(alias_of__isnull=False).exists()


def restrictions():
    return memo("view-restrictions", _restrictions)


def restricted_paths():
    """The tree paths of the pages with a view restriction (what Wagtail's
    `PageQuerySet.private_q` reads from the database on every call)."""
    return restrictions()[0]
