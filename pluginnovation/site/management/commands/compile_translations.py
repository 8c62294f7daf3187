from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

APPS_WITH_MESSAGES = ["knowledge", "casestudies", "literature", "news"]


def po_files():
    base = Path(settings.BASE_DIR)
    roots = [base / "locale"] + [base / app / "locale" for app in APPS_WITH_MESSAGES]
    return sorted(
        path for root in roots if root.is_dir() for path in root.glob("*/LC_MESSAGES/*.po")
    )


class Command(BaseCommand):
    help = (
        "Compile every .po file to .mo in pure Python (no gettext needed on the machine); "
        "with --check, fail instead when any message is untranslated or fuzzy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check=False, **options):
        problems = []
        for path in po_files():
            catalogue = polib.pofile(str(path))
            untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
            fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
            if untranslated or fuzzy:
                problems.append(f"{path}: untranslated {untranslated}, fuzzy {fuzzy}")
            if not check:
                catalogue.save_as_mofile(str(path.with_suffix(".mo")))
        if check and problems:
            raise CommandError("Messages without a translation:\n" + "\n".join(problems))
        self.stdout.write(
            f"{len(po_files())} message catalogues {'checked' if check else 'compiled'}."
        )
