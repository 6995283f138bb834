"""Poll the watched feeds that are due, in a loop (`make run` and `make worker` start it), or once."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from claims.inflow.polling import poll_due_feeds


class Command(BaseCommand):
    help = "Poll due watched feeds and queue their new items for ingest (--once: a single round)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="poll what is due once, then stop")
        parser.add_argument("--interval", type=float, default=settings.FEEDS_POLL_LOOP_SECONDS)

    def handle(self, *args, once=False, interval=30, **options):
        while True:
            for outcome in poll_due_feeds():
                if outcome.error:
                    self.stderr.write(f"{outcome.feed.url}: {outcome.error}")
                elif options["verbosity"] > 1 or outcome.new_items:
                    self.stdout.write(f"{outcome.feed.url}: {outcome.new_items} new")
            if once:
                return
            time.sleep(interval)
