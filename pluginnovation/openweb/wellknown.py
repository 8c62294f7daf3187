"""Files user agents ask for at fixed addresses: /favicon.ico, the web app manifest and
/.well-known/security.txt."""

import datetime
import json

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

from pluginnovation.openweb.hosts import absolute_url
from pluginnovation.site.models import SiteOwner

FAVICON = settings.BASE_DIR / "static" / "img" / "favicon.ico"
# RFC 9116 asks for an expiry under a year away; a fresh one is written on every request.
SECURITY_TXT_DAYS = 180
# The brand colour of the logo (static/css/site.css, --brand-700): the browser's chrome around
# the site when it is added to a home screen.
THEME_COLOUR = "#1d4e6b"


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page's <link rel=icon> says."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


@require_GET
@cache_control(public=True, max_age=86400)
def manifest(request):
    """The web app manifest: the name, icons and theme colour a home screen shows."""
    data = {
        "name": "PlugInnovation",
        "short_name": "PlugInnovation",
        "description": _("Knowledge against school dropout"),
        "lang": get_language(),
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": [
            {"src": static("img/favicon.svg"), "type": "image/svg+xml", "sizes": "any"},
            {"src": static("img/icon-192.png"), "type": "image/png", "sizes": "192x192"},
            {
                "src": static("img/icon-512.png"),
                "type": "image/png",
                "sizes": "512x512",
                "purpose": "any maskable",
            },
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )


@require_GET
def security_txt(request):
    """RFC 9116: where to report a vulnerability. The address is the site owner's (a site
    setting); without one the file does not exist rather than naming an invented address."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    address = SiteOwner.for_site(site).security_address if site else ""
    if not address:
        raise Http404("No security contact has been set")
    expires = timezone.now().replace(microsecond=0) + datetime.timedelta(days=SECURITY_TXT_DAYS)
    lines = [
        f"Contact: mailto:{address}",
        f"Expires: {expires.astimezone(datetime.UTC).isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: sv, en",
        f"Canonical: {absolute_url('/.well-known/security.txt', request)}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
