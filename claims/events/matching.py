"""Claim matching: earlier claims (and their published verdicts) that a new claim repeats.

Structure first: a candidate must be about the same event record, measure and group, with a figure whose
range overlaps the new one. Wording second: trigram similarity of the two sentences: pg_trgm's
`similarity()` on PostgreSQL (one query per block for every pair), the same measure in Python elsewhere
(claims/events/similarity.py). An article's matching costs two queries per block whatever its claims. Matching is
blocked by event and measure like contradiction detection: its cost grows with one event, not the archive.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from ..reporting.charts import figure_bounds
from .models import ClaimMatch
from .similarity import trigram_similarity

# How alike the wording must be, by how well the figures agree. The same figure about the same event,
# measure and group is most of the evidence: a headline ("Maui fire toll reaches 115") and the body of
# another outlet ("officials say 115 people are confirmed to have died") share few trigrams (0.08 to 0.3
# on the shared corpora) yet state one fact; so does the same number under another qualifier ("at least
# 288", "288"): the floor only keeps out sentences with next to nothing in common. A number
# in words that merely holds the other ("dozens" and "40") needs the wording to agree as well.
# Measured on the shared corpora with python -m claims.benchmarks matching.
MIN_SIMILARITY = {"same figure": 0.05, "same number": 0.05, "overlapping": 0.3}
# Bounds the work per new figure: the most recent candidates of its block.
MAX_CANDIDATES_PER_BLOCK = 200
# One figure is often relayed by many outlets (a ministry's toll by ten): enough for each to find the rest,
# verdicts first, so a published verdict is never crowded out.
MAX_MATCHES_PER_CLAIM = 10


@dataclass(frozen=True)
class Candidate:
    earlier_id: int
    text: str
    verdict_id: int | None
    similarity: float


def agreement(first, second):
    """How two figures of one block agree: "same figure" (the same bounds), "same number" (the same number
    under different qualifiers: "at least 288" and "288"), "overlapping" (a number in words holding the
    other's: "dozens" and "40"), or None: they cannot both be true, or they are different counts."""
    a = figure_bounds(first.value, first.low, first.high)
    b = figure_bounds(second.value, second.low, second.high)
    if a is None or b is None:
        return None
    if a == b:
        return "same figure"
    low_a, high_a = a
    low_b, high_b = b
    overlap = (high_b is None or low_a is None or low_a <= high_b) and (
        high_a is None or low_b is None or low_b <= high_a
    )
    if not overlap:
        return None
    if same_number(first.value, second.value):
        return "same number"
    # Two different numbers are two counts (often both true, days apart: "at least 50", then "288"),
    # not one claim repeated. Only a number given in words ("dozens") may be the other's, when it holds it.
    for vague, stated, bounds in ((first, second, a), (second, first, b)):
        if not has_digits(vague.text) and stated.value is not None and within(stated.value, bounds):
            return "overlapping"
    return None


def has_digits(text):
    return any(ch.isdigit() for ch in text or "")


def within(value, bounds):
    low, high = bounds
    return (low is None or low <= value) and (high is None or value <= high)


def same_number(a, b):
    """The same number written with different qualifiers: "at least 288" and "288", "about 1,000" and
    "more than 1,000" (stored as 1,001: the stated number kept within its bounds)."""
    return a is not None and b is not None and abs(a - b) <= 1


def block_candidates(event_record_id, measure, subject, article_id):
    """Earlier figures of one block (event, measure and group) from other articles, newest first."""
    return list(block_queryset(event_record_id, measure, subject, article_id))


def block_queryset(event_record_id, measure, subject, article_id):
    """The query behind block_candidates (the matching benchmark prints its plan)."""
    from ..models import Figure

    return (
        Figure.objects.filter(
            event_record_id=event_record_id, measure=measure, subject=subject, is_projection=False
        )
        .exclude(claim__article_id=article_id)
        .select_related("claim__verdict")
        .only(
            "pk",
            "text",
            "value",
            "low",
            "high",
            "claim_id",
            "claim__text",
            "claim__verdict__is_published",
            "claim__verdict__id",
        )
        .order_by("-claim__created_at", "-pk")[:MAX_CANDIDATES_PER_BLOCK]
    )


# pg_trgm's similarity() for every (new claim, earlier claim) pair of a block, in one query.
PG_SIMILARITY_SQL = """
    SELECT new.claim_id, earlier.id, similarity(new.text, earlier.text)
    FROM unnest(%s::bigint[], %s::text[]) AS new(claim_id, text)
    CROSS JOIN claims_claim AS earlier
    WHERE earlier.id = ANY(%s::bigint[])
"""


def block_similarities(new_claims, earlier_ids):
    """{(new claim id, earlier claim id): similarity}: PostgreSQL's pg_trgm there, the same measure in
    Python elsewhere (claims/events/similarity.py)."""
    if not new_claims or not earlier_ids:
        return {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                PG_SIMILARITY_SQL,
                [[c.pk for c in new_claims], [c.text for c in new_claims], list(earlier_ids)],
            )
            return {(new_id, earlier_id): value for new_id, earlier_id, value in cursor.fetchall()}
    return None  # computed pair by pair in Python


def new_figures_queryset(claim_ids):
    """The new claims' figures that have an event: what is matched."""
    from ..models import Figure

    return Figure.objects.filter(
        claim_id__in=claim_ids, event_record__isnull=False, is_projection=False
    ).order_by("pk")  # not the default order, which joins the claims to sort by their date


def find_matches(claims):
    """{claim: [Candidate, ...]} for new claims of one article: one query per block, not per claim."""

    claims = {claim.pk: claim for claim in claims}
    figures = new_figures_queryset(list(claims))
    blocks = {}
    for figure in figures:
        key = (figure.event_record_id, figure.measure, figure.subject)
        blocks.setdefault(key, []).append(figure)
    found = {pk: {} for pk in claims}
    for (event_record_id, measure, subject), new_figures in blocks.items():
        article_id = claims[new_figures[0].claim_id].article_id
        candidates = block_candidates(event_record_id, measure, subject, article_id)
        in_database = block_similarities(
            list({claims[f.claim_id] for f in new_figures}), {earlier.claim_id for earlier in candidates}
        )
        for figure in new_figures:
            claim = claims[figure.claim_id]
            for earlier in candidates:
                agree = agreement(figure, earlier)
                if agree is None:
                    continue
                if in_database is None:
                    similarity = trigram_similarity(claim.text, earlier.claim.text)
                else:
                    similarity = in_database.get((claim.pk, earlier.claim_id), 0.0)
                if similarity < MIN_SIMILARITY[agree]:
                    continue
                verdict = getattr(earlier.claim, "verdict", None)  # the reverse one-to-one raises when absent
                previous = found[claim.pk].get(earlier.claim_id)
                if previous is None or previous.similarity < similarity:
                    found[claim.pk][earlier.claim_id] = Candidate(
                        earlier_id=earlier.claim_id,
                        text=earlier.claim.text,
                        verdict_id=verdict.pk if verdict is not None and verdict.is_published else None,
                        similarity=min(similarity, 1.0),
                    )
    return {
        claims[pk]: sorted(
            options.values(), key=lambda c: (c.verdict_id is None, -c.similarity, c.earlier_id)
        )[:MAX_MATCHES_PER_CLAIM]
        for pk, options in found.items()
        if options
    }


def store_matches(claims):
    """Suggest matches for newly ingested claims; a pair already decided is never suggested again."""
    rows = [
        ClaimMatch(
            claim=claim,
            earlier_id=candidate.earlier_id,
            verdict_id=candidate.verdict_id,
            score=round(candidate.similarity, 3),
        )
        for claim, candidates in find_matches(claims).items()
        for candidate in candidates
    ]
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


def checked_matches_of(claim):
    """Undecided matches of `claim` (a Claim, a pk or an OuterRef) with an earlier claim whose verdict is
    published: the queue's "already checked" mark and the board card's."""
    return ClaimMatch.objects.suggested().filter(claim=claim, verdict__is_published=True)


def has_checked_match():
    """A condition on claims: some earlier published verdict may already answer this one."""
    return Q(matches__verdict__is_published=True, matches__status=ClaimMatch.Status.SUGGESTED)
