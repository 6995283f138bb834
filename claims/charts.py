"""How one figure was reported over time: grouping reports by origin and placing them on a chart.

Plain Python (no Django), so the rules can be tested on their own. The workspace turns figures into
`Report`s, `group_by_origin` folds reports that only relay one statement into one point, and `plot`
scales those points to SVG coordinates that a template draws.

Why group: wire copy repeats. When five outlets carry the ministry's "more than 1,000 injured", that is
one statement heard five times, not five confirmations; the chart shows it once, "reported by 5 outlets".
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

# Values spanning more than two orders of magnitude would squash the small ones flat on a linear axis.
LOG_SCALE_RATIO = 100


@dataclass(frozen=True, slots=True)
class Report:
    """One figure as one article reported it. Ids identify sources; names label them."""

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

    @property
    def central_value(self):
        """The number the report stands for: its value, else its floor ("more than 1,000"), else its top."""
        for candidate in (self.value, self.low, self.high):
            if candidate is not None:
                return candidate
        return None

    @property
    def origin_keys(self):
        """Who the report goes back to: its speaker and the first link of its relay chain, else the outlet."""
        keys = []
        if self.speaker_id is not None:
            keys.append(("speaker", self.speaker_id))
        if self.relay_origin_id is not None:
            keys.append(("relay", self.relay_origin_id))
        return keys or [("outlet", self.outlet_id)]


@dataclass(frozen=True, slots=True)
class OriginPoint:
    """One origin's statement of one value, with every outlet that carried it."""

    value: int
    low: int
    high: int
    origin: str
    first_reported: date
    last_reported: date
    outlets: tuple[str, ...]
    reports: tuple[Report, ...] = field(repr=False)

    @property
    def outlet_count(self):
        return len(self.outlets)

    @property
    def has_range(self):
        return self.low != self.value or self.high != self.value


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


def _origin_name(reports):
    for attribute in ("speaker_name", "relay_origin_name", "outlet_name"):
        names = Counter(getattr(r, attribute) for r in reports if getattr(r, attribute))
        if names:
            return names.most_common(1)[0][0]
    return "Unknown"


def group_by_origin(reports):
    """One `OriginPoint` per origin per value, oldest first; reports without any number are left out."""
    points = []
    for group in _origin_groups([r for r in reports if r.central_value is not None]):
        by_value = defaultdict(list)
        for report in group:
            by_value[report.central_value].append(report)
        origin = _origin_name(group)
        for value, same in by_value.items():
            same.sort(key=lambda r: (r.reported_on, r.figure_id))
            lows = [r.low if r.low is not None else value for r in same]
            highs = [r.high if r.high is not None else value for r in same]
            points.append(
                OriginPoint(
                    value=value,
                    low=min([*lows, value]),
                    high=max([*highs, value]),
                    origin=origin,
                    first_reported=same[0].reported_on,
                    last_reported=same[-1].reported_on,
                    outlets=tuple(sorted({r.outlet_name for r in same})),
                    reports=tuple(same),
                )
            )
    points.sort(key=lambda p: (p.first_reported, p.value, p.origin))
    return points


# --- Scaling to SVG coordinates -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True, slots=True)
class PlottedPoint:
    point: OriginPoint
    x: float
    y: float
    y_low: float
    y_high: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: int
    top: int
    right: int
    bottom: int
    log_scale: bool
    points: tuple[PlottedPoint, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]

    @property
    def plot_width(self):
        return self.right - self.left

    @property
    def plot_height(self):
        return self.bottom - self.top


def uses_log_scale(values):
    positive = [v for v in values if v > 0]
    return bool(positive) and max(positive) / min(positive) > LOG_SCALE_RATIO


def format_count(value):
    return f"{value:,}"


def format_day(day, with_year=True):
    return f"{day.day} {day:%b %Y}" if with_year else f"{day.day} {day:%b}"


def point_label(point, measure_label):
    """What a screen reader hears for one point, and what the tooltip says."""
    amount = format_count(point.value)
    if point.has_range:
        amount += f" (range {format_count(point.low)}–{format_count(point.high)})"
    outlets = "1 outlet" if point.outlet_count == 1 else f"{point.outlet_count} outlets"
    return (
        f"{amount} {measure_label.lower()}, from {point.origin}, first reported "
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


def _date_ticks(first, last, max_ticks=6):
    days = (last - first).days
    if days <= max_ticks:
        return [first + timedelta(days=i) for i in range(days + 1)]
    step = math.ceil(days / (max_ticks - 1))
    ticks = [first + timedelta(days=i * step) for i in range(max_ticks - 1)]
    return [t for t in ticks if t < last] + [last]


def plot(points, measure_label, *, width=640, height=280, margin=(16, 24, 40, 72)):
    """Place `points` in an SVG box: x is the first reported day, y the value with its range.

    `margin` is (top, right, bottom, left) in SVG units, leaving room for the axis labels.
    Points reported on the same day are spread a few units apart so their range bars stay visible.
    """
    top_margin, right_margin, bottom_margin, left_margin = margin
    left, top, right, bottom = left_margin, top_margin, width - right_margin, height - bottom_margin
    if not points:
        return Chart(width, height, left, top, right, bottom, False, (), (), ())

    log_scale = uses_log_scale([v for p in points for v in (p.low, p.value, p.high)])
    transform, (y_min, y_max), y_values = _value_axis(
        min(p.low for p in points), max(p.high for p in points), log_scale
    )

    def y_of(value):
        span = (y_max - y_min) or 1.0
        return round(bottom - (transform(value) - y_min) / span * (bottom - top), 1)

    first = min(p.first_reported for p in points)
    last = max(p.first_reported for p in points)
    if first == last:
        first, last = first - timedelta(days=1), last + timedelta(days=1)
    inner = 12  # keep points off the axis lines

    def x_of(day):
        return round(left + inner + (day - first).days / (last - first).days * (right - left - 2 * inner), 1)

    same_day = Counter(p.first_reported for p in points)
    seen = Counter()
    plotted = []
    for point in points:
        day = point.first_reported
        offset = (seen[day] - (same_day[day] - 1) / 2) * 8
        seen[day] += 1
        plotted.append(
            PlottedPoint(
                point=point,
                x=round(x_of(day) + offset, 1),
                y=y_of(point.value),
                y_low=y_of(point.low),
                y_high=y_of(point.high),
                label=point_label(point, measure_label),
            )
        )
    with_year = first.year != last.year
    x_ticks = tuple(Tick(x_of(d), format_day(d, with_year)) for d in _date_ticks(first, last))
    y_ticks = tuple(Tick(y_of(v), format_count(v)) for v in y_values)
    return Chart(width, height, left, top, right, bottom, log_scale, tuple(plotted), x_ticks, y_ticks)
