"""How one figure was reported over time: grouping reports by origin and placing them on a chart.

Plain Python (no Django), so the rules can be tested on their own. The workspace turns figures into
`Report`s, `group_by_origin` folds reports that only relay one statement into one point, and `plot`
places those points for a template to draw.

Why group: wire copy repeats. When five outlets carry the ministry's "more than 1,000 injured", that is
one statement heard five times, not five confirmations; the chart shows it once, "reported by 5 outlets".

Why ranges: "dozens" is 24 to 99 and "more than 100" has no top. The analysis stores a central value for
comparing figures, but no report gave it, so the chart never draws it: an exact figure is a mark, a
vague one is a bar from its low to its high, an open-ended one an arrow from its bound.

Why percentages: the chart's text must stay readable on a phone. An SVG scaled to fit shrinks its text
with it, so the plot has no viewBox: across it positions are percentages of its width, down it pixels,
and text keeps its CSS size at any width.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

# Values spanning more than two orders of magnitude would squash the small ones flat on a linear axis.
LOG_SCALE_RATIO = 100

# How a reporter's qualifier words an open bound. Both wordings of a bound are true for whole counts
# ("more than 100" is "at least 101"); the table only picks the one the report itself used.
STRICT_FLOOR_QUALIFIERS = {"more than", "over", "upwards of", "in excess of", "above"}
STRICT_CEILING_QUALIFIERS = {"fewer than", "less than", "under", "below", "nearly", "almost", "just under"}


class Shape(Enum):
    EXACT = "exact"  # "12 officers"
    RANGE = "range"  # "dozens": 24 to 99
    AT_LEAST = "at-least"  # "more than 100": open above its floor
    AT_MOST = "at-most"  # "nearly 10,000": open below its ceiling


@dataclass(frozen=True, slots=True)
class Report:
    """One figure as one article reported it. Ids identify sources; names label them.

    `low` and `high` are the figure's bounds; None is an open side. The analysis writes 0 as the floor of
    a figure that has only a ceiling ("nearly 10,000"), so a floor of 0 under a ceiling is open too.
    """

    figure_id: int
    text: str
    value: int | None
    low: int | None
    high: int | None
    reported_on: date
    outlet_id: object
    outlet_name: str
    speaker_id: int | None = None
    speaker_name: str = ""
    relay_origin_id: int | None = None
    relay_origin_name: str = ""
    refers_to: date | None = None
    is_earlier: bool = False
    subject: str = ""
    qualifier: str = ""

    @property
    def bounds(self):
        return figure_bounds(self.value, self.low, self.high)

    @property
    def origin_keys(self):
        """Who the report goes back to: its speaker and the first link of its relay chain, else the outlet."""
        keys = []
        if self.speaker_id is not None:
            keys.append(("speaker", self.speaker_id))
        if self.relay_origin_id is not None:
            keys.append(("relay", self.relay_origin_id))
        return keys or [("outlet", self.outlet_id)]


def figure_bounds(value, low, high):
    """(low, high) as a figure allows them, None for an open side; None when it has no number at all."""
    if low is None and high is None:
        return None if value is None else (value, value)
    if low == 0 and high:
        low = None
    return low, high


def shape_of(low, high):
    if high is None:
        return Shape.AT_LEAST
    if low is None:
        return Shape.AT_MOST
    return Shape.EXACT if low == high else Shape.RANGE


def format_count(value):
    return f"{value:,}"


def range_words(shape, low, high, qualifier=""):
    """The bounds in words: "12", "24 to 99", "more than 100", "fewer than 10,000"."""
    if shape is Shape.EXACT:
        return format_count(low)
    if shape is Shape.RANGE:
        return f"{format_count(low)} to {format_count(high)}"
    if shape is Shape.AT_LEAST:
        if qualifier in STRICT_FLOOR_QUALIFIERS:
            return f"more than {format_count(low - 1)}"
        return f"at least {format_count(low)}"
    if qualifier in STRICT_CEILING_QUALIFIERS:
        return f"fewer than {format_count(high + 1)}"
    return f"up to {format_count(high)}"


@dataclass(frozen=True, slots=True)
class OriginPoint:
    """One origin's statement of one figure about one group, with every outlet that carried it."""

    low: int | None
    high: int | None
    subject: str
    origin: str
    first_reported: date
    last_reported: date
    outlets: tuple[str, ...]
    reports: tuple[Report, ...] = field(repr=False)
    qualifier: str = ""

    @property
    def shape(self):
        return shape_of(self.low, self.high)

    @property
    def is_exact(self):
        return self.shape is Shape.EXACT

    @property
    def exact_value(self):
        """The number itself when the reports gave one, else None (a range has no single value)."""
        return self.low if self.is_exact else None

    @property
    def bound(self):
        """The one side an open-ended figure has."""
        return self.low if self.shape is Shape.AT_LEAST else self.high

    @property
    def words(self):
        return range_words(self.shape, self.low, self.high, self.qualifier)

    @property
    def outlet_count(self):
        return len(self.outlets)


def _find(parents, key):
    while parents[key] != key:
        parents[key] = parents[parents[key]]
        key = parents[key]
    return key


def _origin_groups(reports):
    """Reports joined whenever they share a speaker or a relay origin (transitively)."""
    parents = {}
    for report in reports:
        keys = report.origin_keys
        for key in keys:
            parents.setdefault(key, key)
        for key in keys[1:]:
            parents[_find(parents, key)] = _find(parents, keys[0])
    groups = defaultdict(list)
    for report in reports:
        groups[_find(parents, report.origin_keys[0])].append(report)
    return list(groups.values())


def _most_common(reports, attribute):
    names = Counter(getattr(r, attribute) for r in reports if getattr(r, attribute))
    return names.most_common(1)[0][0] if names else ""


def _origin_name(reports):
    for attribute in ("speaker_name", "relay_origin_name", "outlet_name"):
        if name := _most_common(reports, attribute):
            return name
    return "Unknown"


def _sort_value(point):
    return point.low if point.low is not None else point.high


def group_by_origin(reports):
    """One `OriginPoint` per origin, group and bounds, oldest first; reports without a number are left out."""
    points = []
    for group in _origin_groups([r for r in reports if r.bounds is not None]):
        alike = defaultdict(list)
        for report in group:
            alike[(report.subject, report.bounds)].append(report)
        origin = _origin_name(group)
        for (subject, (low, high)), same in alike.items():
            same.sort(key=lambda r: (r.reported_on, r.figure_id))
            points.append(
                OriginPoint(
                    low=low,
                    high=high,
                    subject=subject,
                    origin=origin,
                    first_reported=same[0].reported_on,
                    last_reported=same[-1].reported_on,
                    outlets=tuple(sorted({r.outlet_name for r in same})),
                    reports=tuple(same),
                    qualifier=_most_common(same, "qualifier"),
                )
            )
    points.sort(key=lambda p: (p.first_reported, _sort_value(p), p.subject, p.origin))
    return points


# --- Series: one per group counted -----------------------------------------------------------------------

# Marks and line patterns cycle through these; the series' name is always in the legend as text.
SERIES_STYLES = 4


@dataclass(frozen=True, slots=True)
class Series:
    subject: str
    style: int

    @property
    def name(self):
        return self.subject[:1].upper() + self.subject[1:] if self.subject else "Group not stated"


def series_of(points):
    """The groups counted, in the order they first appear: "security forces" and "protesters" apart."""
    subjects = list(dict.fromkeys(p.subject for p in points))
    return tuple(Series(subject, i % SERIES_STYLES) for i, subject in enumerate(subjects))


# --- Placing the points --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tick:
    position: float  # percent of the width for dates, pixels from the top for values
    label: str
    anchor: str = "middle"


@dataclass(frozen=True, slots=True)
class PlottedPoint:
    """One point: `x` in percent of the plot's width, `offset` in pixels, every y in pixels."""

    point: OriginPoint
    series: Series
    x: float
    offset: float
    y_low: float | None
    y_high: float | None
    y_tip: float | None
    label: str

    @property
    def shape(self):
        return self.point.shape.value

    @property
    def y(self):
        """Where the mark sits: the exact value, or the bound an arrow starts from."""
        return self.y_low if self.point.shape in (Shape.EXACT, Shape.AT_LEAST) else self.y_high


@dataclass(frozen=True, slots=True)
class Chart:
    height: int
    top: int
    bottom: int
    axis_width: int
    log_scale: bool
    points: tuple[PlottedPoint, ...]
    series: tuple[Series, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]

    @property
    def shapes(self):
        """The kinds of mark drawn, for the legend to name only those."""
        return {p.shape for p in self.points}

    @property
    def has_relayed(self):
        return any(p.point.outlet_count > 1 for p in self.points)


def uses_log_scale(values):
    positive = [v for v in values if v > 0]
    return bool(positive) and max(positive) / min(positive) > LOG_SCALE_RATIO


def format_day(day, with_year=True):
    return f"{day.day} {day:%b %Y}" if with_year else f"{day.day} {day:%b}"


def point_label(point, measure_label):
    """What a screen reader hears for one point, and what the tooltip says."""
    group = f" ({point.subject})" if point.subject else ""
    outlets = "1 outlet" if point.outlet_count == 1 else f"{point.outlet_count} outlets"
    return (
        f"{point.words} {measure_label.lower()}{group}, from {point.origin}, first reported "
        f"{format_day(point.first_reported)}; reported by {outlets}"
    )


def _nice_step(span, target_ticks=5):
    raw = span / target_ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if multiple * magnitude >= raw:
            return multiple * magnitude
    return 10 * magnitude


def _value_axis(lowest, highest, log_scale):
    """(transform, domain, ticks): a linear axis starts at zero, a log axis covers whole decades."""
    if log_scale:

        def transform(v):
            return math.log10(1 + max(v, 0))

        top_decade = math.ceil(math.log10(max(highest, 1)))
        bottom_decade = max(0, math.floor(math.log10(max(lowest, 1))))
        values = [10**k for k in range(bottom_decade, top_decade + 1)]
        if bottom_decade == 0:
            values = [0, *values]
        domain = (transform(values[0]), transform(values[-1]))
        return transform, domain, values

    def transform(v):
        return float(v)

    top = max(highest, 1)
    step = _nice_step(top)
    top_tick = math.ceil(top / step) * step
    values = [int(step * i) for i in range(int(round(top_tick / step)) + 1)]
    return transform, (0.0, float(top_tick)), values


# Date labels keep their size on a phone, so a few fit: "11 Jan" is about 40 px wide at 12 px.
MAX_DATE_TICKS = 4


def _date_ticks(first, last, max_ticks=MAX_DATE_TICKS):
    days = (last - first).days
    if days < max_ticks:
        return [first + timedelta(days=i) for i in range(days + 1)]
    step = math.ceil(days / (max_ticks - 1))
    ticks = [first + timedelta(days=i * step) for i in range(max_ticks - 1)]
    return [t for t in ticks if t < last] + [last]


# An open-ended figure's arrow, in pixels; the axis leaves room above the highest floor for it.
ARROW_LENGTH = 32
# Where the first and last days sit, in percent of the width, so marks stay off the edges.
X_START, X_END = 8.0, 92.0
# Same-day points are spread this many pixels apart so their bars and arrows stay apart.
SAME_DAY_SPREAD = 14
# Pixels per character of the widest value label, at the chart's 12-13 px text.
LABEL_CHAR_WIDTH = 8


def _extent(points):
    """(lowest, highest) value the axis must show, open floors with room for their arrows."""
    lows = [p.low for p in points if p.low is not None] + [p.high for p in points if p.low is None]
    highs = [p.high for p in points if p.high is not None]
    floors = [p.low for p in points if p.high is None]
    headroom = [f * 2 if uses_log_scale([1, *lows, *highs, *floors]) else f * 1.3 for f in floors]
    return min(lows), max([*highs, *floors, *headroom])


def _placed(points, series, measure_label, x_of, y_of, y_range):
    """Each point placed: reports of one day spread side by side, an open bound's arrow kept inside
    `y_range` (top, bottom)."""
    top, bottom = y_range
    style_of = {s.subject: s for s in series}
    same_day = Counter(p.first_reported for p in points)
    seen = Counter()
    plotted = []
    for point in points:
        day = point.first_reported
        offset = (seen[day] - (same_day[day] - 1) / 2) * SAME_DAY_SPREAD
        seen[day] += 1
        y_low = y_of(point.low) if point.low is not None else None
        y_high = y_of(point.high) if point.high is not None else None
        tip = None
        if point.shape is Shape.AT_LEAST:
            tip = max(top, y_low - ARROW_LENGTH)
        elif point.shape is Shape.AT_MOST:
            tip = min(bottom, y_high + ARROW_LENGTH)
        plotted.append(
            PlottedPoint(
                point=point,
                series=style_of[point.subject],
                x=x_of(day),
                offset=offset,
                y_low=y_low,
                y_high=y_high,
                y_tip=tip,
                label=point_label(point, measure_label),
            )
        )
    return plotted


def plot(points, measure_label, *, height=280, margin=(16, 40)):
    """Place `points`: x is the first reported day (percent), y the figure's bounds (pixels).

    `margin` is (top, bottom) in pixels; the bottom leaves room for the date labels.
    """
    top, bottom = margin[0], height - margin[1]
    series = series_of(points)
    if not points:
        return Chart(height, top, bottom, 0, False, (), series, (), ())

    lowest, highest = _extent(points)
    log_scale = uses_log_scale([lowest, highest])
    transform, (y_min, y_max), y_values = _value_axis(lowest, highest, log_scale)

    def y_of(value):
        span = (y_max - y_min) or 1.0
        return round(bottom - (transform(value) - y_min) / span * (bottom - top), 1)

    first = min(p.first_reported for p in points)
    last = max(p.first_reported for p in points)
    if first == last:
        first, last = first - timedelta(days=1), last + timedelta(days=1)

    def x_of(day):
        return round(X_START + (day - first).days / (last - first).days * (X_END - X_START), 2)

    plotted = _placed(points, series, measure_label, x_of, y_of, (top, bottom))
    with_year = first.year != last.year
    days = _date_ticks(first, last)
    x_ticks = tuple(
        Tick(
            x_of(d),
            format_day(d, with_year),
            "start" if i == 0 else "end" if i == len(days) - 1 else "middle",
        )
        for i, d in enumerate(days)
    )
    y_ticks = tuple(Tick(y_of(v), format_count(v)) for v in y_values)
    axis_width = max(len(t.label) for t in y_ticks) * LABEL_CHAR_WIDTH + 12
    return Chart(height, top, bottom, axis_width, log_scale, tuple(plotted), series, x_ticks, y_ticks)
