"""What the editorial team needs to see: stale translations, overdue reviews, broken links.

Everything here works on any page type, so content apps only add `ReviewMixin` to theirs.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model
from wagtail.models import Locale, ModelLogEntry, Page, PageLogEntry, ReferenceIndex


class ReviewMixin(models.Model):
    """A date the content was last checked, shown to readers, and how often it should be."""

    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When the content was last checked to be correct. Shown to readers."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=12,
        help_text=_(
            "The page is listed as overdue on the dashboard when this much time has passed."
        ),
    )

    review_panels = [
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("review_interval_months")],
            heading=_("Content review"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def review_due(self):
        start = self.last_reviewed or (self.first_published_at and self.first_published_at.date())
        if start is None:
            return None
        return add_months(start, self.review_interval_months)


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days_in_month = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return datetime.date(year, month, min(day.day, days_in_month))


def review_models():
    return [model for model in apps.get_models() if issubclass(model, ReviewMixin)]


def overdue_reviews(today=None):
    """Live pages whose review date has passed, the most overdue first."""
    today = today or timezone.localdate()
    overdue = []
    for model in review_models():
        for page in model.objects.live().select_related("locale"):
            due = page.review_due
            if due and due < today:
                overdue.append((due, page))
    return [page for _due, page in sorted(overdue, key=lambda item: item[0])]


def drafts_with_editor_notes():
    """Unpublished pages of the default language that carry a note for editors (an
    `editor_note` field, whichever app has it): seed texts waiting for an editor's decision."""
    default = Locale.get_default()
    found = []
    for model in apps.get_models():
        if not issubclass(model, Page) or model is Page:
            continue
        if "editor_note" not in {field.name for field in model._meta.get_fields()}:
            continue
        found += list(
            model.objects.filter(live=False, locale=default)
            .exclude(editor_note="")
            .select_related("locale")
            .order_by("path")
        )
    return found


def pages_without_translation(language_code="en"):
    """Live Swedish pages (below the root) that have no page at all in the other language."""
    source = Locale.get_default()
    target = Locale.objects.filter(language_code=language_code).first()
    if target is None:
        return Page.objects.none()
    translated = Page.objects.filter(locale=target).values("translation_key")
    return (
        Page.objects.live()
        .filter(locale=source, depth__gt=1)
        .exclude(translation_key__in=translated)
        .specific()
        .order_by("path")
    )


def outdated_translations():
    """Translations whose source page has a newer revision than the translation's last publish.

    The editor of each such page also says so at the top of the edit view.
    """
    default = Locale.get_default()
    sources = {
        page.translation_key: page
        for page in Page.objects.filter(locale=default, depth__gt=1).select_related(
            "latest_revision"
        )
    }
    stale = []
    for translation in (
        Page.objects.exclude(locale=default)
        .filter(depth__gt=1, translation_key__in=list(sources))
        .select_related("locale")
        .order_by("path")
    ):
        if is_outdated(translation, sources[translation.translation_key]):
            stale.append(translation)
    return stale


def is_outdated(translation, source):
    changed = source.latest_revision.created_at if source.latest_revision else None
    translated = translation.last_published_at or translation.latest_revision_created_at
    return bool(changed and translated and changed > translated)


@dataclass
class BrokenLink:
    source: Page
    target_type: str
    target_id: str
    reason: str
    target_title: str = ""

    @property
    def description(self):
        """What is wrong, naming the target by its title where it is still known (an
        unpublished page's, or a deleted page's or document's from the history)."""
        if not self.target_title:
            return self.reason
        return _("%(reason)s “%(title)s”") % {"reason": self.reason, "title": self.target_title}

    @property
    def source_url(self):
        """The linking page's public address (it is live)."""
        return self.source.get_full_url() or self.source.url_path


def titles_from_history(entries, id_field, ids):
    """{id: the title it last had}, from the audit log's labels (kept after a deletion)."""
    titles = {}
    entries = entries.filter(**{f"{id_field}__in": ids}).order_by("timestamp", "pk")
    for object_id, label in entries.values_list(id_field, "label"):
        titles[int(object_id)] = label
    return titles


def broken_links():
    """Links in live pages to pages that are gone or not live, or to missing documents.

    Uses Wagtail's reference index, which records rich-text links, chooser blocks and foreign
    keys of every page revision that is saved.
    """
    page_type = ContentType.objects.get_for_model(Page)
    document_model = get_document_model()
    document_type = ContentType.objects.get_for_model(document_model)
    references = ReferenceIndex.objects.filter(
        base_content_type=page_type, to_content_type__in=[page_type, document_type]
    ).exclude(to_object_id=F("object_id"), to_content_type=page_type)
    references = list(references.values("object_id", "to_content_type_id", "to_object_id"))
    if not references:
        return []
    live_sources = Page.objects.live().in_bulk(
        [int(reference["object_id"]) for reference in references]
    )
    target_pages = Page.objects.in_bulk(
        [
            int(ref["to_object_id"])
            for ref in references
            if ref["to_content_type_id"] == page_type.pk
        ]
    )
    documents = set(
        document_model.objects.filter(
            pk__in=[
                int(ref["to_object_id"])
                for ref in references
                if ref["to_content_type_id"] == document_type.pk
            ]
        ).values_list("pk", flat=True)
    )
    missing_pages = [
        int(ref["to_object_id"])
        for ref in references
        if ref["to_content_type_id"] == page_type.pk
        and int(ref["to_object_id"]) not in target_pages
    ]
    missing_documents = [
        int(ref["to_object_id"])
        for ref in references
        if ref["to_content_type_id"] == document_type.pk
        and int(ref["to_object_id"]) not in documents
    ]
    deleted_titles = titles_from_history(PageLogEntry.objects.all(), "page_id", missing_pages)
    document_titles = titles_from_history(
        ModelLogEntry.objects.filter(content_type=document_type),
        "object_id",
        [str(pk) for pk in missing_documents],
    )
    found = []
    for reference in references:
        source = live_sources.get(int(reference["object_id"]))
        if source is None:
            continue
        target_id = int(reference["to_object_id"])
        if reference["to_content_type_id"] == page_type.pk:
            target = target_pages.get(target_id)
            if target is None:
                found.append(
                    BrokenLink(
                        source,
                        "page",
                        target_id,
                        str(_("deleted page")),
                        deleted_titles.get(target_id, ""),
                    )
                )
            elif not target.live:
                found.append(
                    BrokenLink(source, "page", target_id, str(_("unpublished page")), target.title)
                )
        elif target_id not in documents:
            found.append(
                BrokenLink(
                    source,
                    "document",
                    target_id,
                    str(_("missing document")),
                    document_titles.get(target_id, ""),
                )
            )
    return found


def site_owner(request):
    """The site owner's facts for the site of the request (see `missing_facts()`).

    Looked up by name: the site models import this module for `ReviewMixin`.
    """
    return apps.get_model("pluginnovation", "SiteOwner").for_request(request)
