from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pluginnovation.blocks import BodyBlock


class KnowledgeIndexPage(Page):
    """ "Kunskap": the success factors, articles and research summaries."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["pluginnovation.HomePage"]
    subpage_types = ["knowledge.SuccessFactorPage"]
    max_count_per_parent = 1
    page_description = _("The knowledge section: success factors, articles, research summaries.")

    class Meta:
        verbose_name = _("knowledge index page")
        verbose_name_plural = _("knowledge index pages")


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

    class Meta:
        verbose_name = _("success factor")
        verbose_name_plural = _("success factors")
