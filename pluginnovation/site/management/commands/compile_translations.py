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


def conflicts(paths):
    """Messages translated differently in two catalogues of one language.

    Django merges every catalogue of a language into one: the site-wide catalogue (in
    LOCALE_PATHS) overrides every app's, and an app listed earlier in INSTALLED_APPS overrides a
    later one. Two different translations of the same msgid (and context) therefore mean one of
    them is silently never shown, as "Nyheter" once hid the news app's "Aktuellt". A msgid that
    means different things in two places needs a context (`pgettext`).
    """
    seen = {}
    found = []
    for path in paths:
        language = path.parent.parent.name
        for entry in polib.pofile(str(path)).translated_entries():
            key = (language, entry.msgctxt, entry.msgid)
            translation = (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
            if key in seen and seen[key][0] != translation:
                found.append(
                    f"{language}: {entry.msgid!r} is {seen[key][0][0]!r} in {seen[key][1]} "
                    f"but {entry.msgstr!r} in {path}"
                )
            seen.setdefault(key, (translation, path))
    return found


class Command(BaseCommand):
    help = (
        "Compile every .po file to .mo in pure Python (no gettext needed on the machine); "
        "with --check, fail instead when any message is untranslated or fuzzy, or translated "
        "differently in two catalogues (only one of the two would ever be shown)."
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
        problems += conflicts(po_files())
        if check and problems:
            raise CommandError("Catalogue problems:\n" + "\n".join(problems))
        self.stdout.write(
            f"{len(po_files())} message catalogues {'checked' if check else 'compiled'}."
        )
