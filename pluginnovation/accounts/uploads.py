"""Uploaded documents must be what their extension says, judged by their first bytes.

Wagtail checks an image's content against its extension and its pixel count from the header
(so a decompression bomb is refused before it is decoded); documents get the same here.
"""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

ZIP_FORMATS = {"docx", "xlsx", "pptx", "odt"}
TEXT_FORMATS = {"txt", "csv"}
SNIFF_BYTES = 8192


def content_matches(extension, head, file):
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "rtf":
        return head.startswith(b"{\\rtf")
    if extension in ZIP_FORMATS:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return False
        if extension == "odt":
            return "mimetype" in names
        return "[Content_Types].xml" in names
    if extension in TEXT_FORMATS:
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut off at the end of the sample is still text.
            return error.start >= len(head) - 3
        return True
    return False


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not file or not hasattr(file, "read") or getattr(file, "_committed", False):
            return file
        extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
        file.seek(0)
        head = file.read(SNIFF_BYTES)
        file.seek(0)
        matches = content_matches(extension, head, file)
        file.seek(0)
        if not matches:
            raise ValidationError(
                _("The file's content is not a valid %(extension)s file."),
                params={"extension": extension.upper() or "?"},
                code="content_mismatch",
            )
        return file
