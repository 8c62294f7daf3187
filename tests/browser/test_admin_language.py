"""The admin speaks the editor's language on every main screen, Wagtail's own words included.

An editor walks the dashboard, the explorer, the page editor (autosave, the publishing
schedule), a scheduled page's history, the translation editor, a page under review, the
snippets, the literature tags and the literature import, once with the admin in Swedish and
once in English. Every text node that is shown (screen-reader text too) and every label,
title, placeholder and button value is read; what the editors and the seed data wrote (page
titles, tags, names of people, of the workflow and of the languages) is left out. In Swedish,
no common English admin word may be left; in English, no Swedish one.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask
from wagtail.users.models import UserProfile

from literature.models import LiteratureTag
from pluginnovation.site.models import StandardPage
from tests.factories import StandardPageFactory
from tests.literature.factories import build_library

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-password-1"


def word_set(text):
    return set(text.split())


# Words an English admin screen is made of that are not Swedish words too ("status", "filter",
# "import", "original", "is", "by", "all" and "in" are both, so they are not here).
ENGLISH_WORDS = word_set(
    """
    the and of to for with from this that these there are be been was were will has have
    not you your it its an as if or on at can cannot please yes never none any anyone ago just
    now minute minutes hour hours day days today yesterday last updated created
    page pages edit editing save saved saving draft drafts publish published publishing
    unpublish preview delete add copy move lock locked unlock history view more actions
    action settings search cancel close open help dashboard account profile log out users
    groups images documents snippets snippet reports workflow workflows approve approved reject
    request requested changes submit submitted moderation review awaiting comments comment show
    hide toggle menu sidebar panel panels checks refresh side width shortcuts keyboard items
    item order ordering type types parent child children sort back next previous first
    loading options clear required field fields content promote owner revisions revision
    compare current unsaved other currently idle viewing words reading time pin unpin toolbar
    stop synced upload download file offline segments segment translated manually machine
    translation translations translate apply updates immediately autosave paused validation
    errors error click highlight exploring across entire schedule scheduled expiry expire
    expires go-live invalid duplicate duplicates record records new name tags tag list
    comma-separated select choose title date language languages live locale
    """
)
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
# Swedish words that are not English words: the small words every Swedish sentence has, and
# any word with å, ä or ö.
SWEDISH_WORDS = word_set(
    """
    och att som inte det den detta denna har kan ska till av med för på om eller från efter
    sida sidor sidan spara sparad sparat publicera publicerad redigera utkast granska
    granskning översättning visa fler åtgärder inställningar sök avbryt stäng
    """
)
SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖ]")
# The languages are named in their own language everywhere ("Svenska", "English").
LANGUAGE_NAMES = ["Svenska", "English"]

COLLECT_TEXT = """() => {
    const userContent = '[contenteditable="true"], textarea, script, style, template, noscript';
    const shown = (element) => element.checkVisibility({visibilityProperty: true});
    const texts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!element || element.closest(userContent) || !shown(element)) continue;
        texts.push(node.textContent);
    }
    const labelled = document.body.querySelectorAll(
        '[aria-label], [title], [placeholder], input[type=submit], input[type=button]'
    );
    for (const element of labelled) {
        if (element.closest(userContent) || !shown(element)) continue;
        for (const name of ['aria-label', 'title', 'placeholder']) {
            if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
        }
        if (element.matches('input[type=submit], input[type=button]')) texts.push(element.value);
    }
    return texts.map((text) => text.replace(/\\s+/g, ' ').trim()).filter(Boolean);
}"""


def user_content():
    """What editors and the seed data wrote, longest first (so a title goes before a part)."""
    from django.contrib.auth import get_user_model

    written = set(LANGUAGE_NAMES)
    for title, draft_title in Page.objects.values_list("title", "draft_title"):
        written |= {title, draft_title}
    for name, name_en in LiteratureTag.objects.values_list("name", "name_en"):
        written |= {name, name_en}
    written |= set(StandardPage.objects.values_list("lead", flat=True))
    written |= set(Workflow.objects.values_list("name", flat=True))
    written |= set(GroupApprovalTask.objects.values_list("name", flat=True))
    written |= set(Group.objects.values_list("name", flat=True))
    for user in get_user_model().objects.all():
        written |= {user.username, user.get_full_name(), user.email}
    written |= set(RECORDS_WRITTEN)
    return sorted((text for text in written if text), key=len, reverse=True)


def foreign_words(texts, language, written):
    """The words of the other language in the texts, with the text each stands in."""
    found = []
    for text in texts:
        interface = text
        for content in written:
            interface = interface.replace(content, " ")
        words = re.findall(r"[\w'-]+", interface)
        if language == "sv":
            foreign = [word for word in words if word.lower() in ENGLISH_WORDS]
            foreign += ENGLISH_MONTHS.findall(interface)
        else:
            foreign = [
                word
                for word in words
                if SWEDISH_LETTERS.search(word) or word.lower() in SWEDISH_WORDS
            ]
        if foreign:
            found.append(f"{text!r}: {sorted(set(foreign))}")
    return found


# A reference-manager file: one record the library already has (by DOI), one new.
RECORDS_WRITTEN = [
    "Can instructional and emotional support in the first-grade classroom make a difference "
    "for children at risk of school failure?",
    "Hamre, Bridget K.; Pianta, Robert C.",
    "En ny studie om skolnärvaro",
    "Forskare, Anna",
]
RIS = f"""TY  - JOUR
TI  - {RECORDS_WRITTEN[0]}
AU  - Hamre, Bridget K.
AU  - Pianta, Robert C.
PY  - 2005
DO  - 10.1111/j.1467-8624.2005.00889.x
ER  -

TY  - JOUR
TI  - {RECORDS_WRITTEN[2]}
AU  - Forskare, Anna
PY  - 2024
ER  -
""".replace("ER  -\n", "ER  - \n")  # reference managers end each record with "ER  - "


IMPORT_SUMMARY = {"sv": "1 ny, 1 dubblett, 0 ogiltiga.", "en": "1 new, 1 duplicate, 0 invalid."}


def build_content(site_tree, admin):
    """A page being edited, a scheduled page, an English translation in progress, a page
    waiting for review, and the library."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    content = {}
    content["page"] = StandardPageFactory(
        parent=site_tree.home_sv, title="Om oss", slug="om-oss", lead="Vilka vi är."
    )
    content["page"].save_revision(user=admin).publish()

    scheduled = StandardPageFactory(parent=site_tree.home_sv, title="Kalendarium", slug="kal")
    scheduled.go_live_at = timezone.now() + timedelta(days=30)
    scheduled.save_revision(user=admin).publish(user=admin)
    content["scheduled"] = scheduled

    source, _ = TranslationSource.get_or_create_from_instance(content["page"])
    translation = Translation.objects.create(source=source, target_locale=site_tree.locale_en)
    translation.save_target(user=admin, publish=False)
    title = StringSegment.objects.filter(source=source).order_by("order").first()
    StringTranslation.objects.create(
        translation_of=title.string,
        locale=site_tree.locale_en,
        context=title.context,
        data="About us",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        last_translated_by=admin,
    )
    content["translation"] = content["page"].get_translation(site_tree.locale_en)

    # The roles' review workflow, as the migrations leave it (a flushed database may lack it).
    editors, _ = Group.objects.get_or_create(name="Redaktörer")
    admin.groups.add(editors)
    workflow, created = Workflow.objects.get_or_create(name="Granskning")
    if created:
        task = GroupApprovalTask.objects.create(name="Redaktörernas granskning")
        task.groups.add(editors)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=site_tree.home_sv, defaults={"workflow": workflow})
    reviewed = StandardPageFactory(parent=site_tree.home_sv, title="Kontakt", slug="kontakt")
    reviewed.save_revision(user=admin)
    workflow.start(reviewed, admin)
    content["reviewed"] = reviewed

    _index, entries, tags, _ = build_library(site_tree)
    content["entry"] = entries[0]
    content["tag"] = next(iter(tags.values()))
    return content


def walk(browser, url, content):
    """Each main screen, as (name, texts) while it is shown."""
    page, reviewed = content["page"], content["reviewed"]

    def visit(path):
        browser.goto(url + path)
        browser.wait_for_load_state("networkidle")
        return browser.evaluate(COLLECT_TEXT)

    yield "dashboard", visit("/admin/")
    yield "explorer", visit(f"/admin/pages/{page.get_parent().pk}/")

    texts = visit(f"/admin/pages/{page.pk}/edit/")
    # The editor takes the form as it is two seconds after loading as the unchanged state.
    browser.wait_for_timeout(2500)
    browser.locator("#id_lead").press_sequentially(" Och vad vi gör.")
    browser.keyboard.press("Tab")
    saved = browser.locator(".w-autosave-indicator__state--saved")
    saved.wait_for(state="visible", timeout=15_000)
    texts += browser.evaluate(COLLECT_TEXT)
    browser.fill("#id_title", "")  # a required field left empty pauses autosave
    browser.locator(".w-autosave-indicator__state--paused").wait_for(
        state="visible", timeout=15_000
    )
    texts += browser.evaluate(COLLECT_TEXT)
    browser.locator('[data-side-panel-toggle="status"]').click()
    browser.locator('[data-side-panel="status"] [data-a11y-dialog-show]').first.click()
    browser.locator("#schedule-publishing-dialog").wait_for(state="visible")
    yield "page editor", texts + browser.evaluate(COLLECT_TEXT)

    scheduled = content["scheduled"]
    yield "scheduled page", visit(f"/admin/pages/{scheduled.pk}/edit/")
    yield "page history", visit(f"/admin/pages/{scheduled.pk}/history/")

    translation = content["translation"]
    texts = visit(f"/admin/pages/{translation.pk}/edit/")
    browser.locator(".w-tabs, .tab-content").first.wait_for(timeout=15_000)
    yield "translation editor", texts + browser.evaluate(COLLECT_TEXT)

    yield "review", visit(f"/admin/pages/{reviewed.pk}/edit/")
    yield "workflow history", visit(f"/admin/pages/{reviewed.pk}/workflow_history/")
    yield "snippets", visit("/admin/snippets/pluginnovation/sitenavigation/")
    yield "literature tags", visit("/admin/literature/tags/")
    yield "literature tag", visit(f"/admin/literature/tags/edit/{content['tag'].pk}/")
    yield "literature entry", visit(f"/admin/pages/{content['entry'].pk}/edit/")

    texts = visit("/admin/literature/import/")
    browser.set_input_files(
        "input[type=file]", {"name": "zotero.ris", "mimeType": "text/plain", "buffer": RIS.encode()}
    )
    browser.locator("form[enctype] button[type=submit]").click()
    browser.locator("#import-summary").wait_for()
    yield "literature import", texts + browser.evaluate(COLLECT_TEXT)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_main_admin_screen_speaks_the_editors_language(
    language, live_server, site_tree, browser_page, django_user_model
):
    admin = django_user_model.objects.create_superuser("admin", "a@example.invalid", PASSWORD)
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = language
    profile.save()
    content = build_content(site_tree, admin)
    written = user_content()

    browser = browser_page
    browser.goto(live_server.url + "/admin/login/")
    browser.fill("#id_username", "admin")
    browser.fill("#id_password", PASSWORD)
    browser.click("button[type=submit]")
    browser.wait_for_url(live_server.url + "/admin/")

    problems = []
    screens = []
    for screen, texts in walk(browser, live_server.url, content):
        assert browser.locator("html").get_attribute("lang") == language, screen
        screens.append(screen)
        problems += [f"{screen}: {found}" for found in foreign_words(texts, language, written)]
    assert len(screens) == 13
    assert not problems, "\n".join(problems)
    # One of each, so every count says its own singular or plural.
    summary = browser.locator("#import-summary").inner_text()
    assert summary == IMPORT_SUMMARY[language]
