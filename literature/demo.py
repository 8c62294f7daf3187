"""The library's demo content: tag taxonomies and the five entries of seed 001."""

from django.db import transaction
from django.utils.text import slugify

from pluginnovation.devtools.demo import add_to_menu, ensure_page, home_page, loader, read_fixture

from .models import LiteratureIndexPage, LiteraturePage, LiteratureTag


@loader(order=50)
@transaction.atomic
def load_literature(stdout):
    data = read_fixture("literature.toml")
    tags = {}
    for taxonomy, labels in data["tags"].items():
        for name, name_en in labels:
            tags[name], _ = LiteratureTag.objects.get_or_create(
                slug=slugify(name),
                defaults={"name": name, "name_en": name_en, "taxonomy": taxonomy},
            )
    index = ensure_page(
        home_page("sv"),
        LiteratureIndexPage,
        data["index"]["sv"],
        data["index"]["en"],
        stream_fields=(),
        stdout=stdout,
    )
    for entry in data["entries"]:
        neutral = {
            key: value
            for key, value in entry.items()
            if key not in {"tags", "summary_sv", "summary_en", "authors"}
        }
        neutral["authors"] = "\n".join(entry["authors"])
        exists = LiteraturePage.objects.filter(slug=entry["slug"]).exists()
        swedish = {**neutral, "summary": entry["summary_sv"]}
        english = {**neutral, "summary": entry["summary_en"]}
        page = ensure_page(index, LiteraturePage, swedish, None, stream_fields=(), stdout=stdout)
        if not exists:
            page.tags.set([tags[name] for name in entry["tags"]])
            page.save_revision().publish()
        ensure_page(index, LiteraturePage, swedish, english, stream_fields=(), stdout=stdout)
    add_to_menu(index)
