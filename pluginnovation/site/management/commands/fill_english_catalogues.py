import polib
from django.core.management.base import BaseCommand

from .compile_translations import po_files


class Command(BaseCommand):
    help = "Our msgids are English: copy each msgid into the English catalogues where missing."

    def handle(self, *args, **options):
        for path in po_files():
            if path.parts[-3] != "en":
                continue
            catalogue = polib.pofile(str(path))
            # msgmerge's fuzzy guesses are wrong by definition here: the msgid is the English.
            for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries():
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                else:
                    entry.msgstr = entry.msgid
            catalogue.save()
