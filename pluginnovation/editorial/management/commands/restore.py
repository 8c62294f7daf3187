"""Rebuild a fresh database and media folder from an archive written by `manage.py backup`.

    manage.py restore ARCHIVE --yes

Everything in the configured database is replaced: it is migrated, emptied, and loaded from
the archive; the media files are written back through the default storage; the search and
reference indexes are rebuilt.
"""

import json
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from .backup import FORMAT_VERSION


class Command(BaseCommand):
    help = "Replace the database and media files with the contents of a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--yes", action="store_true", help="Confirm that the database may be replaced."
        )

    def handle(self, *args, archive, yes, **options):
        if not yes:
            raise CommandError("restore replaces the whole database; pass --yes to confirm.")
        with tarfile.open(archive, "r:gz") as tar:
            manifest = json.load(tar.extractfile("manifest.json"))
            if manifest.get("format") != FORMAT_VERSION:
                raise CommandError(f"Unknown archive format: {manifest.get('format')}")
            with tempfile.TemporaryDirectory() as workdir:
                dump = Path(workdir) / "database.json"
                dump.write_bytes(tar.extractfile("database.json").read())
                logs = Path(workdir) / "page-log.json"
                logs.write_bytes(tar.extractfile("page-log.json").read())
                call_command("migrate", interactive=False, verbosity=0)
                with transaction.atomic():
                    # Empty every table, content types and permissions too: the archive has them.
                    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
                    call_command("loaddata", str(dump), verbosity=0)
                    call_command("loaddata", str(logs), verbosity=0)
            restored = 0
            for member in tar.getmembers():
                if not member.isfile() or not member.name.startswith("media/"):
                    continue
                name = PurePosixPath(member.name).relative_to("media")
                if ".." in name.parts or name.is_absolute():
                    raise CommandError(f"Unsafe path in archive: {member.name}")
                if default_storage.exists(str(name)):
                    default_storage.delete(str(name))
                default_storage.save(str(name), ContentFile(tar.extractfile(member).read()))
                restored += 1
        if connection.vendor == "postgresql":
            # On SQLite (development) the save signals during loaddata fill the index, and
            # the SQLite rebuilder cannot run over those entries.
            call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(f"Restored the database and {restored} media files from {archive}")
