"""Write one archive with the whole database (as portable JSON) and every media file.

    manage.py backup [--output backups/pluginnovation-YYYYmmdd-HHMMSS.tar.gz]

`manage.py restore` rebuilds a fresh database and media folder from it. The archive holds
password hashes and two-factor secrets: keep it encrypted and access-controlled (see README).
"""

import io
import json
import tarfile
import time
from pathlib import Path

from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone
from wagtail.models import PageLogEntry

FORMAT_VERSION = 1
# Rebuilt by `update_index` and `rebuild_references_index`, or short-lived state that a
# restore must not bring back. Content types and permissions are kept: some permissions come
# from data migrations, and the restore loads them with their keys into an empty database.
EXCLUDED = [
    "sessions",
    "axes",
    "wagtailsearch.indexentry",
    "wagtailcore.referenceindex",
    "wagtailadmin.editingsession",
    # Dumped separately, by primary key: the entries of deleted pages point at no page.
    "wagtailcore.pagelogentry",
]


def storage_files(storage, directory=""):
    """Every file under a storage directory, as relative paths (works for any storage)."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for name in sorted(directories):
        yield from storage_files(storage, f"{directory}/{name}" if directory else name)


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    archive.addfile(info, io.BytesIO(data))


class Command(BaseCommand):
    help = "Write one archive with a database dump and the media files."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Archive path (default: backups/<timestamp>.tar.gz)")

    def handle(self, *args, output=None, **options):
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        path = Path(output or f"backups/pluginnovation-{stamp}.tar.gz")
        path.parent.mkdir(parents=True, exist_ok=True)

        dump = io.StringIO()
        call_command(
            "dumpdata",
            natural_foreign=True,
            exclude=EXCLUDED,
            indent=None,
            stdout=dump,
        )

        # Every entry, those of deleted pages too (the history of a deletion is history).
        # Plain keys: the archive keeps every primary key, and a deleted page has no natural key.
        logs = serializers.serialize("json", PageLogEntry.objects.order_by("pk"))
        media = list(storage_files(default_storage))
        manifest = {
            "format": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "media_files": len(media),
        }
        with tarfile.open(path, "w:gz") as archive:
            add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            add_bytes(archive, "database.json", dump.getvalue().encode())
            add_bytes(archive, "page-log.json", logs.encode())
            for name in media:
                with default_storage.open(name, "rb") as handle:
                    add_bytes(archive, f"media/{name}", handle.read())
        self.stdout.write(f"{path} ({len(media)} media files)")
