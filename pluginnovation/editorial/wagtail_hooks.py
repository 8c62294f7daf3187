from django.contrib import messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry

from pluginnovation.editorial import reports as editorial

DASHBOARD_ROWS = 10


class DashboardPanel(Component):
    """A dashboard table of pages that need an editor's attention."""

    template_name = "pluginnovation/admin/dashboard_panel.html"
    panel_id = heading = detail_heading = empty_text = ""

    def rows(self):
        return []

    def get_context_data(self, parent_context):
        rows = list(self.rows())
        # Only pages this user may work on: a project lead never sees another section's drafts.
        pages = policy_registry.get_by_type(Page).explorable_instances(
            parent_context["request"].user
        )
        shown = set(
            pages.filter(pk__in=[row["page"].pk for row in rows]).values_list("pk", flat=True)
        )
        rows = [row for row in rows if row["page"].pk in shown]
        return {
            "panel_id": self.panel_id,
            "heading": self.heading,
            "detail_heading": self.detail_heading,
            "empty_text": self.empty_text,
            "rows": rows[:DASHBOARD_ROWS],
            "more": max(len(rows) - DASHBOARD_ROWS, 0),
        }


class MissingTranslationsPanel(DashboardPanel):
    order = 200
    panel_id = "missing-translations"
    heading = _("Swedish pages without an English version")
    detail_heading = _("Last published")
    empty_text = _("Every Swedish page has an English version.")

    def rows(self):
        for page in editorial.pages_without_translation("en").select_related("locale"):
            yield {"page": page, "detail": page.last_published_at}


class OutdatedTranslationsPanel(DashboardPanel):
    order = 210
    panel_id = "outdated-translations"
    heading = _("Translations whose Swedish source has changed")
    detail_heading = _("Translation last published")
    empty_text = _("Every translation is up to date with its source.")

    def rows(self):
        for page in editorial.outdated_translations():
            yield {"page": page, "detail": page.last_published_at}


class OverdueReviewsPanel(DashboardPanel):
    order = 220
    panel_id = "overdue-reviews"
    heading = _("Pages overdue for review")
    detail_heading = _("Review was due")
    empty_text = _("No page is overdue for review.")

    def rows(self):
        for page in editorial.overdue_reviews():
            yield {"page": page, "detail": page.review_due}


class BrokenLinksPanel(DashboardPanel):
    order = 230
    panel_id = "broken-links"
    heading = _("Broken links")
    detail_heading = _("Problem")
    empty_text = _("No broken links found.")

    def rows(self):
        for link in editorial.broken_links():
            yield {"page": link.source, "detail": link.description}


class DraftsWithNotesPanel(DashboardPanel):
    order = 195
    panel_id = "drafts-with-notes"
    heading = _("Drafts waiting for an editor's decision")
    detail_heading = _("Note for editors")
    empty_text = _("No draft carries a note for editors.")

    def rows(self):
        for page in editorial.drafts_with_editor_notes():
            yield {"page": page, "detail": page.editor_note.splitlines()[0]}


class MissingOwnerFactsPanel(Component):
    """The facts only the site's owner can give that are still empty: to do before launch.

    Until they are filled in, the accessibility statement and the privacy notice say that the
    information is missing.
    """

    order = 190
    template_name = "pluginnovation/admin/missing_facts_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        owner = editorial.site_owner(self.request)
        return {"facts": owner.missing_facts() if owner else []}


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    # The site-wide panels are for whoever publishes something; a project lead publishes
    # nothing and sees their own work instead (casestudies).
    user = request.user
    publishes = policy_registry.get_by_type(Page).user_has_permission(user, "publish")
    if user.has_perm("wagtailadmin.access_admin") and publishes:
        panels.extend(
            [
                MissingOwnerFactsPanel(request),
                DraftsWithNotesPanel(),
                MissingTranslationsPanel(),
                OutdatedTranslationsPanel(),
                OverdueReviewsPanel(),
                BrokenLinksPanel(),
            ]
        )


@hooks.register("before_edit_page")
def warn_when_source_changed(request, page):
    """Tell whoever opens a translation that its Swedish source has changed since."""
    default = Locale.get_default()
    if request.method != "GET" or page.locale_id == default.pk:
        return
    source = page.get_translation_or_none(default)
    if source and editorial.is_outdated(page, source):
        messages.warning(
            request,
            gettext(
                "The Swedish source of this page has changed since this translation was last "
                "published. Update the translation (Translate → Sync translated pages)."
            ),
        )
