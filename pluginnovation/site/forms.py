from django.db import models


class SuccessFactorFormMixin:
    """Offer the success factors of the page's own language (and any already chosen).

    For the admin form (`base_form_class`) of any page with a `success_factors` field.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("success_factors")
        locale_id = getattr(self.instance, "locale_id", None)
        if field is None or locale_id is None:
            return
        chosen = [getattr(f, "pk", f) for f in self.initial.get("success_factors") or []]
        field.queryset = field.queryset.filter(
            models.Q(locale_id=locale_id) | models.Q(pk__in=chosen)
        ).order_by("path")
