"""Readers' search at scale: fill a separate PostgreSQL database with N claims, then time searches.

    python -m claims.benchmarks search                    # 1,000,000 claims into factcheck_bench
    python -m claims.benchmarks search --claims 100000 --runs 30

Each claim gets a published verdict, so every matching claim is a search result. The text is drawn
from a Zipf-distributed vocabulary of made-up words, and a few real words are planted at controlled
rates, so that each kind of query has a known number of hits:

    rare     ~100 claims       ("glacier", "monsoon", …)
    medium   ~10,000 claims    ("earthquake", "hospital", …)
    common   ~50% of claims    ("people", "police")

Rows go in with COPY (each verdict's stored search vector, migration 0005, filled by its trigger) and
the full-text indexes are rebuilt afterwards (much faster than keeping them up to date row by row).
The data stays, so a second run only applies new migrations and times the searches: the function
readers' search calls, `claims.public.search.search_verdicts`, 50 results a page. --rebuild refills.
The development database is never touched: the command refuses a bench database with the same name.
"""

import itertools
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from claims.benchmarks.server import switch_database
from claims.public.search import candidate_count, search_verdicts

RARE = ["glacier", "monsoon", "tsunami", "volcano", "avalanche"]
MEDIUM = ["earthquake", "hospital", "protest", "ministry", "election"]
COMMON = ["people", "police"]
RARE_EVERY, MEDIUM_EVERY = 10_000, 100  # per term: 1 in 10,000 claims, 1 in 100 claims
COMMON_SHARE = 0.5
CLAIMS_PER_ARTICLE = 20
SYLLABLES = ["ka", "lo", "mi", "tar", "ven", "dor", "sul", "pra", "ni", "bek", "osh", "um", "zan", "rel", "fi", "gor", "tu", "lan", "ser", "bo"]  # fmt: skip


def vocabulary(size, seed):
    """`size` made-up words (two or three syllables), none of them a planted term."""
    rng = random.Random(seed)
    planted = set(RARE + MEDIUM + COMMON)
    words = set()
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3))))
        if word not in planted and len(word) > 3:
            words.add(word)
    return sorted(words)


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Fill a separate PostgreSQL database with generated claims and time readers' searches."

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, default=1_000_000)
        parser.add_argument("--database-name", default="factcheck_bench")
        parser.add_argument("--runs", type=int, default=50, help="Timed searches per term.")
        parser.add_argument("--rebuild", action="store_true", help="Drop and refill the bench database.")
        parser.add_argument("--seed", type=int, default=6)

    def handle(self, *args, claims, database_name, runs, rebuild, seed, **options):
        if connection.vendor != "postgresql":
            raise CommandError("bench_search needs PostgreSQL: set DATABASE_URL=postgres://…")
        if database_name == connection.settings_dict["NAME"]:
            raise CommandError("The bench database must not be the configured database.")
        created = switch_database(database_name, rebuild)
        # Always: a reused database still needs the migrations written since it was filled (0005 adds
        # the stored search vectors to the rows already there).
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        call_command("migrate", verbosity=0)
        if created or self.claim_count() != claims:
            self.fill(claims, seed)
        elif pending:
            # Migrations that rewrote every row leave the old versions behind; time the steady state.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE) claims_claim, claims_verdict")
        self.stdout.write(f"{self.claim_count():,} claims in {database_name}; {runs} runs per term")
        self.report(runs, seed)

    # --- the database --------------------------------------------------------------------------------

    def claim_count(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('claims_claim') IS NOT NULL")
            if not cursor.fetchone()[0]:
                return 0
            cursor.execute("SELECT count(*) FROM claims_claim")
            return cursor.fetchone()[0]

    def fill(self, count, seed):
        started = time.perf_counter()
        rng = random.Random(seed)
        words = vocabulary(3000, seed)
        # Zipf: a few words everywhere, most rarely; cumulative weights once, not per call.
        weights = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
        gin_indexes = self.empty_tables()
        raw = connection.connection  # the psycopg connection behind Django's
        now = datetime(2026, 1, 1, tzinfo=UTC)
        articles = (count + CLAIMS_PER_ARTICLE - 1) // CLAIMS_PER_ARTICLE
        with raw.cursor() as cursor:
            with cursor.copy(
                # Every NOT NULL column without a database default must be written (Django's field
                # defaults are Python's): contradictions_capped came after this COPY and failed it.
                "COPY claims_article (id, title, url, body, content_hash, ingested_at, contradictions_capped) "
                "FROM STDIN"
            ) as copy:
                for n in range(1, articles + 1):
                    copy.write_row(
                        (n, f"Article {n}", "", f"Generated article {n}.", f"{n:064x}", now, False)
                    )
            with cursor.copy(
                'COPY claims_claim (id, article_id, text, start, "end", is_headline, speaker_role, '
                "checkworthiness, checkworthy_reasons, event, status, created_at, updated_at) FROM STDIN"
            ) as copy:
                for n in range(1, count + 1):
                    text = self.claim_text(n, rng, words, weights)
                    created = now - timedelta(minutes=count - n)  # newer claims have higher ids
                    article, position = divmod(n - 1, CLAIMS_PER_ARTICLE)
                    start = position * 1000
                    copy.write_row(
                        (n, article + 1, text, start, start + len(text), False, "", 0.5, "[]", "",
                         "published", created, created)
                    )  # fmt: skip
            with cursor.copy(
                "COPY claims_verdict (id, claim_id, rating, headline, summary, explanation, slug, "
                "is_published, published_at, created_at, updated_at, version, original_rating_name, "
                "explanation_html, published_version, published_rating, published_headline, "
                "published_summary, published_body_html, published_body_text, last_published_at, "
                "withdrawal_reason) "
                "FROM STDIN"
            ) as copy:
                for n in range(1, count + 1):
                    headline = " ".join(rng.choices(words, cum_weights=weights, k=6)).capitalize()
                    summary = " ".join(rng.choices(words, cum_weights=weights, k=18)).capitalize() + "."
                    published = now - timedelta(minutes=count - n)
                    rating = rng.choice(("true", "false", "misleading", "half_true"))
                    copy.write_row(
                        (n, n, rating, headline, summary, "", f"verdict-{n}", True, published, published,
                         published, 1, "", "", 1, rating, headline, summary, "", "", published, "")
                    )  # fmt: skip
        self.rebuild_indexes(gin_indexes)
        self.stdout.write(f"Filled {count:,} claims in {time.perf_counter() - started:.0f} s")

    @staticmethod
    def empty_tables():
        """Empty the tables and drop their GIN indexes (built again once, after the COPY); returns them."""
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE claims_verdict, claims_claim, claims_article RESTART IDENTITY CASCADE")
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('claims_claim', "
                "'claims_verdict') AND indexdef LIKE '%USING gin%'"
            )
            gin_indexes = cursor.fetchall()
            for name, _ in gin_indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        return gin_indexes

    @staticmethod
    def rebuild_indexes(gin_indexes):
        with connection.cursor() as cursor:
            for table in ("claims_article", "claims_claim", "claims_verdict"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for _, definition in gin_indexes:
                cursor.execute(definition)
            cursor.execute("ANALYZE claims_article, claims_claim, claims_verdict")

    @staticmethod
    def claim_text(n, rng, words, weights):
        chosen = rng.choices(words, cum_weights=weights, k=rng.randint(14, 26))
        planted = [term for i, term in enumerate(RARE) if (n + i * 37) % RARE_EVERY == 0]
        planted += [term for i, term in enumerate(MEDIUM) if (n + i * 7) % MEDIUM_EVERY == 0]
        planted += [term for term in COMMON if rng.random() < COMMON_SHARE]
        for term in planted:
            chosen.insert(rng.randrange(len(chosen) + 1), term)
        return " ".join(chosen).capitalize() + "."

    # --- the timings ---------------------------------------------------------------------------------

    def report(self, runs, seed):
        words = vocabulary(3000, seed)  # in Zipf order: the lower the index, the commoner the word
        queries = [
            ("rare", RARE[0]),
            ("rare", RARE[1]),
            ("medium", MEDIUM[0]),
            ("medium", MEDIUM[1]),
            ("medium, 2 words", f"{MEDIUM[2]} {COMMON[0]}"),
            ("uncommon", words[330]),  # ~1.5%: just too many to rank all, the longest walk for the newest
            ("uncommon", words[150]),  # ~3%
            ("common", COMMON[0]),
            ("common", COMMON[1]),
            ("none", "zzyzx"),
        ]
        header = (
            f"{'kind':<16} {'query':<18} {'hits':>8} {'ranked':>7} {'shown':>6} "
            f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for kind, text in queries:
            hits = self.hits(text)
            for _ in range(3):  # warm the caches
                search_verdicts(text)
            samples = []
            for _ in range(runs):
                started = time.perf_counter()
                shown = len(search_verdicts(text))
                samples.append((time.perf_counter() - started) * 1000)
            self.stdout.write(
                f"{kind:<16} {text:<18} {hits:>8,} {min(hits, candidate_count(text)):>7,} {shown:>6} "
                f"{statistics.median(samples):>8.1f} "
                f"{percentile(samples, 0.95):>8.1f} {percentile(samples, 0.99):>8.1f}"
            )

    @staticmethod
    def hits(text):
        """How many published verdicts match `text` (through their claim's text or their own)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM claims_verdict WHERE is_published "
                "AND search_vector @@ websearch_to_tsquery('english'::regconfig, %s)",
                [text],
            )
            return cursor.fetchone()[0]
