"""The manager of the site's page types: Wagtail's, with `.public()` costing no query.

Wagtail's `PageQuerySet.private_q()` reads every view restriction from the database each time
it is called, and a page asks it once per listing it shows (nine times on the home page). Here
it reads the restricted tree paths that the caching layer keeps until the next committed edit,
the same memo the page routing trusts (`pluginnovation/caching/restrictions.py`), so `.public()`
means exactly what it means in Wagtail: not a restricted page and not under one.
"""

from django.db.models import Q
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet

from pluginnovation.caching.restrictions import restricted_paths


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        q = Q()
        for path in restricted_paths():
            q |= Q(path__startswith=path)
        # As Wagtail's: match no page when nothing is restricted.
        return q if q else Q(pk__in=[])


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


def private_q():
    """`private_q()` for a query over pages of any type (`Page.objects`)."""
    return SitePageQuerySet(Page).private_q()
