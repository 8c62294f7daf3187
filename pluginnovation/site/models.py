"""Site-wide models: users, images, the home and standard pages, navigation and footer."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import (
    DraftStateMixin,
    Locale,
    Orderable,
    Page,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pluginnovation.editorial.reports import ReviewMixin
from pluginnovation.site.blocks import RICH_TEXT_FEATURES, BodyBlock, StandardBodyBlock


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
    def for_language(cls, language_code, request=None):
        """The live home page of a language, or None; kept on the request when one is given
        (on a page that is not Wagtail's, such as the search, the head's metadata and the
        site name's link both ask for it).

        Ordered by id, not by tree path: with thousands of pages the database would otherwise
        walk the whole page tree in path order to find the one or two home pages.
        """
        homes = {} if request is None else request.__dict__.setdefault("_home_pages", {})
        if language_code not in homes:
            homes[language_code] = (
                cls.objects.live()
                .filter(locale__language_code=language_code)
                .order_by("pk")
                .first()
            )
        return homes[language_code]


class StandardPage(ReviewMixin, Page):
    """About, the accessibility statement, privacy: plain pages with a lead and a body."""

    class Purpose(models.TextChoices):
        PLAIN = "", _("Plain page")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        PRIVACY = "privacy", _("Privacy notice")

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(StandardBodyBlock(), blank=True, verbose_name=_("body"))
    purpose = models.CharField(
        _("purpose"),
        max_length=20,
        choices=Purpose.choices,
        default=Purpose.PLAIN,
        blank=True,
        help_text=_(
            "The accessibility statement and the privacy notice add the facts from Settings → "
            "Site owner (organisation, contact, dates) above the body, or say that they are "
            "missing."
        ),
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("purpose"), FieldPanel("lead"), FieldPanel("body")]
        + ReviewMixin.review_panels
    )

    override_translatable_fields = [SynchronizedField("purpose")]

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.purpose:
            context["owner"] = SiteOwner.for_request(request)
        return context


class SiteNavigation(
    WorkflowMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, ClusterableModel
):
    """The main menu and the footer of one language version, edited as a snippet.

    With drafts and the review workflow, as pages have: a change is public only once someone
    who publishes that language's pages publishes it (or approves it in review), so a
    translator can propose a change to the Swedish menu without making it live.
    """

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
    def published_links(cls):
        """(footer text, menu items, footer links) of the active language's published
        navigation, or the default language's where that one has none; None if neither.

        The menu and the footer links are lists of (page, text) in the editors' order.
        """
        return cls._published_links(locale__language_code=translation.get_language()) or (
            cls._published_links(locale=Locale.get_default())
        )

    @classmethod
    def _published_links(cls, **locale):
        """One query: the navigation's footer text, its menu items and its footer links, each
        link carrying only what it needs of its page (title and address)."""

        def row(queryset, **columns):
            # The same column names in each part of the union, so that it can be ordered.
            named = {f"row_{name}": value for name, value in columns.items()}
            return queryset.annotate(**named).values_list(*named).order_by()

        def number(value):
            return models.Value(value, output_field=models.IntegerField())

        def text(value):
            return models.Value(value, output_field=models.TextField())

        def links(model, kind):
            return row(
                model.objects.filter(
                    navigation__live=True,
                    **{f"navigation__{key}": value for key, value in locale.items()},
                ),
                navigation=F("navigation_id"),
                kind=number(kind),
                order=F("sort_order"),
                pk=F("id"),
                page=F("page_id"),
                text=F("label"),
                title=F("page__title"),
                address=F("page__url_path"),
            )

        navigation = row(
            cls.objects.filter(live=True, **locale),
            navigation=F("id"),
            kind=number(0),
            order=number(0),
            pk=F("id"),
            page=number(None),
            text=F("footer_text"),
            title=text(None),
            address=text(None),
        )
        # The navigation, then each list in `Orderable` order.
        rows = list(
            navigation.union(links(NavigationItem, 1), links(FooterLink, 2), all=True).order_by(
                "row_navigation", "row_kind", "row_order", "row_pk"
            )
        )
        if not rows:
            return None
        first = rows[0][0]  # one navigation per language; the first, should there be more
        footer_text, found = "", ([], [])
        for navigation_id, kind, _order, _pk, page_id, label, title, url_path in rows:
            if navigation_id != first:
                continue
            if kind == 0:
                footer_text = label  # the navigation's own row
                continue
            page = Page.from_db(
                Page.objects.db, ["id", "title", "url_path"], [page_id, title, url_path]
            )
            found[kind - 1].append((page, label or title))
        return footer_text, *found


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

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class LegalBasis(models.TextChoices):
        PUBLIC_TASK = "public_task", _("a task carried out in the public interest")
        LEGITIMATE_INTERESTS = "legitimate", _("legitimate interests")

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
        help_text=_("The day of the latest assessment of the site against WCAG 2.1 AA."),
    )
    accessibility_compliance = models.CharField(
        _("compliance with the accessibility law"),
        max_length=10,
        choices=Compliance.choices,
        blank=True,
        help_text=_("What the latest assessment found. Leave empty until one has been made."),
    )
    known_shortcomings_sv = models.TextField(
        _("known accessibility shortcomings (Swedish)"),
        blank=True,
        help_text=_(
            "One per line: what does not comply, with the WCAG criterion, and what is being "
            "done. Leave empty when the site fully complies."
        ),
    )
    known_shortcomings_en = models.TextField(
        _("known accessibility shortcomings (English)"), blank=True
    )
    site_published_on = models.DateField(
        _("website published on"),
        null=True,
        blank=True,
        help_text=_("The day this website went public, as the accessibility statement gives it."),
    )
    legal_basis = models.CharField(
        _("legal basis for the server logs"),
        max_length=20,
        choices=LegalBasis.choices,
        blank=True,
    )
    log_retention_days = models.PositiveIntegerField(
        _("server logs kept for (days)"),
        null=True,
        blank=True,
        help_text=_("How long the web server's logs (address, time, page asked for) are kept."),
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("contact_email"),
        FieldPanel("security_contact"),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_reviewed_on"),
                FieldPanel("accessibility_compliance"),
                FieldPanel("known_shortcomings_sv"),
                FieldPanel("known_shortcomings_en"),
                FieldPanel("site_published_on"),
            ],
            heading=_("Accessibility statement"),
        ),
        MultiFieldPanel(
            [FieldPanel("legal_basis"), FieldPanel("log_retention_days")],
            heading=_("Privacy notice"),
        ),
    ]

    class Meta:
        verbose_name = _("site owner")
        verbose_name_plural = _("site owner")

    def missing_facts(self):
        """The verbose names of the facts still to fill in before launch, in panel order."""
        required = [
            "organisation",
            "contact_email",
            "accessibility_reviewed_on",
            "accessibility_compliance",
            "site_published_on",
            "legal_basis",
            "log_retention_days",
        ]
        missing = [
            self._meta.get_field(name) for name in required if getattr(self, name) in (None, "")
        ]
        if self.accessibility_compliance in (self.Compliance.PARTIAL, self.Compliance.NONE):
            missing += [
                self._meta.get_field(name)
                for name in ("known_shortcomings_sv", "known_shortcomings_en")
                if not getattr(self, name).strip()
            ]
        return [field.verbose_name for field in missing]

    def known_shortcomings(self, language_code=None):
        """The known shortcomings in the active (or given) language, one per line."""
        language_code = language_code or translation.get_language()
        text = self.known_shortcomings_en if language_code == "en" else self.known_shortcomings_sv
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def security_address(self):
        return self.security_contact or self.contact_email
