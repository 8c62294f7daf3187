import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Page

from casestudies.mapdata import project
from casestudies.models import CaseStudyIndexPage, CaseStudyPage, Municipality, TeamMember
from knowledge.models import KnowledgeIndexPage, SuccessFactorPage
from tests.casestudies.factories import ProjectWorkshopFactory
from tests.factories import commit_pending

pytestmark = pytest.mark.django_db


@pytest.fixture
def krokom(site_tree, section):
    workshop = ProjectWorkshopFactory(
        name="Plug In Krokom",
        municipality=section.municipalities["krokom"],
        round="plugin",
        goals="Fler unga ska återgå till studier.",
    )
    translation = workshop.copy_for_translation(site_tree.locale_en)
    translation.goals = "More young people return to their studies."
    translation.save()
    knowledge = KnowledgeIndexPage(title="Kunskap", slug="kunskap")
    site_tree.home_sv.add_child(instance=knowledge)
    factor = SuccessFactorPage(title="Flexibla lösningar", slug="flexibla", introduction="I.")
    knowledge.add_child(instance=factor)
    document = get_document_model().objects.create(
        title="Rapport Krokom", file=ContentFile(b"%PDF-1.4", name="krokom.pdf")
    )
    page = section.case("krokom", "plugin", "kia", title="Plug In Krokom")
    page.workshops = [workshop]
    page.success_factors = [factor]
    page.team_members = [TeamMember(role="Studie- och yrkesvägledare")]
    page.report = document
    page.measured_return = True
    page.continuation = "partly"
    page.save_revision().publish()
    return page


def test_case_study_shows_place_workshop_team_outcome_and_report(client, krokom):
    response = client.get("/fallstudier/" + krokom.slug + "/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Krokom",
        "Region Jämtland Härjedalen",
        "Plug In Krokom",
        "Plug In (2012–2015)",
        "Det kommunala informationsansvaret (KIA)",
        "Studie- och yrkesvägledare",
        "återgång till studier eller arbete",
        "Delvis",
        "Ladda ner rapporten: Rapport Krokom",
        "Flexibla lösningar",
        "Fler unga ska återgå till studier.",
    ):
        assert text in html, text
    assert 'type="application/rss+xml"' in html


def test_outcome_says_not_measured_only_when_the_report_says_so(client, section, cases):
    page = cases["stromsund"]
    html = client.get(page.url).content.decode()
    assert "Inte mätt" not in html
    assert "Inte angivet" in html
    page.not_measured = True
    page.save_revision().publish()
    commit_pending()  # the editor's request commits before the next reader's
    assert "Inte mätt" in client.get(page.url).content.decode()


def test_english_case_study_shows_the_translated_workshop_goals(client, site_tree, krokom):
    english = site_tree.translate(krokom, title="Plug In Krokom", slug="krokom-en")
    html = client.get(english.url).content.decode()
    assert '<html lang="en">' in html
    assert "More young people return to their studies." in html
    assert "The municipal information responsibility (KIA)" in html


def facts_panel(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.find("aside", class_="case-facts-panel"), soup


def test_facts_panel_shows_the_municipality_on_a_small_map_and_its_facts(client, krokom):
    panel, soup = facts_panel(client.get(krokom.url))
    # The panel comes before the text, so a phone shows the facts first.
    assert soup.find("h1").find_next(["aside", "div"], class_=["facts", "prose"]) is panel
    assert panel.h2.get_text() == "Fakta"
    place_map = panel.find("svg", class_="place-map")
    assert place_map["role"] == "img"
    assert place_map["aria-label"] == "Karta: Krokom i Region Jämtland Härjedalen"
    assert place_map["width"] == "112" and int(place_map["height"]) > 200
    # One point, at Krokom (63.3° N, 14.5° E), and no other marker.
    (point,) = place_map.find_all("circle")
    assert "place-map__point" in point["class"]
    assert (float(point["cx"]), float(point["cy"])) == project(14.5, 63.3)
    facts = dict(
        zip(
            [dt.get_text() for dt in panel.dl.find_all("dt")],
            [dd.get_text() for dd in panel.dl.find_all("dd")],
            strict=False,
        )
    )
    assert facts == {
        "Kommun": "Krokom",
        "Region": "Region Jämtland Härjedalen",
        "Projektverkstad": "Plug In Krokom",
        "Projektomgång": "Plug In (2012–2015)",
        "Inriktning": "Det kommunala informationsansvaret (KIA)",
    }


def test_english_facts_panel_names_the_map_in_english(client, site_tree, krokom):
    english = site_tree.translate(krokom, title="Plug In Krokom", slug="krokom-en")
    panel, _soup = facts_panel(client.get(english.url))
    assert panel.h2.get_text() == "Facts"
    label = panel.find("svg", class_="place-map")["aria-label"]
    assert label == "Map: Krokom in Region Jämtland Härjedalen"
    assert [dt.get_text() for dt in panel.dl.find_all("dt")][:2] == ["Municipality", "Region"]


def test_facts_panel_leaves_out_what_is_not_known(client, section):
    place = section.municipalities["partille"]
    place.latitude = place.longitude = None
    place.save()
    page = section.case("partille", "plugin2", title="Utan detaljer")
    panel, _soup = facts_panel(client.get(page.url))
    terms = [dt.get_text() for dt in panel.dl.find_all("dt")]
    assert terms == ["Kommun", "Region", "Projektomgång"]
    # No coordinates: no map at all rather than a point somewhere.
    assert panel.find("svg") is None


def test_municipality_code_must_be_four_digits(section):
    from django.core.exceptions import ValidationError

    municipality = Municipality(name="Fel", code="12a", region=section.regions["gr"])
    with pytest.raises(ValidationError):
        municipality.full_clean()


def test_structured_data_is_an_article_about_a_place(rf, krokom):
    data = krokom.structured_data(rf.get("/"))
    assert data["@type"] == "Article"
    assert data["contentLocation"]["@type"] == "Place"
    assert data["contentLocation"]["name"] == "Krokom"
    assert data["contentLocation"]["identifier"] == "2309"
    assert data["contentLocation"]["containedInPlace"]["name"] == "Region Jämtland Härjedalen"
    json.dumps(data)


def test_api_fields_expose_the_structured_fields(krokom):
    names = {field.name for field in CaseStudyPage.api_fields}
    assert {"municipality_name", "municipality_code", "region_name", "round", "focus"} <= names
    assert "success_factor_titles" in names
    assert krokom.success_factor_titles == ["Flexibla lösningar"]
    assert krokom.workshop_names == ["Plug In Krokom"]


def test_the_api_shows_only_the_live_public_factors_in_the_case_studys_language(
    client, site_tree, krokom
):
    from wagtail.models import PageViewRestriction

    knowledge = KnowledgeIndexPage.objects.get(locale=site_tree.locale_sv)
    draft = SuccessFactorPage(title="Utkastfaktor", slug="utkast", introduction="I.", live=False)
    private = SuccessFactorPage(title="Privat faktor", slug="privat", introduction="I.")
    for factor in (draft, private):
        knowledge.add_child(instance=factor)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    knowledge_en = site_tree.translate(knowledge, title="Knowledge", slug="knowledge")
    english = SuccessFactorPage(title="Relations", slug="relations", introduction="I.")
    knowledge_en.add_child(instance=english)
    flexible = site_tree.translate(krokom.success_factors.get(), title="Flexible solutions")
    krokom.success_factors = [*krokom.success_factors.all(), draft, private, english, flexible]
    krokom.save_revision().publish()
    commit_pending()

    detail = client.get(f"/api/v2/pages/{krokom.pk}/").json()
    listing = client.get(
        "/api/v2/pages/?type=casestudies.CaseStudyPage&locale=sv&fields=success_factor_titles"
    ).json()
    assert detail["success_factor_titles"] == ["Flexibla lösningar"]
    assert [item["success_factor_titles"] for item in listing["items"]] == [["Flexibla lösningar"]]
    assert CaseStudyPage.objects.get(pk=krokom.pk).success_factor_titles == ["Flexibla lösningar"]


def test_the_api_lists_the_factors_of_any_number_of_case_studies_in_constant_queries(
    section, krokom
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pluginnovation.caching.cache import bump_content_version
    from tests.factories import uncached_client

    reader = uncached_client()
    factor = krokom.success_factors.get()
    counts = []
    for size in (2, 12):
        while CaseStudyPage.objects.count() < size:
            case = section.case("are", title=f"Fall {CaseStudyPage.objects.count()}")
            case.success_factors = [factor]
            case.save_revision().publish()
        bump_content_version()
        with CaptureQueriesContext(connection) as captured:
            response = reader.get(
                "/api/v2/pages/?type=casestudies.CaseStudyPage&limit=20"
                "&fields=success_factor_titles"
            )
        items = response.json()["items"]
        assert [item["success_factor_titles"] for item in items] == [["Flexibla lösningar"]] * size
        # The factors and the links, read for the whole page of results: not once per item.
        counts.append(sum("knowledge_successfactorpage" in query["sql"] for query in captured))
    assert counts == [2, 2], counts


def test_listing_interface(krokom):
    krokom.refresh_from_db()
    assert krokom.listing_summary == krokom.summary
    # Published here today, but undated in its source: readers see no date.
    assert krokom.first_published_at is not None
    assert krokom.listing_date is None


def test_success_factor_hub_finds_case_studies_through_the_taxonomy(krokom):
    from pluginnovation.site.taxonomy import tagged_models, tagged_pages

    assert CaseStudyPage in tagged_models()
    factor = krokom.success_factors.get()
    assert [row[0] for row in tagged_pages(factor)] == [krokom.pk]


def test_detail_stays_within_the_query_budget_whatever_the_team_and_links(
    krokom, section, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pluginnovation.caching.cache import bump_content_version
    from tests.factories import uncached_client

    reader = uncached_client()
    counts = []
    for size in (3, 30):
        krokom.team_members = [TeamMember(role=f"Roll {i}") for i in range(size)]
        krokom.related_literature = [
            ("page", section.case("are", title=f"Relaterad {i}")) for i in range(size // 3)
        ]
        krokom.save_revision().publish()
        reader.get(krokom.url)
        bump_content_version()
        with CaptureQueriesContext(connection) as captured:
            assert reader.get(krokom.url).status_code == 200
        counts.append(len(captured))
        bump_content_version()
        with django_assert_max_num_queries(30):  # right after an edit
            reader.get(krokom.url)
    assert counts[0] == counts[1], counts


def test_superuser_creates_a_case_study_in_the_admin(admin_client, section):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = nested_form_data(
        {
            "title": "Plug In Lund",
            "slug": "lund",
            "municipality": section.municipalities["partille"].pk,
            "round": "plugin2",
            "focus": "return",
            "summary": "ComUng fångar upp unga.",
            "body": streamfield([]),
            "related_literature": streamfield([]),
            "team_members": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(
        f"/admin/pages/add/casestudies/casestudypage/{section.index_sv.pk}/", data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "ComUng fångar upp unga." in Client().get("/fallstudier/lund/").content.decode()


def test_demo_content_has_all_17_case_studies_in_both_languages(db):
    call_command("load_demo")
    swedish = CaseStudyPage.objects.live().filter(locale__language_code="sv")
    english = CaseStudyPage.objects.live().filter(locale__language_code="en")
    assert swedish.count() == english.count() == 17
    assert swedish.filter(round="plugin2").count() == 7
    assert swedish.filter(round="plugin").count() == 10
    jamtland = swedish.filter(municipality__region__slug="region-jamtland-harjedalen")
    assert sorted(jamtland.values_list("title", flat=True)) == [
        "Mörsil",
        "Plug In Krokom",
        "Plug In Strömsund",
    ]
    # Every case study has its municipality and region; all but Göteborg name a workshop.
    assert swedish.filter(workshops__isnull=True).get().municipality.name == "Göteborg"
    assert all(len(page.municipality.code) == 4 for page in swedish)
    assert Client().get("/en/case-studies/").status_code == 200
    index = CaseStudyIndexPage.objects.get(locale__language_code="sv")
    assert index.get_workflow().name == "Granskning"
    assert Page.find_problems() == ([], [], [], [], [])


def test_generated_case_studies_spread_over_the_municipalities(db, settings):
    call_command("load_demo")
    settings.DEBUG = True
    call_command("generate_content", "--scale", "2")
    synthetic = CaseStudyPage.objects.filter(title__startswith="[syntet]")
    assert synthetic.filter(locale__language_code="sv").count() == 20
    assert synthetic.filter(locale__language_code="en").count() == 20
    assert synthetic.values("municipality").distinct().count() == Municipality.objects.count()
    assert Page.find_problems() == ([], [], [], [], [])
    settings.DEBUG = False
    assert Client().get("/fallstudier/?page=2").status_code == 200


def test_workshop_choices_are_the_swedish_workshops_only(admin_client, krokom):
    from django.urls import reverse

    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[krokom.pk])).content.decode()
    assert html.count(">Plug In Krokom (Krokom)</option>") == 1
