"""Synthetic news for benchmarks (3,000 items at scale 100)."""

import datetime

from pluginnovation.devtools.bulk import bulk_create_pages
from pluginnovation.devtools.generate import (
    ENGLISH_WORDS,
    MARK,
    WORDS,
    generator,
    rng_for,
    text,
    translated_index,
)
from pluginnovation.site.taxonomy import success_factors

from .models import NewsIndexPage, NewsPage


def tag(pages, factors, rng):
    """Every fourth item is linked to a success factor of its language."""
    through = NewsPage.success_factors.through
    rows = [
        through(newspage_id=page.pk, successfactorpage_id=rng.choice(factors).pk)
        for number, page in enumerate(pages)
        if factors and number % 4 == 0
    ]
    through.objects.bulk_create(rows, batch_size=1000)


@generator(order=40)
def news(scale):
    index_sv, index_en = translated_index(NewsIndexPage)
    if index_sv is None:
        return 0
    rng = rng_for("news")
    count = 30 * scale
    days = [
        datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randrange(4700))
        for _ in range(count)
    ]

    def build(i, lang):
        words = WORDS if lang == "sv" else ENGLISH_WORDS
        return NewsPage(
            title=f"{MARK} {text(rng, words, 5)} {i}",
            slug=f"syntet-nyhet-{i}",
            date=days[i],
            lead=text(rng, words, 25),
            body=[("paragraph", f"<p>{text(rng, words, 80)}</p>")],
        )

    swedish = bulk_create_pages(index_sv, [build(i, "sv") for i in range(count)])
    english = []
    for i, source in enumerate(swedish):
        page = build(i, "en")
        page.translation_key = source.translation_key
        page.locale_id = index_en.locale_id
        english.append(page)
    bulk_create_pages(index_en, english)
    for pages, locale_id in ((swedish, index_sv.locale_id), (english, index_en.locale_id)):
        tag(pages, list(success_factors(locale_id)), rng_for("news-tags"))
    return 2 * count
