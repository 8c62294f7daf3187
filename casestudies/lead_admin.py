"""A project lead's admin: their own case studies on the dashboard with where each stands, the
reviewer's request for changes on the edit page, and plain confirmations after submitting and
publishing."""

from django.contrib import messages
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages as admin_messages
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Locale, Page, TaskState, WorkflowState, get_default_page_content_type
from wagtail.permissions import policy_registry

from .models import CaseStudyIndexPage, CaseStudyPage

OWN_ROWS = 20

DRAFT = _("draft")
AWAITING_REVIEW = _("awaiting review")
CHANGES_REQUESTED = _("changes requested")
PUBLISHED = _("published")
PUBLISHED_WITH_DRAFT = _("published, with changes in a draft")


def own_case_studies(user):
    """The case studies this user may edit, most recently changed first."""
    editable = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")
    return (
        CaseStudyPage.objects.filter(pk__in=editable.values("pk"))
        .select_related("municipality", "locale")
        .order_by("-latest_revision_created_at", "-pk")
    )


def open_workflow_states(pages):
    """{page pk: its workflow state} for the pages waiting for review or for changes."""
    states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=get_default_page_content_type(),
            object_id__in=[str(page.pk) for page in pages],
        )
        .select_related("current_task_state", "current_task_state__finished_by")
    )
    return {int(state.object_id): state for state in states}


def state_label(page, workflow_state):
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return CHANGES_REQUESTED
        return AWAITING_REVIEW
    if page.live:
        return PUBLISHED_WITH_DRAFT if page.has_unpublished_changes else PUBLISHED
    return DRAFT


def changes_requested(workflow_state):
    """The reviewer's rejected task (with its comment) while the page waits for changes."""
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = workflow_state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
        return None
    return task_state


def describe_request(task_state):
    """ "Rut Redaktör requested changes on 1 juni 2026 12:30: …" in the admin's language."""
    when = formats.date_format(timezone.localtime(task_state.finished_at), "DATETIME_FORMAT")
    names = {
        "reviewer": get_user_display_name(task_state.finished_by)
        if task_state.finished_by
        else gettext("An editor"),
        "date": when,
        "comment": task_state.comment.strip(),
    }
    if names["comment"]:
        return gettext("%(reviewer)s requested changes on %(date)s: “%(comment)s”") % names
    return gettext("%(reviewer)s requested changes on %(date)s.") % names


class OwnCaseStudiesPanel(Component):
    """The lead's case studies, where each stands, and the reviewer's comment when it has one."""

    order = 100
    template_name = "casestudies/admin/own_case_studies_panel.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        pages = list(own_case_studies(user)[: OWN_ROWS + 1])
        states = open_workflow_states(pages)
        rows = []
        for page in pages[:OWN_ROWS]:
            state = states.get(page.pk)
            request = changes_requested(state)
            rows.append(
                {
                    "page": page,
                    "state": state_label(page, state),
                    "needs_changes": request is not None,
                    "request": describe_request(request) if request else "",
                }
            )
        index = next(
            (
                index
                for index in CaseStudyIndexPage.objects.filter(locale=Locale.get_default())
                if index.permissions_for_user(user).can_add_subpage()
            ),
            None,
        )
        return {"rows": rows, "more": len(pages) > OWN_ROWS, "index": index}


def show_requested_changes(request, page):
    """On the edit page: what the reviewer asked for, by whom and when."""
    if request.method != "GET":
        return
    task_state = changes_requested(open_workflow_states([page]).get(page.pk))
    if task_state is not None:
        admin_messages.warning(request, describe_request(task_state))


def _replace_confirmation(request, text):
    """Swap the text of the last success message of this request, keeping Wagtail's buttons.

    Wagtail renders its message as the escaped text on the first line, then the buttons.
    Reading the storage consumes what is in it, so everything is added back in order.
    """
    stored = list(messages.get_messages(request))
    successes = [i for i, message in enumerate(stored) if message.level == messages.SUCCESS]
    for i, message in enumerate(stored):
        body = message.message
        if successes and i == successes[-1]:
            _first_line, newline, rest = str(body).partition("\n")
            # `rest` is Wagtail's own rendered and escaped HTML (the buttons).
            body = format_html("{}{}", text, mark_safe(newline + rest))  # noqa: S308
        messages.add_message(request, message.level, body, extra_tags=message.extra_tags)


def plain_confirmation(request, page):
    """ "Skickad för granskning" and "Publicerad" instead of Wagtail's general wording."""
    if request.method != "POST" or not isinstance(page, CaseStudyPage):
        return
    fresh = Page.objects.get(pk=page.pk)
    title = {"title": fresh.get_admin_display_title()}
    if request.POST.get("action-submit") and fresh.workflow_in_progress:
        _replace_confirmation(request, gettext("Sent for review: “%(title)s”.") % title)
    elif (
        request.POST.get("action-workflow-action")
        and fresh.live
        and not fresh.has_unpublished_changes
        and not fresh.workflow_in_progress
    ):
        _replace_confirmation(request, gettext("Published: “%(title)s”.") % title)
