"""Which pages readers may see, without asking the database each time.

View restrictions (password, login, groups) change only when an editor changes them, so the
restricted tree paths are remembered per content version (see `pluginnovation.cache`).
"""

from django.db.models import Q
from wagtail.models import Page

from .cache import remember


def _restrictions():
    """(tree paths of the pages with a view restriction, whether any page is an alias).

    One query: a page row per restriction, and one per alias.
    """
    paths, has_aliases = [], False
    rows = Page.objects.filter(
        Q(view_restrictions__isnull=False) | Q(alias_of__isnull=False)
    ).values_list("path", "view_restrictions__id", "alias_of_id")
    for path, restriction, alias_of in rows:
        if restriction is not None:
            paths.append(path)
        has_aliases = has_aliases or alias_of is not None
    return paths, has_aliases


def restricted_paths():
    """Tree paths of the pages with a view restriction, remembered until the next edit."""
    return remember("view-restrictions", _restrictions)[0]


def public_q():
    """What `.public()` filters on, without its query: `.filter(public_q())`.

    Wagtail's `.public()` asks for the view restrictions each time a queryset is built; a
    page with a listing or two on it would pay a query for each.
    """
    condition = Q()
    for path in restricted_paths():
        condition &= ~Q(path__startswith=path)
    return condition


def may_be_restricted(page):
    """Whether a view restriction may cover the page (an alias follows its source page)."""
    paths, has_aliases = remember("view-restrictions", _restrictions)
    return has_aliases or any(page.path.startswith(path) for path in paths)
