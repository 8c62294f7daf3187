"""The literature entry's admin form: tags come from the library's taxonomies.

Typing a name that is not a tag would create a new one, unclassified and so hidden from readers
until an editor places it. The form asks first: it names the existing tag that a slip of case or
a letter probably meant ("Gymnasieskola" for "Gymnasieskolan"), and creates a new tag only when
the editor ticks the box it then shows under the field.
"""

from django import forms
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminTagWidget

from pluginnovation.site.taxonomy import TaggedPageForm

from .tags import LiteratureTag, similar_tags


class ConfirmedTagWidget(AdminTagWidget):
    """Wagtail's tag field, with the form's "create the new tags" box under it once asked."""

    template_name = "literature/admin/tag_widget.html"
    confirm = None  # the box as the form sets it: name, label, checked

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["confirm"] = self.confirm
        return context


def quoted(name):
    return gettext("“%(name)s”") % {"name": name}


class LiteraturePageForm(TaggedPageForm):
    # Read from the posted data, not declared as a field: Wagtail renders a declared field that
    # no panel shows at the foot of the form; this one shows under the tags, once asked for.
    confirm_name = "confirm_new_tags"
    confirm_label = _("Create the new tags")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tags = self.fields.get("tags")
        if tags is not None:
            tags.widget = ConfirmedTagWidget(tag_model=LiteratureTag, attrs=tags.widget.attrs)
            tags.widget.is_required = tags.required

    def clean(self):
        cleaned_data = super().clean()
        names = cleaned_data.get("tags")
        if not names:
            return cleaned_data
        existing = set(LiteratureTag.objects.filter(name__in=names).values_list("name", flat=True))
        new = [name for name in names if name not in existing]
        if not new:
            return cleaned_data
        confirm_field = self.add_prefix(self.confirm_name)
        confirmed = forms.CheckboxInput().value_from_datadict(self.data, self.files, confirm_field)
        self.fields["tags"].widget.confirm = {
            "name": confirm_field,
            "id": f"id_{confirm_field}",
            "label": self.confirm_label,
            "checked": confirmed,
        }
        if confirmed:
            return cleaned_data
        known = list(LiteratureTag.objects.only("name", "name_en"))
        errors = []
        for name in new:
            values = {"new": quoted(name), "confirm": quoted(self.confirm_label)}
            similar = similar_tags(name, known)
            if similar:
                values["existing"] = get_text_list([quoted(tag.name) for tag in similar])
                errors.append(
                    gettext(
                        "%(new)s is not a tag, but %(existing)s is. Write the existing tag, "
                        "or tick %(confirm)s below to create %(new)s as a new tag."
                    )
                    % values
                )
            else:
                errors.append(
                    gettext(
                        "%(new)s is not a tag yet. Tick %(confirm)s below to create it: a new "
                        "tag is hidden from readers until an editor puts it in a taxonomy "
                        "under Literature tags."
                    )
                    % values
                )
        self.add_error("tags", errors)
        return cleaned_data
