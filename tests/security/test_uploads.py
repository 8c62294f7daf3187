import io
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images import get_image_model

from tests.factories import png

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.invalid", "pw-123456789")
    client.force_login(user)
    return client


def png_bomb(width=60_000, height=60_000):
    """A tiny PNG whose header claims 3.6 billion pixels (a decompression bomb)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width // 8 + 1) * 64, 9)
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {"title": "Bild", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {"title": "Dokument", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_a_real_image_is_accepted(admin):
    response = upload_image(admin, "skolgard.png", png())
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


def test_a_decompression_bomb_gets_a_form_error_with_bounded_memory(admin):
    tracemalloc.start()
    response = upload_image(admin, "bomb.png", png_bomb())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert get_image_model().objects.count() == 0
    # Decoding 3.6 gigapixels would need gigabytes; the header check needs a few megabytes.
    assert peak < 50 * 1024 * 1024


def test_an_image_is_judged_by_its_content_not_its_extension(admin):
    response = upload_image(admin, "inte-en-bild.jpg", png())
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    response = upload_image(admin, "skript.png", b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert get_image_model().objects.count() == 0


def test_files_over_10_mb_are_refused(admin):
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
    response = upload_document(admin, "stor.pdf", big)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Document.objects.count() == 0


def office_file(content_types=True):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if content_types:
            archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", b"%PDF-1.4\n%%EOF"),
        ("data.csv", "kommun,andel\nUmeå,12\n".encode()),
        ("text.txt", b"Hej"),
        ("rapport.docx", office_file()),
        ("text.rtf", b"{\\rtf1 Hej}"),
    ],
)
def test_documents_that_are_what_they_say_are_accepted(admin, name, content):
    assert upload_document(admin, name, content).status_code == 302


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", b"MZ\x90\x00 an executable"),
        ("rapport.pdf", b"<html><script>alert(1)</script></html>"),
        ("data.csv", b"\x00\x01binary\xff\xfe"),
        ("rapport.docx", b"PK\x03\x04 not really a zip"),
        ("rapport.docx", office_file(content_types=False)),
    ],
)
def test_documents_whose_content_differs_from_their_extension_are_refused(admin, name, content):
    response = upload_document(admin, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Document.objects.count() == 0
