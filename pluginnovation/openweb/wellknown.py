"""Files user agents ask for at fixed addresses: /favicon.ico and /.well-known/security.txt."""

import datetime

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

from pluginnovation.openweb.hosts import absolute_url
from pluginnovation.site.models import SiteOwner

FAVICON = settings.BASE_DIR / "static" / "img" / "favicon.ico"
# RFC 9116 asks for an expiry under a year away; a fresh one is written on every request.
SECURITY_TXT_DAYS = 180


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page's <link rel=icon> says."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


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
