"""What the review queue reads and the bulk moves over ticked rows.

These belong on `ClaimQuerySet` in the long run; they live here so that two engineers are not editing
models.py at once.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from ...events.matching import checked_matches_of
from ...history import record_change
from ...models import (
    STATUS_RANK,
    Claim,
    ClaimRelay,
    Contradiction,
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


# What a row's cached markup is keyed on (claims/desk/queue/cached_rows.py): the claim's columns that a
# row shows, its updated_at and its counts, all from the claims table. The names a row prints (article,
# outlet, speaker, assignee, figures) are covered by the names generation (claims/desk/fragments.py).
ROW_VERSION_FIELDS = (
    "pk",
    "updated_at",
    "text",
    "status",
    "assignee_id",
    "checkworthiness",
    "speaker_id",
    "article_id",
    "open_contradiction_count",
    "is_already_checked",
)


def queue_row_versions(claims):
    """`claims` (from queue_claims(), filtered and ordered) as rows of ROW_VERSION_FIELDS: no joins, no
    figures, no model instances."""
    return claims.prefetch_related(None).values_list(*ROW_VERSION_FIELDS, named=True)


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
    claims = by_assignee(by_status(claims, status), assignee, user)
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


def by_status(claims, status):
    if status == "all":
        return claims
    return claims.filter(status=status) if status else claims.in_queue()


def by_assignee(claims, assignee, user):
    if assignee == "mine":
        return claims.assigned_to(user)
    if assignee == "unassigned":
        return claims.filter(assignee__isnull=True)
    return claims.filter(assignee_id=assignee) if assignee else claims


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
            record_change(claim, user)
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
