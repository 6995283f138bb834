"""Querysets and bulk moves for the review queue and the contradiction board.

These belong on `ClaimQuerySet` / `ContradictionQuerySet` in the long run; they live here so that two
engineers are not editing models.py at once.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from .analysis.events import describe_event
from .models import (
    OPEN_FIRST,
    SEVERITY_RANK,
    STATUS_RANK,
    Claim,
    ClaimRelay,
    Contradiction,
    ContradictionQuerySet,
    Figure,
    IllegalTransition,
)

# --- Review queue --------------------------------------------------------------------------------------

QUEUE_SORTS = {
    "newest": ["-created_at", "-pk"],
    "oldest": ["created_at", "pk"],
    "checkworthiness": ["-checkworthiness", "-created_at", "-pk"],
    "status": ["status_rank", "-created_at", "-pk"],
}


def open_contradictions_of(claim):
    """Open contradictions on either side of `claim` (a Claim, a pk or an OuterRef)."""
    return Contradiction.objects.open().filter(Q(claim_a=claim) | Q(claim_b=claim))


def checked_matches_of(claim):
    """Undecided matches of `claim` with an earlier claim whose verdict is published (claims/events/matching.py)."""
    from .events.models import ClaimMatch

    return ClaimMatch.objects.suggested().filter(claim=claim, verdict__is_published=True)


def queue_claims():
    """Claims with everything a queue row shows, in a fixed number of queries however many rows there are."""
    # A correlated COUNT rather than Count() over two reverse joins: no row multiplication, no DISTINCT.
    open_count = (
        open_contradictions_of(OuterRef("pk"))
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    return (
        Claim.objects.select_related("article__publisher", "speaker", "assignee")
        .defer("article__body")  # a row shows the article's outlet and date, never its text
        .prefetch_related(Prefetch("figures", queryset=Figure.objects.order_by("start")))
        .annotate(
            open_contradiction_count=Coalesce(Subquery(open_count, output_field=IntegerField()), 0),
            is_already_checked=Exists(checked_matches_of(OuterRef("pk"))),
            status_rank=STATUS_RANK,
        )
    )


def filter_queue(
    claims,
    *,
    user,
    status="",
    assignee="",
    measure="",
    source=None,
    open_contradictions=False,
    already_checked=False,
    text="",
    sort="newest",
):
    """Apply the queue's filters. `status` "" means still in the queue, "all" means every status;
    `assignee` is "mine", "unassigned" or a user's pk."""
    if status == "all":
        pass
    elif status:
        claims = claims.filter(status=status)
    else:
        claims = claims.in_queue()
    if assignee == "mine":
        claims = claims.assigned_to(user)
    elif assignee == "unassigned":
        claims = claims.filter(assignee__isnull=True)
    elif assignee:
        claims = claims.filter(assignee_id=assignee)
    # Exists() instead of joins keeps one row per claim without DISTINCT, which would fight the annotations.
    if measure:
        claims = claims.filter(Exists(Figure.objects.filter(claim=OuterRef("pk"), measure=measure)))
    if source is not None:
        relayed = Exists(ClaimRelay.objects.filter(claim=OuterRef("pk"), source=source))
        claims = claims.filter(Q(speaker=source) | Q(article__publisher=source) | relayed)
    if open_contradictions:
        claims = claims.filter(Exists(open_contradictions_of(OuterRef("pk"))))
    if already_checked:
        claims = claims.filter(Exists(checked_matches_of(OuterRef("pk"))))
    if text:
        claims = claims.filter(text__icontains=text)
    return claims.order_by(*QUEUE_SORTS.get(sort) or QUEUE_SORTS["newest"])


def desk_editors():
    """Everyone who may be assigned a claim: editors and admins."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=["Editors", "Admins"]) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("username")
    )


# --- Bulk moves ----------------------------------------------------------------------------------------

# Why a claim was left alone, by its status: (one, several).
_LEFT_ALONE = {
    Claim.Status.NEW: ("was still new", "were still new"),
    Claim.Status.IN_REVIEW: ("was already in review", "were already in review"),
    Claim.Status.VERDICT_DRAFTED: ("already had a verdict drafted", "already had verdicts drafted"),
    Claim.Status.PUBLISHED: ("was already published", "were already published"),
    Claim.Status.DISMISSED: ("was already dismissed", "were already dismissed"),
}


@dataclass
class BulkOutcome:
    done_phrase: str
    done: int = 0
    left_alone: dict = field(default_factory=dict)  # (reason for one, reason for several) → how many

    def skip(self, reason):
        self.left_alone[reason] = self.left_alone.get(reason, 0) + 1

    def skip_for_status(self, claim):
        self.skip(_LEFT_ALONE[Claim.Status(claim.status)])

    @property
    def message(self):
        """ "3 moved to review; 1 was already published and was left alone"."""
        parts = [f"{self.done} {self.done_phrase}"]
        for (one, several), n in self.left_alone.items():
            parts.append(f"{n} {one} and was left alone" if n == 1 else f"{n} {several} and were left alone")
        return "; ".join(parts)


@transaction.atomic
def apply_bulk_action(claims, action, user):
    """Apply one of the queue's bulk actions to `claims`, leaving alone those it does not fit.

    Bulk moves only go forward: "move to review" takes new claims only, because sending a published or
    drafted claim back to review is a decision for its own page, not a side effect of a ticked box.
    """
    claims = claims.select_for_update().order_by("pk")
    if action == "assign_me":
        outcome = BulkOutcome("assigned to you")
        for claim in claims:
            if claim.assignee_id == user.pk:
                outcome.skip(("was already yours", "were already yours"))
                continue
            claim.assignee = user
            claim._history_user = user
            claim.save(update_fields=["assignee", "updated_at"])
            outcome.done += 1
    elif action == "review":
        outcome = BulkOutcome("moved to review")
        for claim in claims:
            if claim.status != Claim.Status.NEW:
                outcome.skip_for_status(claim)
                continue
            claim.start_review(by=user)
            outcome.done += 1
    elif action == "dismiss":
        outcome = BulkOutcome("dismissed")
        for claim in claims:
            try:
                claim.dismiss(by=user)
            except IllegalTransition:
                outcome.skip_for_status(claim)
                continue
            outcome.done += 1
    else:
        raise ValueError(f"Unknown bulk action {action!r}")
    return outcome


# --- Contradiction board -------------------------------------------------------------------------------

BOARD_STATUSES = {
    "open": [Contradiction.Status.OPEN],
    "confirmed": [Contradiction.Status.CONFIRMED],
    "explained": [Contradiction.Status.EXPLAINED],
    "dismissed": [Contradiction.Status.DISMISSED],
    "all": list(Contradiction.Status.values),
}


def card_claims():
    """A card's claim with what its side shows (not the article's text)."""
    return Claim.objects.select_related("article__publisher", "speaker", "event_record").defer(
        "article__body"
    )


class CardContradictions(ContradictionQuerySet):
    """Contradictions whose two claims are loaded, for all the rows at once, by one more query.

    Joined into the contradictions' query, the claims with their articles, publishers, speakers and events
    made 14 tables, which PostgreSQL took 35-55 ms to plan for a query that ran in about 1 ms at 10,000
    claims; apart, each of the two queries plans in under a millisecond.
    """

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        rows = self._result_cache
        if fresh and rows and isinstance(rows[0], Contradiction):
            claims = card_claims().in_bulk({c.claim_a_id for c in rows} | {c.claim_b_id for c in rows})
            for contradiction in rows:  # a claim deleted in between is left to load (and fail) on its own
                if contradiction.claim_a_id in claims:
                    contradiction.claim_a = claims[contradiction.claim_a_id]
                if contradiction.claim_b_id in claims:
                    contradiction.claim_b = claims[contradiction.claim_b_id]


def card_contradictions():
    """Contradictions with everything a card shows, in two queries however many cards (not the articles'
    texts)."""
    return (
        CardContradictions(Contradiction)
        .select_related("figure_a", "figure_b", "resolved_by")
        .annotate(
            claim_a_checked=Exists(checked_matches_of(OuterRef("claim_a"))),
            claim_b_checked=Exists(checked_matches_of(OuterRef("claim_b"))),
        )
    )


def board_contradictions(status="open"):
    """Open ones first, then the most severe, then the newest: in the order of the board's indexes."""
    statuses = BOARD_STATUSES.get(status, BOARD_STATUSES["open"])
    board = card_contradictions()
    if len(statuses) == 1:
        return board.filter(status=statuses[0]).order_by(SEVERITY_RANK, "-created_at", "-pk")
    return board.filter(status__in=statuses).order_by(OPEN_FIRST, SEVERITY_RANK, "-created_at", "-pk")


@dataclass
class BoardGroup:
    event: str
    measure: str  # a label, "" when neither figure has one
    contradictions: list = field(default_factory=list)

    @property
    def title(self):
        return f"{self.event} — {self.measure}" if self.measure else self.event


def board_group_key(contradiction):
    """(event, measure label): the claims' event record (what editors named it), else the figures' own
    analysis key, then the claims', then "Other"."""
    figures = [f for f in (contradiction.figure_a, contradiction.figure_b) if f is not None]
    claims = (contradiction.claim_a, contradiction.claim_b)
    record = next((c.event_record for c in claims if c.event_record_id), None)
    if record is not None:
        return (record.name, next((f.get_measure_display() for f in figures if f.measure), ""))
    event = next((f.event for f in figures if f.event), "") or next((c.event for c in claims if c.event), "")
    measure = next((f.get_measure_display() for f in figures if f.measure), "")
    return (describe_event(event) or "Other", measure)


def group_for_board(contradictions):
    """Groups in the order their first contradiction comes, so groups with open ones lead."""
    groups = {}
    for contradiction in contradictions:
        key = board_group_key(contradiction)
        groups.setdefault(key, BoardGroup(*key)).contradictions.append(contradiction)
    return list(groups.values())
