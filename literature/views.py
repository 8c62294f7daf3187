"""Admin screens: import from a reference manager, and merging two tags."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Revision

from . import importer
from .models import LiteratureIndexPage, LiteratureTag, TaggedLiterature

SESSION_KEY = "literature_import"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def import_index(user):
    """The Swedish library index, when the user may add entries to it."""
    if not user.has_perm("literature.import_literature"):
        raise PermissionDenied
    index = LiteratureIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None or not index.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    return index


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("RIS or BibTeX file"),
        help_text=gettext_lazy("An export from Zotero, EndNote or another reference manager."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        try:
            text = importer.decode(upload.read())
            self.records = importer.parse(text)
        except importer.ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        self.text = text
        return upload


def import_view(request):
    index = import_index(request.user)
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, index)
    form = ImportForm(request.POST or None, request.FILES or None)
    records = None
    if request.method == "POST" and form.is_valid():
        records = form.records
        request.session[SESSION_KEY] = {"text": form.text, "name": form.cleaned_data["file"].name}
    return TemplateResponse(
        request,
        "literature/admin/import.html",
        {"form": form, "records": records, "summary": _summary(records), "index": index},
    )


def _summary(records):
    if records is None:
        return None
    summary = {"new": 0, "duplicate": 0, "invalid": 0}
    for record in records:
        summary[record.status] += 1
    return summary


def _confirm(request, index):
    stored = request.session.get(SESSION_KEY)
    if not stored:
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("literature_import")
    try:
        records = importer.parse(stored["text"])
    except importer.ImportFileError as error:
        messages.error(request, str(error))
        return redirect("literature_import")
    summary = _summary(records)
    if summary["invalid"] and not request.POST.get("skip_invalid"):
        messages.error(
            request,
            _(
                "Nothing was imported: the file has %(count)s invalid records. "
                "Fix them, or choose to skip them."
            )
            % {"count": summary["invalid"]},
        )
        return TemplateResponse(
            request,
            "literature/admin/import.html",
            {"form": ImportForm(), "records": records, "summary": summary, "index": index},
        )
    created = importer.create_drafts(index, records, user=request.user)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("%(count)s entries were created as drafts in the library.") % {"count": len(created)},
    )
    return redirect("wagtailadmin_explore", index.pk)


class MergeForm(forms.Form):
    source = forms.ModelChoiceField(
        LiteratureTag.objects.all(),
        label=gettext_lazy("Merge this tag"),
        help_text=gettext_lazy("It disappears; its entries get the tag below instead."),
    )
    target = forms.ModelChoiceField(LiteratureTag.objects.all(), label=gettext_lazy("into"))

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("source") == data.get("target"):
            raise forms.ValidationError(_("Choose two different tags."))
        return data


@transaction.atomic
def merge_tags(source, target):
    """Every entry tagged `source` ends up tagged `target`; `source` is deleted.

    The latest revisions of those entries are rewritten too, so that editing an entry
    afterwards does not bring the deleted tag back or lose the tagging.
    """
    tagged = TaggedLiterature.objects.filter(tag=source)
    page_ids = set(tagged.values_list("content_object_id", flat=True))
    already = set(
        TaggedLiterature.objects.filter(tag=target, content_object_id__in=page_ids).values_list(
            "content_object_id", flat=True
        )
    )
    tagged.filter(content_object_id__in=already).delete()
    tagged.update(tag=target)
    for revision in Revision.objects.filter(
        object_id__in=[str(pk) for pk in page_ids], base_content_type__model="page"
    ):
        items = revision.content.get("tagged_items") or []
        changed = False
        kept = []
        seen = set()
        for item in items:
            if item.get("tag") == source.pk:
                item["tag"] = target.pk
                changed = True
            if item.get("tag") in seen:
                changed = True
                continue
            seen.add(item.get("tag"))
            kept.append(item)
        if changed:
            revision.content["tagged_items"] = kept
            revision.save(update_fields=["content"])
    source.delete()
    return len(page_ids)


def merge_view(request):
    if not (
        request.user.has_perm("literature.change_literaturetag")
        and request.user.has_perm("literature.delete_literaturetag")
    ):
        raise PermissionDenied
    form = MergeForm(request.POST or None, initial={"source": request.GET.get("source")})
    if request.method == "POST" and form.is_valid():
        source, target = form.cleaned_data["source"], form.cleaned_data["target"]
        count = merge_tags(source, target)
        messages.success(
            request,
            _("“%(source)s” was merged into “%(target)s” (%(count)s entries).")
            % {"source": source.name, "target": target.name, "count": count},
        )
        return redirect(reverse("literature_tags:list"))
    return TemplateResponse(request, "literature/admin/merge.html", {"form": form})
