"""Claim matching: earlier claims (and their published verdicts) that a new claim repeats.

Structure first: a candidate must be about the same event record, measure and group, with a figure whose
range overlaps the new one. Wording second: trigram similarity of the two sentences (pg_trgm's
`similarity()` on PostgreSQL, the same measure in Python elsewhere). Matching is blocked by event and
measure like contradiction detection, so its cost grows with the figures of one event, not the archive.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from ..charts import figure_bounds
from .models import ClaimMatch
from .similarity import trigram_similarity

# Two outlets relaying one ministry statement share the figure and much of the wording; a sentence about
# another figure of the same event shares little. Measured on the shared corpora (manage.py bench_matching).
MIN_SIMILARITY = 0.3
# Bounds the work per new figure: the most recent candidates of its block.
MAX_CANDIDATES_PER_BLOCK = 200
MAX_MATCHES_PER_CLAIM = 5


@dataclass(frozen=True)
class Candidate:
    earlier_id: int
    text: str
    verdict_id: int | None
    similarity: float


def overlaps(first, second):
    a = figure_bounds(first.value, first.low, first.high)
    b = figure_bounds(second.value, second.low, second.high)
    if a is None or b is None:
        return False
    low_a, high_a = a
    low_b, high_b = b
    return (high_b is None or low_a is None or low_a <= high_b) and (
        high_a is None or low_b is None or low_b <= high_a
    )


def uses_pg_trgm():
    return connection.vendor == "postgresql"


def block_of(figure):
    """Earlier figures of the same event, measure and group, from other articles, newest first."""
    from ..models import Figure

    return (
        Figure.objects.filter(
            event_record_id=figure.event_record_id,
            measure=figure.measure,
            subject=figure.subject,
            is_projection=False,
        )
        .exclude(claim__article_id=figure.claim.article_id)
        .filter(claim__created_at__lte=figure.claim.created_at)
        .select_related("claim__verdict")
        .order_by("-claim__created_at", "-pk")
    )


def candidates_for(claim):
    """(earlier claim id → Candidate) for the claim's figures, best wording first."""
    found = {}
    for figure in claim.figures.all():
        if figure.event_record_id is None or figure.is_projection:
            continue
        block = block_of(figure)
        if uses_pg_trgm():
            from django.contrib.postgres.search import TrigramSimilarity

            block = block.annotate(similarity=TrigramSimilarity("claim__text", claim.text))
        for earlier in block[:MAX_CANDIDATES_PER_BLOCK]:
            if not overlaps(figure, earlier):
                continue
            similarity = getattr(earlier, "similarity", None)
            if similarity is None:
                similarity = trigram_similarity(claim.text, earlier.claim.text)
            if similarity < MIN_SIMILARITY:
                continue
            verdict = getattr(earlier.claim, "verdict", None)  # the reverse one-to-one raises when absent
            previous = found.get(earlier.claim_id)
            if previous is None or previous.similarity < similarity:
                found[earlier.claim_id] = Candidate(
                    earlier_id=earlier.claim_id,
                    text=earlier.claim.text,
                    verdict_id=verdict.pk if verdict is not None and verdict.is_published else None,
                    similarity=min(max(similarity, 0.0), 1.0),
                )
    ranked = sorted(found.values(), key=lambda c: (c.verdict_id is None, -c.similarity, c.earlier_id))
    return ranked[:MAX_MATCHES_PER_CLAIM]


def store_matches(claims):
    """Suggest matches for newly ingested claims; a pair already decided is never suggested again."""
    rows = []
    for claim in claims:
        for candidate in candidates_for(claim):
            rows.append(
                ClaimMatch(
                    claim=claim,
                    earlier_id=candidate.earlier_id,
                    verdict_id=candidate.verdict_id,
                    score=round(candidate.similarity, 3),
                )
            )
    ClaimMatch.objects.bulk_create(rows, ignore_conflicts=True)
    return rows


def already_checked(claim):
    """Suggested or linked matches that carry a published verdict, best first, for the workspace."""
    return (
        ClaimMatch.objects.filter(claim=claim, verdict__is_published=True)
        .exclude(status=ClaimMatch.Status.DISMISSED)
        .select_related("verdict", "earlier__article__publisher")
        .order_by("-score")
    )


def has_checked_match():
    """A condition on claims: some earlier published verdict may already answer this one."""
    return Q(matches__verdict__is_published=True, matches__status=ClaimMatch.Status.SUGGESTED)
