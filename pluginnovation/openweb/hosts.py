"""One host for every absolute URL the site writes: the Site's, or `SITE_URL` when set.

Pages, feeds, the sitemap, robots.txt, JSON-LD and the API all build absolute URLs here, never
from the request's Host header: a page reached through another name (an IP address, an old
domain, a proxy's internal name) still names the one public address.
"""

from django.conf import settings
from wagtail.models import Site


def configured_root():
    return (getattr(settings, "SITE_URL", "") or "").rstrip("/")


def site_root_url(request=None):
    """`https://host` (no trailing slash) of the site the request belongs to."""
    if root := configured_root():
        return root
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def absolute_url(url, request=None):
    """A path made absolute on the site's host; a URL that already has a host is kept (an
    image on a storage service), unless it is the site's own and SITE_URL names another."""
    if url.startswith(("http://", "https://")):
        return url
    return site_root_url(request) + url


def page_full_url(page, request=None):
    """`Page.get_full_url`, on `SITE_URL` when it is configured."""
    if root := configured_root():
        parts = page.get_url_parts(request)
        return root + parts[2] if parts and parts[2] is not None else None
    return page.get_full_url(request)
