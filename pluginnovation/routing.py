"""Finding the site and the page for a URL without asking the database every time.

Wagtail finds the site with one query per request, and the page with a query per level of
the URL, a locale query and two view-restriction queries. Where a URL leads changes only
when an editor changes something, so both are remembered per content version (see
`pluginnovation.cache.remember`): a page request then loads just the page itself, with the
relations its model names in `serve_select_related`. The rest of Wagtail's serving (its hooks,
view restrictions, routable sub-pages) runs unchanged.
"""

from django.apps import apps
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.wagtail_hooks import check_view_restrictions

from .cache import remember
from .visibility import may_be_restricted


class RememberedSiteMiddleware:
    """Put the remembered `Site` for the request's host on the request, as Wagtail would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # get_host() checks ALLOWED_HOSTS, so only the site's own host names are remembered.
        key = f"site:{request.get_host()}:{request.get_port()}"
        try:
            site = remember(key, lambda: Site.find_for_request(request))
        except DatabaseError:
            # Without a database the view answers for itself (the health check, a 503 page).
            site = None
        if site is not None:
            request._wagtail_site = site
        return self.get_response(request)


def _route(request, path):
    """(model label, page id, path components left for a routable page), or None for a 404.

    Wagtail's `Page.route_for_request`, starting from the site's home page in the active
    language found in one lookup (`root_page.localized` asks for the locale first).
    """
    site = Site.find_for_request(request)
    root = site.root_page
    home = (
        Page.objects.filter(
            translation_key=root.translation_key, locale__language_code=translation.get_language()
        )
        .specific()
        .first()
    ) or root.specific
    components = [component for component in path.split("/") if component]
    try:
        page = home.route(request, components)[0]
    except Http404:
        return None
    consumed = page.depth - home.depth
    return (page.specific_class._meta.label, page.pk, components[consumed:])


def route(request, path):
    """Wagtail's `Page.route_for_request`, with where the URL leads remembered."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    key = f"route:{translation.get_language()}:{site.pk}:{path}"
    found = remember(key, lambda: _route(request, path))
    if found is None:
        raise Http404
    # Loaded the same way whether the route was just found or remembered.
    label, pk, remaining = found
    model = apps.get_model(label)
    related = ["locale", *getattr(model, "serve_select_related", ())]
    try:
        page = model.objects.select_related(*related).get(pk=pk)
    except model.DoesNotExist:  # deleted since this request began
        raise Http404 from None
    routed = page.route(request, remaining)  # a 404 if it was unpublished meanwhile
    request._wagtail_route_for_request = routed
    return routed


def serve(request, path):
    """Wagtail's `serve` view, on the remembered route.

    Wagtail's view-restriction check asks the database on every request; it is left out only
    for pages that no restriction covers (known from the remembered restricted paths).
    """
    page, args, kwargs = route(request, path)

    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    on_serve_chain = serve_chain
    unrestricted = not may_be_restricted(page)
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if unrestricted and fn is check_view_restrictions:
            continue
        on_serve_chain = fn(on_serve_chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    return on_serve_chain(page, request, args, kwargs)
