from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pluginnovation.search"
    label = "sitesearch"
    verbose_name = _("Site search")
