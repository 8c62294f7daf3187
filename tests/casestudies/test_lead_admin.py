"""A project lead's own admin: their dashboard with their case studies and where each stands,
the reviewer's request for changes on the edit page, and plain confirmations."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from casestudies.models import CaseStudyPage
from tests.casestudies.dashboard import dashboard, panel
from tests.casestudies.test_permissions import case_form

pytestmark = pytest.mark.django_db
EDITOR_PANELS = [
    "missing-translations",
    "outdated-translations",
    "overdue-reviews",
    "broken-links",
    "drafts-with-notes",
    "awaiting-review",
]


def submit(lead, section, page, **extra):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = case_form(section, title=page.title, slug=page.slug, **{"action-submit": "1"}, **extra)
    return lead.post(url, data, follow=True)


def current_task(page):
    return WorkflowState.objects.get(
        object_id=str(page.pk), status__in=["in_progress", "needs_changes"]
    ).current_task_state


def request_changes(editor, page, comment):
    task_state = current_task(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    assert editor.post(url, {"comment": comment}).status_code in (200, 302)
    return TaskState.objects.get(pk=task_state.pk)


# --- The lead's dashboard ----------------------------------------------------------------


def test_lead_dashboard_lists_own_case_studies_with_their_state(lead, editor, section):
    published = section.case("krokom", title="Krokom publicerad", slug="krokom-publicerad")
    draft = section.case("krokom", title="Krokom utkast", slug="krokom-utkast")
    draft.unpublish()
    waiting = section.case("krokom", title="Krokom granskas", slug="krokom-granskas")
    waiting.unpublish()
    submit(lead, section, waiting)
    returned = section.case("krokom", title="Krokom returnerad", slug="krokom-returnerad")
    returned.unpublish()
    submit(lead, section, returned)
    request_changes(editor, returned, "Beskriv resultatet.")
    section.case("are", title="Mörsil")

    own = panel(dashboard(lead), "own-case-studies")
    assert "Dina fallstudier" in own
    rows = {
        page.title: own.split(page.title, 1)[1].split("</tr>", 1)[0]
        for page in (published, draft, waiting, returned)
    }
    assert "Publicerad" in rows["Krokom publicerad"]
    assert "Utkast" in rows["Krokom utkast"]
    assert "Väntar på granskning" in rows["Krokom granskas"]
    assert "Ändringar begärda" in rows["Krokom returnerad"]
    assert "Beskriv resultatet." in rows["Krokom returnerad"]
    assert "Mörsil" not in own
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in own


def test_lead_dashboard_shows_no_editor_panels_and_no_site_page_count(lead, section, cases):
    html = dashboard(lead)
    for panel_id in EDITOR_PANELS + ["place-proposals"]:
        assert f'id="{panel_id}' not in html, panel_id
    # Wagtail's summary ("6 Sidor") would count every municipality's case studies.
    assert "Sidor <span" not in html and "Sida <span" not in html
    assert 'id="own-case-studies' in html


# --- The reviewer's comment on the lead's edit page --------------------------------------


def test_reviewers_comment_is_shown_on_the_leads_edit_page(lead, editor, section):
    page = section.case("krokom", title="Plug In Krokom", slug="plug-in-krokom")
    submit(lead, section, page)
    task_state = request_changes(editor, page, "Lägg till hur närvaron mättes.")
    # 10.30 UTC is 12.30 in Stockholm in summer.
    task_state.finished_at = datetime.datetime(2026, 6, 1, 10, 30, tzinfo=datetime.UTC)
    task_state.save(update_fields=["finished_at"])

    html = lead.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert (
        "Rut Redaktör begärde ändringar 1 juni 2026 12:30: ”Lägg till hur närvaron mättes.”"
    ) in html

    # Once resubmitted, the request is answered and no longer shown.
    submit(lead, section, page)
    html = lead.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Lägg till hur närvaron mättes." not in html


# --- Plain confirmations -----------------------------------------------------------------


def test_submitting_and_publishing_say_so_plainly(lead, editor, section):
    page = section.case("krokom", title="Plug In Krokom", slug="plug-in-krokom")
    page.unpublish()
    html = submit(lead, section, page).content.decode()
    assert "Skickad för granskning: ”Plug In Krokom”." in html
    assert "inlämnad för moderering" not in html

    page = CaseStudyPage.objects.get(pk=page.pk)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = case_form(
        section,
        title=page.title,
        slug=page.slug,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": ""}',
        },
    )
    html = editor.post(url, data, follow=True).content.decode()
    page.refresh_from_db()
    assert page.live
    assert "Publicerad: ”Plug In Krokom”." in html
    assert "har blivit uppdaterad" not in html
