from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlugInnovationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pluginnovation"
    verbose_name = _("PlugInnovation")

    def ready(self):
        from . import signals  # noqa: F401
        from .cache import connect_invalidation

        connect_invalidation()
