from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "pluginnovation.editorial"
    label = "pluginnovation_editorial"
    verbose_name = _("Editorial tools")
