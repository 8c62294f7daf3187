import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection


class Command(BaseCommand):
    help = (
        "Run Wagtail's publish_scheduled every --interval seconds (default 300), so pages go "
        "live and expire on time without anyone running a command. Run it as its own process "
        "beside the web server (see README: Scheduled publishing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=300)
        parser.add_argument("--once", action="store_true", help="Run once and exit.")

    def handle(self, *args, interval, once, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        while True:
            # A long-lived process must drop connections the database closed meanwhile; inside
            # an atomic block (tests) there is nothing stale to drop and closing would break it.
            if not connection.in_atomic_block:
                close_old_connections()
            try:
                call_command("publish_scheduled", stdout=self.stdout)
            except Exception:
                self.stderr.write("publish_scheduled failed; trying again at the next tick")
                if once:
                    raise
            if once or stopping:
                return
            for _ in range(interval):
                if stopping:
                    return
                time.sleep(1)
