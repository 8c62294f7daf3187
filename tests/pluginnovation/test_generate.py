import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from pluginnovation.site.models import StandardPage

pytestmark = pytest.mark.django_db


def test_generated_content_is_a_valid_translated_tree(site_tree, settings):
    settings.DEBUG = True
    call_command("generate_content", "--scale", "2")
    assert Page.find_problems() == ([], [], [], [], [])
    swedish = StandardPage.objects.filter(locale=site_tree.locale_sv, title__startswith="[syntet]")
    english = StandardPage.objects.filter(locale=site_tree.locale_en, title__startswith="[syntet]")
    assert swedish.count() == english.count() == 10
    page = swedish.first()
    assert page.get_translation(site_tree.locale_en).live
    settings.DEBUG = False
    response = Client().get(page.url)
    assert response.status_code == 200
    assert "[syntet]" in response.content.decode()
    assert Client().get(page.get_translation(site_tree.locale_en).url).status_code == 200


def test_generating_twice_is_refused_rather_than_colliding(site_tree, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = True
    call_command("generate_content", "--scale", "1")
    count = Page.objects.count()
    with pytest.raises(CommandError):
        call_command("generate_content", "--scale", "1")
    assert Page.objects.count() == count


def test_refuses_outside_benchmark_settings(site_tree):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("generate_content", "--scale", "1")
