from django import forms
from django.apps import apps
from django.db import models
from django.db.models import Count, Value
from django.db.models.functions import Coalesce
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pluginnovation.editorial.reports import ReviewMixin
from pluginnovation.openweb.serializers import SuccessFactors
from pluginnovation.site.blocks import BodyBlock
from pluginnovation.site.listing import Filter, FilterState, newest_first
from pluginnovation.site.pages import SitePageManager, private_q, public_children
from pluginnovation.site.taxonomy import (
    TaggedPageForm,
    TaggedPageMixin,
    cards,
    date_sort_key,
    factor_counts,
    factors_by_page,
    success_factors,
    tagged_pages,
    tagged_with,
)

PER_PAGE = 12

# The page types an article may point to; a type that is not installed yet is left out.
RELATED_PAGE_TYPES = [
    "knowledge.ArticlePage",
    "casestudies.CaseStudyPage",
    "literature.LiteraturePage",
]


def installed_page_types(names):
    installed = []
    for name in names:
        try:
            apps.get_model(name)
        except LookupError:
            continue
        installed.append(name)
    return installed


class RelatedPageChooserPanel(PageChooserPanel):
    """A page chooser limited to whichever of RELATED_PAGE_TYPES exist when the form is built."""

    def get_form_options(self):
        self.page_type = installed_page_types(RELATED_PAGE_TYPES)
        return super().get_form_options()


class KnowledgeIndexPage(Page):
    """ "Kunskap": the success factors, articles and research summaries."""

    objects = SitePageManager()

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel(
            "home_research_summaries",
            heading=_("Research summaries on the home page"),
            label=_("Research summary"),
            help_text=_("Leave empty to show the latest research summaries."),
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["pluginnovation.HomePage"]
    subpage_types = ["knowledge.SuccessFactorPage", "knowledge.ArticlePage"]
    max_count_per_parent = 1
    page_description = _("The knowledge section: success factors, articles, research summaries.")

    class Meta:
        verbose_name = _("knowledge index page")
        verbose_name_plural = _("knowledge index pages")

    def articles(self):
        """The live, public articles and research summaries, newest first, for cards.

        Undated texts come after the dated ones, in the order of the tree (the order of their
        source). Matched by key to `public_children`, for the listing's counts.
        """
        return (
            ArticlePage.objects.filter(pk__in=public_children(self, ArticlePage).values("pk"))
            .defer_streamfields()
            .order_by(*ArticlePage.reader_order())
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = ArticleListing(self, request.GET)
        context.update(listing=listing, filters=SimpleLazyObject(lambda: listing.filters))
        return context


class ArticleListing:
    """The articles of a knowledge index, filtered by kind and success factor.

    Worked out only when the template asks, so a page fragment cached between edits costs no
    query here.
    """

    def __init__(self, index, params):
        self.index = index
        self.params = params

    @cached_property
    def factors(self):
        return list(success_factors(self.index.locale_id))

    @cached_property
    def filters(self):
        return FilterState(
            self.params,
            [
                Filter("kind", dict(ArticlePage.Kind.choices), label=_("Kind")),
                Filter(
                    "factor",
                    {factor.slug: factor.title for factor in self.factors},
                    label=_("Success factor"),
                ),
            ],
        )

    def narrowed(self, skip=None):
        """The articles matching every chosen filter but `skip`."""
        articles = self.index.articles()
        selected = self.filters.selected
        if "kind" in selected and skip != "kind":
            articles = articles.filter(kind=selected["kind"])
        if "factor" in selected and skip != "factor":
            chosen = [factor for factor in self.factors if factor.slug == selected["factor"]]
            articles = tagged_with(articles, chosen)
        return articles

    @cached_property
    def kinds(self):
        """Kind -> how many articles of that kind the factor filter leaves."""
        rows = self.narrowed(skip="kind").order_by().values("kind").annotate(count=Count("pk"))
        return {row["kind"]: row["count"] for row in rows}

    @property
    def count(self):
        """How many articles the selection holds (from the kind counts: no query of its own)."""
        if "kind" in self.filters.selected:
            return self.kinds.get(self.filters.selected["kind"], 0)
        return sum(self.kinds.values())

    @cached_property
    def facets(self):
        """Each option counted with the other filter kept: what picking it instead would show."""
        kinds = self.kinds
        by_key = factor_counts(self.narrowed(skip="factor"))
        factors = {f.slug: by_key.get(str(f.translation_key), 0) for f in self.factors}
        icons = {factor.slug: factor.slug for factor in self.factors}
        return [self.filters.facet("kind", kinds), self.filters.facet("factor", factors, icons)]

    @cached_property
    def page(self):
        page = self.filters.paginate(self.narrowed(), PER_PAGE, count=self.count)
        # Each card shows the factors its article is tagged with (one query for the page).
        page.object_list = list(page.object_list)
        tagged = factors_by_page([article.pk for article in page.object_list], self.factors)
        for article in page.object_list:
            article.card_factors = tagged.get(article.pk, [])
        return page


class HomeResearchSummary(Orderable):
    """A research summary the editors chose for the home page."""

    index_page = ParentalKey(
        KnowledgeIndexPage, on_delete=models.CASCADE, related_name="home_research_summaries"
    )
    article = models.ForeignKey(
        "knowledge.ArticlePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("research summary"),
    )

    panels = [PageChooserPanel("article", page_type="knowledge.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("research summary on the home page")
        verbose_name_plural = _("research summaries on the home page")


class SuccessFactorPage(Page):
    """One of the five success factors of Plug In, and the hub of everything tagged with it.

    Other content types link to a factor with a `success_factors` ParentalManyToManyField to
    this model; the hub finds them by that field name, so no content app imports another.
    """

    objects = SitePageManager()

    short_name = models.CharField(
        _("short name"),
        max_length=80,
        blank=True,
        help_text=_("The everyday name of the factor, such as 'koll och uppföljning'."),
    )
    introduction = models.TextField(_("introduction"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("short_name"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("short_name"),
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []
    page_description = _("One of the five success factors, with everything tagged with it.")

    class Meta:
        verbose_name = _("success factor")
        verbose_name_plural = _("success factors")

    # A factor is a standing text, not dated news: readers see no date on it.
    publication_date = None

    @property
    def listing_date(self):
        return self.publication_date

    @property
    def listing_summary(self):
        return self.introduction

    def get_context(self, request, *args, **kwargs):
        """Everything tagged with this factor, whichever app it belongs to, newest first."""
        context = super().get_context(request, *args, **kwargs)
        filters = FilterState(request.GET, [])

        def tagged():
            page = filters.paginate(tagged_pages(self), PER_PAGE)
            page.object_list = cards(page.object_list)
            return page

        # Worked out only when the template asks (a cached page fragment does not).
        context.update(filters=filters, tagged_pages=SimpleLazyObject(tagged))
        return context


class ArticlePage(TaggedPageMixin, ReviewMixin, Page):
    """An article or a research summary (forskningssammanfattning)."""

    objects = SitePageManager()

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        RESEARCH_SUMMARY = "research_summary", _("Research summary")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    lead = models.TextField(_("lead"), help_text=_("A short introduction shown in listings too."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    publication_date = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_(
            "The date the text was first published, on this site or on the site it comes "
            "from. Shown to readers and used to sort listings; leave empty when it is not "
            "known: readers then see no date (never the day the page was created here)."
        ),
    )
    editor_note = models.TextField(
        _("note for editors"),
        blank=True,
        help_text=_("Never shown to readers: what an editor must know or do before publishing."),
    )
    success_factors = ParentalManyToManyField(
        "knowledge.SuccessFactorPage",
        blank=True,
        related_name="+",
        verbose_name=_("success factors"),
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("kind"),
            FieldPanel("lead"),
            FieldPanel("body"),
            FieldPanel("publication_date"),
            FieldPanel("success_factors", widget=forms.CheckboxSelectMultiple),
            InlinePanel("related_pages", heading=_("Related pages"), label=_("Related page")),
            FieldPanel("editor_note"),
        ]
        + ReviewMixin.review_panels
    )

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]

    override_translatable_fields = [
        SynchronizedField("kind"),
        SynchronizedField("publication_date"),
        SynchronizedField("success_factors"),
        SynchronizedField("editor_note"),
        TranslatableField("lead"),
    ]

    api_fields = [
        APIField("kind"),
        APIField("lead"),
        APIField("body"),
        APIField("publication_date"),
        APIField("last_reviewed"),
        APIField("success_factors", serializer=SuccessFactors()),
    ]

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    base_form_class = TaggedPageForm
    subpage_types = []
    page_description = _("An article or a research summary in the knowledge section.")

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        # `reader_order()`: newest first without sorting every article.
        indexes = [models.Index(newest_first("publication_date"), name="knowledge_newest_first")]

    @property
    def listing_date(self):
        return self.publication_date

    @classmethod
    def listing_sort_key(cls):
        # Undated texts sort as 0: after every dated one, and shown without a date.
        return Coalesce(date_sort_key("publication_date"), Value(0))

    @staticmethod
    def reader_order():
        """Newest first; undated texts last, in the order of their source (the tree)."""
        return [newest_first("publication_date"), "path"]

    listing_summary_field = "lead"

    @property
    def listing_summary(self):
        return self.lead

    @cached_property
    def live_related_pages(self):
        """The related pages a reader may see: live and public, in this page's language."""
        ids = [link.page_id for link in self.related_pages.all()]
        if not ids:
            return []
        pages = {
            page.pk: page
            for page in Page.objects.live()
            .exclude(private_q())
            .filter(pk__in=ids, locale_id=self.locale_id)
        }
        return [pages[pk] for pk in ids if pk in pages]

    def structured_data(self, request):
        data = {
            "@type": "Article",
            "headline": self.title,
            "description": self.lead,
            "inLanguage": self.locale.language_code,
            "url": self.get_full_url(request),
            "genre": str(self.get_kind_display()),
        }
        if self.publication_date:
            data["datePublished"] = self.publication_date.isoformat()
        if self.last_reviewed or self.publication_date:
            data["dateModified"] = (self.last_reviewed or self.publication_date).isoformat()
        return data


class ArticleRelatedPage(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_pages")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [RelatedPageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")
