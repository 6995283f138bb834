"""Load on the production server the way people hit it: gunicorn (2 workers, DEBUG off) on loopback,
PostgreSQL, wrk as the load generator (claims/benchmarks/load.py).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck python -m claims.benchmarks load
    python -m claims.benchmarks load --scales 10000,100000,1000000 --seconds 10

For each scale it fills a separate database (factcheck_load_<claims>: the demo plus generated claims with
figures, events, contradictions, verdicts, evidence and history, written with COPY) once and keeps it,
then measures every page beside /healthz: public pages with a different URL each request (what a cache
miss costs), the signed-in desk (queue with and without filters, workspace, board, article page), the
API list and search. It prints req/s, p50/p95/p99 and each page's share of /healthz.
"""

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, connections

from claims.benchmarks import load
from claims.benchmarks.fill import fill_newsroom
from claims.benchmarks.server import production_server, use_database
from claims.desk.board.queries import board_card_versions
from claims.desk.board.views import PAGE_SIZE as BOARD_PAGE
from claims.desk.pagination import CappedPaginator
from claims.desk.queue.queries import desk_editors, filter_queue, queue_claims
from claims.desk.queue.views import PAGE_SIZE as QUEUE_PAGE
from claims.models import Article, Claim, Verdict

BASE_DIR = Path(settings.BASE_DIR)


class Command(BaseCommand):
    help = "Measure every page with wrk against gunicorn over PostgreSQL at one or more data sizes."

    def add_arguments(self, parser):
        parser.add_argument("--scales", default="10000", help="Claims in the database, comma-separated.")
        parser.add_argument("--seconds", type=int, default=10, help="wrk's duration per page.")
        parser.add_argument("--connections", type=int, default=10)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes.")
        parser.add_argument(
            "--explain", action="store_true", help="Print EXPLAIN plans of the desk's queries."
        )
        parser.add_argument(
            "--only", default="", help="Measure only the pages whose name contains this (and /healthz)."
        )
        parser.add_argument(
            "--database-prefix",
            default="factcheck_load",
            help="Each scale fills <prefix>_<claims> (another prefix keeps two checkouts' databases apart).",
        )

    def handle(self, *args, scales, seconds, connections, workers, explain, database_prefix, only, **options):
        load.require_wrk()
        for scale in [int(n) for n in scales.split(",")]:
            self.bench_scale(
                f"{database_prefix}_{scale}", scale, seconds, connections, workers, explain, only
            )

    def bench_scale(self, database, scale, seconds, connections_, workers, explain, only=""):
        database_url = use_database(database)
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)  # the shared cache without REDIS_URL
        if not Article.objects.exists():
            call_command("demo", "--password", secrets.token_urlsafe(12), verbosity=0)
        have = Claim.objects.count()
        if have < scale:
            self.stdout.write(f"Filling {database}: {scale - have:,} more claims (COPY)…")
            started = time.monotonic()
            fill_newsroom(scale - have, editors=list(desk_editors()))
            with connection.cursor() as cursor:  # what autovacuum would do soon after: statistics and the
                cursor.execute("VACUUM ANALYZE")  # visibility map that index-only scans need
            self.stdout.write(f"  filled in {time.monotonic() - started:.0f} s")
        if explain:
            self.explain_desk_queries()
        secret_key = secrets.token_urlsafe(50)
        editor, cookie = load.editor_cookie(secret_key)
        page_list = [page for page in load.pages(editor) if only in page.name]
        counts = (
            f"{Claim.objects.count():,} claims, {Verdict.objects.published().count():,} published verdicts"
        )
        connections.close_all()
        self.stdout.write(
            f"\n== {counts}; gunicorn with {workers} workers, wrk with {connections_} connections"
        )
        with production_server(database_url, workers=workers, DJANGO_SECRET_KEY=secret_key) as port:
            for page in page_list:  # warm up: imports, connections, plans
                load.run_wrk(port, load.Page(page.name, page.paths[:50], page.signed_in), 1, 2, cookie)
            load.measure(port, page_list, seconds, connections_, cookie, self.stdout.write)

    def explain_desk_queries(self):
        """The plans of the queue's and the board's first pages and counts, as the views run them."""
        editor, _ = load.editor_cookie(secrets.token_urlsafe(50))
        queue = filter_queue(queue_claims(), user=editor)
        board = board_card_versions()
        for name, queryset in (
            ("queue, first page", queue[: QUEUE_PAGE + 1]),
            ("queue, count (stops at the cap)", queue.order_by().values("pk")[: CappedPaginator.cap + 1]),
            (
                "queue, filtered",
                filter_queue(queue_claims(), user=editor, status="in_review", assignee="mine")[:26],
            ),
            ("board, open contradictions", board[: BOARD_PAGE + 1]),
        ):
            plan = queryset.explain(analyze=True, buffers=True)
            self.stdout.write(f"\nEXPLAIN ANALYZE {name}:\n{plan}")
