"""Give the default Site the public address of this deployment, from SITE_URL.

    SITE_URL=https://pluginnovation.se python manage.py configure_site

Part of the release step, after `migrate`: canonical URLs, the sitemap, feeds, JSON-LD and the
API's links are all built from the default Site. Running it again changes nothing.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_site_url(url):
    """(hostname, port) for Wagtail's Site, which says https by port 443 and http by any other."""
    parts = urlsplit(url.strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"{url!r} is not an http:// or https:// address with a host name")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"{url!r} has a path; the site is served at the root of its host")
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        raise ValueError(f"{url!r}: Wagtail can only build https:// links for port 443")
    if parts.scheme == "http" and port == 443:
        raise ValueError(f"{url!r}: port 443 would make Wagtail build https:// links")
    return parts.hostname, port


class Command(BaseCommand):
    help = "Set the default Site's host name and port from SITE_URL (or --url)."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="the public address, e.g. https://pluginnovation.se")

    def handle(self, *args, url=None, **options):
        url = url or settings.SITE_URL
        if not url:
            self.stdout.write("SITE_URL is not set: the default Site is left as it is.")
            return
        try:
            hostname, port = parse_site_url(url)
        except ValueError as error:
            raise CommandError(error) from error
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default Site; run `migrate` first.")
        if (site.hostname, site.port) == (hostname, port):
            self.stdout.write(f"The default Site is already {site.root_url}.")
            return
        # Another Site may already hold this address (say, a second Site set up by hand).
        if Site.objects.exclude(pk=site.pk).filter(hostname=hostname, port=port).exists():
            raise CommandError(f"Another Site already has {hostname}:{port}.")
        site.hostname, site.port = hostname, port
        site.save()
        self.stdout.write(self.style.SUCCESS(f"The default Site is now {site.root_url}."))
