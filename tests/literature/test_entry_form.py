"""The literature entry's admin form: factors in the page's language, tags from the taxonomy.

Issue 21: the form offered ten success factors, and a tag typed one letter off
("Gymnasieskola") silently became a new, hidden, unclassified tag.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data
from wagtail.users.models import UserProfile

from literature.models import LiteraturePage, LiteratureTag, Taxonomy
from literature.tags import similar_tags
from tests.factories import build_success_factors, editor
from tests.literature.factories import build_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(client, site_tree):
    index, entries, tags, index_en = build_library(site_tree, translate=True)
    user = editor("skribent")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    client.force_login(user)
    return index, entries, tags


def factor_labels(html):
    return re.findall(
        r'<input type="checkbox" name="success_factors" value="\d+"[^>]*>\s*([^<]+?)\s*</label>',
        html,
    )


def test_entries_offer_the_five_factors_of_their_own_language(client, site_tree, library):
    index, entries, _tags = library
    factors = build_success_factors(site_tree)
    add = reverse("wagtailadmin_pages:add", args=["literature", "literaturepage", index.pk])
    swedish_titles = [swedish.title for swedish, _ in factors.values()]
    assert factor_labels(client.get(add).content.decode()) == swedish_titles

    entry = entries[0]
    entry.success_factors = [swedish for swedish, _ in factors.values()]
    entry.save_revision().publish()
    edit = reverse("wagtailadmin_pages:edit", args=[entry.pk])
    assert factor_labels(client.get(edit).content.decode()) == swedish_titles

    # The translation links the Swedish factors (a synchronised field, as wagtail-localize
    # copies them); its form shows the English ones, all five ticked, and no Swedish one.
    english = entry.get_translation(site_tree.locale_en)
    english.success_factors = [swedish for swedish, _ in factors.values()]
    english.save_revision().publish()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    assert factor_labels(html) == [english.title for _, english in factors.values()]
    assert html.count('name="success_factors"') == 5
    assert len(re.findall(r'name="success_factors" value="\d+"[^>]*checked', html)) == 5


def entry_form(tags, **extra):
    return nested_form_data(
        {
            "title": "Skolans roll",
            "slug": "skolans-roll",
            "authors": "Svensson, S.",
            "year": 2015,
            "publication_type": "report",
            "summary": "Om skolan.",
            "tags": tags,
            "review_interval_months": 12,
            "action-publish": "publish",
            **extra,
        }
    )


@pytest.mark.parametrize("typed", ["Gymnasieskola", "gymnasieskolan", "Upper secondary school"])
def test_a_tag_one_slip_from_an_existing_one_is_refused_naming_it(client, library, typed):
    index, _entries, _tags = library
    add = reverse("wagtailadmin_pages:add", args=["literature", "literaturepage", index.pk])
    before = LiteratureTag.objects.count()
    response = client.post(add, entry_form(f'"{typed}", Sverige'))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"”{typed}” finns inte som tagg, men ”Gymnasieskolan” gör det." in html
    assert 'name="confirm_new_tags"' in html
    assert LiteratureTag.objects.count() == before
    assert not LiteraturePage.objects.filter(slug="skolans-roll").exists()


def test_a_new_tag_is_created_only_when_the_editor_confirms_it(client, library):
    index, _entries, tags = library
    add = reverse("wagtailadmin_pages:add", args=["literature", "literaturepage", index.pk])
    html = client.post(add, entry_form("Skolhälsa, Gymnasieskolan")).content.decode()
    assert "”Skolhälsa” finns inte som tagg än. Kryssa i ”Skapa de nya taggarna”" in html
    assert not LiteratureTag.objects.filter(name="Skolhälsa").exists()

    response = client.post(
        add, entry_form("Skolhälsa, Gymnasieskola, Gymnasieskolan", confirm_new_tags="on")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = LiteraturePage.objects.get(slug="skolans-roll")
    assert sorted(item.tag.name for item in page.tagged_items.all()) == [
        "Gymnasieskola",
        "Gymnasieskolan",
        "Skolhälsa",
    ]
    assert LiteratureTag.objects.get(name="Skolhälsa").taxonomy == Taxonomy.UNCLASSIFIED


def test_existing_tags_need_no_confirmation(client, library):
    index, _entries, tags = library
    add = reverse("wagtailadmin_pages:add", args=["literature", "literaturepage", index.pk])
    response = client.post(add, entry_form("Gymnasieskolan, Sverige"))
    assert response.status_code == 302, response.content.decode()[:3000]
    html = client.get(add).content.decode()
    assert 'name="confirm_new_tags"' not in html


def test_the_refusal_is_in_english_for_an_editor_who_chose_english(client, library):
    index, _entries, _tags = library
    user = editor("english_editor")
    user.groups.add(Group.objects.get(name="Redaktörer"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    add = reverse("wagtailadmin_pages:add", args=["literature", "literaturepage", index.pk])
    html = client.post(add, entry_form("Gymnasieskola")).content.decode()
    assert (
        "“Gymnasieskola” is not a tag, but “Gymnasieskolan” is. Write the existing tag, or "
        "tick “Create the new tags” below to create “Gymnasieskola” as a new tag."
    ) in html


def test_similar_tags_are_one_slip_apart_not_merely_alike():
    tags = [
        LiteratureTag(name="Gymnasieskolan", name_en="Upper secondary school"),
        LiteratureTag(name="Grundskolan", name_en="Compulsory school"),
        LiteratureTag(name="IM", name_en="Introductory programmes"),
        LiteratureTag(name="Lärlingsutbildning", name_en="Apprenticeship education"),
    ]

    def names(typed):
        return [tag.name for tag in similar_tags(typed, tags)]

    assert names("Gymnasieskola") == ["Gymnasieskolan"]
    assert names("GYMNASIESKOLAN") == ["Gymnasieskolan"]
    assert names("upper  secondary school") == ["Gymnasieskolan"]
    assert names("Larlingsutbildning") == ["Lärlingsutbildning"]
    assert names("Lärlingsutbildningen") == ["Lärlingsutbildning"]  # two slips, long label
    assert names("Larlingsutbildningen") == []
    assert names("Grundskola") == ["Grundskolan"]
    assert names("Gymnasiet") == []
    assert names("IT") == []  # short labels must match but for case
    assert names("im") == ["IM"]
    assert names("Skolhälsa") == []
