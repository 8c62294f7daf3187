"""Synthetic content for benchmarks: each content app registers a generator here.

A generator takes the scale and returns how many pages it created. Everything it creates is
marked as synthetic in its title ("[syntet]"), in Swedish and in English.
"""

import random

from wagtail.models import Locale

from pluginnovation.devtools.bulk import bulk_create_pages
from pluginnovation.site.models import HomePage, StandardPage

GENERATORS = []
MARK = "[syntet]"
WORDS = [
    "elev",
    "elever",
    "eleverna",
    "skola",
    "skolan",
    "gymnasieskola",
    "gymnasieskolan",
    "studieavbrott",
    "studieavbrotten",
    "mentorskap",
    "mentorskapet",
    "kommun",
    "kommunerna",
    "närvaro",
    "frånvaro",
    "uppföljning",
    "samverkan",
    "bemötande",
    "relationer",
    "flexibilitet",
    "coachning",
    "vägledning",
    "studiestöd",
    "lärmiljö",
    "introduktionsprogram",
    "yrkesprogram",
    "projektverkstad",
    "fallstudie",
    "forskning",
    "kunskap",
]
ENGLISH_WORDS = [
    "student",
    "students",
    "school",
    "schools",
    "dropout",
    "dropouts",
    "mentoring",
    "municipality",
    "municipalities",
    "attendance",
    "absence",
    "follow-up",
    "cooperation",
    "relationships",
    "flexibility",
    "coaching",
    "guidance",
    "support",
    "learning",
    "environment",
    "programme",
    "workshop",
    "case",
    "study",
    "research",
    "knowledge",
]


def generator(order):
    def register(func):
        GENERATORS.append((order, func))
        return func

    return register


def text(rng, words, count):
    return " ".join(rng.choice(words) for _ in range(count)).capitalize() + "."


def rng_for(name):
    return random.Random(f"pluginnovation-{name}")  # noqa: S311 - repeatable, not security


def homes():
    """The Swedish and English home pages the synthetic content hangs under."""
    swedish = HomePage.objects.get(locale=Locale.get_default())
    english = swedish.get_translation(Locale.objects.get(language_code="en"))
    return swedish, english


def translated_index(model):
    """The Swedish index page of `model` and its English translation, or (None, None) when
    the demo content that creates them has not been loaded."""
    swedish = model.objects.filter(locale=Locale.get_default()).first()
    english_locale = Locale.objects.filter(language_code="en").first()
    english = swedish and english_locale and swedish.get_translation_or_none(english_locale)
    return (swedish, english) if english else (None, None)


def create_translated(parent_sv, parent_en, build, count):
    """Create `count` Swedish pages and their English translations with `build(i, lang)`."""
    swedish = bulk_create_pages(parent_sv, [build(i, "sv") for i in range(count)])
    english = []
    for i, source in enumerate(swedish):
        page = build(i, "en")
        page.translation_key = source.translation_key
        page.locale_id = parent_en.locale_id
        english.append(page)
    bulk_create_pages(parent_en, english)
    return 2 * count


@generator(order=0)
def standard_pages(scale):
    rng = rng_for("standard")
    home_sv, home_en = homes()

    def build(i, lang):
        words = WORDS if lang == "sv" else ENGLISH_WORDS
        return StandardPage(
            title=f"{MARK} {text(rng, words, 4)} {i}",
            slug=f"syntet-sida-{i}",
            lead=text(rng, words, 20),
            body=[("paragraph", f"<p>{text(rng, words, 80)}</p>")],
        )

    return create_translated(home_sv, home_en, build, 5 * scale)
