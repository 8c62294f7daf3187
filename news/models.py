from django import forms
from django.db import models
from django.db.models import Count, Value
from django.db.models.functions import Coalesce
from django.utils import feedgenerator, timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pluginnovation.openweb.feeds import feed_date, feed_response
from pluginnovation.openweb.hosts import page_full_url
from pluginnovation.openweb.serializers import SuccessFactors
from pluginnovation.site.blocks import BodyBlock
from pluginnovation.site.listing import Filter, FilterState, newest_first
from pluginnovation.site.pages import SitePageManager
from pluginnovation.site.taxonomy import TaggedPageForm, TaggedPageMixin, date_sort_key

PER_PAGE = 12
FEED_SIZE = 20


class NewsIndexPage(RoutablePageMixin, Page):
    """ "Aktuellt": the news, newest first, with a year filter and an RSS feed per language."""

    objects = SitePageManager()

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["pluginnovation.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1
    page_description = _("The news section, with an RSS feed.")

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def news(self):
        """The live, public news items, newest first, for cards.

        Undated items (their source gives no date) come after the dated ones, in the order
        of the tree, which is the order of their source.
        """
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by(newest_first("date"), "path")
        )

    @path("")
    def index(self, request):
        listing = NewsListing(self, request.GET)
        filters = SimpleLazyObject(lambda: listing.filters)  # worked out when the template asks
        return self.render(request, context_overrides={"listing": listing, "filters": filters})

    @path("feed/", name="feed")
    def feed(self, request):
        """RSS 2.0 of the latest news in this index's language, with absolute links."""
        index_url = page_full_url(self, request)
        feed = feedgenerator.Rss201rev2Feed(
            title=f"{self.title} – PlugInnovation",
            link=index_url,
            description=self.introduction or self.title,
            language=self.locale.language_code,
            feed_url=index_url + "feed/",
        )
        for item in self.news()[:FEED_SIZE]:
            url = page_full_url(item, request)
            feed.add_item(
                title=item.title,
                link=url,
                description=item.lead,
                unique_id=url,
                unique_id_is_permalink=True,
                # An undated item has no <pubDate>: the day it was loaded is not its date.
                pubdate=feed_date(item.publication_date),
            )
        return feed_response(feed)


class NewsListing:
    """The news of an index, filtered by year; worked out only when the template asks."""

    def __init__(self, index, params):
        self.index = index
        self.params = params

    @cached_property
    def news(self):
        return self.index.news()

    @cached_property
    def _rows(self):
        """(year or None, how many items) for each year the news has, undated items as None."""
        rows = self.news.order_by().values("date__year").annotate(count=Count("pk"))
        return [(row["date__year"], row["count"]) for row in rows]

    @cached_property
    def per_year(self):
        """Year (as a string) -> how many dated items it has: the year filter's choices and
        counts, from the same one query as the listing's count."""
        return {str(year): count for year, count in self._rows if year is not None}

    @property
    def count(self):
        """How many items the selection holds, undated ones included when no year is chosen."""
        if "year" in self.filters.selected:
            return self.per_year.get(self.filters.selected["year"], 0)
        return sum(count for _year, count in self._rows)

    @cached_property
    def filters(self):
        years = sorted(self.per_year, key=int, reverse=True)
        return FilterState(
            self.params, [Filter("year", {year: year for year in years}, label=_("Year"))]
        )

    @cached_property
    def years(self):
        return self.filters.facet("year", self.per_year)

    @property
    def facets(self):
        return [self.years] if len(self.years.options) > 1 else []

    @cached_property
    def page(self):
        news = self.news
        if "year" in self.filters.selected:
            news = news.filter(date__year=int(self.filters.selected["year"]))
        return self.filters.paginate(news, PER_PAGE, count=self.count)


class NewsPageForm(TaggedPageForm):
    """A new item's date starts as today, in the form only, for the editor to keep or clear."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding and "date" in self.fields:
            self.initial.setdefault("date", None)
            self.initial["date"] = self.initial["date"] or timezone.localdate()


class NewsPage(TaggedPageMixin, Page):
    """A news item; conference and seminar items add the event's date and place."""

    objects = SitePageManager()

    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_(
            "The date the item was published, here or on the site it comes from; a new item "
            "starts with today. Leave empty when it is not known: readers then see no date."
        ),
    )
    lead = models.TextField(_("lead"), help_text=_("A short introduction shown in listings too."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    image_alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    event_date = models.DateField(_("event date"), null=True, blank=True)
    event_place = models.CharField(_("event place"), max_length=200, blank=True)
    success_factors = ParentalManyToManyField(
        "knowledge.SuccessFactorPage",
        blank=True,
        related_name="+",
        verbose_name=_("success factors"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Image")),
        MultiFieldPanel(
            [FieldPanel("event_date"), FieldPanel("event_place")],
            heading=_("Event"),
            help_text=_("For conferences and seminars."),
        ),
        FieldPanel("success_factors", widget=forms.CheckboxSelectMultiple),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    override_translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("image"),
        SynchronizedField("event_date"),
        SynchronizedField("success_factors"),
    ]

    api_fields = [
        APIField("date"),
        APIField("lead"),
        APIField("body"),
        APIField("image"),
        APIField("event_date"),
        APIField("event_place"),
        APIField("success_factors", serializer=SuccessFactors()),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    base_form_class = NewsPageForm
    subpage_types = []
    page_description = _("A news item, such as a report, a seminar or a conference.")

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        # "Newest first" (the index, the home page, feeds) reads this instead of sorting every
        # item: 17 ms to 0.3 ms for the home page's three at scale 100 on PostgreSQL.
        indexes = [models.Index(newest_first("date"), name="news_newest_first")]

    def clean(self):
        super().clean()
        if self.image and not self.image_alt_text:
            raise forms.ValidationError(
                {"image_alt_text": _("An image needs an alternative text.")}
            )

    @property
    def publication_date(self):
        """The date shown to readers, or None: never the day the page was created or loaded."""
        return self.date

    @property
    def listing_date(self):
        return self.publication_date

    @classmethod
    def listing_sort_key(cls):
        # Undated items sort as 0: after every dated one, and shown without a date.
        return Coalesce(date_sort_key("date"), Value(0))

    listing_summary_field = "lead"

    @property
    def listing_summary(self):
        return self.lead

    def structured_data(self, request):
        data = {
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.lead,
            "inLanguage": self.locale.language_code,
            "url": self.get_full_url(request),
        }
        if self.publication_date:
            data["datePublished"] = self.publication_date.isoformat()
        if self.event_date:
            data["about"] = {
                "@type": "Event",
                "name": self.title,
                "startDate": self.event_date.isoformat(),
                "location": {"@type": "Place", "name": self.event_place or self.title},
            }
        return data
