"""The review workflows are ours: the README's, each task approvable, every submission seen.

Wagtail's own migrations leave "Moderators approval" on the root page with a task for a group
our roles remove; a translator who submitted to it locked the page for nobody to review
(issue 21). Every role's "submit" must end under "Awaiting your review" on an editor's
dashboard.
"""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Task,
    TaskState,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from casestudies.models import CaseStudyPage
from casestudies.roles import PROJECT_LEADS
from pluginnovation.accounts.roles import (
    DEFAULT_WORKFLOW,
    EDITORS,
    TRANSLATORS,
    replace_default_workflow,
)
from pluginnovation.site.models import SiteNavigation
from tests.casestudies.factories import build_section
from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def readme_workflows():
    """The workflow names the README's "Review workflows" section lists (`- **Name**: …`)."""
    text = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    section = text.split("### Review workflows", 1)[1].split("\n#", 1)[0]
    return set(re.findall(r"^- \*\*(.+?)\*\*", section, flags=re.MULTILINE))


@pytest.fixture
def people(site_tree):
    section = build_section(site_tree)
    users = {}
    for role, group in [
        ("editor", EDITORS),
        ("translator", TRANSLATORS),
        ("lead", PROJECT_LEADS),
    ]:
        users[role] = UserFactory(username=role)
        users[role].groups.add(Group.objects.get(name=group))
    section.municipalities["krokom"].project_leads.add(users["lead"])
    return section, users


def login(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_workflows_are_exactly_those_the_readme_names():
    names = readme_workflows()
    assert names == {"Granskning"}
    assert set(Workflow.objects.values_list("name", flat=True)) == names
    assert not Workflow.objects.filter(name=DEFAULT_WORKFLOW).exists()
    assert not Task.objects.filter(name=DEFAULT_WORKFLOW).exists()
    assert not GroupApprovalTask.objects.filter(groups__isnull=True).exists()
    assert not WorkflowPage.objects.exclude(workflow__name__in=names).exists()


def test_every_task_has_an_approver_group_with_members_who_can_approve(people, site_tree):
    _section, users = people
    page = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om-oss")
    assert Task.objects.exists()
    for task in Task.objects.filter(active=True).specific():
        assert isinstance(task, GroupApprovalTask), task
        assert task.groups.exists(), f"{task} has no approver group"
        approvers = [
            user
            for group in task.groups.all()
            for user in group.user_set.filter(is_active=True).exclude(email="")
        ]
        assert approvers, f"nobody with an e-mail address approves {task}"
        assert any(
            "approve" in [name for name, _label, _modal in task.get_actions(page, user)]
            for user in approvers
        )
    # Every workflow in use is active and has a task to do.
    for link in [*WorkflowPage.objects.all(), *WorkflowContentType.objects.all()]:
        assert link.workflow.active
        assert link.workflow.workflow_tasks.filter(task__active=True).exists()
    assert users["editor"].email


def test_every_swedish_page_and_the_navigation_are_under_review(people, site_tree):
    section, _users = people
    page = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om-oss")
    assert page.get_workflow().name == "Granskning"
    assert site_tree.home_sv.get_workflow().name == "Granskning"
    assert section.index_sv.get_workflow().name == "Granskning"
    navigation = SiteNavigation.objects.get(locale=site_tree.locale_sv)
    assert navigation.get_workflow().name == "Granskning"


def awaiting_review(client):
    """The "Awaiting your review" panel of the user's dashboard, as HTML ("" when absent)."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    start = html.find('id="awaiting-review')
    if start < 0:
        return ""
    return html[start : html.find("</section>", start)]


def assert_in_editors_review(editor, instance, title):
    states = TaskState.objects.reviewable_by(editor).filter(
        workflow_state__object_id=str(instance.pk),
        workflow_state__workflow__name="Granskning",
    )
    assert states.exists()
    panel = awaiting_review(login(editor))
    assert title in panel


def test_a_translators_submitted_swedish_page_awaits_an_editor(people, site_tree):
    _section, users = people
    page = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om-oss")
    page.save_revision().publish()
    translator = login(users["translator"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = translator.get(edit_url).content.decode()
    assert 'name="action-submit"' in form
    assert 'name="action-publish"' not in form
    data = nested_form_data(
        {
            "title": "Om oss och Plug In",
            "slug": "om-oss",
            "purpose": "",
            "lead": "En ny ingress.",
            "body": streamfield([]),
            "last_reviewed": "",
            "review_interval_months": "12",
            "action-submit": "submit",
        }
    )
    response = translator.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.title == "Om oss"  # still the live version
    assert_in_editors_review(users["editor"], page, "Om oss och Plug In")


def test_a_project_leads_submitted_case_study_awaits_an_editor(people):
    section, users = people
    lead = login(users["lead"])
    add_url = f"/admin/pages/add/casestudies/casestudypage/{section.index_sv.pk}/"
    data = nested_form_data(
        {
            "title": "Plug In Vännäs",
            "slug": "plug-in-vannas",
            "municipality": section.municipalities["krokom"].pk,
            "round": "plugin2",
            "focus": "prevention",
            "summary": "På Liljaskolan drivs ett Plug In-projekt.",
            "body": streamfield([]),
            "related_literature": streamfield([]),
            "team_members": inline_formset([]),
            "continuation": "",
            "action-submit": "submit",
        }
    )
    response = lead.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CaseStudyPage.objects.get(slug="plug-in-vannas")
    assert not page.live
    assert_in_editors_review(users["editor"], page, "Plug In Vännäs")


def test_a_translators_submitted_swedish_navigation_awaits_an_editor(people, site_tree):
    _section, users = people
    navigation = SiteNavigation.objects.get(locale=site_tree.locale_sv)
    item = navigation.menu_items.get()
    data = {
        "menu_items-TOTAL_FORMS": "1",
        "menu_items-INITIAL_FORMS": "1",
        "menu_items-MIN_NUM_FORMS": "0",
        "menu_items-MAX_NUM_FORMS": "1000",
        "menu_items-0-id": str(item.pk),
        "menu_items-0-page": str(item.page_id),
        "menu_items-0-label": "Läs mer",
        "menu_items-0-ORDER": "1",
        "menu_items-0-DELETE": "",
        "footer_text": "{}",
        "footer_links-TOTAL_FORMS": "0",
        "footer_links-INITIAL_FORMS": "0",
        "footer_links-MIN_NUM_FORMS": "0",
        "footer_links-MAX_NUM_FORMS": "1000",
        "action-submit": "1",
    }
    url = reverse("wagtailsnippets_pluginnovation_sitenavigation:edit", args=[navigation.pk])
    response = login(users["translator"]).post(url, data)
    assert response.status_code == 302
    state = WorkflowState.objects.active().get(object_id=str(navigation.pk))
    assert state.workflow.name == "Granskning"
    assert_in_editors_review(users["editor"], navigation, str(navigation))


def wagtails_default_workflow(root):
    """What wagtailcore's migrations leave once our roles have deleted the group Moderators."""
    task = GroupApprovalTask.objects.create(name=DEFAULT_WORKFLOW)
    workflow = Workflow.objects.create(name=DEFAULT_WORKFLOW)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow, task


def test_the_migration_cancels_what_waited_in_the_default_workflow(people, site_tree):
    _section, users = people
    root = Page.get_first_root_node()
    workflow, task = wagtails_default_workflow(root)
    page = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om-oss")
    assert page.get_workflow() == workflow
    page.save_revision(user=users["translator"])
    state = workflow.start(page, users["translator"])
    page.refresh_from_db()
    assert page.get_lock().for_user(users["translator"])  # locked, for no reviewer

    replace_default_workflow(apps)

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_CANCELLED
    assert state.current_task_state.status == TaskState.STATUS_CANCELLED
    page = Page.objects.get(pk=page.pk).specific
    assert page.get_lock() is None
    # Kept, disabled and attached to nothing, for the page's workflow history.
    workflow.refresh_from_db()
    assert not workflow.active
    assert not WorkflowPage.objects.filter(workflow=workflow).exists()
    assert page.get_workflow().name == "Granskning"
    # The translator submits again, now for the editors.
    Workflow.objects.get(name="Granskning").start(page, users["translator"])
    assert_in_editors_review(users["editor"], page, "Om oss")


def test_the_migration_deletes_an_unused_default_workflow_and_tasks_without_approvers(people):
    root = Page.get_first_root_node()
    workflow, task = wagtails_default_workflow(root)
    orphan = GroupApprovalTask.objects.create(name="Ingen granskar")
    review = Workflow.objects.get(name="Granskning")
    WorkflowTask.objects.create(workflow=review, task=orphan, sort_order=1)

    replace_default_workflow(apps)
    replace_default_workflow(apps)  # idempotent

    assert not Workflow.objects.filter(pk=workflow.pk).exists()
    assert not Task.objects.filter(pk__in=[task.pk, orphan.pk]).exists()
    assert [t.name for t in review.tasks] == ["Redaktörernas granskning"]
    assert WorkflowPage.objects.get(page=root).workflow == review
