"""Precision and recall of claim matching on the shared corpora, in a scratch database (claims/events/benchmark.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from claims.events.benchmark import run

DEFAULT_CORPUS = "/work/shared/corpus"


def percent(value):
    return "n/a" if value is None else f"{value:.0%}"


class Command(BaseCommand):
    help = "Ingest every shared corpus into a scratch database and report how well claim matching does."

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus", default=DEFAULT_CORPUS, help="Folder of corpora, each with a gold.json."
        )

    def handle(self, *args, corpus, **options):
        from pathlib import Path

        if not Path(corpus).is_dir():
            raise CommandError(f"No corpus folder at {corpus}.")
        # A scratch database, made and removed the way the test runner does: the real one is never touched.
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            results, cross_event = run(corpus)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        out = self.stdout.write
        out(
            f"{'corpus':<20} {'relay pairs':>11} {'found':>6} {'matches':>8} {'right':>6} {'precision':>9} {'recall':>7} {'ingest s':>9}"
        )
        for s in results:
            out(
                f"{s.corpus:<20} {s.relay_pairs:>11} {s.found:>6} {s.matches:>8} {s.right:>6} "
                f"{percent(s.precision):>9} {percent(s.recall):>7} {s.ingest_seconds:>9.1f}"
            )
            for error in s.errors:
                out(f"  not ingested: {error}")
        total_pairs = sum(s.relay_pairs for s in results)
        total_found = sum(s.found for s in results)
        total_matches = sum(s.matches for s in results)
        total_right = sum(s.right for s in results)
        out(
            f"{'all':<20} {total_pairs:>11} {total_found:>6} {total_matches:>8} {total_right:>6} "
            f"{percent(total_right / total_matches if total_matches else None):>9} "
            f"{percent(total_found / total_pairs if total_pairs else None):>7}"
        )
        out(f"Matches between different events (must be 0): {cross_event}")
