"""Self-contained records that contradiction detection works on.

Every field is a plain scalar (str, int, float, bool, date, datetime, None), a tuple of
strings or an `EventKey` (stored as its text and read back with `EventKey.parse`), so that the database ingest can rebuild the same records from stored rows and
compare new figures with figures already in the database.
"""

from dataclasses import dataclass
from datetime import date, datetime

from .events import EventKey


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
    scope: str | None = None  # how the part was stated: "of_them", "part_of:injured", "including"


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two claims (and their figures) that cannot both be true."""

    kind: str  # count, subset, time, other
    severity: str  # high, medium, low
    claim_keys: tuple[str, ...]
    figure_keys: tuple[str, ...]
    explanation: str
