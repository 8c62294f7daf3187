"""Demo content for the knowledge section, from fixtures/knowledge.toml."""

import datetime

from pluginnovation.devtools.demo import (
    add_to_menu,
    ensure_page,
    home_page,
    loader,
    locales,
    read_fixture,
)

from .models import ArticlePage, KnowledgeIndexPage, SuccessFactorPage


@loader(order=10)
def load_knowledge(stdout):
    data = read_fixture("knowledge.toml")
    _swedish, english = locales()
    index = ensure_page(
        home_page("sv"),
        KnowledgeIndexPage,
        data["index"]["sv"],
        data["index"]["en"],
        stdout=stdout,
    )
    add_to_menu(index)

    factors = {}
    for entry in data["factors"]:
        factors[entry["key"]] = ensure_page(
            index,
            SuccessFactorPage,
            dict(entry["sv"]),
            dict(entry["en"]),
            stdout=stdout,
        )

    for entry in data["articles"]:
        swedish = dict(entry["sv"])
        # Only a date the source gives; an undated text shows no date at all.
        if "date" in entry:
            swedish["publication_date"] = datetime.date.fromisoformat(entry["date"])
        if "editor_note" in entry:
            swedish["editor_note"] = entry["editor_note"].strip()
        chosen = [factors[key] for key in entry.get("factors", [])]
        swedish["success_factors"] = chosen
        translated = dict(entry["en"])
        translated["success_factors"] = [
            factor.get_translation_or_none(english) or factor for factor in chosen
        ]
        ensure_page(
            index,
            ArticlePage,
            swedish,
            translated,
            publish=not entry.get("draft", False),
            stdout=stdout,
        )
