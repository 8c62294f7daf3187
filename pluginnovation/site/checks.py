"""Deployment checks (`manage.py check --deploy`) about what only the database knows."""

from django.core import checks
from django.db import DatabaseError
from wagtail.models import Site

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "testserver", ""}


@checks.register(checks.Tags.sites, deploy=True)
def default_site_address(app_configs=None, **kwargs):
    """Absolute links (feeds, canonical URLs, JSON-LD, the API) are built from the default Site."""
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet: nothing to say about its Site
        return []
    if site is None or site.hostname not in LOCAL_HOSTS:
        return []
    return [
        checks.Warning(
            f"The default Site says {site.root_url}: feeds, canonical URLs, JSON-LD and the API "
            "would link there.",
            hint="Set SITE_URL and run `manage.py configure_site` (part of the release step).",
            id="pluginnovation.W001",
        )
    ]
