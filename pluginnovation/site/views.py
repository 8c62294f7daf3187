import logging
import sys

from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from pluginnovation.caching.cache import page_cache_status
from pluginnovation.site.pages import private_q

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


@never_cache
@require_GET
def healthz(request):
    """Tell a load balancer whether this instance can serve pages.

    The database is required (503 without it). The page cache is not: without it pages are
    rendered for every reader, so the instance still serves (200) and says "degraded".
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.warning("Health check: the database does not answer", exc_info=True)
        response = JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    cache = page_cache_status()
    return JsonResponse(
        {"status": "ok" if cache == "ok" else "degraded", "database": "ok", "cache": cache}
    )


def server_error(request):
    """A 500 page that renders with nothing but a template: no database, no context processors.

    When the error is the database going away (a restart, an outage), readers get a bilingual
    503 with Retry-After instead: the site is unavailable, not broken, and a load balancer or
    crawler should come back. Django calls this view inside its `except` block, so the
    exception being handled is the one that failed the request.
    """
    if isinstance(sys.exc_info()[1], DatabaseError):
        return database_unavailable()
    return HttpResponseServerError(render_to_string("500.html"))


def database_unavailable():
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def untranslated(request, page_id):
    """Say honestly that a page has no version in this language, and link to the one it has.

    The language switcher leads here instead of showing one language's text under the other's
    address.
    """
    page = (
        Page.objects.live().exclude(private_q()).filter(pk=page_id).select_related("locale").first()
    )
    if page is None:
        raise Http404
    active = Locale.get_active()
    translated = page.get_translation_or_none(active)
    # A restricted translation is not offered: the notice says there is none to read.
    if (
        translated is not None
        and translated.live
        and translated.get_view_restrictions().first() is None
    ):
        return redirect(translated.get_url(request))
    original = page.specific
    return render(
        request,
        "pluginnovation/untranslated.html",
        {
            "original": original,
            "original_url": original.get_url(request),
            "original_language": original.locale.language_code,
            "translation_urls": {original.locale.language_code: original.get_url(request)},
        },
    )
