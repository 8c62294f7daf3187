"""Demo content for the knowledge section, from fixtures/knowledge.toml."""

import datetime
import re

from pluginnovation.demo import (
    add_to_menu,
    ensure_page,
    home_page,
    loader,
    locales,
    read_fixture,
    text_to_blocks,
)

from .models import ArticlePage, KnowledgeIndexPage, SuccessFactorPage

SWEDISH_PASSAGE = re.compile(r"\{sv\|(.+?)\}")


def body_blocks(text):
    """`text_to_blocks`, with "{sv|...}" in English text marked up as a Swedish passage."""
    return [
        (kind, SWEDISH_PASSAGE.sub(r'<span lang="sv">\1</span>', value))
        if isinstance(value, str)
        else (kind, value)
        for kind, value in text_to_blocks(text)
    ]


def with_body(fields):
    fields = dict(fields)
    if "body" in fields:
        fields["body"] = body_blocks(fields["body"])
    return fields


@loader(order=10)
def load_knowledge(stdout):
    data = read_fixture("knowledge.toml")
    _swedish, english = locales()
    index = ensure_page(
        home_page("sv"),
        KnowledgeIndexPage,
        data["index"]["sv"],
        data["index"]["en"],
        stream_fields=(),
        stdout=stdout,
    )
    add_to_menu(index)

    factors = {}
    for entry in data["factors"]:
        factors[entry["key"]] = ensure_page(
            index,
            SuccessFactorPage,
            with_body(entry["sv"]),
            with_body(entry["en"]),
            stream_fields=(),
            stdout=stdout,
        )

    for entry in data["articles"]:
        swedish = with_body(entry["sv"])
        if "publication_date" in swedish:
            swedish["publication_date"] = datetime.date.fromisoformat(swedish["publication_date"])
        chosen = [factors[key] for key in entry.get("factors", [])]
        swedish["success_factors"] = chosen
        translated = with_body(entry["en"])
        translated["success_factors"] = [
            factor.get_translation_or_none(english) or factor for factor in chosen
        ]
        ensure_page(index, ArticlePage, swedish, translated, stream_fields=(), stdout=stdout)
