import datetime

from django import forms
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pluginnovation.cache import remember
from pluginnovation.editorial import ReviewMixin


class Taxonomy(models.TextChoices):
    SCHOOL_LEVEL = "skolform", _("School level")
    THEME = "tema", _("Theme")
    TARGET_GROUP = "malgrupp", _("Target group")
    GEOGRAPHY = "geografi", _("Geography")
    KIND = "typ", _("Type")
    # Keywords an import did not recognise wait here until an editor classifies them; readers
    # never see this taxonomy.
    UNCLASSIFIED = "oklassad", _("To classify")


PUBLIC_TAXONOMIES = [choice for choice in Taxonomy if choice != Taxonomy.UNCLASSIFIED]


class PublicationType(models.TextChoices):
    ARTICLE = "article", _("Journal article")
    BOOK = "book", _("Book")
    CHAPTER = "chapter", _("Book chapter")
    REPORT = "report", _("Report")
    THESIS = "thesis", _("Doctoral thesis")
    POLICY = "policy", _("Policy document or curriculum")
    OTHER = "other", _("Other")


class WorkLanguage(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    NORWEGIAN = "no", _("Norwegian")
    DANISH = "da", _("Danish")
    FINNISH = "fi", _("Finnish")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")


class EvidenceLabel(models.TextChoices):
    REVIEW = "review", _("Systematic review or knowledge overview")
    STUDY = "study", _("Research study")
    EVALUATION = "evaluation", _("Evaluation")
    PROJECT_REPORT = "project_report", _("Project report")
    PRACTICE = "practice", _("Practitioner experience")


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

    @property
    def label(self):
        """The label in the reader's language (Swedish when no English label is set)."""
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def label_language(self):
        """The language `label` is written in, for a `lang` attribute."""
        return "en" if translation.get_language() == "en" and self.name_en else "sv"


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


class LiteratureIndexPage(RoutablePageMixin, Page):
    """ "Litteratur": the library, browsed by facets, with feeds and citation export."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["pluginnovation.HomePage"]
    subpage_types = ["literature.LiteraturePage"]
    max_count_per_parent = 1
    page_description = _("The literature library, with facets, feeds and citation export.")

    # Typical filtered and feed suffixes, measured by `make bench`.
    BENCH_PATHS = [
        "",
        "?tag=gymnasieskolan",
        "?tag=gymnasieskolan&tag=forskning&sort=title",
        "?evidence=review&year_from=2000",
        "feed/",
        "export/ris/?tag=sverige",
    ]

    class Meta:
        verbose_name = _("literature index page")
        verbose_name_plural = _("literature index pages")

    def browse(self, request):
        from .facets import Browse

        return Browse(self, request)

    @path("")
    def index_view(self, request):
        browse = self.browse(request)
        return self.render(request, context_overrides={"browse": browse})

    @path("feed/")
    def feed_view(self, request):
        from .feeds import literature_feed

        return literature_feed(self, request, self.browse(request))

    @path("export/ris/")
    def export_ris_view(self, request):
        from .citations import ris_download, ris_text

        return ris_download(self.export_text(request, ris_text), "litteratur")

    @path("export/bibtex/")
    def export_bibtex_view(self, request):
        from .citations import bibtex_download, bibtex_text

        return bibtex_download(self.export_text(request, bibtex_text), "litteratur")

    def export_text(self, request, write):
        """The whole selection, written once per content version: a large one is slow."""
        browse = self.browse(request)
        key = f"literature-export:{write.__name__}:{self.pk}:{browse.filter_query}"
        return remember(key, lambda: write(browse.all_results()))


class LiteraturePage(RoutablePageMixin, ReviewMixin, Page):
    """One reference in the library."""

    authors = models.TextField(
        _("authors"),
        help_text=_(
            "One author per line, in the order and form of the publication, "
            "e.g. 'Hamre, B. K.' or an organisation."
        ),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    publication_type = models.CharField(
        _("publication type"), max_length=20, choices=PublicationType.choices
    )
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Publisher, journal or organisation."),
    )
    work_language = models.CharField(
        _("language of the work"),
        max_length=5,
        blank=True,
        choices=WorkLanguage.choices,
        help_text=_("The language the title and text of the work are written in."),
    )
    summary = models.TextField(_("summary"), blank=True)
    external_url = models.URLField(_("URL"), blank=True, max_length=500)
    doi = models.CharField(_("DOI"), max_length=200, blank=True, help_text=_("e.g. 10.1111/…"))
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only when the library may share the work."),
    )
    evidence_label = models.CharField(
        _("evidence label"), max_length=20, choices=EvidenceLabel.choices, blank=True
    )
    success_factors = ParentalManyToManyField(
        "knowledge.SuccessFactorPage",
        blank=True,
        related_name="+",
        verbose_name=_("success factors"),
    )
    featured = models.BooleanField(
        _("show on the home page"),
        default=False,
        help_text=_("Chosen entries come first in the home page's examples of literature."),
    )
    tags = ClusterTaggableManager(
        through=TaggedLiterature, blank=True, verbose_name=_("tags"), related_name="+"
    )

    content_panels = (
        Page.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("authors"),
                    FieldPanel("year"),
                    FieldPanel("publication_type"),
                    FieldPanel("source"),
                    FieldPanel("work_language"),
                ],
                heading=_("Reference"),
            ),
            FieldPanel("summary"),
            MultiFieldPanel(
                [
                    FieldPanel("external_url"),
                    FieldPanel("doi"),
                    FieldPanel("isbn"),
                    FieldPanel("document"),
                ],
                heading=_("Where to find it"),
            ),
            FieldPanel("evidence_label"),
            FieldPanel("success_factors", widget=forms.CheckboxSelectMultiple),
            FieldPanel("tags"),
            FieldPanel("featured"),
        ]
        + ReviewMixin.review_panels
    )

    search_fields = Page.search_fields + [
        index.SearchField("authors"),
        index.SearchField("summary"),
        index.SearchField("source"),
        index.FilterField("year"),
    ]

    override_translatable_fields = [
        SynchronizedField("authors"),
        SynchronizedField("year"),
        SynchronizedField("publication_type"),
        SynchronizedField("work_language"),
        SynchronizedField("external_url"),
        SynchronizedField("doi"),
        SynchronizedField("isbn"),
        SynchronizedField("document"),
        SynchronizedField("evidence_label"),
        SynchronizedField("success_factors"),
        SynchronizedField("tags"),
        SynchronizedField("featured"),
        TranslatableField("source"),
        TranslatableField("summary"),
    ]

    api_fields = [
        APIField("authors_list"),
        APIField("year"),
        APIField("publication_type"),
        APIField("source"),
        APIField("doi"),
        APIField("isbn"),
        APIField("external_url"),
        APIField("evidence_label"),
        APIField("tag_labels"),
        APIField("summary"),
    ]

    parent_page_types = ["literature.LiteratureIndexPage"]
    subpage_types = []
    page_description = _("One reference in the literature library.")

    class Meta:
        verbose_name = _("literature entry")
        verbose_name_plural = _("literature entries")

    @property
    def authors_list(self):
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    @property
    def tag_labels(self):
        return [
            {"slug": tag.slug, "label": tag.label, "taxonomy": tag.taxonomy}
            for tag in self.sorted_tags()
        ]

    @property
    def listing_date(self):
        return datetime.date(self.year, 1, 1)

    @property
    def listing_summary(self):
        return self.summary

    def sorted_tags(self):
        """Public tags grouped by taxonomy in its fixed order."""
        order = {choice.value: position for position, choice in enumerate(Taxonomy)}
        in_memory = "tagged_items" in getattr(
            self, "_cluster_related_objects", {}
        ) or "tagged_items" in getattr(self, "_prefetched_objects_cache", {})
        if self.pk and not in_memory:
            # One query for the tags rather than one per tagging.
            tags = list(LiteratureTag.objects.filter(tagged_items__content_object_id=self.pk))
        else:
            tags = [item.tag for item in self.tagged_items.all()]
        return sorted(
            (tag for tag in tags if tag.taxonomy != Taxonomy.UNCLASSIFIED),
            key=lambda tag: (order.get(tag.taxonomy, 99), tag.label.casefold()),
        )

    def formatted_reference(self):
        from .citations import formatted_reference

        return formatted_reference(self)

    def structured_data(self, request):
        from .citations import SCHEMA_TYPES

        data = {
            "@type": SCHEMA_TYPES.get(self.publication_type, "CreativeWork"),
            "name": self.title,
            "author": [
                {"@type": "Person" if "," in name else "Organization", "name": name}
                for name in self.authors_list
            ],
            "datePublished": str(self.year),
            "url": self.get_full_url(request),
        }
        if self.summary:
            data["abstract"] = self.summary
        if self.source:
            data["publisher"] = {"@type": "Organization", "name": self.source}
        if self.doi:
            data["sameAs"] = f"https://doi.org/{self.doi}"
        if self.isbn:
            data["isbn"] = self.isbn
        return data

    @cached_property
    def index_page(self):
        return self.get_parent().specific

    @path("")
    def entry_view(self, request):
        return self.render(request)

    @path("cite/ris/")
    def cite_ris_view(self, request):
        from .citations import ris_response

        return ris_response([self], self.slug)

    @path("cite/bibtex/")
    def cite_bibtex_view(self, request):
        from .citations import bibtex_response

        return bibtex_response([self], self.slug)
