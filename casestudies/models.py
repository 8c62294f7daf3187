"""Case studies (fallstudier): what municipalities in Plug In did, where, and with what result.

Regions and municipalities are plain snippets: their names are proper nouns and their codes
and coordinates are the same in every language, so one row serves both language trees and the
filters and map never need to match rows across locales. A project workshop (projektverkstad)
has goals that are translated, so it is a translatable snippet; a case study links the Swedish
workshop and shows the workshop's translation in the reader's language.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.blocks import PageChooserBlock
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pluginnovation.accounts.permissions import ScopedPagePermissionTester
from pluginnovation.openweb.hosts import page_full_url
from pluginnovation.site.blocks import BodyBlock
from pluginnovation.site.pages import SitePageManager, private_q
from pluginnovation.site.taxonomy import TaggedPageMixin

from .choices import Continuation, Focus, Round
from .feeds import case_study_feed
from .filters import CaseStudyListing
from .forms import CaseStudyPageForm
from .roles import PROJECT_LEADS

__all__ = ["Continuation", "Focus", "Round"]  # re-exported: demo and generate import them here


class Region(models.Model):
    """A partner region of Plug In (a regional association or region)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    first_round_name = models.CharField(
        _("name in the first round"),
        max_length=120,
        blank=True,
        help_text=_("The partnership this region belonged to in Plug In 2012–2015, if different."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("first_round_name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A Swedish municipality (kommun) with its official four-digit code."""

    name = models.CharField(_("name"), max_length=80)
    code = models.CharField(
        _("municipality code"),
        max_length=4,
        unique=True,
        help_text=_("The official four-digit code, such as 1281 for Lund."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Where the municipality is drawn on the map (WGS 84)."),
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    project_leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="lead_municipalities",
        limit_choices_to={"groups__name": PROJECT_LEADS},
        verbose_name=_("project leads"),
        help_text=_(
            "Members of Projektledare who write this municipality's case studies. They see, "
            "create and edit only the case studies of their municipalities."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("region"),
        MultiFieldPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Map")),
        FieldPanel("project_leads", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{4}$"), name="municipality_code_four_digits"
            )
        ]

    def __str__(self):
        return self.name


class ProjectWorkshop(TranslatableMixin, models.Model):
    """A local project (projektverkstad) of Plug In; its goals are translated, its name is not."""

    name = models.CharField(_("name"), max_length=120)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="workshops",
    )
    round = models.CharField(_("project round"), max_length=10, choices=Round.choices)
    focus = models.CharField(_("focus"), max_length=12, choices=Focus.choices, blank=True)
    goals = models.TextField(_("goals"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("municipality"),
        FieldPanel("round"),
        FieldPanel("focus"),
        FieldPanel("goals"),
    ]

    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("municipality"),
        SynchronizedField("round"),
        SynchronizedField("focus"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("project workshop")
        verbose_name_plural = _("project workshops")

    def __str__(self):
        return self.name


class PlaceProposal(models.Model):
    """A project lead's proposal of a missing municipality or project workshop.

    Places are live the moment they are saved, so only editors create them; a lead proposes,
    and an editor approves (which creates the place) or declines.
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        WORKSHOP = "workshop", _("Project workshop")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("proposal", "Waiting for an editor")
        APPROVED = "approved", pgettext_lazy("proposal", "Approved")
        DECLINED = "declined", pgettext_lazy("proposal", "Declined")

    kind = models.CharField(_("what is missing"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        help_text=_("For a municipality: the official four-digit code, such as 1281 for Lund."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a municipality: the Plug In region it belongs to."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a project workshop: its municipality."),
    )
    round = models.CharField(
        _("project round"),
        max_length=10,
        choices=Round.choices,
        blank=True,
        help_text=_("For a project workshop: the round of Plug In it belonged to."),
    )
    note = models.TextField(_("note for editors"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="place_proposals",
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, editable=False
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, editable=False)

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("code"), FieldPanel("region")], heading=_("A missing municipality")
        ),
        MultiFieldPanel(
            [FieldPanel("municipality"), FieldPanel("round")],
            heading=_("A missing project workshop"),
        ),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposal for a municipality or project workshop")
        verbose_name_plural = _("proposals for municipalities and project workshops")

    def __str__(self):
        return f"{self.name} ({self.get_kind_display().lower()})"

    @property
    def target_model(self):
        return Municipality if self.kind == self.Kind.MUNICIPALITY else ProjectWorkshop

    def clean(self):
        errors = {}
        if self.kind == self.Kind.MUNICIPALITY:
            if not self.region_id:
                errors["region"] = _("Choose the region of the municipality.")
            if not (len(self.code) == 4 and self.code.isdigit()):
                errors["code"] = _("Give the municipality's four-digit code.")
            elif (
                self.status == self.Status.PENDING
                and Municipality.objects.filter(code=self.code).exists()
            ):
                errors["code"] = _("A municipality with this code exists already.")
        elif self.kind == self.Kind.WORKSHOP:
            if not self.municipality_id:
                errors["municipality"] = _("Choose the municipality of the project workshop.")
            if not self.round:
                errors["round"] = _("Choose the project round.")
        if errors:
            raise ValidationError(errors)

    def approve(self, user):
        """Create the proposed place (checked again: a place may have appeared meanwhile)."""
        if self.status != self.Status.PENDING:
            raise ValidationError(_("This proposal has been decided already."))
        self.full_clean()
        with transaction.atomic():
            if self.kind == self.Kind.MUNICIPALITY:
                place = Municipality.objects.create(
                    name=self.name, code=self.code, region=self.region
                )
                # Whoever proposed it writes its case studies (the editor sees who that is).
                if self.proposed_by and self.proposed_by.groups.filter(name=PROJECT_LEADS):
                    place.project_leads.add(self.proposed_by)
            else:
                # Case studies link the workshop in the default language (Swedish).
                place = ProjectWorkshop.objects.create(
                    name=self.name,
                    municipality=self.municipality,
                    round=self.round,
                    locale=Locale.get_default(),
                )
            self._decide(user, self.Status.APPROVED)
        return place

    def decline(self, user):
        if self.status != self.Status.PENDING:
            raise ValidationError(_("This proposal has been decided already."))
        self._decide(user, self.Status.DECLINED)

    def _decide(self, user, status):
        self.status, self.decided_by, self.decided_at = status, user, timezone.now()
        self.save(update_fields=["status", "decided_by", "decided_at"])


def default_language_only():
    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


class CaseStudyIndexPage(RoutablePageMixin, Page):
    """ "Fallstudier": every case study, filterable, on a map, and as RSS feeds."""

    objects = SitePageManager()

    introduction = models.TextField(_("introduction"), blank=True)
    first_round_introduction = models.TextField(
        _("introduction to the first round"),
        blank=True,
        help_text=_("Shown above the case studies of Plug In 2012–2015."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("first_round_introduction"),
    ]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["pluginnovation.HomePage"]
    subpage_types = ["casestudies.CaseStudyPage"]
    max_count_per_parent = 1
    page_description = _("The case studies, with filters, a map and feeds.")

    class Meta:
        verbose_name = _("case study index page")
        verbose_name_plural = _("case study index pages")

    def case_studies(self):
        """The live, public case studies of this index."""
        return CaseStudyPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = CaseStudyListing(self, request.GET)
        context.update(listing=listing, filters=SimpleLazyObject(lambda: listing.filters))
        return context

    @path("feed/")
    def feed_view(self, request):
        return case_study_feed(self, request, CaseStudyListing(self, request.GET))


class CaseStudyPage(TaggedPageMixin, Page):
    """One case study: a municipality's work, its team, its outcome and its report."""

    objects = SitePageManager()

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="case_studies",
    )
    workshops = ParentalManyToManyField(
        ProjectWorkshop,
        blank=True,
        # The Swedish workshop is the one linked; readers see its translation.
        limit_choices_to=default_language_only,
        related_name="case_studies",
        verbose_name=_("project workshops"),
    )
    round = models.CharField(_("project round"), max_length=10, choices=Round.choices)
    focus = models.CharField(_("focus"), max_length=12, choices=Focus.choices, blank=True)
    target_group = models.CharField(_("target group"), max_length=255, blank=True)
    summary = models.TextField(_("summary"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    goal_attainment = models.TextField(_("goal attainment"), blank=True)
    measured_attendance = models.BooleanField(_("attendance was measured"), default=False)
    measured_grades = models.BooleanField(_("grades were measured"), default=False)
    measured_return = models.BooleanField(
        _("return to studies or work was measured"), default=False
    )
    not_measured = models.BooleanField(
        _("nothing was measured"),
        default=False,
        help_text=_("Tick only when the report says so; leave all unticked when it is not stated."),
    )
    continuation = models.CharField(
        _("became part of ordinary operations"),
        max_length=8,
        choices=Continuation.choices,
        blank=True,
    )
    report = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact = models.TextField(_("contact"), blank=True)
    success_factors = ParentalManyToManyField(
        "knowledge.SuccessFactorPage",
        blank=True,
        related_name="+",
        verbose_name=_("success factors"),
    )
    related_literature = StreamField(
        [("page", PageChooserBlock(label=_("Literature or article")))],
        blank=True,
        verbose_name=_("related literature"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldPanel("workshops"),
                FieldPanel("round"),
                FieldPanel("focus"),
                FieldPanel("target_group"),
            ],
            heading=_("Where and what"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("team_members", heading=_("The team"), label=_("Role")),
        MultiFieldPanel(
            [
                FieldPanel("goal_attainment"),
                FieldPanel("measured_attendance"),
                FieldPanel("measured_grades"),
                FieldPanel("measured_return"),
                FieldPanel("not_measured"),
                FieldPanel("continuation"),
            ],
            heading=_("Outcome"),
        ),
        FieldPanel("report"),
        FieldPanel("success_factors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("contact"),
        FieldPanel("related_literature"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("target_group"),
        # Readers search by place: "Härryda" finds Härryda's case study.
        index.RelatedFields(
            "municipality",
            [index.SearchField("name"), index.RelatedFields("region", [index.SearchField("name")])],
        ),
        index.FilterField("round"),
        index.FilterField("focus"),
        index.FilterField("municipality"),
    ]

    override_translatable_fields = [
        SynchronizedField("municipality"),
        SynchronizedField("workshops"),
        SynchronizedField("round"),
        SynchronizedField("focus"),
        SynchronizedField("measured_attendance"),
        SynchronizedField("measured_grades"),
        SynchronizedField("measured_return"),
        SynchronizedField("not_measured"),
        SynchronizedField("continuation"),
    ]

    api_fields = [
        APIField("municipality_name"),
        APIField("municipality_code"),
        APIField("region_name"),
        APIField("round"),
        APIField("focus"),
        APIField("target_group"),
        APIField("summary"),
        APIField("success_factor_titles"),
        APIField("workshop_names"),
    ]

    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []
    base_form_class = CaseStudyPageForm
    page_description = _("A case study of one municipality's work against dropout.")

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        indexes = [
            # What the listing, its facets and the home page's map read of every case study:
            # PostgreSQL answers them from this index alone, joined to the index page's
            # children (see the site's page tree index), without reading the case studies'
            # rows (3.8 -> 1.8 ms for the map's combinations at 1,000 case studies).
            models.Index(
                fields=["page_ptr", "municipality", "round", "focus"],
                name="casestudy_listing_idx",
            )
        ]

    def permissions_for_user(self, user):
        # A project lead has no permission on another municipality's case study.
        return ScopedPagePermissionTester(user, self)

    # The seeds give no date for a case study, and the day it was loaded or published here is
    # not one: readers see no date (issue "content readers can trust").
    publication_date = None

    @property
    def listing_date(self):
        return self.publication_date

    @classmethod
    def listing_sort_key(cls):
        # Undated: after every dated item on a success-factor hub, as undated news are.
        return models.Value(0, output_field=models.IntegerField())

    listing_summary_field = "summary"

    @property
    def listing_summary(self):
        return self.summary

    @property
    def region(self):
        return self.place.region

    @property
    def municipality_name(self):
        return self.place.name

    @property
    def municipality_code(self):
        return self.place.code

    @property
    def region_name(self):
        return self.place.region.name

    @property
    def success_factor_titles(self):
        return [factor.title for factor in self.live_success_factors]

    @property
    def workshop_names(self):
        return [workshop.name for workshop in self.linked_workshops]

    @property
    def measured(self):
        labels = []
        if self.measured_attendance:
            labels.append(_("attendance"))
        if self.measured_grades:
            labels.append(_("grades"))
        if self.measured_return:
            labels.append(_("return to studies or work"))
        return labels

    @cached_property
    def place(self):
        """The municipality with its region: as loaded with the page, else in one query."""
        if type(self).municipality.is_cached(self) and Municipality.region.is_cached(
            self.municipality
        ):
            return self.municipality
        return Municipality.objects.select_related("region").get(pk=self.municipality_id)

    @cached_property
    def linked_workshops(self):
        return list(self.workshops.all())

    @cached_property
    def localized_workshops(self):
        """The workshops in this page's language where translated (names are the same)."""
        return _in_locale(self.linked_workshops, self.locale_id, ProjectWorkshop.objects)

    @cached_property
    def live_related_literature(self):
        """The related pages readers may see, each in this page's language where translated.

        One query, from the chosen pages' ids as stored (the block would load the pages first).
        """
        ids = [block["value"] for block in self.related_literature.raw_data if block["value"]]
        if not ids:
            return []
        chosen_keys = Page.objects.filter(pk__in=ids).values("translation_key")
        candidates = (
            Page.objects.live()
            .exclude(private_q())
            .filter(
                models.Q(pk__in=ids)
                | models.Q(locale_id=self.locale_id, translation_key__in=chosen_keys)
            )
        )
        chosen, translated = {}, {}
        for page in candidates:
            if page.pk in ids:
                chosen[page.pk] = page
            if page.locale_id == self.locale_id:
                translated[page.translation_key] = page
        # A page that is not live itself is left out, even where a translation is.
        return [
            translated.get(chosen[pk].translation_key, chosen[pk]) for pk in ids if pk in chosen
        ]

    def structured_data(self, request):
        municipality = self.place
        place = {
            "@type": "Place",
            "name": municipality.name,
            "identifier": municipality.code,
            "containedInPlace": {"@type": "AdministrativeArea", "name": self.region_name},
        }
        if municipality.latitude is not None and municipality.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(municipality.latitude),
                "longitude": float(municipality.longitude),
            }
        data = {
            "@type": "Article",
            "headline": self.title,
            "description": self.summary,
            "inLanguage": self.locale.language_code,
            "url": page_full_url(self, request),
            "contentLocation": place,
            "about": [factor.title for factor in self.live_success_factors],
        }
        if self.listing_date:
            data["datePublished"] = self.listing_date.isoformat()
        return data


def _in_locale(objects, locale_id, queryset):
    """Swap each object for its translation in `locale_id` with one query for all of them."""
    keys = [obj.translation_key for obj in objects if obj.locale_id != locale_id]
    if not keys:
        return objects
    translations = {
        obj.translation_key: obj
        for obj in queryset.filter(translation_key__in=keys, locale_id=locale_id)
    }
    return [translations.get(obj.translation_key, obj) for obj in objects]


class TeamMember(Orderable):
    """A role in the case study's team, such as jobbcoach or kurator."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="team_members")
    role = models.CharField(_("role"), max_length=120)
    name = models.CharField(_("name"), max_length=120, blank=True)

    panels = [FieldPanel("role"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
