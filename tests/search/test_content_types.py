"""Search over the real content types: a case study by its text and municipality, a
literature entry by its author, each under its own type filter."""

import pytest
from django.test import Client

from tests.casestudies.factories import build_section
from tests.literature.factories import build_library
from tests.search import result_titles, type_choices

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(site_tree):
    section = build_section(site_tree)
    harryda = section.case(
        "harryda",
        title="Mentorer för elever i riskzonen",
        summary="Mentorskapet gav eleverna en vuxen att vända sig till.",
    )
    build_library(site_tree)
    return harryda


def test_mentorskap_finds_the_harryda_case_study_that_says_mentorskapet(content):
    response = Client().get("/sok/", {"q": "mentorskap"})
    assert content.title in result_titles(response)


def test_a_case_study_is_found_by_its_municipality_and_region(content):
    assert content.title in result_titles(Client().get("/sok/", {"q": "Härryda"}))
    assert content.title in result_titles(Client().get("/sok/", {"q": "Göteborgsregionens"}))


def test_hattie_finds_visible_learning_under_the_literature_filter(content):
    client = Client()
    response = client.get("/sok/", {"q": "Hattie"})
    found = result_titles(response)
    assert any(title.startswith("Visible Learning") for title in found)
    literature = next(choice for label, choice in type_choices(response).items() if label != "all")
    filtered = client.get("/sok/" + literature["url"])
    assert result_titles(filtered) == found
    assert "Fallstudie" not in filtered.content.decode().split("<main", 1)[1]
