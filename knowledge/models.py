from django import forms
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pluginnovation.blocks import BodyBlock
from pluginnovation.cache import page_number_key, remember
from pluginnovation.editorial import ReviewMixin
from pluginnovation.forms import SuccessFactorFormMixin
from pluginnovation.visibility import public_q

from .listing import filter_query, paginate, tagged_pages

# The page types an article may point to; a type that is not installed yet is left out.
RELATED_PAGE_TYPES = [
    "knowledge.ArticlePage",
    "casestudies.CaseStudyPage",
    "literature.LiteraturePage",
]


def installed_page_types(names):
    from django.apps import apps

    installed = []
    for name in names:
        try:
            apps.get_model(name)
        except LookupError:
            continue
        installed.append(name)
    return installed


class ArticlePageForm(SuccessFactorFormMixin, WagtailAdminPageForm):
    pass


class RelatedPageChooserPanel(PageChooserPanel):
    """A page chooser limited to whichever of RELATED_PAGE_TYPES exist when the form is built."""

    def get_form_options(self):
        self.page_type = installed_page_types(RELATED_PAGE_TYPES)
        return super().get_form_options()


class KnowledgeIndexPage(Page):
    """ "Kunskap": the success factors, articles and research summaries."""

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

    @property
    def BENCH_PATHS(self):
        """Typical filtered listings for `make bench`, with a factor slug in this language."""
        factor = self.success_factors().first()
        paths = ["?kind=research_summary", "?kind=article&page=2", "?page=999999"]
        return paths + ([f"?factor={factor.slug}&kind=article"] if factor else [])

    def success_factors(self):
        return SuccessFactorPage.objects.child_of(self).live().filter(public_q()).order_by("path")

    def get_context(self, request, *args, **kwargs):
        """The listing itself is lazy: once remembered (`content_key`), it is not queried."""
        context = super().get_context(request, *args, **kwargs)
        factors = remember(f"success-factors:{self.pk}", lambda: list(self.success_factors()))
        kind = request.GET.get("kind")
        if kind not in ArticlePage.Kind.values:
            kind = ""
        factor = next((f for f in factors if f.slug == request.GET.get("factor")), None)

        def articles():
            found = (
                ArticlePage.objects.descendant_of(self)
                .live()
                .filter(public_q())
                .defer_streamfields()
                .order_by("-publication_date", "-pk")
            )
            if kind:
                found = found.filter(kind=kind)
            if factor:
                found = found.filter(success_factors__translation_key=factor.translation_key)
            return paginate(request, found)

        factor_slug = factor.slug if factor else ""
        context.update(
            factors=factors,
            kinds=ArticlePage.Kind.choices,
            active_kind=kind,
            active_factor=factor,
            articles=SimpleLazyObject(articles),
            filter_query=filter_query(kind=kind, factor=factor_slug),
            content_key=f"{kind}:{factor_slug}:{page_number_key(request)}",
        )
        return context


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

    BENCH_PATHS = ["?page=2", "?page=999999"]

    class Meta:
        verbose_name = _("success factor")
        verbose_name_plural = _("success factors")

    @property
    def listing_date(self):
        return self.first_published_at.date() if self.first_published_at else None

    @property
    def listing_summary(self):
        return self.introduction

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: once the listing is remembered (`content_key`), it is not queried.
        context["tagged_pages"] = SimpleLazyObject(lambda: paginate(request, tagged_pages(self)))
        context["content_key"] = page_number_key(request)
        return context


class ArticlePage(ReviewMixin, Page):
    """An article or a research summary (forskningssammanfattning)."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        RESEARCH_SUMMARY = "research_summary", _("Research summary")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    lead = models.TextField(_("lead"), help_text=_("A short introduction shown in listings too."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    publication_date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("Shown to readers; listings are sorted by it."),
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
        TranslatableField("lead"),
    ]

    api_fields = [
        APIField("kind"),
        APIField("lead"),
        APIField("body"),
        APIField("publication_date"),
        APIField("last_reviewed"),
        APIField("success_factors"),
    ]

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    base_form_class = ArticlePageForm
    subpage_types = []
    page_description = _("An article or a research summary in the knowledge section.")

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    @property
    def listing_date(self):
        return self.publication_date

    @property
    def listing_summary(self):
        return self.lead

    @cached_property
    def live_related_pages(self):
        """The related pages a reader may see: live and public, in this page's language."""
        ids = [link.page_id for link in self.related_pages.all()]
        pages = {
            page.pk: page
            for page in Page.objects.live().filter(public_q(), pk__in=ids, locale_id=self.locale_id)
        }
        return [pages[pk] for pk in ids if pk in pages]

    def live_success_factors(self):
        """The factors in this page's language, whichever language's factors were chosen."""
        keys = [factor.translation_key for factor in self.success_factors.all()]
        return (
            SuccessFactorPage.objects.live()
            .filter(public_q(), locale_id=self.locale_id, translation_key__in=keys)
            .order_by("path")
        )

    def structured_data(self, request):
        return {
            "@type": "Article",
            "headline": self.title,
            "description": self.lead,
            "datePublished": self.publication_date.isoformat(),
            "dateModified": (self.last_reviewed or self.publication_date).isoformat(),
            "inLanguage": self.locale.language_code,
            "url": self.get_full_url(request),
            "genre": str(self.get_kind_display()),
        }


class ArticleRelatedPage(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_pages")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [RelatedPageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")
