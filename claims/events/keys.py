"""Reading the analysis's stored event keys ("unrest@almaty", "earthquake@izmir/1939") without Django.

The analysis writes `EventKey.text` (claims/analysis/events.py): kind, an optional "#article" for an
incident known only within one article, "@place", and "/year" for a past event named for comparison or
"/YYYY-MM-DD" for a separate occurrence. This reads those parts back to propose an event record.
"""

import re
from dataclasses import dataclass
from datetime import date

KEY_RE = re.compile(r"(?P<kind>[^#@/]+)(?:#(?P<article>[^@/]+))?(?:@(?P<place>[^/]+))?(?:/(?P<when>[\d-]+))?")
KNOWN_KINDS = {
    "unrest", "explosion", "flood", "earthquake", "crash", "fire", "storm", "shooting", "attack",
    "stampede", "collapse", "landslide", "heatwave", "epidemic",
}  # fmt: skip


@dataclass(frozen=True)
class KeyParts:
    kind: str  # one of KNOWN_KINDS, else "other"
    place: str  # as readers write it: "Almaty"
    year: int | None = None
    day: date | None = None
    article: str | None = None

    @property
    def name(self):
        """What an editor first sees: "Unrest in Almaty", "Earthquake in Izmir (1939)"."""
        words = {"unrest": "Unrest", "other": "Event"}.get(self.kind, self.kind.capitalize())
        name = f"{words} in {self.place}" if self.place else words
        if self.year:
            name += f" ({self.year})"
        elif self.day:
            name += f" ({self.day.day} {self.day:%b %Y})"
        return name


def parse_key(key):
    """The parts of a stored key; None for an empty one."""
    key = (key or "").strip()
    if not key:
        return None
    match = KEY_RE.fullmatch(key)
    if match is None:
        return KeyParts(kind="other", place="")
    kind = match.group("kind").strip().lower()
    place = " ".join(word.capitalize() for word in (match.group("place") or "").replace("-", " - ").split())
    place = place.replace(" - ", "-")
    when = match.group("when") or ""
    year = int(when) if re.fullmatch(r"\d{4}", when) else None
    day = None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when):
        try:
            day = date.fromisoformat(when)
        except ValueError:
            day = None
    return KeyParts(
        kind=kind if kind in KNOWN_KINDS else "other",
        place=place,
        year=year,
        day=day,
        article=match.group("article"),
    )
