"""What the contradiction board reads: its cards (also shown in the workspace and on an article's page),
the statuses it filters by, and the groups it shows them in.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Subquery

from ...analysis.events import describe_event
from ...contradiction_claims import ClaimsApartQuerySet
from ...events.matching import checked_matches_of
from ...models import OPEN_FIRST, SEVERITY_RANK, Claim, Contradiction

BOARD_STATUSES = {
    "open": [Contradiction.Status.OPEN],
    "confirmed": [Contradiction.Status.CONFIRMED],
    "explained": [Contradiction.Status.EXPLAINED],
    "dismissed": [Contradiction.Status.DISMISSED],
    "all": list(Contradiction.Status.values),
}


# What a card's side and the board's groups read of a claim (claims/desk/board/cards.py, board_group_key),
# and nothing else: building 100 claims with every column (their analysis's JSON among them), articles,
# publishers, speakers and events took 6 ms of each board request, the same rows as tuples 1.6 ms.
CARD_CLAIM_FIELDS = (
    "text",
    "speaker_role",
    "event",
    "article",
    "article__published_at",
    "article__publisher",
    "article__publisher__name",
    "speaker",
    "speaker__name",
    "event_record",
    "event_record__name",
)


def card_claims():
    """A card's claim with what its side shows: CARD_CLAIM_FIELDS (a field left out costs a query a
    card when read, which the query-count tests catch)."""
    return Claim.objects.select_related("article__publisher", "speaker", "event_record").only(
        *CARD_CLAIM_FIELDS
    )


class CardContradictions(ClaimsApartQuerySet):
    """Contradictions with their claims as cards show them, read apart (claims/contradiction_claims.py)."""

    claims = staticmethod(card_claims)


def with_checked_sides(contradictions):
    """`claim_a_checked` and `claim_b_checked`: whether a published verdict may answer each side."""
    return contradictions.annotate(
        claim_a_checked=Exists(checked_matches_of(OuterRef("claim_a"))),
        claim_b_checked=Exists(checked_matches_of(OuterRef("claim_b"))),
    )


def card_contradictions():
    """Contradictions with everything a card shows, in two queries however many cards (not the articles'
    texts)."""
    return with_checked_sides(
        CardContradictions(Contradiction).select_related("figure_a", "figure_b", "resolved_by")
    )


def in_board_order(contradictions, status="open"):
    """Open ones first, then the most severe, then the newest: in the order of the board's indexes."""
    statuses = BOARD_STATUSES.get(status, BOARD_STATUSES["open"])
    if len(statuses) == 1:
        return contradictions.filter(status=statuses[0]).order_by(SEVERITY_RANK, "-created_at", "-pk")
    return contradictions.filter(status__in=statuses).order_by(
        OPEN_FIRST, SEVERITY_RANK, "-created_at", "-pk"
    )


def board_contradictions(status="open"):
    return in_board_order(card_contradictions(), status)


def claim_updated_at(side):
    # A subquery, not a join: the paginator's count leaves an unused annotation out, but not a join.
    return Subquery(Claim.objects.filter(pk=OuterRef(side)).values("updated_at"))


def card_versions(contradictions):
    """`contradictions` as a card's version rows (claims/desk/board/cached_cards.py): every column of the
    contradiction (pk first, status second), its claims' updated_at and whether each is already checked.
    All else a card prints is a name, which the names generation covers (claims/desk/fragments.py)."""
    columns = [f.attname for f in Contradiction._meta.concrete_fields if f.attname not in ("id", "status")]
    versions = with_checked_sides(contradictions).annotate(
        claim_a_updated_at=claim_updated_at("claim_a"), claim_b_updated_at=claim_updated_at("claim_b")
    )
    return versions.values_list(
        "id",
        "status",
        *columns,
        "claim_a_updated_at",
        "claim_b_updated_at",
        "claim_a_checked",
        "claim_b_checked",
    )


def board_card_versions(status="open"):
    """The board's rows as card versions, in board order: no claims read."""
    return card_versions(in_board_order(Contradiction.objects.all(), status))


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


def group_for_board(contradictions, key=board_group_key):
    """Groups in the order their first contradiction comes, so groups with open ones lead."""
    groups = {}
    for contradiction in contradictions:
        group = key(contradiction)
        groups.setdefault(group, BoardGroup(*group)).contradictions.append(contradiction)
    return list(groups.values())
