"""Self-contained records that contradiction detection works on.

Every field is a plain scalar (str, int, float, bool, date, datetime, None), a tuple of
strings or an `EventKey` (stored as its text and read back with `EventKey.parse`), so that the
database ingest can rebuild the same records from stored rows and compare new figures with figures
already in the database.
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .events import EventKey


class ScopeKind(StrEnum):
    """How a figure relates to the count it is read against."""

    OF_THEM = "of_them"  # "two of them": a part of the figure just before
    INCLUDING = "including"  # "including three children", "12 in Idlib": a breakdown of the figure before
    PART_OF = "part_of"  # "of the injured", "in Derna alone", "three more died": a part of a whole count
    SAME_GROUP = "same_group"  # "and 20 others wounded": the same people as the figure before, not a part


@dataclass(frozen=True, slots=True)
class Scope:
    """A typed scope: which whole a figure is a part of (by measure, place or group), if any.

    `label` is the stable text form used by the analyze JSON and the database column
    ("of_them", "including", "same_group", "part_of:killed").
    """

    kind: ScopeKind
    measure: str | None = None  # PART_OF: the measure of the whole ("of the injured" -> injured)
    place: str | None = None  # a part defined by a place: "103 of them in Almaty", "in Derna alone"
    group: str | None = None  # a part defined by a group: "ten firefighters missing" within the missing

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.measure}" if self.kind is ScopeKind.PART_OF else str(self.kind)

    @property
    def is_part(self) -> bool:
        """True when the figure counts a part of a whole, never the whole itself."""
        return self.kind is not ScopeKind.SAME_GROUP

    @classmethod
    def from_label(cls, label: str | None) -> "Scope | None":
        """The scope a stored label stands for (the database keeps the label)."""
        if not label:
            return None
        kind, _, measure = label.partition(":")
        try:
            return cls(ScopeKind(kind), measure or None)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """A sentence (or headline line) of an article and what it asserts beyond its figures."""

    key: str
    article_key: str
    text: str
    start: int
    end: int
    publisher: str | None = None
    published: datetime | date | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    via: tuple[str, ...] = ()
    checkworthy: float = 0.0
    checkworthy_reasons: tuple[str, ...] = ()
    is_headline: bool = False
    event: EventKey | None = None  # which event, stored as text such as "explosion@beirut"
    event_date: date | None = None  # the day this sentence dates the event to, if it does


@dataclass(frozen=True, slots=True)
class FigureFacts:
    """One casualty figure: what it counts, its bounds and the moment it refers to."""

    key: str
    claim_key: str
    text: str
    start: int  # offsets into the article body
    end: int
    measure: str
    subject: str = "people"
    qualifier: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    soft_low: float | None = None
    soft_high: float | None = None
    when: date | None = None  # the event's date
    as_of: date | None = None  # the day the count was made or stated
    where: str | None = None
    event: EventKey | None = None
    is_earlier: bool = False  # reported as an earlier state ("had said", "late on Tuesday")
    is_projection: bool = False  # "could reach", "is feared to rise to": never compared
    part_of: str | None = None  # key of the figure this one is a part of ("of them")
    scope: str | None = None  # `part.label`: "of_them", "part_of:injured", "including" (JSON, database)
    part: Scope | None = None  # the typed scope; rebuilt from `scope` when only the label is stored
    rule: str | None = None  # the construction rule that read the figure: why it is a figure

    def __post_init__(self):
        # One truth for both forms: a record rebuilt from stored rows has only the label.
        if self.part is None and self.scope:
            object.__setattr__(self, "part", Scope.from_label(self.scope))
        elif self.part is not None and self.scope is None:
            object.__setattr__(self, "scope", self.part.label)


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two claims (and their figures) that cannot both be true."""

    kind: str  # count, subset, time, other
    severity: str  # high, medium, low
    claim_keys: tuple[str, ...]
    figure_keys: tuple[str, ...]
    explanation: str
