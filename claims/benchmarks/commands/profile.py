"""One request at a time: where a page's time goes (SQL, template rendering, the rest of Python).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck python -m claims.benchmarks profile
    python -m claims.benchmarks profile --scales 10000,100000 --runs 30 [--nodes]

It reads the databases the load benchmark filled (<prefix>_<claims>; run `load` first) and requests each
of its pages in this process through Django's test client, signed in as the load benchmark's editor,
each request another URL of the page's list (public pages miss the page cache; sessions, permissions and
counts are cached as on a running site). Per page it prints the median
of `--runs` requests: the whole request, its SQL (the time the database calls took, as Django records
it), the template rendering (the outermost template's render, SQL run from inside it included), and
the number of queries. `--nodes` also counts the template nodes a request renders (counting slows the
rendering, so it is a separate pass).
"""

import cProfile
import statistics
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.template import base as template_base
from django.template.backends import django as django_backend
from django.test import Client
from django.test.utils import CaptureQueriesContext

from claims.benchmarks import load
from claims.benchmarks.server import use_database
from claims.models import Article


@contextmanager
def timed_rendering(spent):
    """Adds to spent[0] the seconds of every outermost template render."""
    original = django_backend.Template.render
    depth = [0]

    def render(self, *args, **kwargs):
        depth[0] += 1
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                spent[0] += time.perf_counter() - started

    django_backend.Template.render = render
    try:
        yield
    finally:
        django_backend.Template.render = original


@contextmanager
def counted_nodes(count):
    original = template_base.Node.render_annotated

    def render_annotated(self, context):
        count[0] += 1
        return original(self, context)

    template_base.Node.render_annotated = render_annotated
    try:
        yield
    finally:
        template_base.Node.render_annotated = original


class Command(BaseCommand):
    help = "Time single requests of every page: SQL, template rendering and the rest."

    def add_arguments(self, parser):
        parser.add_argument("--scales", default="10000", help="Claims in the database, comma-separated.")
        parser.add_argument("--runs", type=int, default=20, help="Requests per page.")
        parser.add_argument("--database-prefix", default="factcheck_load")
        parser.add_argument("--nodes", action="store_true", help="Also count template nodes.")
        parser.add_argument("--only", default="", help="Only pages whose name contains this.")
        parser.add_argument(
            "--cprofile", default="", help="Write cProfile stats of all the requests to this file."
        )

    def handle(self, *args, scales, runs, database_prefix, nodes, only, cprofile, **options):
        for scale in [int(n) for n in scales.split(",")]:
            use_database(f"{database_prefix}_{scale}")
            if not Article.objects.exists():
                self.stderr.write(f"{database_prefix}_{scale} is empty: run the load benchmark first.")
                continue
            self.profile(scale, runs, nodes, only, cprofile)

    def profile(self, scale, runs, nodes, only, cprofile):
        editor, _ = load.editor_cookie("unused")
        client = Client(HTTP_HOST="127.0.0.1", headers={"X-Forwarded-Proto": "https"})
        client.force_login(editor)
        signed_out = Client(HTTP_HOST="127.0.0.1", headers={"X-Forwarded-Proto": "https"})
        header = f"{'page':<34} {'total ms':>9} {'SQL ms':>7} {'render ms':>10} {'queries':>8}" + (
            f" {'nodes':>7}" if nodes else ""
        )
        self.stdout.write(f"\n== {scale:,} claims: medians of {runs} requests\n{header}\n{'-' * len(header)}")
        profiler = cProfile.Profile() if cprofile else None
        for page in load.pages(editor):
            if (only and only not in page.name) or "(cached)" in page.name:
                continue
            browser = client if page.signed_in else signed_out
            paths = page.paths[1:] if len(page.paths) > runs else page.paths  # the first was warmed above
            browser.get(page.paths[0], secure=True)  # imports, connections, plans
            totals, sqls, renders, queries, node_counts = [], [], [], [], []
            cache.clear()  # as the load benchmark does before each page; then sessions and the like are cached
            browser.get(page.paths[0], secure=True)
            for n in range(runs):
                path = paths[n % len(paths)]
                spent, count = [0.0], [0]
                with CaptureQueriesContext(connection) as captured, timed_rendering(spent):
                    if profiler:
                        profiler.enable()
                    started = time.perf_counter()
                    response = browser.get(path, secure=True)
                    totals.append(time.perf_counter() - started)
                    if profiler:
                        profiler.disable()
                assert response.status_code == 200, (path, response.status_code)
                sqls.append(sum(float(q["time"]) for q in captured.captured_queries))
                renders.append(spent[0])
                queries.append(len(captured.captured_queries))
                if nodes and not path.startswith("/api/"):  # the API renders no templates (and refuses
                    # parameters it does not know); other pages get one more so that the page cache misses
                    with counted_nodes(count):
                        browser.get(f"{path}{'&' if '?' in path else '?'}nodes=1", secure=True)
                    node_counts.append(count[0])
            line = (
                f"{page.name:<34} {1000 * statistics.median(totals):>9.1f} "
                f"{1000 * statistics.median(sqls):>7.1f} {1000 * statistics.median(renders):>10.1f} "
                f"{max(queries):>8}"
            )
            if nodes:
                line += f" {int(statistics.median(node_counts or [0])):>7}"
            self.stdout.write(line)
        if profiler:
            profiler.dump_stats(cprofile)
