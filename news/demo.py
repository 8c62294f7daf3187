"""Demo news ("Aktuellt") from fixtures/news.toml, tagged with the knowledge section's factors."""

import datetime

from pluginnovation.devtools.demo import (
    add_to_menu,
    ensure_page,
    home_page,
    loader,
    locales,
    read_fixture,
)
from pluginnovation.site.taxonomy import factor_model

from .models import NewsIndexPage, NewsPage


def success_factors(keys, locale):
    """The factors named by their key in knowledge.toml, found by their Swedish slug."""
    slugs = {
        entry["key"]: entry["sv"]["slug"] for entry in read_fixture("knowledge.toml")["factors"]
    }
    factors = []
    for key in keys:
        factor = factor_model().objects.filter(slug=slugs[key], locale__language_code="sv").first()
        if factor:
            factors.append(factor.get_translation_or_none(locale) or factor)
    return factors


@loader(order=40)
def load_news(stdout):
    data = read_fixture("news.toml")
    swedish_locale, english_locale = locales()
    index = ensure_page(
        home_page("sv"),
        NewsIndexPage,
        data["index"]["sv"],
        data["index"]["en"],
        stdout=stdout,
    )
    add_to_menu(index)

    for entry in data["news"]:
        swedish = dict(entry["sv"])
        if "date" in entry:
            swedish["date"] = datetime.date.fromisoformat(entry["date"])
        swedish["success_factors"] = success_factors(entry.get("factors", []), swedish_locale)
        translated = dict(entry["en"])
        translated["success_factors"] = success_factors(entry.get("factors", []), english_locale)
        ensure_page(index, NewsPage, swedish, translated, stdout=stdout)
