from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlugInnovationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pluginnovation"
    verbose_name = _("PlugInnovation")

    def ready(self):
        from django.conf import settings

        from . import signals  # noqa: F401
        from .cache import bump_content_version, connect_invalidation

        connect_invalidation()
        if getattr(settings, "FRESH_CONTENT_VERSION_ON_START", False):
            # Development: edited templates and code must not meet what the old ones cached.
            bump_content_version()
