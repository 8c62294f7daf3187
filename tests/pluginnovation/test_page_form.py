"""The page form every page type is edited with: autosave never locks an editor out of an
address, and errors say where they are."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.users.models import UserProfile

from pluginnovation.accounts.roles import EDITORS
from pluginnovation.editorial.forms import EditorialPageForm
from pluginnovation.site.models import StandardPage
from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
TITLE = "Att komma tillbaka till skolan"
SLUG = "att-komma-tillbaka-till-skolan"


def editor_client(username="redaktor", language="sv"):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=EDITORS))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client, user


def page_form(**fields):
    data = {
        "title": TITLE,
        "slug": SLUG,
        "lead": "",
        "body": streamfield([]),
        "review_interval_months": 12,
    }
    data.update(fields)
    return nested_form_data(data)


def add_url(site_tree):
    return f"/admin/pages/add/pluginnovation/standardpage/{site_tree.home_sv.pk}/"


def autosave(client, url, data):
    """What the editor's browser sends in the background once a title is typed."""
    return client.post(url, data, headers={"accept": "application/json"})


def test_every_page_type_is_edited_with_the_project_form():
    for model in get_page_models():
        if model is not Page:
            form_class = model.get_edit_handler().get_form_class()
            assert issubclass(form_class, EditorialPageForm), model
            assert issubclass(form_class, WagtailAdminPageForm), model


def test_starting_the_same_page_again_after_autosave_is_not_refused(site_tree):
    client, _user = editor_client()
    url = add_url(site_tree)
    first = autosave(client, url, page_form())
    assert first.status_code == 200, first.content
    abandoned = StandardPage.objects.get(slug=SLUG)
    assert abandoned.live is False

    # The editor starts the same article again: the autosave goes through...
    second = autosave(client, url, page_form())
    assert second.status_code == 200, second.content
    payload = second.json()
    assert payload["success"] is True
    new = StandardPage.objects.get(pk=payload["pk"])
    assert new.slug == f"{SLUG}-2"
    # ...the open editor is told the address, so that the next autosave sends it...
    assert payload["field_updates"]["slug"] == f"{SLUG}-2"
    # ...which keeps it, even with the title's address typed again.
    again = autosave(client, f"/admin/pages/{new.pk}/edit/", page_form(slug=SLUG))
    assert again.status_code == 200, again.content
    new.refresh_from_db()
    assert new.slug == f"{SLUG}-2"

    # Publishing it works, and the abandoned draft is left as it was.
    published = client.post(
        f"/admin/pages/{new.pk}/edit/", page_form(slug=f"{SLUG}-2", **{"action-publish": "1"})
    )
    assert published.status_code == 302
    new.refresh_from_db()
    assert new.live
    abandoned.refresh_from_db()
    assert abandoned.slug == SLUG and not abandoned.live


def test_a_published_pages_address_is_refused_in_swedish_naming_the_page_and_tab(site_tree):
    existing = StandardPageFactory(parent=site_tree.home_sv, title=TITLE, slug=SLUG)
    existing.save_revision().publish()
    client, _user = editor_client()
    response = client.post(add_url(site_tree), page_form(**{"action-publish": "1"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Sluggen ”{SLUG}” används redan av sidan ”{TITLE}”" in page
    assert "på fliken ”Marknadsför”" in page
    # The message at the top names the tab with the error.
    assert "Det finns fel på de här flikarna: ”Marknadsför”." in page
    assert StandardPage.objects.filter(slug=SLUG).count() == 1


def test_someone_elses_draft_is_not_stepped_around_but_named(site_tree):
    colleague, colleague_user = editor_client("kollega")
    autosave(colleague, add_url(site_tree), page_form())
    client, _user = editor_client(language="en")
    response = client.post(add_url(site_tree), page_form())
    page = response.content.decode()
    assert response.status_code == 200
    assert f"already used by the draft “{TITLE}” here, which has never been published" in page
    assert "on the tab “Promote”" in page
    assert "There are errors on these tabs: “Promote”." in page
    assert StandardPage.objects.filter(title=TITLE).count() == 1


def test_errors_on_two_tabs_are_both_named(site_tree):
    existing = StandardPageFactory(parent=site_tree.home_sv, title="Annan", slug=SLUG)
    existing.save_revision().publish()
    client, _user = editor_client(language="en")
    response = client.post(add_url(site_tree), page_form(title="", **{"action-publish": "1"}))
    page = response.content.decode()
    assert "There are errors on these tabs: “Content”, “Promote”." in page


def test_the_autosave_notices_are_in_swedish(site_tree):
    client, _user = editor_client()
    editor = client.get(add_url(site_tree)).content.decode()
    assert "Sparat" in editor
    assert "Automatisk sparning är pausad" in editor
    assert "Autosave is paused" not in editor
    catalogue = client.get("/admin/jsi18n/").content.decode()
    assert "Sparar automatiskt" in catalogue
    assert "ndringarna har sparats automatiskt." in catalogue  # the Ä is escaped
    failed = autosave(client, add_url(site_tree), page_form(title=""))
    assert failed.json()["error_message"] == (
        "Det finns fel i formuläret. Klicka på Spara så markeras de."
    )
