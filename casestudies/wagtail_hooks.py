from django.db.models import Q
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pluginnovation.accounts.permissions import SCOPE_HOOK

from . import lead_admin, proposals
from .choosers import SearchableChooserViewSet
from .models import CaseStudyIndexPage, CaseStudyPage, Municipality, ProjectWorkshop, Region
from .roles import works_on_own_municipalities_only


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    chooser_viewset_class = SearchableChooserViewSet
    list_display = ["name", "first_round_name"]
    search_fields = ["name"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    chooser_viewset_class = SearchableChooserViewSet
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


class ProjectWorkshopViewSet(SnippetViewSet):
    model = ProjectWorkshop
    icon = "group"
    chooser_viewset_class = SearchableChooserViewSet
    list_display = ["name", "municipality", "round", "focus"]
    list_filter = ["round", "focus"]
    search_fields = ["name"]


class PlacesViewSetGroup(SnippetViewSetGroup):
    items = (
        RegionViewSet,
        MunicipalityViewSet,
        ProjectWorkshopViewSet,
        proposals.PlaceProposalViewSet,
    )
    menu_icon = "site"
    menu_label = _("Places and projects")
    menu_name = "case-study-places"


register_snippet(PlacesViewSetGroup)


@hooks.register(SCOPE_HOOK)
def project_leads_work_on_their_municipalities(user, pages):
    """A project lead creates, sees and edits only the case studies of their municipalities."""
    if not works_on_own_municipalities_only(user):
        return pages
    elsewhere = CaseStudyPage.objects.exclude(municipality__project_leads=user)
    return pages.exclude(pk__in=elsewhere.values("pk"))


@hooks.register("construct_page_chooser_queryset")
def project_leads_choose_no_drafts_but_their_own(pages, request):
    """Project leads never see another section's or municipality's drafts, not even a title.

    A published page whose newer draft is waiting would show the draft's title, so a lead
    chooses among pages published as they stand, and among their own case studies.
    """
    user = request.user
    if not works_on_own_municipalities_only(user):
        return pages
    own = CaseStudyPage.objects.filter(municipality__project_leads=user)
    sections = CaseStudyIndexPage.objects.all()
    visible = Q(live=True, has_unpublished_changes=False) | Q(pk__in=own.values("pk"))
    visible |= Q(pk__in=sections.values("pk"))
    return pages.filter(visible)


# --- Proposals of missing places (proposals.py) -----------------------------------------


@hooks.register("construct_homepage_panels")
def proposals_for_editors(request, panels):
    if request.user.has_perm("casestudies.change_placeproposal"):
        panels.append(proposals.ProposalsPanel())


@hooks.register("register_admin_urls")
def proposal_urls():
    return [
        path(
            "casestudies/proposals/<int:pk>/<str:decision>/",
            proposals.decide,
            name="casestudies_decide_proposal",
        )
    ]


# --- A project lead's admin (lead_admin.py) ------------------------------------------------


@hooks.register("construct_homepage_panels")
def lead_dashboard(request, panels):
    """A lead sees their own work; Wagtail's review panel would only ever be empty for them."""
    if works_on_own_municipalities_only(request.user):
        panels[:] = [
            panel for panel in panels if not isinstance(panel, WorkflowObjectsToModeratePanel)
        ]
        panels.append(lead_admin.OwnCaseStudiesPanel())


# After Wagtail's own hook, which adds the item.
@hooks.register("construct_homepage_summary_items", order=1)
def lead_summary(request, items):
    # The page count would count every municipality's case studies, not the lead's own.
    if works_on_own_municipalities_only(request.user):
        items[:] = [item for item in items if not isinstance(item, PagesSummaryItem)]


@hooks.register("before_edit_page")
def show_requested_changes(request, page):
    lead_admin.show_requested_changes(request, page)


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def plain_confirmation(request, page):
    lead_admin.plain_confirmation(request, page)
