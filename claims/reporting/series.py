"""How one figure was reported over time, read from the database: one series per measure and event.

Used by the desk's workspace, the public verdict page and the public event pages alike. It owns the
reading of figures into `charts.Report`s and may import the models and `charts` (plain Python), never a
view of either site.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from ..models import ClaimRelay, Figure, Measure
from . import charts

# How many reports of one measure a chart draws at most; beyond that it stops being readable anyway.
MAX_REPORTS_PER_CHART = 500


def relays_prefetch(prefix=""):
    return Prefetch(f"{prefix}claimrelay_set", queryset=ClaimRelay.objects.select_related("source"))


@dataclass(frozen=True, slots=True)
class ReportedSeries:
    measure: str
    measure_label: str
    event: str
    chart: charts.Chart
    points: list
    report_count: int
    truncated: bool


def event_of(figure, claim):
    """What a figure is grouped on: its event record (so editors' merges and splits count), else the
    analysis key, for rows stored before events were records. The figure's own, else its claim's."""
    if figure.event_record_id or claim.event_record_id:
        return ("record", figure.event_record_id or claim.event_record_id)
    return ("key", figure.event or claim.event)


def series_keys(claim):
    """(measure, event) for each measure among the claim's figures."""
    keys = []
    for figure in claim.figures.all():
        key = (figure.measure, event_of(figure, claim))
        if key not in keys:
            keys.append(key)
    return keys


def as_report(figure):
    """The figure as a report on the timeline; None when nothing dates it (it has no place on one)."""
    claim, article = figure.claim, figure.claim.article
    relays = claim.claimrelay_set.all()
    reported_on = figure.as_of or (article.published_at.date() if article.published_at else None)
    if reported_on is None:
        return None  # the day we ingested it says nothing of when the figure was given
    return charts.Report(
        figure_id=figure.pk,
        text=figure.text,
        value=figure.value,
        low=figure.low,
        high=figure.high,
        reported_on=reported_on,
        outlet_id=("source", article.publisher_id) if article.publisher_id else ("article", article.pk),
        outlet_name=article.publisher.name if article.publisher else (article.title or "An unnamed outlet"),
        speaker_id=claim.speaker_id,
        speaker_name=claim.speaker.name if claim.speaker else "",
        relay_origin_id=relays[0].source_id if relays else None,
        relay_origin_name=relays[0].source.name if relays else "",
        refers_to=figure.refers_to,
        is_earlier=figure.is_earlier,
        subject=figure.subject,
        qualifier=figure.qualifier,
    )


def reported_series(claim):
    """One chart per (measure, event) of the claim's figures, from every article that reported it.

    Projections ("could rise to 100") are not counts, so they are left out. Figures without an event of
    their own take their claim's; with no event at all there is nothing to match other reports on.
    """
    keys = [(measure, event) for measure, event in series_keys(claim) if event[1]]
    if not keys:
        return []
    condition = Q()
    for measure, (kind, event) in keys:
        if kind == "record":
            condition |= Q(measure=measure, event_record_id=event) | Q(
                measure=measure, event_record=None, claim__event_record_id=event
            )
        else:
            condition |= Q(measure=measure, event=event) | Q(measure=measure, event="", claim__event=event)
    figures = (
        Figure.objects.filter(condition, is_projection=False)
        .select_related("claim__article__publisher", "claim__speaker", "event_record")
        .defer("claim__article__body")
        .prefetch_related(relays_prefetch("claim__"))
        .order_by("claim__article__published_at", "pk")[: MAX_REPORTS_PER_CHART * len(keys)]
    )
    by_key = defaultdict(list)
    labels = {}
    for figure in figures:
        key = (figure.measure, event_of(figure, figure.claim))
        by_key[key].append(figure)
        labels[key[1]] = (
            figure.event_record.key if figure.event_record else (figure.event or figure.claim.event)
        )
    series = []
    for measure, event in keys:
        found = by_key[(measure, event)]
        label = Measure(measure).label
        reports = [as_report(f) for f in found[:MAX_REPORTS_PER_CHART]]
        points = charts.group_by_origin([report for report in reports if report is not None])
        series.append(
            ReportedSeries(
                measure=measure,
                measure_label=label,
                event=labels.get(event, ""),
                chart=charts.plot(points, label),
                points=points,
                report_count=min(len(found), MAX_REPORTS_PER_CHART),
                truncated=len(found) > MAX_REPORTS_PER_CHART,
            )
        )
    return series


def series_with_own_points(claim):
    """`reported_series(claim)`, each with the indexes of the points that carry this claim's figures."""
    own_figure_ids = {figure.pk for figure in claim.figures.all()}
    return [
        (
            series,
            [
                i
                for i, point in enumerate(series.points)
                if own_figure_ids & {r.figure_id for r in point.reports}
            ],
        )
        for series in reported_series(claim)
    ]
