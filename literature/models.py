import datetime

from django import forms
from django.db import models
from django.db.models import F, Value
from django.utils import translation
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
from pluginnovation.site.pages import SitePageManager
from pluginnovation.site.taxonomy import TaggedPageMixin

from . import citations
from .choices import PUBLIC_TAXONOMIES, EvidenceLabel, PublicationType, Taxonomy, WorkLanguage
from .facets import LibraryListing
from .feeds import literature_feed
from .forms import LiteraturePageForm
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


def author_data(name):
    """A schema.org author: an organisation, or a person written "Surname, Given names"."""
    if citations.is_organisation(name):
        return {"@type": "Organization", "name": name}
    family, _, given = (part.strip() for part in name.partition(","))
    return {"@type": "Person", "name": name, "familyName": family, "givenName": given}


class LiteratureIndexPage(RoutablePageMixin, Page):
    """ "Litteratur": the library, browsed by facets, with feeds and citation export."""

    objects = SitePageManager()

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
        listing = LibraryListing(self, request.GET)
        filters = SimpleLazyObject(lambda: listing.filters)  # worked out when the template asks
        return self.render(request, context_overrides={"listing": listing, "filters": filters})

    @path("feed/")
    def feed_view(self, request):
        return literature_feed(self, request, LibraryListing(self, request.GET))

    @path("export/ris/")
    def export_ris_view(self, request):
        entries = LibraryListing(self, request.GET).all_results()
        text = citations.ris_text(entries, self.locale.language_code)
        return citations.ris_download(text, "litteratur")

    @path("export/bibtex/")
    def export_bibtex_view(self, request):
        entries = LibraryListing(self, request.GET).all_results()
        text = citations.bibtex_text(entries, self.locale.language_code)
        return citations.bibtex_download(text, "litteratur")


class LiteraturePage(TaggedPageMixin, RoutablePageMixin, ReviewMixin, Page):
    """One reference in the library."""

    objects = SitePageManager()

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
    volume = models.CharField(_("volume"), max_length=30, blank=True)
    issue = models.CharField(_("issue"), max_length=30, blank=True)
    pages = models.CharField(_("pages"), max_length=30, blank=True, help_text=_("e.g. 949–967"))
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 10.1111/…; a doi: prefix or a doi.org address is removed on saving."),
    )
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    issn = models.CharField(
        _("ISSN"), max_length=20, blank=True, help_text=_("The journal's or series' ISSN.")
    )
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
                    FieldPanel("volume"),
                    FieldPanel("issue"),
                    FieldPanel("pages"),
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
                    FieldPanel("issn"),
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
        SynchronizedField("issn"),
        SynchronizedField("volume"),
        SynchronizedField("issue"),
        SynchronizedField("pages"),
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
        APIField("volume"),
        APIField("issue"),
        APIField("pages"),
        APIField("doi"),
        APIField("isbn"),
        APIField("issn"),
        APIField("work_language"),
        APIField("external_url"),
        APIField("evidence_label"),
        APIField("tag_labels"),
        APIField("summary"),
    ]

    parent_page_types = ["literature.LiteratureIndexPage"]
    subpage_types = []
    base_form_class = LiteraturePageForm
    page_description = _("One reference in the literature library.")

    class Meta:
        verbose_name = _("literature entry")
        verbose_name_plural = _("literature entries")
        # The home page's "chosen first, then the newest": 27 ms to 3 ms at scale 100.
        indexes = [
            models.Index(F("featured").desc(), F("year").desc(), name="literature_featured_newest"),
            # What the library's year and evidence counts and its "newest first" read of every
            # entry: PostgreSQL answers them from this index alone, joined to the index page's
            # children (see the site's page tree index), without reading the entries' rows
            # (6.6 -> 2.7 ms for the counts at 2,000 entries per language).
            models.Index(
                fields=["page_ptr", "year", "evidence_label"], name="literature_listing_idx"
            ),
        ]

    @property
    def authors_list(self):
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    def save(self, *args, **kwargs):
        # One stored form, whatever an editor or a reference manager typed.
        self.doi = citations.normalise_doi(self.doi)
        super().save(*args, **kwargs)

    @property
    def tag_labels(self):
        """The public tags labelled in this entry's language (the API has no active one)."""
        language = self.locale.language_code
        return [
            {"slug": tag.slug, "label": tag.label_in(language), "taxonomy": tag.taxonomy}
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
        language = translation.get_language()
        return sorted(
            (tag for tag in tags if tag.taxonomy != Taxonomy.UNCLASSIFIED),
            key=lambda tag: (order.get(tag.taxonomy, 99), tag.label_in(language).casefold()),
        )

    def formatted_reference(self):
        return citations.formatted_reference(self)

    def structured_data(self, request):
        """The work itself (schema.org), not the page about it: the site's metadata makes the
        page a `WebPage` in the page's language whose main entity this is."""
        schema_type = citations.SCHEMA_TYPES.get(self.publication_type, "CreativeWork")
        data = {
            "@type": schema_type,
            "name": self.title,
            "headline": self.title,
            "author": [author_data(name) for name in self.authors_list],
            "datePublished": str(self.year),
            "inLanguage": self.work_language,
            "abstract": self.summary,
            "sameAs": citations.doi_url(self.doi),
            "url": self.external_url,
        }
        first, last = citations.split_pages(self.pages)
        if self.publication_type == PublicationType.ARTICLE:
            data["isPartOf"] = self._periodical()
            data.update(pageStart=first, pageEnd=last)
        elif self.publication_type == PublicationType.CHAPTER and self.source:
            data["isPartOf"] = {"@type": "Book", "name": self.source}
            data.update(pageStart=first, pageEnd=last)
        else:
            if self.source:
                data["publisher"] = {"@type": "Organization", "name": self.source}
            data["isbn"] = self.isbn
            data["issn"] = self.issn
        return {key: value for key, value in data.items() if value not in (None, "", [])}

    def _periodical(self):
        """The journal, and the volume and issue in it, as schema.org nests them."""
        if not self.source and not self.issn:
            return None
        part = {"@type": "Periodical", "name": self.source or None, "issn": self.issn or None}
        part = {key: value for key, value in part.items() if value}
        if self.volume:
            part = {"@type": "PublicationVolume", "volumeNumber": self.volume, "isPartOf": part}
        if self.issue:
            part = {"@type": "PublicationIssue", "issueNumber": self.issue, "isPartOf": part}
        return part

    @cached_property
    def index_page(self):
        """The library (for its title and address: the generic page is enough)."""
        return self.get_parent()

    @path("")
    def entry_view(self, request):
        return self.render(request)

    @path("cite/ris/")
    def cite_ris_view(self, request):
        text = citations.ris_text([self], self.locale.language_code)
        return citations.ris_download(text, self.slug)

    @path("cite/bibtex/")
    def cite_bibtex_view(self, request):
        text = citations.bibtex_text([self], self.locale.language_code)
        return citations.bibtex_download(text, self.slug)
