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
            # The linking page by its title and public address, the target by its title.
            self.stdout.write(f"{link.source.title}\t{link.source_url}\t{link.description}")
        self.stdout.write(f"{len(links)} broken link(s).")
