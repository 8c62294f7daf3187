"""An editor translates a Swedish article with "Översätt" in real Chromium.

Starting a translation makes an English draft that no public surface shows (not the English
listing, the factor's hub, search, the sitemap or the open-data API); it appears everywhere
only once the translation is published from the translation editor. The readers' requests
carry no cookies, so they go through the page cache exactly as anonymous readers' do.
"""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission, Page

from pluginnovation.accounts.roles import EDITORS, MODEL_PERMISSIONS, PAGE_PERMISSIONS
from tests.factories import UserFactory, build_success_factors
from tests.knowledge.factories import ArticlePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"

SWEDISH_TITLE = "Att komma tillbaka till skolan"
ENGLISH_TITLE = "Coming back to school"
ENGLISH_SLUG = "coming-back"
ENGLISH_LEAD = "How early leavers find their way back."


def editors_group():
    """The role as its migrations make it: a transactional test may find the tables flushed,
    and with them what data migrations created (the group, wagtail-localize's permission)."""
    ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    Permission.objects.get_or_create(
        content_type=ContentType.objects.get(app_label="wagtail_localize", model="translation"),
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    group, _ = Group.objects.get_or_create(name=EDITORS)
    for dotted in MODEL_PERMISSIONS[EDITORS]:
        app_label, codename = dotted.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    for codename in PAGE_PERMISSIONS[EDITORS]:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return group


def public_surfaces(reader, base, factor_url):
    """What an anonymous reader gets from every English surface that lists pages."""
    texts = {
        "listing": reader.get(base + "/en/knowledge/").text(),
        "hub": reader.get(base + factor_url).text(),
        "search": reader.get(base + "/en/search/?q=school").text(),
        "api": reader.get(base + "/api/v2/pages/?locale=en&type=knowledge.ArticlePage").text(),
        "api search": reader.get(base + "/api/v2/pages/?locale=en&search=school").text(),
    }
    index = reader.get(base + "/sitemap.xml").text()
    sections = re.findall(r"<loc>([^<]+)</loc>", index)
    assert sections, index
    texts["sitemap"] = "".join(
        reader.get(base + re.sub(r"^https?://[^/]+", "", url)).text() for url in sections
    )
    return texts


def test_a_translation_is_seen_only_once_it_is_published(
    live_server, site_tree, chromium, browser_page
):
    editor = UserFactory(username="redaktor")
    editor.groups.add(editors_group())
    factors = build_success_factors(site_tree)
    factor_sv, factor_en = factors["Samverkan"]
    article = ArticlePageFactory(
        parent=factor_sv.get_parent(),
        title=SWEDISH_TITLE,
        slug="tillbaka",
        lead="Hur unga hittar tillbaka till skolan.",
        success_factors=[factor_sv],
    )
    article.save_revision().publish()
    base = live_server.url
    reader_context = chromium.new_context()
    reader = reader_context.request

    # The readers have seen every surface before: whatever the cache holds must move on.
    before = public_surfaces(reader, base, factor_en.url)
    assert ENGLISH_TITLE not in "".join(before.values())

    browser = browser_page
    browser.goto(base + "/admin/login/")
    browser.fill("#id_username", "redaktor")
    browser.fill("#id_password", PASSWORD)
    browser.click("button[type=submit]")
    browser.wait_for_url(base + "/admin/")

    browser.goto(f"{base}/admin/pages/{article.pk}/edit/")
    browser.get_by_role("button", name="Handlingar").click()
    browser.get_by_role("link", name="Översätt").click()
    browser.wait_for_url(re.compile(r"/admin/localize/submit/page/\d+/"))
    browser.get_by_label("English").check()
    browser.get_by_role("button", name="Skicka").click()
    browser.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))

    english = article.get_translation_or_none(site_tree.locale_en)
    assert english is not None
    assert english.live is False
    assert browser.url.endswith(f"/admin/pages/{english.pk}/edit/")

    # The draft exists, yet no English surface shows it: neither the Swedish title it was
    # copied with, nor its address.
    drafted = public_surfaces(reader, base, factor_en.url)
    for surface, text in drafted.items():
        assert SWEDISH_TITLE not in text, surface
        assert f"/en/knowledge/{article.slug}/" not in text, surface
        assert f'"id": {english.pk},' not in text and f'"id":{english.pk},' not in text, surface
    assert reader.get(base + f"/en/knowledge/{article.slug}/").status == 404

    # The translator types the English text for each segment, then publishes.
    translations = {
        "Innehåll": {
            SWEDISH_TITLE: ENGLISH_TITLE,
            "Hur unga hittar tillbaka till skolan.": ENGLISH_LEAD,
        },
        "Marknadsför": {"tillbaka": ENGLISH_SLUG},
    }
    for tab, segments in translations.items():
        browser.get_by_role("tab", name=tab).click()
        panel = browser.locator(".js-translation-editor [role=tabpanel]:visible")
        for source, target in segments.items():
            segment = panel.locator("li", has=browser.get_by_text(source, exact=True)).last
            segment.get_by_role("button", name="Översätt").click()
            segment.locator("textarea").fill(target)
            segment.get_by_role("button", name="Spara").click()
            segment.get_by_text(target, exact=True).wait_for()
    browser.get_by_role("button", name=re.compile("Publicera|Publish")).click()
    browser.wait_for_load_state("networkidle")

    english.refresh_from_db()
    assert english.live is True
    assert english.title == ENGLISH_TITLE
    published = public_surfaces(reader, base, factor_en.url)
    for surface, text in published.items():
        assert ENGLISH_TITLE in text or f"/en/knowledge/{ENGLISH_SLUG}/" in text, surface
        assert SWEDISH_TITLE not in text, surface
    assert ENGLISH_TITLE in reader.get(base + f"/en/knowledge/{ENGLISH_SLUG}/").text()
    reader_context.close()
