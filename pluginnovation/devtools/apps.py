from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevtoolsConfig(AppConfig):
    name = "pluginnovation.devtools"
    label = "pluginnovation_devtools"
    verbose_name = _("Demo and benchmark tools")
