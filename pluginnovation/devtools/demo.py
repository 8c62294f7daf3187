"""Demo content from the human-editable files in fixtures/.

Each app that has demo content keeps a `demo` module that registers a loader here; the
`load_demo` command runs them in order. Every loader is idempotent: a page that exists
already (found by its Swedish slug under its parent) is left exactly as it is.
"""

import html
import re
import tomllib
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from pluginnovation.site.models import (
    FooterLink,
    HomePage,
    NavigationItem,
    SiteNavigation,
    StandardPage,
)

LIST_MARKER = re.compile(r"^(- |\d+\. )")
FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
LOADERS = []


def loader(order):
    """Register a function (stdout) -> None that loads one app's demo content."""

    def register(func):
        LOADERS.append((order, func))
        return func

    return register


def read_fixture(name):
    with (FIXTURES_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def locales():
    """The Swedish (default) and English locales, created when missing."""
    swedish, _ = Locale.objects.get_or_create(language_code="sv")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return swedish, english


SWEDISH_PASSAGE = re.compile(r"\{sv\|(.+?)\}")


def _inline(text):
    text = html.escape(text, quote=False)
    # "{sv|...}" in English text marks a Swedish passage, for screen readers and hyphenation.
    text = SWEDISH_PASSAGE.sub(r'<span lang="sv">\1</span>', text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"\[(.+?)\]\(((?:https?://|mailto:)[^)\s]+)\)", r'<a href="\2">\1</a>', text)


def text_to_blocks(text):
    """Turn the fixtures' light markup into StreamField data for `BodyBlock`.

    Paragraphs are separated by blank lines; "## " and "### " start headings; lines that start
    with "- " or "1. " form lists; "> " starts a quote (a last line "> — name" attributes it);
    "{sv|...}" is a Swedish passage; "!timeline title" followed by lines
    "2012–2015 | name | description" is a timeline.
    """
    blocks = []
    for chunk in re.split(r"\n\s*\n", (text or "").strip()):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("!timeline "):
            title, *lines = chunk.splitlines()
            blocks.append(("timeline", _timeline(title.removeprefix("!timeline ").strip(), lines)))
        elif chunk.startswith("### "):
            blocks.append(("heading", {"text": chunk[4:].strip(), "level": "h3"}))
        elif chunk.startswith("## "):
            blocks.append(("heading", {"text": chunk[3:].strip(), "level": "h2"}))
        elif chunk.startswith("> "):
            # "> text" and, on its last line, "> — who said it".
            lines = [line.removeprefix(">").strip() for line in chunk.splitlines()]
            attribution = lines.pop()[1:].strip() if lines[-1].startswith("—") else ""
            blocks.append(("quote", {"text": " ".join(lines), "attribution": attribution}))
        elif all(LIST_MARKER.match(line) for line in chunk.splitlines()):
            tag = "ul" if chunk.startswith("- ") else "ol"
            items = "".join(
                f"<li>{_inline(LIST_MARKER.sub('', line))}</li>" for line in chunk.splitlines()
            )
            blocks.append(("paragraph", f"<{tag}>{items}</{tag}>"))
        else:
            blocks.append(("paragraph", f"<p>{_inline(' '.join(chunk.splitlines()))}</p>"))
    return blocks


def _timeline(title, lines):
    periods = []
    for line in lines:
        years, name, description = (part.strip() for part in line.split("|"))
        start, end = (int(year) for year in re.split(r"[–-]", years))
        periods.append(
            {"name": name, "start_year": start, "end_year": end, "description": description}
        )
    return {"title": title, "periods": periods}


def _apply(page, fields, stream_fields):
    for name, value in fields.items():
        setattr(page, name, text_to_blocks(value) if name in stream_fields else value)


@transaction.atomic
def ensure_page(
    parent, model, swedish, english, *, stream_fields=("body",), publish=True, stdout=None
):
    """Create a published Swedish page and its published English translation, once.

    `swedish` and `english` are dicts of field values; `english` may be None for a page that
    has no translation yet. With `publish=False` both are saved as drafts for an editor to
    finish (a seed text that is not ready for readers). Returns the Swedish page.
    """
    _, english_locale = locales()
    page = (
        Page.objects.child_of(parent).filter(slug=swedish["slug"]).specific().first()
        if parent
        else None
    )
    if page is None:
        page = model(locale=parent.locale, live=publish)
        _apply(page, swedish, stream_fields)
        parent.add_child(instance=page)
        _save(page, publish)
        if stdout:
            stdout.write(f"  + {page.title}{'' if publish else ' (draft)'}")
    if english and not page.has_translation(english_locale):
        translation = page.copy_for_translation(english_locale)
        _apply(translation, english, stream_fields)
        _save(translation, publish)
        if stdout:
            stdout.write(f"  + {translation.title} (en{'' if publish else ', draft'})")
    return page


def _save(page, publish):
    revision = page.save_revision()
    if publish:
        revision.publish()


def home_page(language_code):
    return HomePage.objects.filter(locale__language_code=language_code).first()


@loader(order=0)
def load_site(stdout):
    """The two home pages, the standard pages and the navigation."""
    data = read_fixture("site.toml")
    swedish_locale, english_locale = locales()
    root = Page.get_first_root_node()

    home = home_page("sv")
    if home is None:
        home = HomePage(locale=swedish_locale, **data["home"]["sv"])
        root.add_child(instance=home)
        home.save_revision().publish()
        stdout.write(f"  + {home.title}")
        # Wagtail's installation welcome page makes way for ours.
        site = Site.objects.filter(is_default_site=True).first()
        previous_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "PlugInnovation"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="PlugInnovation",
            )
        if (
            previous_root
            and previous_root.pk != home.pk
            and not previous_root.get_children().exists()
        ):
            previous_root.delete()
    ensure_page(root, HomePage, {"slug": home.slug}, data["home"]["en"], stream_fields=())

    pages = {}
    for entry in data["pages"]:
        pages[entry["key"]] = ensure_page(
            home, StandardPage, entry["sv"], entry.get("en"), stdout=stdout
        )

    for locale in (swedish_locale, english_locale):
        if SiteNavigation.objects.filter(locale=locale).exists():
            continue
        nav_data = data["navigation"][locale.language_code]
        navigation = SiteNavigation(locale=locale, footer_text=nav_data["footer_text"])
        for key in nav_data["menu"]:
            target = pages[key].get_translation_or_none(locale) or pages[key]
            navigation.menu_items.add(NavigationItem(page=target))
        for key in nav_data["footer"]:
            target = pages[key].get_translation_or_none(locale) or pages[key]
            navigation.footer_links.add(FooterLink(page=target))
        if locale != swedish_locale:
            source = SiteNavigation.objects.get(locale=swedish_locale)
            navigation.translation_key = source.translation_key
        navigation.save()
        stdout.write(f"  + {navigation}")


def add_to_menu(page, position=None):
    """Put a page (and its translations) in the main menu of each language, once."""
    for navigation in SiteNavigation.objects.all():
        target = page.get_translation_or_none(navigation.locale)
        if target is None or navigation.menu_items.filter(page=target).exists():
            continue
        items = list(navigation.menu_items.all())
        items.insert(len(items) if position is None else position, NavigationItem(page=target))
        navigation.menu_items = items
        for order, item in enumerate(items):
            item.sort_order = order
        navigation.save()
