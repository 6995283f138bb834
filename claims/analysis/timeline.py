"""Find date expressions in a sentence and resolve them against the article's publication date.

Weekdays mean the most recent such day on or before publication ("on Tuesday" in a
Wednesday article is the day before); a night belongs to the evening it starts ("Wednesday
night" is Wednesday). Without a publication date relative expressions stay unresolved
(None): they are never guessed from today's date.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_month = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_weekday = r"(?:" + "|".join(WEEKDAYS) + r")"
_part = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"

DATE_RE = re.compile(
    rf"\b(?:(?P<month_first>{_month})\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year1>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month_second>{_month})(?:,?\s+(?P<year2>\d{{4}}))?"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<weekday>{_weekday})(?P<possessive>['’]s)?{_part}"
    rf"|(?P<last_night>last night|overnight|tonight|this morning|yesterday|today|earlier today))"
    # "Monday night's ferry fire", "yesterday's blast": the possessive may follow the part of day.
    rf"(?P<late_possessive>['’]s\b)?\b",
    re.IGNORECASE,
)
LAST_BEFORE_RE = re.compile(r"\blast\s+$", re.IGNORECASE)
EARLIER_BEFORE_RE = re.compile(r"\b(?:late|early|earlier)\s+(?:on\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in a sentence and the day it means (None when it cannot be resolved)."""

    start: int
    end: int
    text: str
    day: date | None
    is_possessive: bool  # "Tuesday's explosion": the date belongs to the noun after it
    is_late: bool  # "late on Tuesday": a moment before the article was written


def published_day(published: datetime | date | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def resolve_weekday(published: datetime | date | None, weekday: str) -> date | None:
    """The most recent `weekday` on or before the publication day."""
    day = published_day(published)
    if day is None:
        return None
    target = WEEKDAYS.index(weekday.lower())
    return day - timedelta(days=(day.weekday() - target) % 7)


def resolve_relative(published: datetime | date | None, phrase: str) -> date | None:
    """'last night', 'overnight', 'yesterday', 'today' relative to publication."""
    day = published_day(published)
    if day is None:
        return None
    phrase = phrase.lower()
    if phrase in ("today", "earlier today", "this morning", "tonight"):
        return day
    if phrase == "overnight" and isinstance(published, datetime) and published.hour >= 18:
        return day  # an evening article's "overnight" is the night starting today
    return day - timedelta(days=1)  # yesterday, last night: the night began the evening before


def _explicit_date(month: str, day: str, year: str | None, published) -> date | None:
    month_number = MONTHS[month.lower().rstrip(".")]
    reference = published_day(published)
    if year:
        number = int(year)
    elif reference:
        number = (
            reference.year
            if (month_number, int(day)) <= (reference.month, reference.day)
            else reference.year - 1
        )
    else:
        return None
    try:
        return date(number, month_number, int(day))
    except ValueError:
        return None


def find_dates(sentence: str, published: datetime | date | None) -> list[DateMention]:
    """Every date expression in a sentence, resolved where possible."""
    mentions = []
    for match in DATE_RE.finditer(sentence):
        day = None
        if match.group("month_first"):
            day = _explicit_date(
                match.group("month_first"), match.group("day1"), match.group("year1"), published
            )
        elif match.group("month_second"):
            day = _explicit_date(
                match.group("month_second"), match.group("day2"), match.group("year2"), published
            )
        elif match.group("iso"):
            try:
                day = date.fromisoformat(match.group("iso"))
            except ValueError:
                day = None
        elif match.group("weekday"):
            day = resolve_weekday(published, match.group("weekday"))
            if (
                day is not None
                and day == published_day(published)
                and LAST_BEFORE_RE.search(sentence, max(0, match.start() - 6), match.start())
            ):
                day -= timedelta(days=7)  # "last Tuesday" in a Tuesday's paper: a week ago, not today
        else:
            day = resolve_relative(published, match.group("last_night"))
        is_late = bool(EARLIER_BEFORE_RE.search(sentence, max(0, match.start() - 20), match.start()))
        mentions.append(
            DateMention(
                start=match.start(),
                end=match.end(),
                text=match.group(0),
                day=day,
                is_possessive=bool(match.group("possessive") or match.group("late_possessive")),
                is_late=is_late,
            )
        )
    return mentions
