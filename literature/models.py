import datetime

from django import forms
from django.db import models
from django.db.models import Value
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pluginnovation.editorial.reports import ReviewMixin
from pluginnovation.site.taxonomy import TaggedPageForm, factors_of

from . import citations
from .choices import PUBLIC_TAXONOMIES, EvidenceLabel, PublicationType, Taxonomy, WorkLanguage
from .facets import Browse
from .feeds import literature_feed
from .tags import LiteratureTag, TaggedLiterature

# Re-exported: the importer, the admin views, the demo and the generator import them from here.
__all__ = [
    "PUBLIC_TAXONOMIES",
    "EvidenceLabel",
    "LiteratureTag",
    "PublicationType",
    "TaggedLiterature",
    "Taxonomy",
    "WorkLanguage",
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

    class Meta:
        verbose_name = _("literature index page")
        verbose_name_plural = _("literature index pages")

    def entries(self):
        """The live, public entries of this library."""
        return LiteraturePage.objects.child_of(self).live().public()

    @path("")
    def index_view(self, request):
        browse = Browse(self, request)
        filters = SimpleLazyObject(lambda: browse.filters)  # worked out when the template asks
        return self.render(request, context_overrides={"browse": browse, "filters": filters})

    @path("feed/")
    def feed_view(self, request):
        return literature_feed(self, request, Browse(self, request))

    @path("export/ris/")
    def export_ris_view(self, request):
        entries = Browse(self, request).all_results()
        return citations.ris_download(citations.ris_text(entries), "litteratur")

    @path("export/bibtex/")
    def export_bibtex_view(self, request):
        entries = Browse(self, request).all_results()
        return citations.bibtex_download(citations.bibtex_text(entries), "litteratur")


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
    base_form_class = TaggedPageForm
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

    @classmethod
    def listing_sort_key(cls):
        """`listing_date` (1 January of the year) as YYYYMMDD."""
        return models.F("year") * 10000 + Value(101)

    listing_summary_field = "summary"

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
        return citations.formatted_reference(self)

    @cached_property
    def localized_success_factors(self):
        """The live, public success factors in this entry's language."""
        return list(factors_of(self))

    def structured_data(self, request):
        data = {
            "@type": citations.SCHEMA_TYPES.get(self.publication_type, "CreativeWork"),
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
        """The library (for its title and address: the generic page is enough)."""
        return self.get_parent()

    @path("")
    def entry_view(self, request):
        return self.render(request)

    @path("cite/ris/")
    def cite_ris_view(self, request):
        return citations.ris_response([self], self.slug)

    @path("cite/bibtex/")
    def cite_bibtex_view(self, request):
        return citations.bibtex_response([self], self.slug)
