"""Starting a translation never publishes the source's text in the other language."""

import pytest
from django.test import Client
from wagtail_localize.operations import TranslationCreator

from tests.factories import StandardPageFactory, commit_pending, editor

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
