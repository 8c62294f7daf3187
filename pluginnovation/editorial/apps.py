from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "pluginnovation.editorial"
    label = "pluginnovation_editorial"
    verbose_name = _("Editorial tools")

    def ready(self):
        # Every page type is edited with the project's page form, as Wagtail itself gives
        # `Page` its default form in its own `ready`: a type that declares its own
        # `base_form_class` subclasses ours instead (tests/pluginnovation/test_page_form.py).
        from wagtail.admin.forms import WagtailAdminPageForm
        from wagtail.models import Page, get_page_models

        from pluginnovation.editorial.forms import EditorialPageForm

        for model in get_page_models():
            # Wagtail's admin sets `Page.base_form_class` after this runs.
            if model is not Page and getattr(model, "base_form_class", None) in (
                None,
                WagtailAdminPageForm,
            ):
                model.base_form_class = EditorialPageForm
