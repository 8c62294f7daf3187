"""Backup → restore round trip into a new database and media folder, compared in full."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import wagtail_factories
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice
from taggit.models import Tag
from wagtail.documents.models import Document
from wagtail.models import Page

from pluginnovation.accounts.twofactor import create_backup_codes
from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

# Run inside the restored site: the same figures the test computes from the original.
SNAPSHOT = """
import hashlib, json
from pathlib import Path
from django.conf import settings
from wagtail.models import Page
pages = {str(p.pk): (p.title, p.live, p.url_path) for p in Page.objects.all()}
revisions = {
    str(p.pk): p.latest_revision.content if p.latest_revision_id else None
    for p in Page.objects.all()
}
root = Path(settings.MEDIA_ROOT)
media = {
    str(f.relative_to(root)): hashlib.sha256(f.read_bytes()).hexdigest()
    for f in root.rglob("*") if f.is_file()
}
from django.apps import apps
counts = {label: apps.get_model(label).objects.count() for label in %r}
print(json.dumps(
    {"pages": pages, "revisions": revisions, "media": media, "counts": counts}, default=str
))
"""
COUNTED = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.PageLogEntry",
    "pluginnovation.User",
    "otp_totp.TOTPDevice",
    "otp_static.StaticDevice",
    "otp_static.StaticToken",
    "pluginnovation.CustomImage",
    "wagtaildocs.Document",
    "taggit.Tag",
    "sitesearch.SearchDocument",
    "sitesearch.SearchTerm",
]
SNAPSHOT %= (COUNTED,)


@pytest.fixture
def target(tmp_path):
    """A brand-new database (same engine as the test run) and an empty media folder."""
    media = tmp_path / "media"
    media.mkdir()
    if connection.vendor == "postgresql":
        import psycopg

        settings_dict = connection.settings_dict
        name = f"{settings_dict['NAME']}_restore"
        host, port, user = settings_dict["HOST"], settings_dict["PORT"], settings_dict["USER"]
        dsn = f"host={host} port={port} user={user} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        url = f"postgres://{user}@{host}:{port}/{name}"
        yield url, media
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}", media


def run(args, database_url, media_root):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "pluginnovation.settings.production",
        "SECRET_KEY": "restore-test-only-" + "x" * 40,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "LOG_LEVEL": "WARNING",
    }
    result = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_backup_then_restore_rebuilds_an_identical_site(site_tree, tmp_path, target):
    from django.core.files.storage import default_storage

    about = StandardPageFactory(parent=site_tree.home_sv, title="Om oss", slug="om")
    site_tree.translate(about, title="About us", slug="about")
    draft = about.get_latest_revision_as_object()
    draft.lead = "Ett utkast som inte är publicerat."
    draft.save_revision()
    # A page that is gone leaves its history behind (created, published, deleted).
    gone = StandardPageFactory(parent=site_tree.home_sv, title="Borttagen", slug="borta")
    gone.save_revision().publish()
    gone.delete()
    user = UserFactory(username="anna")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    create_backup_codes(user)
    Tag.objects.create(name="Mentorskap", slug="mentorskap")
    about.save_revision().publish()  # in the search index
    wagtail_factories.ImageFactory(title="Skolgård")
    document = Document(title="Rapport")
    document.file.save("rapport.pdf", ContentFile(b"%PDF-1.4 rapport"), save=True)

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))

    expected_counts = {label: apps.get_model(label).objects.count() for label in COUNTED}
    assert all(expected_counts.values()), expected_counts
    expected_pages = {str(p.pk): (p.title, p.live, p.url_path) for p in Page.objects.all()}
    expected_revisions = {
        str(p.pk): p.latest_revision.content if p.latest_revision_id else None
        for p in Page.objects.all()
    }
    from pluginnovation.editorial.management.commands.backup import storage_files

    expected_media = {}
    for name in storage_files(default_storage):
        with default_storage.open(name, "rb") as handle:
            expected_media[name] = hashlib.sha256(handle.read()).hexdigest()
    assert len(expected_media) >= 2

    database_url, media_root = target
    run(["restore", str(archive), "--yes"], database_url, media_root)
    output = run(["shell", "-c", SNAPSHOT], database_url, media_root)
    restored = json.loads(output.strip().splitlines()[-1])

    assert restored["pages"] == json.loads(json.dumps(expected_pages))
    assert len(restored["pages"]) == Page.objects.count()
    assert restored["revisions"] == json.loads(json.dumps(expected_revisions, default=str))
    assert restored["media"] == expected_media
    assert restored["counts"] == expected_counts


def test_restore_refuses_without_confirmation(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "x.tar.gz"))
