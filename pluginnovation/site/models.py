"""Site-wide models: users, images, the home and standard pages, navigation and footer."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index

from pluginnovation.editorial.reports import ReviewMixin
from pluginnovation.site.blocks import RICH_TEXT_FEATURES, BodyBlock


class User(AbstractUser):
    """Our own user model from the first migration, so accounts can grow without a rewrite."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class CustomImage(AbstractImage):
    admin_form_fields = Image.admin_form_fields

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, related_name="renditions", on_delete=models.CASCADE)

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class HomePage(Page):
    """The root of each language tree.

    Its sections ("Aktuellt", example case studies, literature and research summaries) are
    inclusion tags that the content apps provide; a section with nothing to show is hidden.
    Top-level page types say on their side that they belong under the home page
    (`parent_page_types`), so this site-wide app never names a content app.
    """

    introduction = models.TextField(
        _("introduction"), help_text=_("Shown under the site name at the top of the page.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    api_fields = [APIField("introduction"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    page_description = _("The start page of one language version of the site.")

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @classmethod
    def for_language(cls, language_code):
        """The live home page of a language, or None.

        Ordered by id, not by tree path: with thousands of pages the database would otherwise
        walk the whole page tree in path order to find the one or two home pages.
        """
        return cls.objects.live().filter(locale__language_code=language_code).order_by("pk").first()


class StandardPage(ReviewMixin, Page):
    """About, the accessibility statement, privacy: plain pages with a lead and a body."""

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = (
        Page.content_panels + [FieldPanel("lead"), FieldPanel("body")] + ReviewMixin.review_panels
    )

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]

    api_fields = [APIField("lead"), APIField("body"), APIField("last_reviewed")]

    parent_page_types = ["pluginnovation.HomePage", "pluginnovation.StandardPage"]
    page_description = _("A plain page, such as About or the accessibility statement.")

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class SiteNavigation(TranslatableMixin, ClusterableModel):
    """The main menu and the footer of one language version, edited as a snippet."""

    footer_text = RichTextField(
        _("footer text"), features=RICH_TEXT_FEATURES, blank=True, help_text=_("Who runs the site.")
    )

    panels = [
        InlinePanel("menu_items", heading=_("Main menu"), label=_("Menu item")),
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                InlinePanel("footer_links", heading=_("Footer links"), label=_("Footer link")),
            ],
            heading=_("Footer"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation and footer")
        verbose_name_plural = _("navigation and footer")

    def __str__(self):
        return str(_("Navigation and footer (%(language)s)") % {"language": self.locale})

    @classmethod
    def for_active_locale(cls):
        """The navigation of the active language, or of the default language as a fallback."""
        navigations = cls.objects.prefetch_related(
            models.Prefetch("menu_items", queryset=NavigationItem.objects.select_related("page")),
            models.Prefetch("footer_links", queryset=FooterLink.objects.select_related("page")),
        )
        return (
            # A join on the language code spares every page a separate Locale query.
            navigations.filter(locale__language_code=translation.get_language()).first()
            or navigations.filter(locale=Locale.get_default()).first()
        )


class BaseLink(Orderable):
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    label = models.CharField(
        _("label"), max_length=80, blank=True, help_text=_("Defaults to the page's title.")
    )

    panels = [FieldPanel("page"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def text(self):
        return self.label or self.page.title


class NavigationItem(BaseLink):
    navigation = ParentalKey(SiteNavigation, on_delete=models.CASCADE, related_name="menu_items")


class FooterLink(BaseLink):
    navigation = ParentalKey(SiteNavigation, on_delete=models.CASCADE, related_name="footer_links")


@register_setting(icon="site")
class SiteOwner(BaseSiteSetting):
    """Facts only the site's owner can give; empty until an editor fills them in.

    Public pages that need one of them (the accessibility statement, the privacy page,
    security.txt) say plainly that it is missing instead of inventing it, and the dashboard
    lists each empty one as something to do before launch.
    """

    organisation = models.CharField(
        _("responsible organisation"),
        max_length=200,
        blank=True,
        help_text=_("The organisation that runs the site and is the controller of personal data."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Where readers report accessibility problems and ask about personal data."),
    )
    security_contact = models.EmailField(
        _("security contact"),
        blank=True,
        help_text=_("Published in /.well-known/security.txt; the contact e-mail is used if empty."),
    )
    accessibility_reviewed_on = models.DateField(
        _("accessibility statement last reviewed"),
        null=True,
        blank=True,
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("contact_email"),
        FieldPanel("security_contact"),
        FieldPanel("accessibility_reviewed_on"),
    ]

    class Meta:
        verbose_name = _("site owner")
        verbose_name_plural = _("site owner")

    @property
    def security_address(self):
        return self.security_contact or self.contact_email
