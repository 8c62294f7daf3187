"""The case study's admin form offers each choice once, in the page's language (issue 21)."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from casestudies.models import CaseStudyPage
from casestudies.roles import PROJECT_LEADS
from pluginnovation.site.taxonomy import factors_of
from tests.casestudies.factories import ProjectWorkshopFactory
from tests.factories import UserFactory, build_success_factors

pytestmark = pytest.mark.django_db


@pytest.fixture
def factors(site_tree):
    return build_success_factors(site_tree)


@pytest.fixture
def editor_client(client, section):
    user = UserFactory(username="redaktor")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    client.force_login(user)
    return client


def offered(html, name):
    """The labels of the checkboxes or options named `name` in an admin form."""
    checkboxes = re.findall(
        rf'<input type="checkbox" name="{name}" value="(\d+)"[^>]*>\s*([^<]+?)\s*</label>', html
    )
    options = re.findall(rf'<select name="{name}"[^>]*>(.*?)</select>', html, flags=re.DOTALL)
    if options:
        return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", options[0])]
    return [label for _value, label in checkboxes]


def ticked(html, name):
    return re.findall(rf'<input type="checkbox" name="{name}" value="\d+"[^>]*checked[^>]*>', html)


def test_a_swedish_case_study_offers_the_five_swedish_factors(editor_client, section, factors):
    add = reverse(
        "wagtailadmin_pages:add", args=["casestudies", "casestudypage", section.index_sv.pk]
    )
    html = editor_client.get(add).content.decode()
    assert offered(html, "success_factors") == [swedish.title for swedish, _ in factors.values()]

    page = section.case("krokom", title="Plug In Krokom")
    page.success_factors = [factors["Samverkan"][0]]
    page.save_revision().publish()
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert offered(html, "success_factors") == [swedish.title for swedish, _ in factors.values()]
    assert len(ticked(html, "success_factors")) == 1


def test_a_translated_case_study_offers_the_five_english_factors_with_its_links_ticked(
    editor_client, site_tree, section, factors
):
    swedish = section.case("krokom", title="Plug In Krokom")
    swedish.success_factors = [factors["Samverkan"][0], factors["Relationer"][0]]
    swedish.save_revision().publish()
    english = site_tree.translate(swedish, title="Plug In Krokom (en)")
    # The translation starts with the Swedish factors' links, as wagtail-localize copies them.
    assert {factor.locale_id for factor in english.success_factors.all()} == {
        site_tree.locale_sv.pk
    }

    edit = reverse("wagtailadmin_pages:edit", args=[english.pk])
    html = editor_client.get(edit).content.decode()
    assert offered(html, "success_factors") == [en.title for _, en in factors.values()]
    form = editor_client.get(edit).context["form"]
    assert sorted(form.initial["success_factors"]) == sorted(
        [factors["Samverkan"][1].pk, factors["Relationer"][1].pk]
    )

    # Saved as it stands, the page links the English factors and shows the same two.
    data = nested_form_data(
        {
            "title": "Plug In Krokom (en)",
            "slug": english.slug,
            "municipality": english.municipality_id,
            "round": english.round,
            "focus": "",
            "summary": english.summary,
            "body": streamfield([]),
            "related_literature": streamfield([]),
            "team_members": inline_formset([]),
            "continuation": "",
        }
    )
    data["success_factors"] = form.initial["success_factors"]
    response = editor_client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = CaseStudyPage.objects.get(pk=english.pk).get_latest_revision_as_object()
    linked = {factor.title for factor in draft.success_factors.all()}
    assert linked == {"Cooperation", "Relationships"}
    # The live page still shows the same two, linked through the Swedish factors.
    assert {factor.title for factor in factors_of(english)} == linked


def test_workshops_appear_once_named_with_their_municipality(editor_client, site_tree, section):
    krokom, are = section.municipalities["krokom"], section.municipalities["are"]
    for municipality in (krokom, are):
        workshop = ProjectWorkshopFactory(name="Plug In", municipality=municipality)
        workshop.copy_for_translation(site_tree.locale_en).save()  # never offered
    add = reverse(
        "wagtailadmin_pages:add", args=["casestudies", "casestudypage", section.index_sv.pk]
    )
    html = editor_client.get(add).content.decode()
    assert offered(html, "workshops") == ["Plug In (Krokom)", "Plug In (Åre)"]

    lead = UserFactory(username="projektledare")
    lead.groups.add(Group.objects.get(name=PROJECT_LEADS))
    krokom.project_leads.add(lead)
    editor_client.force_login(lead)
    html = editor_client.get(add).content.decode()
    assert offered(html, "workshops") == ["Plug In (Krokom)"]
    assert offered(html, "municipality") == ["---------", "Krokom"]


def test_the_municipality_chooser_lists_each_municipality_once(editor_client, section):
    response = editor_client.get(reverse("wagtailsnippetchoosers_casestudies_municipality:choose"))
    html = json.loads(response.content)["html"]
    for municipality in section.municipalities.values():
        assert html.count(f">{municipality.name}<") + html.count(f"> {municipality.name} <") <= 1
        assert municipality.name in html
