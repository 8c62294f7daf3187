import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from literature.models import LiteraturePage, LiteratureTag
from tests.factories import editor
from tests.literature.factories import LiteratureTagFactory, build_library, tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def tag_editor(client, site_tree):
    library = build_library(site_tree)
    user = editor("taggaren")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    client.force_login(user)
    return library


def test_merge_moves_every_tagging_and_keeps_them_through_editing(client, tag_editor):
    index, entries, tags, _ = tag_editor
    duplicate = LiteratureTagFactory(name="Gymnasiet", slug="gymnasiet", taxonomy="skolform")
    hamre = entries[2]
    tag(hamre, duplicate)
    hamre.save_revision().publish()
    # Möllås has both: the merge must not tag it twice.
    tag(entries[0], duplicate)
    entries[0].save_revision().publish()

    response = client.post(
        reverse("literature_tag_merge"),
        {"source": duplicate.pk, "target": tags["Gymnasieskolan"].pk},
        follow=True,
    )
    assert response.status_code == 200
    assert not LiteratureTag.objects.filter(slug="gymnasiet").exists()
    target = tags["Gymnasieskolan"]
    assert target.tagged_items.count() == 4
    assert target.tagged_items.filter(content_object=entries[0]).count() == 1

    # Publishing the latest revision again keeps the merged tagging.
    page = LiteraturePage.objects.get(pk=hamre.pk)
    page.get_latest_revision().publish()
    assert target.tagged_items.filter(content_object=hamre).exists()
    html = client.get("/litteratur/?tag=gymnasieskolan").content.decode()
    assert "4 poster" in html


def test_merging_a_tag_into_itself_is_refused(client, tag_editor):
    _, _, tags, _ = tag_editor
    response = client.post(
        reverse("literature_tag_merge"),
        {"source": tags["Sverige"].pk, "target": tags["Sverige"].pk},
    )
    assert response.status_code == 200
    assert "två olika taggar" in response.content.decode()
    assert LiteratureTag.objects.filter(pk=tags["Sverige"].pk).exists()


def test_rename_and_move_to_another_taxonomy_keep_the_taggings(client, tag_editor):
    _, _, tags, _ = tag_editor
    sverige = tags["Sverige"]
    response = client.post(
        reverse("literature_tags:edit", args=[sverige.pk]),
        {
            "name": "Sverige (nationellt)",
            "slug": "sverige",
            "name_en": "Sweden",
            "taxonomy": "tema",
        },
    )
    assert response.status_code == 302
    sverige.refresh_from_db()
    assert sverige.name == "Sverige (nationellt)"
    assert sverige.taxonomy == "tema"
    assert sverige.tagged_items.count() == 2
    html = client.get("/litteratur/").content.decode()
    assert "Sverige (nationellt)" in html


def test_tag_listing_shows_the_taxonomies(client, tag_editor):
    response = client.get(reverse("literature_tags:list"))
    assert response.status_code == 200
    assert "Gymnasieskolan" in response.content.decode()
