"""Which pages readers may see, without asking the database each time.

View restrictions (password, login, groups) change only when an editor changes them, so the
restricted tree paths are remembered per content version (see `pluginnovation.cache`).
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from .cache import remember


def restricted_paths():
    """Tree paths of the pages with a view restriction, remembered until the next edit."""
    return remember(
        "restricted-page-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


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
    has_aliases = remember(
        "page-aliases-exist", lambda: Page.objects.filter(alias_of__isnull=False).exists()
    )
    return has_aliases or any(page.path.startswith(path) for path in restricted_paths())
