"""How well claim matching does on the shared corpora, against their gold figures.

Every corpus (/work/shared/corpus/*/ with a gold.json) is ingested, oldest article first, into one scratch
database, so that matching sees every other corpus too. Then:

- a *relay pair* is two gold figures of one corpus from different articles with the same measure and the
  same figure: one statement carried by two outlets. Matching should find it (recall).
- a *match* is a ClaimMatch between two claims that hold gold figures. It is right when it is a relay pair
  (precision), and always wrong when its two claims come from different corpora: another event.
"""

import json
import time
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from ..analysis.documents import read_article
from ..services import ingest_article
from .models import ClaimMatch


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
            result = ingest_article(
                article.body,
                title=article.title or "",
                publisher=article.publisher or "",
                published_at=article.published,
                url=article.url or "",
            )
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


def run(corpus_root):
    corpora = sorted(p for p in Path(corpus_root).iterdir() if (p / "gold.json").exists())
    results, gold_claims = [], {}
    relay_pairs = {}
    for folder in corpora:
        scores = Scores(folder.name)
        stored = ingest_corpus(folder, scores)
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
        relay_pairs[folder.name] = pairs
        scores.relay_pairs = len(pairs)
        results.append(scores)
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
    return results, cross_event
