"""The case study's admin form: a project lead picks only among their own municipalities, and
every project workshop is offered once, named with its municipality."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pluginnovation.site.taxonomy import TaggedPageForm

from .roles import works_on_own_municipalities_only


def workshop_label(workshop):
    """ "Plug In Krokom (Krokom)": several municipalities named their workshops alike."""
    return f"{workshop.name} ({workshop.municipality.name})"


class CaseStudyPageForm(TaggedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "workshops" in self.fields:
            # The Swedish workshops only (`limit_choices_to`): readers see their translations.
            workshops = self.fields["workshops"]
            workshops.queryset = workshops.queryset.select_related("municipality").order_by(
                "municipality__name", "name"
            )
            workshops.label_from_instance = workshop_label
        self.limited = bool(self.for_user) and works_on_own_municipalities_only(self.for_user)
        if not self.limited:
            return
        municipality = self.fields["municipality"]
        municipality.widget = forms.Select()
        municipality.queryset = municipality.queryset.filter(project_leads=self.for_user)
        if "workshops" in self.fields:
            workshops = self.fields["workshops"]
            workshops.widget = forms.CheckboxSelectMultiple()
            workshops.queryset = workshops.queryset.filter(
                municipality__project_leads=self.for_user
            )

    def clean(self):
        cleaned_data = super().clean()
        municipality = cleaned_data.get("municipality")
        workshops = cleaned_data.get("workshops")
        elsewhere = (
            [
                workshop
                for workshop in workshops or []
                if workshop.municipality_id != municipality.pk
            ]
            if self.limited and municipality
            else []
        )
        if elsewhere:
            self.add_error(
                "workshops",
                _("Choose only project workshops of %(municipality)s.")
                % {"municipality": municipality},
            )
        return cleaned_data
