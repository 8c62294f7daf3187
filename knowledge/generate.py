"""Synthetic articles and research summaries for benchmarks (500 at scale 100)."""

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

from .models import ArticlePage, KnowledgeIndexPage, SuccessFactorPage


def tag(pages, factors, rng):
    """Link each page to one or two factors of its language, as an editor would."""
    through = ArticlePage.success_factors.through
    if not factors:
        return
    rows = []
    for page in pages:
        for factor in rng.sample(factors, k=min(len(factors), rng.choice((1, 2)))):
            rows.append(through(articlepage_id=page.pk, successfactorpage_id=factor.pk))
    through.objects.bulk_create(rows, batch_size=1000)


@generator(order=10)
def articles(scale):
    index_sv, index_en = translated_index(KnowledgeIndexPage)
    if index_sv is None:
        return 0
    rng = rng_for("articles")
    count = 5 * scale
    plan = [
        (
            rng.choice(("article", "article", "research_summary")),
            datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randrange(4700)),
        )
        for _ in range(count)
    ]

    def build(i, lang):
        words = WORDS if lang == "sv" else ENGLISH_WORDS
        kind, day = plan[i]
        return ArticlePage(
            title=f"{MARK} {text(rng, words, 5)} {i}",
            slug=f"syntet-artikel-{i}",
            kind=kind,
            lead=text(rng, words, 30),
            publication_date=day,
            body=[
                ("heading", {"text": text(rng, words, 4), "level": "h2"}),
                ("paragraph", f"<p>{text(rng, words, 120)}</p>"),
            ],
        )

    swedish = bulk_create_pages(index_sv, [build(i, "sv") for i in range(count)])
    english = []
    for i, source in enumerate(swedish):
        page = build(i, "en")
        page.translation_key = source.translation_key
        page.locale_id = index_en.locale_id
        english.append(page)
    bulk_create_pages(index_en, english)
    for pages, index in ((swedish, index_sv), (english, index_en)):
        tag(pages, list(SuccessFactorPage.objects.child_of(index)), rng_for("articles-tags"))
    return 2 * count
