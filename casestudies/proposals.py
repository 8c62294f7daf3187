"""Proposals of missing municipalities and project workshops: leads propose, editors decide.

Whoever may create the place (an editor) approves or declines; a lead holds only "add" and
"view" on proposals, and sees only their own.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_user_display_name
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from .models import PlaceProposal

DECISIONS = ("approve", "decline")
PANEL_ROWS = 20


def may_decide(user, proposal):
    """Editors: whoever may change proposals and create the place proposed."""
    opts = proposal.target_model._meta
    return user.has_perm("casestudies.change_placeproposal") and user.has_perm(
        f"{opts.app_label}.add_{opts.model_name}"
    )


class ProposalCreateView(CreateView):
    def save_instance(self):
        self.form.instance.proposed_by = self.request.user
        return super().save_instance()


class PlaceProposalViewSet(SnippetViewSet):
    model = PlaceProposal
    icon = "help"
    add_view_class = ProposalCreateView
    list_display = ["name", "kind", "proposed_by", "created_at", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["name"]
    menu_label = _("Proposals")

    def get_queryset(self, request):
        proposals = PlaceProposal.objects.select_related("proposed_by")
        if request.user.has_perm("casestudies.change_placeproposal"):
            return proposals
        return proposals.filter(proposed_by=request.user)


@require_POST
def decide(request, pk, decision):
    proposal = get_object_or_404(PlaceProposal, pk=pk)
    if decision not in DECISIONS or not may_decide(request.user, proposal):
        raise PermissionDenied
    try:
        if decision == "approve":
            place = proposal.approve(request.user)
            messages.success(
                request,
                gettext("Approved: %(kind)s “%(name)s” is created.")
                % {"kind": proposal.get_kind_display().lower(), "name": place},
            )
        else:
            proposal.decline(request.user)
            messages.success(request, gettext("Declined: “%(name)s”.") % {"name": proposal.name})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("wagtailadmin_home")


class ProposalsPanel(Component):
    """Editors' dashboard: what project leads have proposed, to approve or decline."""

    order = 150
    template_name = "casestudies/admin/proposals_panel.html"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        proposals = PlaceProposal.objects.filter(status=PlaceProposal.Status.PENDING)
        proposals = list(
            proposals.select_related("proposed_by", "region", "municipality")[: PANEL_ROWS + 1]
        )
        return {
            "rows": [
                {
                    "proposal": proposal,
                    "proposed_by": get_user_display_name(proposal.proposed_by)
                    if proposal.proposed_by
                    else "",
                }
                for proposal in proposals[:PANEL_ROWS]
                if may_decide(request.user, proposal)
            ],
            "more": len(proposals) > PANEL_ROWS,
            "csrf_token": parent_context["csrf_token"],
            "request": request,
        }
