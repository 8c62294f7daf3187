from django.core.management.base import BaseCommand

from pluginnovation.editorial.reports import broken_links


class Command(BaseCommand):
    help = (
        "List links in live pages to deleted or unpublished pages and to missing documents "
        "(from Wagtail's reference index; run rebuild_references_index first on an old database)."
    )

    def handle(self, *args, **options):
        links = broken_links()
        for link in links:
            self.stdout.write(
                f"{link.source.url_path}\t{link.source.title}\t{link.reason}\t"
                f"{link.target_type} {link.target_id}"
            )
        self.stdout.write(f"{len(links)} broken link(s).")
