"""Tags in the library's taxonomies, and their links to entries.

Models of the literature app, kept apart from the pages so that the facets can count tags
without importing the page models (which route to the facets).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TagBase, TaggedItemBase

from .choices import Taxonomy


class LiteratureTag(TagBase):
    """A tag in one taxonomy; `name` is the Swedish label, `name_en` the English one."""

    name_en = models.CharField(_("English label"), max_length=100, blank=True)
    taxonomy = models.CharField(
        _("taxonomy"), max_length=20, choices=Taxonomy.choices, default=Taxonomy.UNCLASSIFIED
    )

    class Meta:
        verbose_name = _("literature tag")
        verbose_name_plural = _("literature tags")
        ordering = ["taxonomy", "name"]
        permissions = [("import_literature", _("Can import literature from RIS or BibTeX"))]

    def __str__(self):
        return self.name

    def label_in(self, language):
        """The label in `language` (Swedish when no English label is set)."""
        if language == "en" and self.name_en:
            return self.name_en
        return self.name

    def label_language_in(self, language):
        """The language `label_in(language)` is written in, for a `lang` attribute."""
        return "en" if language == "en" and self.name_en else "sv"


class TaggedLiterature(TaggedItemBase):
    tag = models.ForeignKey(LiteratureTag, on_delete=models.CASCADE, related_name="tagged_items")
    content_object = ParentalKey(
        "literature.LiteraturePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("literature tagging")
        verbose_name_plural = _("literature taggings")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_literature_tag")
        ]


def _normal(label):
    return " ".join(label.casefold().split())


def _within(first, second, limit):
    """Whether the edit distance (insert, delete, replace a letter) is at most `limit`."""
    if abs(len(first) - len(second)) > limit:
        return False
    previous = list(range(len(second) + 1))
    for row, letter in enumerate(first, 1):
        current = [row]
        for column, other in enumerate(second, 1):
            current.append(
                min(
                    previous[column] + 1,
                    current[column - 1] + 1,
                    previous[column - 1] + (letter != other),
                )
            )
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def similar_tags(name, tags):
    """The tags among `tags` that `name` is probably a slip for: the same label in either
    language but for case and spacing, or one letter apart (two in a label of twelve or more;
    none in a label of three or fewer)."""
    typed = _normal(name)
    found = []
    for tag in tags:
        for label in filter(None, (tag.name, tag.name_en)):
            known = _normal(label)
            shorter = min(len(typed), len(known))
            limit = 0 if shorter <= 3 else 1 if shorter < 12 else 2
            if _within(typed, known, limit):
                found.append(tag)
                break
    return found
