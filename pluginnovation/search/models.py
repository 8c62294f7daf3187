from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One live page as search sees it: its title, text for excerpts, kind and date.

    Kept in step by the "lemmas" search backend (see backend.py) through Wagtail's own index
    signals; `manage.py update_index` rebuilds it.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    title = models.TextField(_("title"))
    summary = models.TextField(_("summary"), blank=True)
    text = models.TextField(_("text"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            models.Index(fields=["locale", "kind"], name="sitesearch_locale_kind"),
            # Suggestions are titles in alphabetical order: read in that order, the first few
            # that match are found without sorting every candidate.
            models.Index(fields=["locale", "title", "page"], name="sitesearch_locale_title"),
        ]

    def __str__(self):
        return self.title


class SearchTerm(models.Model):
    """A lemma (or word form) of a document, with how strongly the document is about it.

    The document's locale and kind are copied onto each of its terms, so that matching,
    ranking and counting by kind read this table's index alone, never the documents.
    """

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="terms")
    # Indexed below, as the first column of both of this table's search indexes.
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    term = models.CharField(_("term"), max_length=60)
    in_title = models.BooleanField(_("in title"), default=False)
    weight = models.PositiveIntegerField(_("weight"), default=1)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(fields=["term", "document"], name="sitesearch_term_document")
        ]
        indexes = [
            # Everything a search reads, so the database answers from the index alone.
            models.Index(
                fields=["locale", "term", "document", "in_title", "weight", "kind"],
                name="sitesearch_term_match",
            ),
            # Suggestions look title words up by prefix (LIKE 'stud%'); PostgreSQL needs pattern
            # ops for that, other databases ignore them.
            models.Index(
                fields=["locale", "term", "document"],
                name="sitesearch_title_prefix",
                opclasses=["int4_ops", "varchar_pattern_ops", "int4_ops"],
                condition=models.Q(in_title=True),
            ),
        ]

    def __str__(self):
        return self.term
