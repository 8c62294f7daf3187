import pytest
from django.core.management import call_command
from wagtail.models import Page

from literature.models import LiteraturePage, TaggedLiterature

pytestmark = pytest.mark.django_db


def test_generated_entries_are_tagged_translated_and_browsable(client, site_tree, settings):
    settings.DEBUG = True
    call_command("generate_content", "--scale", "2")
    settings.DEBUG = False
    assert Page.find_problems() == ([], [], [], [], [])
    swedish = LiteraturePage.objects.filter(locale=site_tree.locale_sv)
    english = LiteraturePage.objects.filter(locale=site_tree.locale_en)
    assert swedish.count() == english.count() == 40
    assert (
        not TaggedLiterature.objects.filter(content_object__in=swedish)
        .values("content_object")
        .distinct()
        .count()
        < 40
    )
    html = client.get("/litteratur/?tag=gymnasieskolan").content.decode()
    assert "[syntet]" in html
    assert client.get("/en/literature/").status_code == 200
