from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """Home and standard pages, navigation and footer, shared blocks, page metadata.

    Keeps the label "pluginnovation" it had when this was the whole project package, so
    tables, migrations and permissions stay as they are.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "pluginnovation.site"
    label = "pluginnovation"
    verbose_name = _("PlugInnovation")

    def ready(self):
        from . import checks, signals  # noqa: F401
