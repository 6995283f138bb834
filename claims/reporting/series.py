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


def _reported_on(as_of, published_at):
    """The day a figure was given: its own moment, else its article's publication. None when neither is
    known: the day we ingested it says nothing of when the figure was given."""
    return as_of or (published_at.date() if published_at else None)


def _outlet(publisher_id, publisher_name, article_id, article_title):
    """(id, name) of the outlet a report came from: its publisher, else the article itself."""
    if publisher_id:
        return ("source", publisher_id), publisher_name
    return ("article", article_id), article_title or "An unnamed outlet"


def as_report(figure):
    """The figure as a report on the timeline; None when nothing dates it (it has no place on one)."""
    claim, article = figure.claim, figure.claim.article
    relays = claim.claimrelay_set.all()
    reported_on = _reported_on(figure.as_of, article.published_at)
    if reported_on is None:
        return None
    outlet_id, outlet_name = _outlet(
        article.publisher_id, article.publisher.name if article.publisher else "", article.pk, article.title
    )
    return charts.Report(
        figure_id=figure.pk,
        text=figure.text,
        value=figure.value,
        low=figure.low,
        high=figure.high,
        reported_on=reported_on,
        outlet_id=outlet_id,
        outlet_name=outlet_name,
        speaker_id=claim.speaker_id,
        speaker_name=claim.speaker.name if claim.speaker else "",
        relay_origin_id=relays[0].source_id if relays else None,
        relay_origin_name=relays[0].source.name if relays else "",
        refers_to=figure.refers_to,
        is_earlier=figure.is_earlier,
        subject=figure.subject,
        qualifier=figure.qualifier,
    )


REPORT_FIELDS = (
    "pk",
    "text",
    "value",
    "low",
    "high",
    "as_of",
    "refers_to",
    "is_earlier",
    "subject",
    "qualifier",
    "measure",
    "event",
    "event_record_id",
    "event_record__key",
    "claim_id",
    "claim__event",
    "claim__event_record_id",
    "claim__speaker_id",
    "claim__speaker__name",
    "claim__article_id",
    "claim__article__title",
    "claim__article__published_at",
    "claim__article__publisher_id",
    "claim__article__publisher__name",
)


def report_of_row(row, first_relays):
    """`as_report` for a row of REPORT_FIELDS; `first_relays` maps a claim's id to its chain's first
    link (source id, name)."""
    reported_on = _reported_on(row.as_of, row.claim__article__published_at)
    if reported_on is None:
        return None
    outlet_id, outlet_name = _outlet(
        row.claim__article__publisher_id,
        row.claim__article__publisher__name,
        row.claim__article_id,
        row.claim__article__title,
    )
    relay_id, relay_name = first_relays.get(row.claim_id, (None, ""))
    return charts.Report(
        figure_id=row.pk,
        text=row.text,
        value=row.value,
        low=row.low,
        high=row.high,
        reported_on=reported_on,
        outlet_id=outlet_id,
        outlet_name=outlet_name,
        speaker_id=row.claim__speaker_id,
        speaker_name=row.claim__speaker__name or "",
        relay_origin_id=relay_id,
        relay_origin_name=relay_name,
        refers_to=row.refers_to,
        is_earlier=row.is_earlier,
        subject=row.subject,
        qualifier=row.qualifier,
    )


def report_rows(condition, limit):
    """Figures matching `condition` as rows of REPORT_FIELDS, oldest first, and each claim's first relay
    (claim id → (source id, name)).

    Rows, not models: a chart of 500 reports built five model instances per figure (figure, claim,
    article, publisher, speaker), most of a verdict page's time. The first relays come in a second
    query, as the prefetch did.
    """
    rows = list(
        Figure.objects.filter(condition, is_projection=False)
        .order_by("claim__article__published_at", "pk")
        .values_list(*REPORT_FIELDS, named=True)[:limit]
    )
    first_relays = {}
    if rows:
        relays = (
            ClaimRelay.objects.filter(claim_id__in={row.claim_id for row in rows})
            .order_by("claim_id", "position")
            .values_list("claim_id", "source_id", "source__name")
        )
        for claim_id, source_id, name in relays:
            first_relays.setdefault(claim_id, (source_id, name))
    return rows, first_relays


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
    rows, first_relays = report_rows(condition, MAX_REPORTS_PER_CHART * len(keys))
    by_key = defaultdict(list)
    labels = {}
    for row in rows:
        if row.event_record_id or row.claim__event_record_id:
            event = ("record", row.event_record_id or row.claim__event_record_id)
        else:
            event = ("key", row.event or row.claim__event)
        by_key[(row.measure, event)].append(row)
        labels[event] = row.event_record__key if row.event_record_id else (row.event or row.claim__event)
    series = []
    for measure, event in keys:
        found = by_key[(measure, event)]
        label = Measure(measure).label
        reports = [report_of_row(row, first_relays) for row in found[:MAX_REPORTS_PER_CHART]]
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
