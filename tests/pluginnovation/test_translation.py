"""Starting a translation never publishes the source's text in the other language."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from tests.factories import (
    StandardPageFactory,
    UserFactory,
    commit_pending,
    editor,
    uncached_client,
)

pytestmark = pytest.mark.django_db


def test_translate_creates_an_english_draft_that_readers_cannot_see(
    site_tree, django_capture_on_commit_callbacks
):
    about = StandardPageFactory(
        parent=site_tree.home_sv, title="Om oss", slug="om-oss", lead="Svensk ingress."
    )
    commit_pending()
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(editor(), [site_tree.locale_en]).create_translations(about)
    english = about.get_translation_or_none(site_tree.locale_en)
    assert english is not None
    assert english.live is False
    commit_pending()
    response = Client().get("/en/om-oss/")
    assert response.status_code == 404
    assert "Svensk ingress." not in Client().get("/en/").content.decode()


def translate_strings(translation, strings):
    """What a translator's "Save" in the translation editor stores: {source text: English}."""
    segments = translation.source.stringsegment_set.select_related("string")
    for segment in segments:
        if segment.string.data in strings:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=translation.target_locale,
                context=segment.context,
                defaults={"data": strings[segment.string.data]},
            )


def test_synchronising_an_updated_source_keeps_the_english_page_until_it_is_published(
    site_tree, committed
):
    admin = UserFactory(username="admin", is_superuser=True)
    client = Client()
    client.force_login(admin)
    about = StandardPageFactory(
        parent=site_tree.home_sv, title="Om oss", slug="om-oss", lead="Svensk ingress."
    )
    with committed():
        TranslationCreator(admin, [site_tree.locale_en]).create_translations(about)
    english = about.get_translation(site_tree.locale_en)
    translation = Translation.objects.get(
        source__object_id=about.translation_key, target_locale=site_tree.locale_en
    )
    translate_strings(
        translation, {"Om oss": "About us", "om-oss": "about", "Svensk ingress.": "English lead."}
    )
    with committed():
        client.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    assert "English lead." in uncached_client().get("/en/about/").content.decode()

    # The Swedish page changes and an editor synchronises its translations without publishing.
    about.lead = "Ny svensk ingress."
    with committed():
        about.save_revision().publish()
        source = translation.source
        response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]))
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.live is True
    reader = Client()
    page = reader.get("/en/about/").content.decode()
    assert "English lead." in page
    assert "Ny svensk ingress." not in page

    # Once the new text is translated and published, readers get it.
    translate_strings(translation, {"Ny svensk ingress.": "New English lead."})
    with committed():
        client.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    page = reader.get("/en/about/").content.decode()
    assert "New English lead." in page
    assert "Svensk ingress" not in page
