"""The roles as real, non-superuser users: what a project lead may and may not do."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from casestudies.models import CaseStudyPage, Municipality
from casestudies.roles import PROJECT_LEADS, WORKFLOW_NAME
from pluginnovation.site.models import StandardPage
from tests.casestudies.factories import ProjectWorkshopFactory
from tests.factories import StandardPageFactory, UserFactory, commit_pending

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def lead_user(section):
    user = UserFactory(username="projektledare")
    user.groups.add(Group.objects.get(name=PROJECT_LEADS))
    section.municipalities["krokom"].project_leads.add(user)
    return user


@pytest.fixture
def lead(lead_user):
    return login(Client(), lead_user)


@pytest.fixture
def editor_client(section):
    user = UserFactory(username="redaktor")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    return login(Client(), user)


@pytest.fixture
def elsewhere(site_tree):
    """A published page outside the case studies with an unpublished draft on top."""
    page = StandardPageFactory(parent=site_tree.home_sv, title="Nyheter", slug="nyheter")
    page.save_revision().publish()
    page.title = "Hemligt utkast"
    page.save_revision()
    page.refresh_from_db()
    return page


def case_form(section, **extra):
    data = {
        "title": "Plug In Vännäs",
        "slug": "plug-in-vannas",
        "municipality": section.municipalities["krokom"].pk,
        "round": "plugin2",
        "focus": "prevention",
        "summary": "På Liljaskolan drivs ett Plug In-projekt.",
        "body": streamfield([]),
        "related_literature": streamfield([]),
        "team_members": inline_formset([{"role": "Kurator", "name": ""}]),
        "continuation": "",
        **extra,
    }
    return nested_form_data(data)


def test_the_group_and_workflow_exist_and_the_index_is_under_review(section):
    group = Group.objects.get(name=PROJECT_LEADS)
    assert group.permissions.filter(codename="access_admin").exists()
    assert not group.page_permissions.filter(permission__codename="publish_page").exists()
    workflow = section.index_sv.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    assert [task.specific.groups.get().name for task in workflow.tasks] == ["Redaktörer"]


def test_lead_creates_and_submits_but_cannot_publish(lead, editor_client, section):
    add_url = f"/admin/pages/add/casestudies/casestudypage/{section.index_sv.pk}/"
    assert lead.get(add_url).status_code == 200
    response = lead.post(add_url, case_form(section, **{"action-publish": "publish"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = CaseStudyPage.objects.get(slug="plug-in-vannas")
    assert not page.live  # "publish" from a project lead is only a saved draft
    assert Client().get("/fallstudier/plug-in-vannas/").status_code == 404

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert 'name="action-publish"' not in lead.get(edit_url).content.decode()
    response = lead.post(edit_url, case_form(section, **{"action-submit": "submit"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert not page.live
    assert "Plug In Vännäs" not in Client().get("/fallstudier/").content.decode()

    # The editor approves (and so publishes) it through the Granskning task.
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    response = editor_client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    commit_pending()  # the editor's request commits before the next reader's
    assert "Plug In Vännäs" in Client().get("/fallstudier/").content.decode()


def test_lead_cannot_create_pages_outside_the_case_studies(lead, site_tree, section):
    url = f"/admin/pages/add/pluginnovation/standardpage/{site_tree.home_sv.pk}/"
    assert lead.get(url).status_code in (302, 403)
    response = lead.post(url, {"title": "Nyhet", "slug": "nyhet", "action-publish": "1"})
    assert response.status_code in (302, 403)
    assert not StandardPage.objects.filter(slug="nyhet").exists()


def test_lead_cannot_see_or_change_anything_outside_the_section(lead, elsewhere):
    page = elsewhere
    revisions = list(page.revisions.order_by("pk").values_list("pk", flat=True))
    before = (page.title, page.draft_title, page.live, page.path, Page.objects.count())
    forbidden_gets = [
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revisions[-1]]),
        reverse(
            "wagtailadmin_pages:revisions_compare", args=[page.pk, revisions[0], revisions[-1]]
        ),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        reverse("wagtailadmin_pages:move", args=[page.pk]),
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revisions[0]]),
        reverse("wagtailadmin_explore", args=[page.pk]),  # no "Exploring: <draft title>"
    ]
    for url in forbidden_gets:
        response = lead.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Hemligt utkast" not in response.content.decode(), url

    for url, data in [
        (reverse("wagtailadmin_pages:edit", args=[page.pk]), {"title": "Ändrad", "slug": "x"}),
        (reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]), {"title": "Ändrad"}),
        (
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            {"new_title": "Kopia", "new_slug": "kopia", "new_parent_page": page.get_parent().pk},
        ),
        (reverse("wagtailadmin_pages:move_confirm", args=[page.pk, page.get_parent().pk]), {}),
        (reverse("wagtailadmin_pages:delete", args=[page.pk]), {}),
        (reverse("wagtailadmin_pages:unpublish", args=[page.pk]), {}),
        (reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revisions[0]]), {}),
    ]:
        response = lead.post(url, data)
        assert response.status_code in (302, 403, 404), url

    search = lead.get(reverse("wagtailadmin_pages:search") + "?q=Hemligt")
    assert "Hemligt utkast" not in search.content.decode()

    page.refresh_from_db()
    after = (page.title, page.draft_title, page.live, page.path, Page.objects.count())
    assert after == before
    assert list(page.revisions.order_by("pk").values_list("pk", flat=True)) == revisions


def test_lead_chooser_shows_no_drafts_outside_the_section(lead, site_tree, section):
    draft = StandardPageFactory(parent=site_tree.home_sv, title="Opublicerad nyhet", live=False)
    draft.save_revision()
    url = reverse("wagtailadmin_choose_page_child", args=[site_tree.home_sv.pk])
    response = lead.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Opublicerad nyhet" not in html
    assert "Fallstudier" in html


def test_lead_can_preview_and_see_history_of_case_studies(lead, section, cases):
    page = cases["krokom"]
    assert lead.get(reverse("wagtailadmin_pages:history", args=[page.pk])).status_code == 200
    response = lead.post(
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]), case_form(section)
    )
    assert response.status_code == 200
    assert response.json()["is_valid"]


def test_lead_can_choose_municipality_and_document_for_the_case_study(lead, section):
    response = lead.get(reverse("wagtailsnippetchoosers_casestudies_municipality:choose"))
    assert response.status_code == 200
    assert "Krokom" in response.content.decode()
    assert lead.get(reverse("wagtaildocs_chooser:choose")).status_code == 200
    # Places are read-only for project leads: no new municipalities or regions.
    for model in ("municipality", "region", "projectworkshop"):
        add = reverse(f"wagtailsnippets_casestudies_{model}:add")
        assert lead.get(add).status_code in (302, 403)


def test_editors_manage_places_and_workshops(editor_client, section):
    response = editor_client.post(
        reverse("wagtailsnippets_casestudies_municipality:add"),
        {"name": "Högsby", "code": "0821", "region": section.regions["gr"].pk},
    )
    assert response.status_code == 302
    assert Municipality.objects.filter(code="0821").exists()


def test_lead_may_add_no_page_type_under_the_home_page(lead, site_tree):
    # Covers every top-level section (news, literature, knowledge …) whatever apps exist.
    home = site_tree.home_sv.specific
    for model in home.allowed_subpage_models():
        url = reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, home.pk],
        )
        assert lead.get(url).status_code in (302, 403), model


# --- A project lead works on their own municipalities only ---------------------------------


@pytest.fixture
def other_draft(section):
    """Åre's case study, published, with an unpublished draft title on top."""
    page = section.case("are", title="Mörsil")
    page.title = "Mörsil – hemligt utkast"
    page.save_revision()
    return page


def test_editors_link_project_leads_to_municipalities(editor_client, section, lead_user):
    are = section.municipalities["are"]
    url = reverse("wagtailsnippets_casestudies_municipality:edit", args=[are.pk])
    form = editor_client.get(url).content.decode()
    assert 'name="project_leads"' in form and "projektledare" in form
    response = editor_client.post(
        url,
        {"name": "Åre", "code": "2321", "region": are.region_id, "project_leads": [lead_user.pk]},
    )
    assert response.status_code == 302
    assert set(lead_user.lead_municipalities.values_list("name", flat=True)) == {"Krokom", "Åre"}


def test_lead_cannot_open_or_change_another_municipalitys_case_study(lead, other_draft):
    page = other_draft
    for url in [
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
        reverse("wagtailadmin_explore", args=[page.pk]),
    ]:
        response = lead.get(url, follow=True)
        assert "hemligt utkast" not in response.content.decode(), url
    response = lead.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"title": "Ändrad", "slug": "x", "action-submit": "submit"},
    )
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.draft_title == "Mörsil – hemligt utkast"
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_lead_sees_only_their_municipalitys_case_studies_everywhere(lead, section, other_draft):
    own = section.case("krokom", title="Plug In Krokom")
    own.title = "Krokoms nya utkast"
    own.save_revision()
    explorer = lead.get(reverse("wagtailadmin_explore", args=[section.index_sv.pk]))
    html = explorer.content.decode()
    assert "Krokoms nya utkast" in html
    assert "Mörsil" not in html
    search = reverse("wagtailadmin_pages:search")
    found = lead.get(search + "?q=Krokom").content.decode()
    assert f"/admin/pages/{own.pk}/edit/" in found
    hidden = lead.get(search + "?q=Mörsil").content.decode()
    assert f"/admin/pages/{other_draft.pk}/" not in hidden and "hemligt utkast" not in hidden
    chooser = lead.get(reverse("wagtailadmin_choose_page_child", args=[section.index_sv.pk]))
    assert "Krokoms nya utkast" in chooser.content.decode()
    assert "hemligt utkast" not in chooser.content.decode()
    for report in ("wagtailadmin_reports:site_history", "wagtailadmin_reports:aging_pages"):
        response = lead.get(reverse(report))
        assert "hemligt utkast" not in response.content.decode(), report


def test_lead_creates_case_studies_only_for_their_municipalities(lead, section):
    add_url = f"/admin/pages/add/casestudies/casestudypage/{section.index_sv.pk}/"
    form = lead.get(add_url).content.decode()
    assert ">Krokom</option>" in form and ">Åre</option>" not in form
    response = lead.post(add_url, case_form(section, municipality=section.municipalities["are"].pk))
    assert response.status_code == 200
    assert not CaseStudyPage.objects.filter(slug="plug-in-vannas").exists()


def test_lead_picks_only_their_municipalitys_project_workshops(lead, section):
    own = ProjectWorkshopFactory(
        name="Verkstad Krokom", municipality=section.municipalities["krokom"]
    )
    other = ProjectWorkshopFactory(name="Verkstad Åre", municipality=section.municipalities["are"])
    add_url = f"/admin/pages/add/casestudies/casestudypage/{section.index_sv.pk}/"
    form = lead.get(add_url).content.decode()
    assert "Verkstad Krokom" in form and "Verkstad Åre" not in form
    refused = lead.post(add_url, {**case_form(section), "workshops": [other.pk]})
    assert refused.status_code == 200
    assert not CaseStudyPage.objects.filter(slug="plug-in-vannas").exists()
    accepted = lead.post(add_url, {**case_form(section), "workshops": [own.pk]})
    assert accepted.status_code == 302
    assert list(CaseStudyPage.objects.get(slug="plug-in-vannas").workshops.all()) == [own]
