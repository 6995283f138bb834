"""Load on the production server: gunicorn (2 workers, DEBUG off) on loopback, over PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck python manage.py bench_load
    python manage.py bench_load --requests 300 --clients 1,10      # quicker

Fills a separate database (factcheck_load: the demo plus 10,000 generated claims, 2,000 of them with
published verdicts), starts gunicorn on a free port, and for 1, 10 and 50 concurrent clients (keep-alive
connections, one thread each) reports requests/s and p50/p95/p99 for /healthz, the home page, a verdict
page, a search and the API. Bounded: --requests per URL and level, and --seconds at most each.
"""

import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

from claims.models import Article, Claim, Verdict

BASE_DIR = Path(settings.BASE_DIR)


def use_database(name):
    """Point the default connection at `name` (created if missing); return its DATABASE_URL."""
    if connection.vendor != "postgresql":
        raise CommandError("The load benchmarks need PostgreSQL: set DATABASE_URL=postgres://…")
    if name == connection.settings_dict["NAME"]:
        raise CommandError("The bench database must not be the configured database.")
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    with psycopg.connect(**params, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    for alias in connections:
        connections[alias].close()
    connection.settings_dict["NAME"] = name
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def production_server(database_url, workers=2, **extra_env):
    """gunicorn serving the app as `make serve` does, on a free loopback port; yields the port."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        **extra_env,
    }
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=BASE_DIR, check=True
    )
    gunicorn = str(Path(python).with_name("gunicorn"))
    server = subprocess.Popen(
        [
            gunicorn,
            "factcheck.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=BASE_DIR,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise CommandError("gunicorn did not start")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)


# Behind the TLS proxy production expects: secure cookies are accepted, no redirect to https.
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def hammer(port, path, clients, requests, seconds):
    """`requests` GETs of `path` from `clients` threads (or until `seconds` pass); (latencies ms, errors, s)."""
    latencies, errors, lock = [], [], threading.Lock()
    remaining = [requests]
    deadline = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=HEADERS)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                status = repr(error)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(status)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - started


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


class Command(BaseCommand):
    help = "Start gunicorn on a separate PostgreSQL database and measure throughput and latency."

    def add_arguments(self, parser):
        parser.add_argument("--database-name", default="factcheck_load")
        parser.add_argument("--claims", type=int, default=10_000)
        parser.add_argument("--verdicts", type=int, default=2_000)
        parser.add_argument("--clients", default="1,10,50")
        parser.add_argument("--requests", type=int, default=1000, help="Per URL and concurrency level.")
        parser.add_argument("--seconds", type=float, default=20, help="At most, per URL and level.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes.")

    def handle(self, *args, database_name, claims, verdicts, clients, requests, seconds, workers, **options):
        database_url = use_database(database_name)
        call_command("migrate", verbosity=0)
        self.fill(claims, verdicts)
        verdict = Verdict.objects.published().order_by("-published_at").first()
        paths = {
            "/healthz": "/healthz",
            "/": "/",
            "verdict page": verdict.get_absolute_url(),
            "search": "/search/?q=injured",
            "/api/verdicts": "/api/verdicts",
        }
        connections.close_all()
        self.stdout.write(f"gunicorn with {workers} workers")
        with production_server(database_url, workers=workers) as port:
            for path in paths.values():  # warm up: imports, connections, caches
                hammer(port, path, 2, 20, 10)
            header = f"{'url':<14} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"
            self.stdout.write(header)
            self.stdout.write("-" * len(header))
            for level in [int(n) for n in clients.split(",")]:
                for name, path in paths.items():
                    latencies, errors, elapsed = hammer(port, path, level, requests, seconds)
                    self.stdout.write(
                        f"{name:<14} {level:>7} {len(latencies) / elapsed:>8.0f} "
                        f"{statistics.median(latencies):>8.1f} {percentile(latencies, 0.95):>8.1f} "
                        f"{percentile(latencies, 0.99):>8.1f} {len(errors):>7}"
                        + (f"  {sorted(set(map(str, errors)))[:3]}" if errors else "")
                    )

    def fill(self, claims, verdicts):
        if not Article.objects.exists():
            call_command("demo", "--password", secrets.token_urlsafe(12), verbosity=0)
        generated = Article.objects.filter(url__startswith="https://load.example/")
        if generated.exists():
            return
        now = datetime(2026, 1, 1, tzinfo=UTC)
        per_article = 10
        articles = Article.objects.bulk_create(
            Article(
                url=f"https://load.example/{n}",
                title=f"Generated article {n}",
                body=f"Generated article {n}.",
                content_hash=f"load-{n:059d}",
                published_at=now - timedelta(hours=n),
            )
            for n in range(claims // per_article)
        )
        rows = Claim.objects.bulk_create(
            Claim(
                article=articles[n // per_article],
                text=f"More than {n} people were injured in the clashes, officials said on day {n % 30}.",
                start=(n % per_article) * 200,
                end=(n % per_article) * 200 + 80,
                status=Claim.Status.PUBLISHED if n < verdicts else Claim.Status.NEW,
            )
            for n in range(claims)
        )
        generated = []
        for n in range(verdicts):
            verdict = Verdict(
                claim=rows[n],
                rating="mostly_true" if n % 2 else "false",
                headline=f"Generated verdict {n} on the injured count",
                summary="The figure matches what the ministry said at the time.",
                slug=f"generated-verdict-{n}",
            )
            verdict.copy_draft_to_public(now - timedelta(minutes=n))
            generated.append(verdict)
        Verdict.objects.bulk_create(generated)
