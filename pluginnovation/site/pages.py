"""The manager of the site's page types: Wagtail's, with `.public()` costing no query.

Wagtail's `PageQuerySet.private_q()` reads every view restriction from the database each time
it is called, and a page asks it once per listing it shows (nine times on the home page). Here
it reads the restricted tree paths that the caching layer keeps until the next committed edit,
the same memo the page routing trusts (`pluginnovation/caching/restrictions.py`), so `.public()`
means exactly what it means in Wagtail: not a restricted page and not under one.
"""

import functools

from django.db.models import Q, Subquery
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageManager, get_page_models
from wagtail.query import PageQuerySet

from pluginnovation.caching.restrictions import restricted_paths


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        q = Q()
        for path in restricted_paths():
            q |= Q(path__startswith=path)
        # As Wagtail's: match no page when nothing is restricted.
        return q if q else Q(pk__in=[])

    def in_language(self, language_code):
        """Pages of one language. The locale is compared by id from a subquery, not through a
        join on its code: with the join, PostgreSQL cannot tell how many pages one language
        holds, guesses a handful and scans the whole page table (10-14 ms at 14,000 pages for
        the five success factors or the home page's three featured works; 1-5 ms this way)."""
        locale = Locale.objects.filter(language_code=language_code).values("pk")[:1]
        return self.filter(locale_id=Subquery(locale))


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


def private_q():
    """`private_q()` for a query over pages of any type (`Page.objects`)."""
    return SitePageQuerySet(Page).private_q()


def public_children(parent, model):
    """The live, public children of `parent` of page type `model`, in Wagtail's page table
    alone (no join to the type's own table).

    For a listing's counts and for matching its own rows by key: joined to the type's table,
    PostgreSQL walks the whole page table along its primary key to find an index's children
    (2-3 ms per query at 14,000 pages; about 1 ms this way)."""
    return Page.objects.child_of(parent).live().exclude(private_q()).type(model)


@functools.cache
def section_index_models():
    """The page types of a section's front page (Kunskap, Fallstudier, Litteratur, Aktuellt):
    those Wagtail allows once per parent."""
    return tuple(model for model in get_page_models() if model.max_count_per_parent == 1)


def index_of_language(request, model):
    """The live, public page of type `model` (a section's index) in the active language, the
    first made if there are several.

    The home page's sections, its hero and its head's feed link ask for the indexes of all
    four sections: the first question of a request (for its language) reads them all, in one
    query, as their own types with only Wagtail's page fields loaded (what links and listings
    use); a page type's own field is read if asked for.
    """
    language = get_language()
    if model not in section_index_models():
        return model.objects.live().public().in_language(language).order_by("pk").first()
    found = request.__dict__.setdefault("_section_indexes", {}) if request is not None else {}
    if language not in found:
        indexes = {}
        pages = (
            SitePageQuerySet(Page)
            .live()
            .public()
            .in_language(language)
            .type(*section_index_models())
            .order_by("-pk")
            .specific(defer=True)
        )
        for page in pages:
            indexes[type(page)] = page  # the lowest pk is read last, and kept
        found[language] = indexes
    return found[language].get(model)
