import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.module_loading import autodiscover_modules
from wagtail.models import Page

from pluginnovation.devtools.generate import GENERATORS, MARK


class Command(BaseCommand):
    help = (
        "Create clearly synthetic content in both languages for benchmarks and load tests "
        "(at --scale 100: about 2,000 literature entries, 1,000 case studies, 3,000 news items, "
        "500 articles). Never for the demo or production; needs the demo site (load_demo) first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)

    def handle(self, *args, scale, **options):
        if scale < 1 or scale > 1000:
            raise CommandError("--scale must be between 1 and 1000")
        if not settings.DEBUG and not getattr(settings, "ALLOW_SYNTHETIC_CONTENT", False):
            raise CommandError("Synthetic content is for benchmark databases only.")
        autodiscover_modules("generate")  # each content app's generate.py adds its generator

        if Page.objects.filter(title__startswith=MARK).exists():
            raise CommandError(
                "This database has synthetic content already; start from a fresh one."
            )

        for _order, generate in sorted(GENERATORS, key=lambda item: item[0]):
            started = time.monotonic()
            count = generate(scale)
            self.stdout.write(
                f"{generate.__module__}: {count} pages in {time.monotonic() - started:.1f} s"
            )

        # Years of content reach a database one edit at a time, and autovacuum keeps the
        # planner's statistics as it goes; this content arrives in a few bulk inserts, and small
        # tables (ten success factors) are never analysed automatically. Without statistics
        # PostgreSQL guesses, and guessed a seq scan of every page for the home page's factor
        # counts (20 ms instead of 5 ms at --scale 100). SQLite reads them too.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
