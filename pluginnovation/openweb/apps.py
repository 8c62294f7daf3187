from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenWebConfig(AppConfig):
    name = "pluginnovation.openweb"
    label = "pluginnovation_openweb"
    verbose_name = _("Open web: sitemap, feeds, API")
