"""A project lead proposes a missing municipality or project workshop; an editor decides."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Locale

from casestudies.models import Municipality, PlaceProposal, ProjectWorkshop
from casestudies.roles import EDITORS, PROJECT_LEADS, grant_proposal_permissions
from tests.casestudies.dashboard import dashboard, panel
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_editor_dashboard_keeps_the_editor_panels_and_shows_proposals(editor, lead_user, section):
    PlaceProposal.objects.create(
        kind="municipality",
        name="Bräcke",
        code="2305",
        region=section.regions["jamtland"],
        proposed_by=lead_user,
    )
    html = dashboard(editor)
    for panel_id in ("missing-translations", "overdue-reviews", "broken-links"):
        assert f'id="{panel_id}' in html, panel_id
    proposals = panel(html, "place-proposals")
    assert "Förslag från projektledare" in proposals
    assert "Bräcke" in proposals and "Lia Ledare" in proposals
    assert 'id="own-case-studies' not in html


def propose(client, **data):
    return client.post(reverse("wagtailsnippets_casestudies_placeproposal:add"), data)


def test_lead_proposes_a_municipality_and_cannot_approve_it(lead, lead_user, section):
    response = propose(
        lead,
        kind="municipality",
        name="Bräcke",
        code="2305",
        region=section.regions["jamtland"].pk,
        note="Vi börjar där i höst.",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = PlaceProposal.objects.get(name="Bräcke")
    assert proposal.proposed_by == lead_user
    assert proposal.status == "pending"

    approve = reverse("casestudies_decide_proposal", args=[proposal.pk, "approve"])
    assert lead.post(approve).status_code in (302, 403)
    edit = reverse("wagtailsnippets_casestudies_placeproposal:edit", args=[proposal.pk])
    assert lead.get(edit).status_code in (302, 403)
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    assert not Municipality.objects.filter(code="2305").exists()


def test_a_municipality_proposal_needs_its_code_and_region(lead, section):
    response = propose(lead, kind="municipality", name="Bräcke", code="", region="")
    assert response.status_code == 200
    assert not PlaceProposal.objects.exists()


def test_lead_sees_only_their_own_proposals(lead, lead_user, section):
    other = UserFactory(username="annan")
    other.groups.add(Group.objects.get(name=PROJECT_LEADS))
    municipality = section.municipalities["krokom"]
    PlaceProposal.objects.create(
        kind="workshop", name="Min verkstad", municipality=municipality, proposed_by=lead_user
    )
    PlaceProposal.objects.create(
        kind="workshop", name="Någon annans verkstad", municipality=municipality, proposed_by=other
    )
    html = lead.get(reverse("wagtailsnippets_casestudies_placeproposal:list")).content.decode()
    assert "Min verkstad" in html
    assert "Någon annans verkstad" not in html


def test_editor_approving_creates_the_municipality_for_the_lead(editor, lead_user, section):
    proposal = PlaceProposal.objects.create(
        kind="municipality",
        name="Bräcke",
        code="2305",
        region=section.regions["jamtland"],
        proposed_by=lead_user,
    )
    url = reverse("casestudies_decide_proposal", args=[proposal.pk, "approve"])
    response = editor.post(url, follow=True)
    assert "Godkänt" in response.content.decode()
    municipality = Municipality.objects.get(code="2305")
    assert municipality.name == "Bräcke"
    assert municipality.region == section.regions["jamtland"]
    assert list(municipality.project_leads.all()) == [lead_user]
    proposal.refresh_from_db()
    assert proposal.status == "approved" and proposal.decided_by.username == "redaktor"
    # Decided once: approving again creates nothing more.
    editor.post(url)
    assert Municipality.objects.filter(name="Bräcke").count() == 1
    assert 'id="place-proposals' in dashboard(editor)
    assert "Bräcke" not in panel(dashboard(editor), "place-proposals")


def test_editor_approving_a_workshop_creates_it_in_swedish(editor, lead_user, section):
    proposal = PlaceProposal.objects.create(
        kind="workshop",
        name="Plug In Krokom 2",
        municipality=section.municipalities["krokom"],
        round="plugin2",
        proposed_by=lead_user,
    )
    editor.post(reverse("casestudies_decide_proposal", args=[proposal.pk, "approve"]))
    workshop = ProjectWorkshop.objects.get(name="Plug In Krokom 2")
    assert workshop.locale == Locale.get_default()
    assert workshop.municipality == section.municipalities["krokom"]


def test_editor_declines_a_proposal(editor, lead_user, section):
    proposal = PlaceProposal.objects.create(
        kind="workshop",
        name="Dubblett",
        municipality=section.municipalities["krokom"],
        round="plugin2",
        proposed_by=lead_user,
    )
    editor.post(reverse("casestudies_decide_proposal", args=[proposal.pk, "decline"]))
    proposal.refresh_from_db()
    assert proposal.status == "declined"
    assert not ProjectWorkshop.objects.filter(name="Dubblett").exists()


def test_proposal_permissions_are_granted_once_and_again_safely(section):
    modules = {config.label: config.models_module for config in apps.get_app_configs()}
    grant_proposal_permissions(apps)
    grant_proposal_permissions(apps)
    # The running apps keep their models (a database flush recreates their content types).
    assert {config.label: config.models_module for config in apps.get_app_configs()} == modules

    def codenames(name):
        permissions = Permission.objects.filter(group__name=name, codename__endswith="proposal")
        return set(permissions.values_list("codename", flat=True))

    assert codenames(PROJECT_LEADS) == {"add_placeproposal", "view_placeproposal"}
    assert codenames(EDITORS) == {
        "add_placeproposal",
        "change_placeproposal",
        "delete_placeproposal",
        "view_placeproposal",
    }
