from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "pluginnovation.caching"
    label = "pluginnovation_caching"
    verbose_name = _("Page cache")

    def ready(self):
        from .cache import bump_content_version, connect_invalidation

        connect_invalidation()
        if getattr(settings, "FRESH_CONTENT_VERSION_ON_START", False):
            # Development: edited templates and code must not meet what the old ones cached.
            bump_content_version()
