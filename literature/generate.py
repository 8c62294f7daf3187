"""Synthetic library entries for benchmarks: 20 per scale step (2,000 at scale 100), tagged."""

from django.utils.text import slugify

from pluginnovation.devtools.demo import ensure_page, read_fixture
from pluginnovation.devtools.generate import (
    ENGLISH_WORDS,
    MARK,
    WORDS,
    create_translated,
    generator,
    homes,
    rng_for,
    text,
)

from .models import (
    EvidenceLabel,
    LiteratureIndexPage,
    LiteraturePage,
    LiteratureTag,
    PublicationType,
    TaggedLiterature,
    Taxonomy,
)

ENTRIES_PER_SCALE = 20
SURNAMES = ["Andersson", "Berg", "Lind", "Holm", "Nyström", "Smith", "Jones", "Virtanen"]


def _index_pages():
    home_sv, home_en = homes()
    index = LiteratureIndexPage.objects.filter(locale=home_sv.locale).first()
    if index is None:
        data = read_fixture("literature.toml")["index"]
        index = ensure_page(home_sv, LiteratureIndexPage, data["sv"], data["en"], stream_fields=())
    return index, index.get_translation(home_en.locale)


def _tags(scale):
    """The taxonomies' real tags plus synthetic ones, so facets have many options."""
    data = read_fixture("literature.toml")["tags"]
    tags = []
    for taxonomy, labels in data.items():
        for name, name_en in labels:
            tag, _ = LiteratureTag.objects.get_or_create(
                slug=slugify(name),
                defaults={"name": name, "name_en": name_en, "taxonomy": taxonomy},
            )
            tags.append(tag)
    taxonomies = [Taxonomy.SCHOOL_LEVEL, Taxonomy.THEME, Taxonomy.TARGET_GROUP]
    synthetic = [
        LiteratureTag(
            name=f"{MARK} tagg {number}",
            name_en=f"{MARK} tag {number}",
            slug=f"syntet-tagg-{number}",
            taxonomy=taxonomies[number % len(taxonomies)],
        )
        for number in range(max(scale // 2, 1))
    ]
    return tags + LiteratureTag.objects.bulk_create(synthetic)


@generator(order=50)
def literature_entries(scale):
    rng = rng_for("literature")
    index_sv, index_en = _index_pages()
    count = ENTRIES_PER_SCALE * scale
    facts = [
        {
            "year": rng.randint(1995, 2024),
            "authors": "\n".join(
                f"{rng.choice(SURNAMES)}, {chr(65 + rng.randint(0, 25))}."
                for _ in range(rng.randint(1, 4))
            ),
            "type": rng.choice(PublicationType.values),
            "evidence": rng.choice(EvidenceLabel.values),
            "title": text(rng, WORDS, 6),
            "title_en": text(rng, ENGLISH_WORDS, 6),
            "summary": text(rng, WORDS, 40),
            "summary_en": text(rng, ENGLISH_WORDS, 40),
        }
        for _ in range(count)
    ]

    def build(i, lang):
        item = facts[i]
        return LiteraturePage(
            title=f"{MARK} {item['title'] if lang == 'sv' else item['title_en']} {i}",
            slug=f"syntet-litteratur-{i}",
            authors=item["authors"],
            year=item["year"],
            publication_type=item["type"],
            evidence_label=item["evidence"],
            work_language=lang,
            summary=item["summary"] if lang == "sv" else item["summary_en"],
        )

    created = create_translated(index_sv, index_en, build, count)
    tags = _tags(scale)
    chosen = [rng.sample(tags, rng.randint(2, 6)) for _ in range(count)]
    pages = LiteraturePage.objects.filter(slug__startswith="syntet-litteratur-").values_list(
        "pk", "slug"
    )
    taggings = [
        TaggedLiterature(content_object_id=pk, tag=tag)
        for pk, slug in pages
        for tag in chosen[int(slug.rsplit("-", 1)[1])]
    ]
    TaggedLiterature.objects.bulk_create(taggings, batch_size=1000)
    return created
