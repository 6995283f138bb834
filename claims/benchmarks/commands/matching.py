"""Claim matching on the shared corpora: precision and recall on relay pairs, and what matching costs.

    python -m claims.benchmarks matching                      # a scratch database, made and removed
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck \\
        python -m claims.benchmarks matching --scale 1000000  # among a million generated claims

With --scale the corpora are ingested into a PostgreSQL database filled (once, with COPY: claims, figures,
events, contradictions, verdicts; claims/benchmarks/fill.py) with that many claims, kept for the next run
unless --drop. The ingest runs in a transaction that is rolled back, so the filled database stays as it
was. Either way it prints the matching step's time per article and per claim, its queries, the size of
the blocks it read, and with --explain (or --scale) the plans of its queries, refusing a sequential scan.
"""

import time
from pathlib import Path

import psycopg
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction

from claims.benchmarks.fill import fill_newsroom
from claims.benchmarks.matching import (
    GENERATED_URL,
    cost_summary,
    explain_matching,
    run,
    time_generated,
)
from claims.benchmarks.server import use_database
from claims.events.models import ClaimMatch
from claims.models import Claim

DEFAULT_CORPUS = "/work/shared/corpus"


class Rollback(Exception):
    """Raised to leave the filled database as it was after the ingest."""


def percent(value):
    return "n/a" if value is None else f"{value:.0%}"


class Command(BaseCommand):
    help = "Ingest every shared corpus into a scratch database and report how well claim matching does."

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus", default=DEFAULT_CORPUS, help="Folder of corpora, each with a gold.json."
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Ingest among this many generated claims (PostgreSQL, filled once with COPY).",
        )
        parser.add_argument("--database-name", default="", help="Default: factcheck_match_<scale>.")
        parser.add_argument("--drop", action="store_true", help="Drop the filled database afterwards.")
        parser.add_argument("--explain", action="store_true", help="Print the matching queries' plans.")

    def handle(self, *args, corpus, scale, database_name, drop, explain, **options):
        if not Path(corpus).is_dir():
            raise CommandError(f"No corpus folder at {corpus}.")
        if scale:
            self.at_scale(corpus, scale, database_name or f"factcheck_match_{scale}", drop)
            return
        # A scratch database, made and removed the way the test runner does: the real one is never touched.
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            results, cross_event, samples = run(corpus)
            self.report(results, cross_event, samples, explain)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def at_scale(self, corpus, scale, name, drop):
        configured = connection.settings_dict["NAME"]
        use_database(name)
        try:
            call_command("migrate", verbosity=0)
            call_command("createcachetable", verbosity=0)
            have = Claim.objects.count()
            if have < scale:
                self.stdout.write(f"Filling {name}: {scale - have:,} claims (COPY)…")
                started = time.monotonic()
                fill_newsroom(scale - have)
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
                self.stdout.write(f"  filled in {time.monotonic() - started:.0f} s")
            self.stdout.write(f"{Claim.objects.count():,} claims in {name} before the ingest")
            try:
                with transaction.atomic():
                    results, cross_event, samples = run(corpus)
                    self.report(results, cross_event, samples, explain=False)
                    generated = ClaimMatch.objects.filter(
                        earlier__article__url__startswith=GENERATED_URL
                    ).count()
                    self.stdout.write(f"Matches to generated claims (other events of the fill): {generated}")
                    again = time_generated()
                    self.report_cost(again, f"the matching step again on {len(again)} generated articles")
                    self.report_plans(again + samples)
                    raise Rollback
            except Rollback:
                pass
        finally:
            if drop:
                params = connection.get_connection_params()
                for alias in connections:
                    connections[alias].close()
                params["dbname"] = "postgres"
                with psycopg.connect(**params, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                self.stdout.write(f"Dropped {name}.")
            connection.settings_dict["NAME"] = configured

    def report(self, results, cross_event, samples, explain):
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
        self.report_cost(samples, "the matching step of the ingest")
        if explain:
            self.report_plans(samples)

    def report_cost(self, samples, what):
        out = self.stdout.write
        cost = cost_summary(samples)
        out(
            f"\n{what.capitalize()} ({connection.vendor}, {Claim.objects.count():,} claims in the database): "
            f"{cost['articles']} articles, {cost['claims']} claims"
        )
        out("  per article ms  p50 {:.1f}  p95 {:.1f}  max {:.1f}".format(*cost["article_ms"]))
        out("  per claim ms    p50 {:.2f}  p95 {:.2f}  max {:.2f}".format(*cost["claim_ms"]))
        out(
            "  queries per article p50 {} max {}; per claim {:.2f}".format(
                *cost["queries_per_article"], cost["queries_per_claim"]
            )
        )
        out(
            "  blocks per article p50 {}; figures in a block p50 {} max {}".format(
                cost["blocks_per_article"], *cost["block_figures"]
            )
        )

    def report_plans(self, samples):
        out = self.stdout.write
        plans, scans = explain_matching(samples)
        for name, plan in plans:
            how = "EXPLAIN ANALYZE" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
            out(f"\n{how} {name} (the largest block):\n{plan}")
        if scans:
            raise CommandError(f"Matching scans whole tables: {scans}")
        out("\nNo sequential scan in matching's queries.")
