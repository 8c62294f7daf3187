"""The place choosers are searchable: an editor finds Krokom by typing "Krok"."""

import pytest
from django.urls import reverse

from tests.casestudies.factories import ProjectWorkshopFactory

pytestmark = pytest.mark.django_db


def test_municipality_chooser_searches_by_name(editor, section):
    chooser = reverse("wagtailsnippetchoosers_casestudies_municipality:choose")
    assert 'name="q"' in editor.get(chooser).json()["html"]
    results = reverse("wagtailsnippetchoosers_casestudies_municipality:choose_results")
    html = editor.get(results, {"q": "Krok"}).content.decode()
    assert "Krokom" in html
    for other in ("Åre", "Strömsund", "Partille", "Härryda"):
        assert other not in html, other


@pytest.mark.parametrize(
    ("model", "query", "found", "left_out"),
    [
        ("region", "göteborg", "Göteborgsregionens", "Jämtland"),
        ("projectworkshop", "Porten", "Porten i Partille", "Navet i Krokom"),
    ],
)
def test_region_and_workshop_choosers_search_by_name(
    editor, section, model, query, found, left_out
):
    ProjectWorkshopFactory(
        name="Porten i Partille", municipality=section.municipalities["partille"]
    )
    ProjectWorkshopFactory(name="Navet i Krokom", municipality=section.municipalities["krokom"])
    chooser = reverse(f"wagtailsnippetchoosers_casestudies_{model}:choose")
    assert 'name="q"' in editor.get(chooser).json()["html"]
    results = reverse(f"wagtailsnippetchoosers_casestudies_{model}:choose_results")
    html = editor.get(results, {"q": query}).content.decode()
    assert found in html
    assert left_out not in html
