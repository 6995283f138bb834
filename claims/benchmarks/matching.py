"""How well claim matching does on the shared corpora, against their gold figures.

Every corpus (/work/shared/corpus/*/ with a gold.json) is ingested, oldest article first, into one scratch
database, so that matching sees every other corpus too. Then:

- a *relay pair* is two gold figures of one corpus from different articles with the same measure and the
  same figure: one statement carried by two outlets. Matching should find it (recall).
- a *match* is a ClaimMatch between two claims that hold gold figures. It is right when it is a relay pair
  (precision), and always wrong when its two claims come from different corpora: another event.

Its cost is timed too: every article's matching step (`store_matches`, run by the ingest), its time and
queries, and the size of the blocks it read. `python -m claims.benchmarks matching --scale 1000000` runs the same
ingest into a PostgreSQL database filled with a million generated claims (claims/benchmarks/fill.py), so
the time shows whether matching stays blocked by event and measure; `explain_matching` prints the plans.
"""

import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..analysis.documents import read_article
from ..events import matching
from ..events.models import ClaimMatch
from ..newsroom import ingest as newsroom_ingest
from ..newsroom.ingest import ingest_record


@dataclass
class Scores:
    corpus: str
    relay_pairs: int = 0
    found: int = 0
    matches: int = 0
    right: int = 0
    ingest_seconds: float = 0.0
    errors: list = field(default_factory=list)

    @property
    def precision(self):
        return self.right / self.matches if self.matches else None

    @property
    def recall(self):
        return self.found / self.relay_pairs if self.relay_pairs else None


@dataclass
class MatchingSample:
    """One article's matching step, as the ingest ran it."""

    claims: int
    seconds: float
    queries: int
    blocks: list  # (event record id, measure, group, figures in that block of the database)
    article_id: int | None = None


@contextmanager
def timed_matching():
    """Time every `store_matches` the ingest runs (and count its queries); yields the list of samples."""
    samples, original = [], newsroom_ingest.store_matches

    def timed(claims):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            rows = original(claims)
            seconds = time.perf_counter() - started
        samples.append(
            MatchingSample(
                claims=len(claims),
                seconds=seconds,
                queries=len(queries),
                blocks=block_sizes(claims),
                article_id=claims[0].article_id if claims else None,
            )
        )
        return rows

    newsroom_ingest.store_matches = timed
    try:
        yield samples
    finally:
        newsroom_ingest.store_matches = original


def block_sizes(claims):
    """The blocks (event, measure, group) the new claims' figures fall in, with their figures in the database."""
    from ..models import Figure

    keys = set(
        Figure.objects.filter(claim__in=claims, event_record__isnull=False, is_projection=False).values_list(
            "event_record_id", "measure", "subject"
        )
    )
    return [
        (*key, Figure.objects.filter(event_record_id=key[0], measure=key[1], subject=key[2]).count())
        for key in sorted(keys)
    ]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def cost_summary(samples):
    """p50/p95/max of the matching step per article and per claim (ms), queries, block sizes."""
    with_claims = [s for s in samples if s.claims]
    per_article = [1000 * s.seconds for s in with_claims]
    per_claim = [1000 * s.seconds / s.claims for s in with_claims]
    queries = [s.queries for s in with_claims]
    blocks = [size for s in with_claims for *_, size in s.blocks]
    claims = sum(s.claims for s in with_claims)
    return {
        "articles": len(with_claims),
        "claims": claims,
        "article_ms": (
            percentile(per_article, 0.5),
            percentile(per_article, 0.95),
            max(per_article, default=0),
        ),
        "claim_ms": (percentile(per_claim, 0.5), percentile(per_claim, 0.95), max(per_claim, default=0)),
        "queries_per_article": (percentile(queries, 0.5), max(queries, default=0)),
        "queries_per_claim": sum(queries) / claims if claims else 0.0,
        "blocks_per_article": percentile([len(s.blocks) for s in with_claims], 0.5),
        "block_figures": (percentile(blocks, 0.5), max(blocks, default=0)),
    }


GENERATED_URL = "https://load.example/"  # the articles of claims/benchmarks/fill.py


def time_generated(count=200, seed=3):
    """The matching step run again on `count` generated articles of a filled database (their claims
    against their events' blocks, a few hundred figures each): what matching costs at the fill's scale."""
    import random

    from django.db.models import Max, Min

    from ..models import Article

    generated = Article.objects.filter(url__startswith=GENERATED_URL)
    bounds = generated.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return []
    rng = random.Random(seed)
    picked = rng.sample(
        range(bounds["low"], bounds["high"] + 1), min(count, bounds["high"] - bounds["low"] + 1)
    )
    with timed_matching() as samples:
        for article in generated.filter(pk__in=picked).order_by("pk"):
            newsroom_ingest.store_matches(list(article.claims.all()))
    return samples


SCANNED = ("claims_figure", "claims_claim", "claims_verdict", "claims_claimmatch")


def explain_matching(samples):
    """EXPLAIN ANALYZE of matching's two queries on the largest block the ingest met, and the tables
    among SCANNED that a plan reads with a sequential scan (there should be none)."""
    from ..models import Claim

    blocks = [(size, key, s.article_id) for s in samples for (*key, size) in s.blocks]
    if not blocks:
        return [], []
    _, (event_id, measure, subject), article_id = max(blocks)
    options = {"analyze": True} if connection.vendor == "postgresql" else {}
    candidates = matching.block_queryset(event_id, measure, subject, article_id)
    plans = [("block candidates", candidates.explain(**options))]
    new_claims = list(
        Claim.objects.filter(
            article_id=article_id, figures__event_record_id=event_id, figures__measure=measure
        ).distinct()
    )
    earlier_ids = [f.claim_id for f in candidates]
    if connection.vendor == "postgresql" and new_claims and earlier_ids:
        with connection.cursor() as cursor:
            cursor.execute(
                "EXPLAIN ANALYZE " + matching.PG_SIMILARITY_SQL,
                [[c.pk for c in new_claims], [c.text for c in new_claims], earlier_ids],
            )
            plans.append(("similarity", "\n".join(row[0] for row in cursor.fetchall())))
    new_figures = matching.new_figures_queryset([c.pk for c in new_claims])
    plans.append(("new claims' figures", new_figures.explain(**options)))
    scans = [
        (name, table)
        for name, plan in plans
        for table in SCANNED
        if f"Seq Scan on {table} " in plan or f"SCAN {table}" in plan  # PostgreSQL's, SQLite's
    ]
    return plans, scans


def gold_bounds(figure):
    if "value" in figure:
        return (figure["value"], figure["value"])
    return (figure.get("low"), figure.get("high"))


def article_date(path):
    return path.stem[-10:]


def ingest_corpus(folder, scores):
    """{file name: Article} for a corpus's articles, oldest first."""
    stored = {}
    started = time.perf_counter()
    for path in sorted(folder.glob("*.md"), key=lambda p: (article_date(p), p.name)):
        if path.name == "README.md":
            continue
        try:
            article = read_article(path)
            result = ingest_record(article)
            stored[path.name] = result.article
        except Exception as error:  # one unreadable article must not stop the benchmark
            scores.errors.append(f"{path.name}: {error}")
    scores.ingest_seconds = time.perf_counter() - started
    return stored


def claim_for(article, quote):
    for claim in article.claims.all():
        if quote in claim.text:
            return claim
    return None


def relay_pairs_of(folder, stored, gold_claims):
    """The gold's pairs of claims in different articles giving one figure (measure and bounds); each
    located claim is noted in `gold_claims` with its corpus."""
    gold = json.loads((folder / "gold.json").read_text())
    located = []
    for figure in gold.get("figures", []):
        article = stored.get(figure["article"])
        claim = claim_for(article, figure["quote"]) if article else None
        if claim is not None:
            located.append((claim, figure))
            gold_claims[claim.pk] = folder.name
    pairs = set()
    for (claim_a, a), (claim_b, b) in combinations(located, 2):
        same_figure = a["measure"] == b["measure"] and gold_bounds(a) == gold_bounds(b)
        if same_figure and claim_a.article_id != claim_b.article_id:
            pairs.add(frozenset((claim_a.pk, claim_b.pk)))
    return pairs


def score_matches(results, gold_claims, relay_pairs):
    """Count each corpus's matches and the right ones; returns the matches between different events."""
    by_name = {s.corpus: s for s in results}
    cross_event = 0
    for claim_id, earlier_id in ClaimMatch.objects.values_list("claim_id", "earlier_id"):
        corpus_a, corpus_b = gold_claims.get(claim_id), gold_claims.get(earlier_id)
        if corpus_a is None or corpus_b is None:
            continue
        if corpus_a != corpus_b:
            cross_event += 1
            continue
        scores = by_name[corpus_a]
        scores.matches += 1
        if frozenset((claim_id, earlier_id)) in relay_pairs[corpus_a]:
            scores.right += 1
    for scores in results:
        matched = {
            frozenset(pair)
            for pair in ClaimMatch.objects.values_list("claim_id", "earlier_id")
            if gold_claims.get(pair[0]) == scores.corpus
        }
        scores.found = len(relay_pairs[scores.corpus] & matched)
    return cross_event


def run(corpus_root):
    """([Scores per corpus], matches between different events, [MatchingSample per article])."""
    corpora = sorted(p for p in Path(corpus_root).iterdir() if (p / "gold.json").exists())
    results, gold_claims = [], {}
    relay_pairs = {}
    with timed_matching() as samples:
        stored_by_corpus = {}
        for folder in corpora:
            scores = Scores(folder.name)
            stored_by_corpus[folder.name] = (scores, ingest_corpus(folder, scores))
    for folder in corpora:
        scores, stored = stored_by_corpus[folder.name]
        relay_pairs[folder.name] = relay_pairs_of(folder, stored, gold_claims)
        scores.relay_pairs = len(relay_pairs[folder.name])
        results.append(scores)
    cross_event = score_matches(results, gold_claims, relay_pairs)
    return results, cross_event, samples
