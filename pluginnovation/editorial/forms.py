"""The admin form every page type is edited with (each model's `base_form_class` is it or a
subclass of it).

Autosave creates a page as soon as its title is typed. An editor who leaves that page and
starts the same article again would otherwise be refused at the address ("slug") the title
gives, on a tab they never opened. Here, a page that has never been published steps aside
from the editor's own abandoned draft of the same title: it takes the next free address
(`titel-2`), which the editor may change until the page is published. Every other clash is
reported in the editor's language with the page that holds the address and the tab the field
is on; and whenever a form has errors, a message at the top names the tabs that hold them.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import PublishingPanel
from wagtail.models import Page

from pluginnovation.editorial.scheduling import SchedulingFormMixin

SCHEDULE = _("Schedule publishing (in the Status side panel)")


def _panel_fields(panel, place, found):
    """{field or formset name: where the editor finds it} for the panel and its children."""
    if isinstance(panel, PublishingPanel):
        place = SCHEDULE
    # The innermost panel decides: a tab's options also list its children's fields.
    for child in getattr(panel, "children", []):
        _panel_fields(child, place, found)
    options = panel.get_form_options()
    for name in [*options.get("fields", []), *options.get("formsets", {})]:
        found.setdefault(name, place)
    return found


def field_places(page_class):
    """{field or formset name: the tab (or dialog) of the page editor that holds it}."""
    found = {}
    for tab in page_class.get_edit_handler().children:
        _panel_fields(tab, tab.heading, found)
    return found


def is_abandoned_draft(page, title, user):
    """The user's own page of that title that was saved but never published: what autosave
    leaves behind when an editor types a title and walks away."""
    return (
        user is not None
        and page.owner_id == user.pk
        and not page.live
        and page.first_published_at is None
        and page.title.strip().casefold() == (title or "").strip().casefold()
    )


class EditorialPageForm(SchedulingFormMixin, WagtailAdminPageForm):
    def clean(self):
        self.settle_address()
        cleaned_data = super().clean()
        self.report_address_in_use()
        return cleaned_data

    def sibling_with_slug(self, slug):
        if self.parent_page is None:
            return None
        siblings = self.parent_page.get_children().filter(slug=slug)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        return siblings.specific(defer=True).first()

    def settle_address(self):
        """A never-published page clashing with the editor's own abandoned draft takes the
        next free address instead of failing."""
        self.address_in_use = None
        slug = self.cleaned_data.get("slug")
        if not slug or self.instance.first_published_at is not None:
            return
        holder = self.sibling_with_slug(slug)
        if holder is None:
            return
        if not is_abandoned_draft(holder, self.cleaned_data.get("title"), self.for_user):
            # Wagtail's own message would name neither the page nor the tab: ours follows.
            self.address_in_use = (slug, holder)
            del self.cleaned_data["slug"]
            return
        current = self.instance.slug if self.instance.pk else ""
        if current.startswith(f"{slug}-") and Page._slug_is_available(
            current, self.parent_page, self.instance
        ):
            self.cleaned_data["slug"] = current
            return
        number = 2
        while not Page._slug_is_available(f"{slug}-{number}", self.parent_page, self.instance):
            number += 1
        self.cleaned_data["slug"] = f"{slug}-{number}"

    def report_address_in_use(self):
        if self.address_in_use is None:
            return
        slug, holder = self.address_in_use
        message = (
            _(
                "The slug “%(slug)s” is already used by the draft “%(title)s” here, which has "
                "never been published. Open that draft and go on there, or give this page "
                "another slug on the tab “%(tab)s”."
            )
            if not holder.live
            else _(
                "The slug “%(slug)s” is already used by the page “%(title)s” here. Give this "
                "page another slug on the tab “%(tab)s”."
            )
        )
        tab = field_places(type(self.instance)).get("slug", "")
        self.add_error(
            "slug",
            forms.ValidationError(
                message, params={"slug": slug, "title": holder.title, "tab": tab}
            ),
        )

    def get_field_updates_for_resave(self):
        """An address settled on the server is written back into the open editor, so that
        the next autosave sends it."""
        updates = list(super().get_field_updates_for_resave())
        slug = self.cleaned_data.get("slug")
        if slug and self.data.get("slug") != slug:
            updates.append(("slug", slug))
        return updates

    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            self.name_error_tabs()
        return valid

    def name_error_tabs(self):
        """One message at the top listing the tabs with errors: a field's message alone is
        seen only by whoever opens its tab."""
        if getattr(self, "_error_tabs_named", False):
            return
        self._error_tabs_named = True
        places = field_places(type(self.instance))
        names = [name for name in self.errors if name != NON_FIELD_ERRORS]
        names += [
            name
            for name, formset in self.formsets.items()
            if any(formset.errors) or formset.non_form_errors()
        ]
        tabs = []
        for name in names:
            place = str(places.get(name, ""))
            if place and place not in tabs:
                tabs.append(place)
        if tabs:
            self.add_error(
                None,
                gettext("There are errors on these tabs: %(tabs)s.")
                % {
                    "tabs": ", ".join(
                        pgettext("a tab named in a list", "“%(tab)s”") % {"tab": tab}
                        for tab in tabs
                    )
                },
            )
