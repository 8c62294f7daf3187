import json
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pluginnovation.caching.cache import bump_content_version


class Command(BaseCommand):
    help = (
        "For each path given, the median in-process server time over --repeat requests and the "
        "SQL query count, with the page cache bypassed; and the same right after an edit "
        "(`cold`: nothing cached). Prints JSON (used by `make bench`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, paths, repeat, **options):
        # A cookie makes the page cache step aside, so the page is rendered every time.
        client = Client(HTTP_HOST="127.0.0.1", secure=True)
        client.cookies["bench"] = "1"
        results = {}
        for path in paths:
            client.get(path)  # warm up
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            # After an edit nothing is cached: what the first reader of each page pays. Eleven
            # of them (with the default --repeat): on a shared machine five gave medians that
            # moved by a fifth between two runs of the same code.
            cold_timings = []
            for _ in range(max(5, repeat // 2 + 1)):
                bump_content_version()
                started = time.perf_counter()
                client.get(path)
                cold_timings.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as cold_queries:
                bump_content_version()
                client.get(path)
            results[path] = {
                "status": response.status_code,
                "median_ms": round(statistics.median(timings), 2),
                "queries": len(queries),
                "cold_median_ms": round(statistics.median(cold_timings), 2),
                "cold_queries": len(cold_queries),
            }
        self.stdout.write(json.dumps(results))
