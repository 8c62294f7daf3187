"""Where a URL leads, remembered per content version; Wagtail serves the page as always.

Wagtail finds the site with a query per request and the page with a query per level of the
URL, and keeps what it found on the request (`request._wagtail_site`,
`request._wagtail_route_for_request`). `serve` below puts the remembered site and route there
and then serves the page as Wagtail's `serve` view does. The page itself is loaded afresh and
routed again (a page unpublished since is a 404).

Wagtail's `check_view_restrictions` costs two queries on every request, a third of what a page
costs between edits. The tree paths of the pages with a view restriction are remembered too:
a page under one of them (or any page, once the site has an alias) goes through Wagtail's
own view and its check; a page under none is served by the same hooks without that check.

A page's own sub-URL (a feed, a citation export) whose page no restriction covers goes through
`shared_response()` (`cache.py`): the feed written first since the last edit is sent again.

What is remembered is keyed on the content version, which moves on only after a change has
been committed (see `cache.py`), so a route or a list of restrictions worked out from the
state before a commit is never used after it. `tests/pluginnovation/test_serving.py` adds
each kind of restriction (on the page, an ancestor, an English page, an alias's source) after
the page was read, and `test_invalidation.py` does so in a transaction held open while readers
ask.
"""

from django.apps import apps
from django.db import DatabaseError
from django.db.models import Subquery
from django.http import Http404, HttpResponse
from django.urls import Resolver404
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve
from wagtail.views import serve_chain
from wagtail.wagtail_hooks import check_view_restrictions

from .cache import memo, shared_response
from .restrictions import restrictions


def _site(request):
    # get_host() has checked ALLOWED_HOSTS: only the site's own host names become keys.
    key = f"site:{request.get_host()}:{request.get_port()}"
    return memo(key, lambda: Site.find_for_request(request))


def _route(site, request, path):
    """(model label, page id, path components left for a routable page), or None.

    Wagtail walks down the tree a level at a time (a query and a `.specific` per level). The
    pages an address can lead to are the ones whose `url_path` is a prefix of it, so they are
    found in one query; the walk is handed to Wagtail from the first page whose model routes
    differently (a routable index with a sub-URL such as `feed/`, which Wagtail prefers to a
    child page). The home page in the active language comes in the same query, found by the
    `url_path` Wagtail's list of site root paths gives it and checked to be a translation of
    the site's root page. Where that list names none, or a page that is not (or no longer)
    that home page, the home page is looked up first, as before. The route found is kept on
    the request for this request.
    """
    fields = ("path", "depth", "url_path", "live", "content_type")
    pages = Page.objects.select_related("content_type").only(*fields)
    components = [component for component in path.split("/") if component]
    # The site's home page and its translations.
    homes = pages.filter(
        translation_key=Subquery(
            Page.objects.filter(pk=site.root_page_id).values("translation_key")
        )
    )

    def below(home_url_path):
        # The slug narrows the search to an index; the url_path makes it exact.
        prefixes = [
            home_url_path + "".join(f"{part}/" for part in components[:depth])
            for depth in range(1, len(components) + 1)
        ]
        return pages.filter(slug__in=set(components), url_path__in=prefixes)

    found, home = [], None
    home_url_path = _home_url_path(site)
    if home_url_path is not None:
        home_slug = home_url_path.rstrip("/").rpartition("/")[2]
        found = list(below(home_url_path) | homes.filter(slug=home_slug, url_path=home_url_path))
        home = next((page for page in found if page.url_path == home_url_path), None)
        if home is not None:
            found = [page for page in found if page.path.startswith(home.path)]
    if home is None:
        # As `root_page.localized` finds it.
        home = (
            homes.filter(locale__language_code=translation.get_language()).first()
            or pages.filter(pk=site.root_page_id).first()
        )
        if home is None:
            return None
        found = [home, *below(home.url_path).filter(path__startswith=home.path)]
    candidates = {page.depth - home.depth: page for page in found}
    level = 0
    while level in candidates:
        page, rest = candidates[level], components[level:]
        model = page.content_type.model_class()
        if model is None:
            return None
        if model.route is not Page.route and (not rest or _routes_itself(model, rest)):
            return _wagtail_route(request, page.specific, rest)
        if not rest:
            if not page.live:
                return None
            request._wagtail_route_for_request = RouteResult(page.specific)
            return (model._meta.label, page.pk, [])
        level += 1
    return None


def _home_url_path(site):
    """The `url_path` of the site's home page in the active language, from Wagtail's list of
    site root paths (which Wagtail keeps in the cache and clears when a site or a site's
    home page changes, and which every page address is built from); None if it names none."""
    language = translation.get_language()
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk and root.language_code == language:
            return root.root_path
    return None


def _routes_itself(model, rest):
    """Whether a routable page answers `rest` with one of its own views (so Wagtail would)."""
    resolver = getattr(model, "get_resolver", None)
    if resolver is None:
        return True  # a model with its own `route`: let Wagtail ask it
    try:
        resolver().resolve("/" + "/".join(rest) + "/")
    except Resolver404:
        return False
    return True


def _wagtail_route(request, page, rest):
    try:
        routed = page.route(request, rest)
    except Http404:
        return None
    request._wagtail_route_for_request = routed
    found = routed[0]
    return (found.specific_class._meta.label, found.pk, rest[found.depth - page.depth :])


def _may_be_restricted(page):
    """Whether a view restriction may cover the page (an alias follows its source page)."""
    paths, has_aliases = restrictions()
    return has_aliases or any(page.path.startswith(tree_path) for tree_path in paths)


def _serve_unrestricted(request, page, args, kwargs):
    """Wagtail's `serve` (wagtail/views.py) for a page no restriction covers: the same hooks,
    in the same order, without `check_view_restrictions`."""
    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is not check_view_restrictions:
            on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)


def serve(request, path):
    """Wagtail's `serve` view, starting from the remembered site, route and restrictions."""
    try:
        site = _site(request)
    except DatabaseError:
        site = None  # Wagtail's view answers for itself
    if site is not None:
        request._wagtail_site = site
        key = f"route:{translation.get_language()}:{site.pk}:{path}"
        found = memo(key, lambda: _route(site, request, path))
        if found is None:
            request._wagtail_route_for_request = None  # a 404, as Wagtail would find
        elif not hasattr(request, "_wagtail_route_for_request"):
            label, pk, remaining = found
            model = apps.get_model(label)
            page = model.objects.select_related("locale").filter(pk=pk).first()
            try:
                routed = page.route(request, remaining) if page else None
            except Http404:
                routed = None  # unpublished or gone since: Wagtail routes it afresh
            if routed is not None:
                request._wagtail_route_for_request = routed
        routed = getattr(request, "_wagtail_route_for_request", None)
        if routed is not None and not _may_be_restricted(routed[0]):
            if found and found[2]:
                # A page's own sub-URL (a feed, an export): the same for every reader.
                return shared_response(request, lambda: _serve_unrestricted(request, *routed))
            return _serve_unrestricted(request, *routed)
    return wagtail_serve(request, path)
