"""What a public event page shows: per measure, what was reported when, grouped by origin.

The same grouping as the desk's "how this figure was reported" (claims/reporting/charts.py): outlets relaying one
origin's statement count once. Only reviewed events reach here; projections are not counts and are left
out; figures their source withdrew stay on the page, marked.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q

from ..models import Contradiction, Figure, Measure, Verdict
from ..reporting import charts
from ..reporting.series import ReportedSeries, as_report, relays_prefetch

# The measures an event page charts, in reading order.
PUBLIC_MEASURES = [
    Measure.KILLED,
    Measure.INJURED,
    Measure.HOSPITALIZED,
    Measure.MISSING,
    Measure.DISPLACED,
    Measure.DETAINED,
]
# Bounds what one page loads; an event with more figures than this is drawn from its first ones.
MAX_FIGURES_PER_MEASURE = 500


def event_figures(event):
    return (
        Figure.objects.filter(event_record=event, is_projection=False)
        .select_related("claim__article__publisher", "claim__speaker", "part_of")
        .prefetch_related(
            relays_prefetch("claim__"), Prefetch("parts", queryset=Figure.objects.order_by("pk"))
        )
        .order_by("claim__article__published_at", "pk")
    )


@dataclass(frozen=True)
class LatestFigure:
    """The latest figure one origin gave for one measure, in words."""

    origin: str
    day: date
    words: str
    parts: list
    outlet_count: int
    is_retracted: bool


def latest_by_origin(points, figures_by_id, measure_label):
    """The last point of each origin: "Health ministry, 15 Jan: 225 killed, including 19 officers"."""
    latest = {}
    for point in points:
        known = latest.get(point.origin)
        if known is None or (point.last_reported, point.first_reported) >= (
            known.last_reported,
            known.first_reported,
        ):
            latest[point.origin] = point
    rows = []
    for origin, point in latest.items():
        figures = [figures_by_id[r.figure_id] for r in point.reports]
        parts = []
        for figure in figures:
            for part in figure.parts.all():
                words = part.bounds_display
                if words != "—" and all(words != known for _, known in parts):
                    # "including 62" when the part is of the same people, "including 19 officers" otherwise.
                    group = "" if part.subject in ("", "people", point.subject) else part.subject
                    parts.append((group, words))
        subject = f" {point.subject}" if point.subject and point.subject != "people" else ""
        rows.append(
            LatestFigure(
                origin=origin,
                day=point.last_reported,
                words=f"{point.words}{subject} {measure_label.lower()}",
                parts=parts,
                outlet_count=point.outlet_count,
                is_retracted=all(f.retracted_on for f in figures),
            )
        )
    return sorted(rows, key=lambda row: (-row.day.toordinal(), row.origin))


@dataclass(frozen=True)
class MeasureTimeline:
    series: ReportedSeries
    latest: list
    figures: list  # the rows of the data table and CSV, oldest first


def without_headline_repeats(figures):
    """A headline restates its article's figure ("225 dead" over "the toll rose to 225"): one report, not two.
    A headline figure the body does not give stays."""
    in_body = {(f.claim.article_id, f.measure, f.low, f.high) for f in figures if not f.claim.is_headline}
    return [
        f
        for f in figures
        if not (f.claim.is_headline and (f.claim.article_id, f.measure, f.low, f.high) in in_body)
    ]


def measure_timelines(event):
    figures = without_headline_repeats(list(event_figures(event).filter(measure__in=PUBLIC_MEASURES)))
    by_measure = {}
    for figure in figures:
        by_measure.setdefault(figure.measure, []).append(figure)
    timelines = []
    for measure in PUBLIC_MEASURES:
        found = by_measure.get(measure.value, [])
        if not found:
            continue
        shown = found[:MAX_FIGURES_PER_MEASURE]
        points = charts.group_by_origin([as_report(f) for f in shown])
        if not points:
            continue
        series = ReportedSeries(
            measure=measure.value,
            measure_label=measure.label,
            event=event.key,
            chart=charts.plot(points, measure.label),
            points=points,
            report_count=len(shown),
            truncated=len(found) > len(shown),
        )
        by_id = {f.pk: f for f in shown}
        timelines.append(MeasureTimeline(series, latest_by_origin(points, by_id, measure.label), shown))
    return timelines


def event_verdicts(event):
    return (
        Verdict.objects.published()
        .filter(claim__event_record=event)
        .select_related("claim__speaker", "claim__article__publisher")
        .order_by("-published_at")
    )


def event_contradictions(event):
    """Contradictions editors confirmed between two claims of this event."""
    return (
        Contradiction.objects.confirmed()
        .filter(Q(claim_a__event_record=event) & Q(claim_b__event_record=event))
        .select_related(
            "claim_a__speaker",
            "claim_a__article__publisher",
            "claim_b__speaker",
            "claim_b__article__publisher",
        )
        .select_related("figure_a", "figure_b")
        .order_by("-resolved_at")
    )


def has_public_content(event):
    """An event page is worth showing once something on it is reviewed: a verdict or a confirmed contradiction,
    or the event itself reviewed with figures to draw."""
    return (
        event_figures(event).filter(measure__in=PUBLIC_MEASURES).exists()
        or event_verdicts(event).exists()
        or event_contradictions(event).exists()
    )


def origin_of(figure):
    """Who the figure goes back to, for the CSV: its speaker, else the first relay, else the outlet."""
    claim = figure.claim
    relays = claim.claimrelay_set.all()
    if claim.speaker:
        return claim.speaker.name
    if relays:
        return relays[0].source.name
    return claim.article.publisher.name if claim.article.publisher else ""
