"""Factories for the site-wide models; each content app's tests add their own next to them."""

import io
from dataclasses import dataclass

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from PIL import Image as PILImage
from wagtail.models import Locale, Page, Site

from pluginnovation.site.models import HomePage, NavigationItem, SiteNavigation, StandardPage


class LocaleFactory(factory.django.DjangoModelFactory):
    language_code = "sv"

    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "PlugInnovation"
    slug = factory.Sequence(lambda n: f"hem-{n}")
    introduction = "PlugInnovation är en digital plattform om studieavbrott."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Sida {n}")
    lead = "En ingress."

    class Meta:
        model = StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def editor(username="redaktor"):
    """A non-superuser who may use the admin."""
    user = UserFactory(username=username)
    group, _ = Group.objects.get_or_create(name="Testredaktörer")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


@dataclass
class SiteTree:
    home_sv: HomePage
    home_en: HomePage
    locale_sv: Locale
    locale_en: Locale

    def translate(self, page, **fields):
        """Publish an English translation of a Swedish page with the given fields."""
        translation = page.copy_for_translation(self.locale_en)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        translation.refresh_from_db()
        return translation


def build_site():
    """The Swedish home as the default site's root, its English translation, and menus."""
    locale_sv = LocaleFactory(language_code="sv")
    locale_en = LocaleFactory(language_code="en")
    # A transactional test flushes the tables, the tree's root included.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale_sv)
    )
    # Wagtail's installation welcome page (and its Site) make way for ours.
    for page in root.get_children():
        page.delete()
    home_sv = HomePageFactory(parent=root, locale=locale_sv, slug="hem")
    Site.objects.create(hostname="testserver", port=80, root_page=home_sv, is_default_site=True)
    tree = SiteTree(home_sv, None, locale_sv, locale_en)
    tree.home_en = tree.translate(
        home_sv, slug="home", introduction="PlugInnovation is a digital platform on dropout."
    )
    for locale, home in ((locale_sv, home_sv), (locale_en, tree.home_en)):
        navigation = SiteNavigation(locale=locale)
        navigation.menu_items.add(NavigationItem(page=home))
        navigation.save()
    return tree


def uncached_client():
    """A reader the page cache steps aside for (it serves only cookieless requests), so each
    page is rendered from its cached fragments between edits."""
    from django.test import Client

    client = Client()
    client.cookies["consent"] = "none"
    return client


def commit_pending():
    """Run what waits for the test's transaction to commit (the caches moving on).

    A test runs inside one transaction that is never committed; an editor's request commits
    before the next reader's request starts. Call this between the two.
    """
    from django.db import connection

    pending, connection.run_on_commit[:] = list(connection.run_on_commit), []
    for _savepoints, callback, _robust in pending:
        callback()


FACTOR_TITLES = [
    ("Flexibla lösningar", "Flexible solutions"),
    ("Samverkan", "Cooperation"),
    ("Relationer", "Relationships"),
    ("Delaktighet", "Participation"),
    ("Tidiga insatser", "Early intervention"),
]


def build_success_factors(site_tree):
    """The knowledge section with the five success factors, published in both languages:
    {Swedish title: (Swedish page, English page)}."""
    from tests.knowledge.factories import KnowledgeIndexPageFactory, SuccessFactorPageFactory

    knowledge = KnowledgeIndexPageFactory(parent=site_tree.home_sv, locale=site_tree.locale_sv)
    site_tree.translate(knowledge, title="Knowledge", slug="knowledge")
    factors = {}
    for swedish_title, english_title in FACTOR_TITLES:
        swedish = SuccessFactorPageFactory(parent=knowledge, title=swedish_title)
        swedish.save_revision().publish()
        english = site_tree.translate(swedish, title=english_title)
        factors[swedish_title] = (swedish, english)
    return factors


def png(width=4, height=4):
    """The bytes of a white PNG image, for uploads."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()
