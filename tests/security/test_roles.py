"""The roles as the README describes them, as one table: who may view, edit, publish, delete.

Each cell is what Wagtail's own permission checks answer for that user and object, the same
checks that decide what the admin shows and accepts. "View" means seeing the object in the
admin; "publish" is "-" where an object has no drafts (images, documents, tags, users,
settings): saving it is publishing. Navigation and footer have drafts and follow the page rule
per language: a translator edits a draft of the Swedish one and submits it for review.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client
from django.urls import reverse
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, Site, Workflow, WorkflowState
from wagtail.permissions import policy_registry

from casestudies.roles import PROJECT_LEADS
from pluginnovation.accounts.roles import EDITORS, TRANSLATORS
from pluginnovation.site.models import SiteNavigation, SiteOwner
from tests.casestudies.factories import build_section
from tests.factories import StandardPageFactory, UserFactory, commit_pending

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
ACTIONS = "VEPD"  # view, edit, publish, delete

# role → object → the actions allowed (a letter each; "-" for not allowed or not applicable)
MATRIX = {
    "editor": {
        "swedish page": "VEPD",
        "english page": "VEPD",
        "own case study": "VEPD",
        "other case study": "VEPD",
        "swedish navigation": "VEPD",
        "english navigation": "VEPD",
        "image": "VE-D",
        "document": "VE-D",
        "tag": "VE-D",
        "literature tag": "VE-D",
        "user": "----",
        "workflow": "VE--",
        "site owner setting": "VE--",
        "site": "----",
    },
    "translator": {
        "swedish page": "VE--",
        "english page": "VEPD",
        "own case study": "VE--",
        "other case study": "VE--",
        "swedish navigation": "VE--",
        "english navigation": "VEP-",
        "image": "V---",
        "document": "V---",
        "tag": "----",
        "literature tag": "----",
        "user": "----",
        "workflow": "----",
        "site owner setting": "----",
        "site": "----",
    },
    "project lead": {
        "swedish page": "----",
        "english page": "----",
        "own case study": "VE--",
        "other case study": "----",
        "swedish navigation": "----",
        "english navigation": "----",
        "image": "----",
        "document": "V---",
        "tag": "----",
        "literature tag": "----",
        "user": "----",
        "workflow": "----",
        "site owner setting": "----",
        "site": "----",
    },
    "superuser": {
        "swedish page": "VEPD",
        "english page": "VEPD",
        "own case study": "VEPD",
        "other case study": "VEPD",
        "swedish navigation": "VEPD",
        "english navigation": "VEPD",
        "image": "VE-D",
        "document": "VE-D",
        "tag": "VE-D",
        "literature tag": "VE-D",
        "user": "VE-D",
        "workflow": "VE-D",
        "site owner setting": "VE-D",
        "site": "VE-D",
    },
    "user in no group": dict.fromkeys(
        [
            "swedish page",
            "english page",
            "own case study",
            "other case study",
            "swedish navigation",
            "english navigation",
            "image",
            "document",
            "tag",
            "literature tag",
            "user",
            "workflow",
            "site owner setting",
            "site",
        ],
        "----",
    ),
}
MATRIX["anonymous"] = MATRIX["user in no group"]


@pytest.fixture
def world(site_tree):
    section = build_section(site_tree)
    swedish = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om-oss")
    swedish.save_revision().publish()
    english = site_tree.translate(swedish, title="About", slug="about")
    english.save_revision().publish()
    objects = {
        "swedish page": swedish,
        "english page": english,
        "own case study": section.case("krokom", title="Plug In Krokom"),
        "other case study": section.case("are", title="Mörsil"),
        "swedish navigation": SiteNavigation.objects.get(locale=site_tree.locale_sv),
        "english navigation": SiteNavigation.objects.get(locale=site_tree.locale_en),
        "image": get_image_model().objects.create(
            title="Bild", file="original_images/bild.png", width=1, height=1
        ),
        "document": get_document_model().objects.create(title="Rapport", file="documents/r.pdf"),
        "tag": Tag.objects.create(name="Mentorskap", slug="mentorskap"),
        "literature tag": apps.get_model("literature", "LiteratureTag").objects.create(
            name="Gymnasieskola", slug="gymnasieskola"
        ),
        "user": UserFactory(username="someone"),
        "workflow": Workflow.objects.get(name="Granskning"),
        "site owner setting": SiteOwner.for_site(Site.objects.get()),
        "site": Site.objects.get(),
    }
    users = {"anonymous": AnonymousUser()}
    for role, group in [
        ("editor", EDITORS),
        ("translator", TRANSLATORS),
        ("project lead", PROJECT_LEADS),
    ]:
        users[role] = UserFactory(username=role.replace(" ", "_"))
        users[role].groups.add(Group.objects.get(name=group))
    section.municipalities["krokom"].project_leads.add(users["project lead"])
    users["superuser"] = UserFactory(username="root", is_superuser=True)
    users["user in no group"] = UserFactory(username="reader")
    return users, objects


def fresh(user):
    """The user as a new request would load it (permission caches empty)."""
    if user.is_anonymous:
        return user
    return get_user_model().objects.get(pk=user.pk)


def page_actions(user, page):
    page = Page.objects.get(pk=page.pk).specific
    tester = page.permissions_for_user(user)
    explorable = policy_registry.get_by_type(Page).explorable_instances(user)
    return (
        explorable.filter(pk=page.pk).exists(),
        tester.can_edit(),
        tester.can_publish(),
        tester.can_delete(),
    )


def object_actions(user, instance):
    policy = policy_registry.get(instance)
    any_action = {"view", "choose", "add", "change", "delete"}
    return (
        policy.user_has_any_permission_for_instance(user, any_action, instance),
        policy.user_has_permission_for_instance(user, "change", instance),
        isinstance(instance, DraftStateMixin)
        and policy.user_has_permission_for_instance(user, "publish", instance),
        policy.user_has_permission_for_instance(user, "delete", instance),
    )


def actions(user, kind, instance):
    if isinstance(instance, Page):
        found = page_actions(user, instance)
    else:
        found = object_actions(user, instance)
    if not user.has_perm("wagtailadmin.access_admin"):
        found = (False, False, False, False)  # no admin, no way to do anything
    return "".join(
        letter if allowed else "-" for letter, allowed in zip(ACTIONS, found, strict=True)
    )


@pytest.mark.parametrize("role", list(MATRIX))
def test_the_roles_match_the_readme(world, role):
    users, objects = world
    user = fresh(users[role])
    found = {kind: actions(user, kind, instance) for kind, instance in objects.items()}
    assert found == MATRIX[role]


def navigation_form(navigation, label):
    """The snippet's edit form as the admin posts it: one menu item with a new label."""
    item = navigation.menu_items.get()
    return {
        "menu_items-TOTAL_FORMS": "1",
        "menu_items-INITIAL_FORMS": "1",
        "menu_items-MIN_NUM_FORMS": "0",
        "menu_items-MAX_NUM_FORMS": "1000",
        "menu_items-0-id": str(item.pk),
        "menu_items-0-page": str(item.page_id),
        "menu_items-0-label": label,
        "menu_items-0-ORDER": "1",
        "menu_items-0-DELETE": "",
        "footer_text": "{}",
        "footer_links-TOTAL_FORMS": "0",
        "footer_links-INITIAL_FORMS": "0",
        "footer_links-MIN_NUM_FORMS": "0",
        "footer_links-MAX_NUM_FORMS": "1000",
    }


def test_a_translator_publishes_the_english_menu_and_submits_the_swedish_one_for_review(
    world, site_tree
):
    users, objects = world
    translator = Client()
    assert translator.login(username="translator", password=PASSWORD)
    english, swedish = objects["english navigation"], objects["swedish navigation"]

    def edit_url(navigation):
        return reverse("wagtailsnippets_pluginnovation_sitenavigation:edit", args=[navigation.pk])

    def live_label(navigation):
        return SiteNavigation.objects.get(pk=navigation.pk).menu_items.get().label

    def post(client, navigation, label, action):
        return client.post(
            edit_url(navigation), {**navigation_form(navigation, label), action: "1"}
        )

    # English: published at once, as the translator's English pages are.
    assert 'name="action-publish"' in translator.get(edit_url(english)).content.decode()
    assert post(translator, english, "Start", "action-publish").status_code == 302
    assert live_label(english) == "Start"

    # Swedish: the editor offers no Publish; a forged publish keeps the change as a draft.
    edit = translator.get(edit_url(swedish)).content.decode()
    assert 'name="action-publish"' not in edit
    assert 'name="action-submit"' in edit
    forged = post(translator, swedish, "Hackad meny", "action-publish")
    assert forged.status_code == 302
    refusal = translator.get(forged["Location"]).content.decode()
    assert "Ändringarna är sparade som utkast" in refusal
    assert live_label(swedish) != "Hackad meny"
    commit_pending()
    assert "Hackad meny" not in Client().get("/").content.decode()

    # Submitted for review: still not public, until an editor approves.
    assert post(translator, swedish, "Läs mer", "action-submit").status_code == 302
    commit_pending()
    state = WorkflowState.objects.active().get(object_id=str(swedish.pk))
    assert state.workflow.name == "Granskning"
    assert live_label(swedish) != "Läs mer"
    assert "Läs mer" not in Client().get("/").content.decode()

    editor = Client()
    assert editor.login(username="editor", password=PASSWORD)
    approve = reverse(
        "wagtailsnippets_pluginnovation_sitenavigation:workflow_action",
        args=[swedish.pk, "approve", state.current_task_state.pk],
    )
    assert editor.post(approve, {"comment": ""}).status_code in {200, 302}
    commit_pending()
    assert live_label(swedish) == "Läs mer"
    assert "Läs mer" in Client().get("/").content.decode()
