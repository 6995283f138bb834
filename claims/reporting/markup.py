"""A "how this figure was reported" chart as markup: the SVG plot, its legend and the same points as a
table, written in Python from a `series.ReportedSeries`.

As a template (templates/reporting/chart.html before) each point cost ~40 template nodes, a `<g>` and a
table row: a verdict page with a 40-point chart spent ~10 ms rendering it. Here a point is two string
joins. The markup is the template's. Numbers in the SVG are written as Python writes them (the
template's `{% localize off %}`); counts in the table with thousands separators (`intcomma`).
"""

from django.utils.safestring import mark_safe

from ..analysis.events import describe_event
from ..display import escape, when


def _plural(n, suffix="s"):
    return "" if n == 1 else suffix


def _defs(slug):
    return (
        "<defs>"
        f'<circle id="chart-{slug}-mark-0" r="5.5"></circle>'
        f'<rect id="chart-{slug}-mark-1" x="-5" y="-5" width="10" height="10"></rect>'
        f'<polygon id="chart-{slug}-mark-2" points="0,-6.5 6,4.5 -6,4.5"></polygon>'
        f'<polygon id="chart-{slug}-mark-3" points="0,-7 7,0 0,7 -7,0"></polygon>'
        f'<line id="chart-{slug}-cap" x1="-6" y1="0" x2="6" y2="0"></line>'
        f'<polygon id="chart-{slug}-arrow-at-least" points="0,0 -5.5,9 5.5,9"></polygon>'
        f'<polygon id="chart-{slug}-arrow-at-most" points="0,0 -5.5,-9 5.5,-9"></polygon>'
        "</defs>"
    )


def _axes(chart):
    top, bottom = chart.top, chart.bottom
    parts = [
        '<g class="chart-axes" aria-hidden="true">',
        f'<line class="chart-axis" x1="0.5" y1="{top}" x2="0.5" y2="{bottom}"></line>',
        f'<line class="chart-axis" x1="0" y1="{bottom}" x2="100%" y2="{bottom}"></line>',
    ]
    parts += [
        f'<line class="chart-grid" x1="0" y1="{t.position}" x2="100%" y2="{t.position}"></line>'
        for t in chart.y_ticks
    ]
    for t in chart.x_ticks:
        parts.append(
            f'<line class="chart-axis" x1="{t.position}%" y1="{bottom}" x2="{t.position}%" y2="{bottom + 5}"></line>'
            f'<text class="chart-label" x="{t.position}%" y="{bottom + 20}" text-anchor="{escape(t.anchor)}">'
            f"{escape(t.label)}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def _point(plotted, own, slug):
    shape, x, y = plotted.shape, plotted.x, plotted.y
    outlets = plotted.point.outlet_count
    label = escape(plotted.label)
    classes = f"chart-point chart-{shape} series-{plotted.series.style}"
    if own:
        classes += " chart-point-own"
    if outlets > 1:
        classes += " chart-point-relayed"
    if shape == "exact":
        ring = f'<circle class="chart-own-ring" cx="{x}%" cy="{y}" r="10"></circle>' if own else ""
        mark = (
            f'{ring}<use class="chart-mark" href="#chart-{slug}-mark-{plotted.series.style}" x="{x}%" '
            f'y="{y}"></use>'
        )
    elif shape == "range":
        mark = (
            f'<line class="chart-bar" x1="{x}%" y1="{plotted.y_low}" x2="{x}%" y2="{plotted.y_high}"></line>'
            f'<use class="chart-cap" href="#chart-{slug}-cap" x="{x}%" y="{plotted.y_low}"></use>'
            f'<use class="chart-cap" href="#chart-{slug}-cap" x="{x}%" y="{plotted.y_high}"></use>'
        )
    else:
        mark = (
            f'<line class="chart-bar" x1="{x}%" y1="{y}" x2="{x}%" y2="{plotted.y_tip}"></line>'
            f'<use class="chart-cap" href="#chart-{slug}-cap" x="{x}%" y="{y}"></use>'
            f'<use class="chart-arrow" href="#chart-{slug}-arrow-{shape}" x="{x}%" y="{plotted.y_tip}"></use>'
        )
    count = (
        f'<text class="chart-count" x="{x}%" dx="10" y="{y}" dominant-baseline="middle">×{outlets}</text>'
        if outlets > 1
        else ""
    )
    return (
        f'<g class="{classes}" transform="translate({plotted.offset} 0)" role="img" aria-label="{label}" '
        f'data-shape="{shape}"><title>{label}</title>{mark}{count}</g>'
    )


SAMPLE = '<svg class="legend-sample" width="34" height="16" aria-hidden="true" focusable="false">'


def _legend(chart, slug, has_own):
    items = [
        f'<li class="series-{item.style}" data-testid="legend-series">{SAMPLE}'
        '<line class="chart-bar" x1="2" y1="8" x2="20" y2="8"></line>'
        f'<use class="chart-mark" href="#chart-{slug}-mark-{item.style}" x="27" y="8"></use></svg>'
        f"{escape(item.name)}</li>"
        for item in chart.series
    ]
    shapes = chart.shapes
    if "exact" in shapes:
        items.append(
            f'<li class="legend-kind" data-testid="legend-exact">{SAMPLE}<use class="chart-mark" '
            f'href="#chart-{slug}-mark-0" x="17" y="8"></use></svg>exact figure</li>'
        )
    if "range" in shapes:
        items.append(
            f'<li class="legend-kind" data-testid="legend-range">{SAMPLE}'
            '<line class="chart-bar" x1="6" y1="8" x2="28" y2="8"></line>'
            '<line class="chart-bar" x1="6" y1="3" x2="6" y2="13"></line>'
            '<line class="chart-bar" x1="28" y1="3" x2="28" y2="13"></line></svg>'
            "range: every value the words allow, from low to high (“dozens” is 24 to 99)</li>"
        )
    if "at-least" in shapes or "at-most" in shapes:
        items.append(
            f'<li class="legend-kind" data-testid="legend-open">{SAMPLE}'
            '<line class="chart-bar" x1="6" y1="3" x2="6" y2="13"></line>'
            '<line class="chart-bar" x1="6" y1="8" x2="22" y2="8"></line>'
            '<polygon class="chart-arrow-sample" points="30,8 21,3 21,13"></polygon></svg>'
            "open-ended: an arrow from its bound towards the open side (“more than 100”, “nearly 10,000”)</li>"
        )
    if chart.has_relayed:
        items.append('<li class="legend-kind">×3 beside a mark: one statement carried by 3 outlets</li>')
    if has_own:
        items.append(
            f'<li class="legend-kind legend-own">{SAMPLE}'
            '<circle class="chart-own-ring" cx="17" cy="8" r="7"></circle></svg>'
            "ring or thick line: this claim’s own figure</li>"
        )
    return f'<ul class="chart-legend" data-testid="chart-legend" aria-label="Legend">{"".join(items)}</ul>'


def _row(point, own):
    first, last = point.first_reported, point.last_reported
    reported = f'<time datetime="{when(first, "Y-m-d")}">{when(first, "j M Y")}</time>'
    if last != first:
        reported += f" – {when(last, 'j M Y')}"
    value = f"{point.exact_value:,}" if point.is_exact else "no exact figure"
    if own:
        value += ' <span class="badge">this claim</span>'
    outlets = point.outlet_count
    carried = f"<strong>reported by {outlets} outlets</strong>: " if outlets > 1 else ""
    reports = "; ".join(f"“{escape(r.text)}”{' (earlier)' if r.is_earlier else ''}" for r in point.reports)
    row_class = ' class="own-row"' if own else ""
    return (
        f"<tr{row_class}>"
        f'<td class="cell-wide" data-label="First reported">{reported}</td>'
        f'<td data-label="Group">{escape(point.subject or "not stated")}</td>'
        f'<td data-label="Value">{value}</td>'
        f'<td data-label="Range"><span data-testid="range-cell">{"exact" if point.is_exact else escape(point.words)}</span></td>'
        f'<td class="cell-wide" data-label="Origin">{escape(point.origin)}</td>'
        f'<td class="cell-wide" data-label="Reported by">{carried}{", ".join(escape(o) for o in point.outlets)}</td>'
        f'<td class="cell-wide" data-label="As written">{reports}</td></tr>'
    )


def chart_html(series, own_indexes=(), slug="1", event_name=""):
    """One series' chart; `own_indexes` are the points of the claim on the page (highlighted), `slug`
    makes its element ids unique on the page, `event_name` names the event (else the series' key does)."""
    chart = series.chart
    event_words = escape(event_name or describe_event(series.event))
    measure_label = escape(series.measure_label)
    lower_label = escape(series.measure_label.lower())
    measure = escape(series.measure)
    points, reports = len(series.points), series.report_count
    caption = (
        f'<figcaption id="chart-{slug}-caption"><strong>{measure_label}</strong> · {event_words}: '
        f"{points} point{_plural(points)} from {reports} report{_plural(reports)}"
        f"{' · logarithmic scale' if chart.log_scale else ''}"
        f"{f' · only the first {reports} reports are drawn' if series.truncated else ''}</figcaption>"
    )
    if not series.points:
        return mark_safe(  # noqa: S308 - escaped above
            f'<figure class="report-chart" data-testid="report-chart-{measure}">{caption}</figure>'
        )
    own = set(own_indexes or ())
    y_labels = "".join(
        f'<text class="chart-label" x="{chart.axis_width - 6}" y="{t.position}" text-anchor="end" '
        f'dominant-baseline="middle">{escape(t.label)}</text>'
        for t in chart.y_ticks
    )
    description = "".join(f"{escape(p.label)}. " for p in chart.points)
    marks = "".join(_point(p, i in own, slug) for i, p in enumerate(chart.points))
    rows = "".join(_row(p, i in own) for i, p in enumerate(series.points))
    return mark_safe(  # noqa: S308 - every value is escaped above
        f'<figure class="report-chart" data-testid="report-chart-{measure}">{caption}'
        '<div class="chart-frame">'
        f'<svg class="chart-y-axis" width="{chart.axis_width}" height="{chart.height}" aria-hidden="true" '
        f'focusable="false">{y_labels}</svg>'
        f'<svg class="chart-plot" width="100%" height="{chart.height}" role="img" '
        f'aria-labelledby="chart-{slug}-title chart-{slug}-desc" focusable="false" data-testid="chart-plot">'
        f'<title id="chart-{slug}-title">How the {lower_label} figure for {event_words} was reported over '
        f'time</title><desc id="chart-{slug}-desc">{description}</desc>'
        f"{_defs(slug)}{_axes(chart)}{marks}</svg></div>"
        f"{_legend(chart, slug, bool(own_indexes))}"
        '<details class="chart-data"><summary>The same points as a table</summary><div class="table-scroll">'
        f'<table class="cards-on-phone" data-testid="report-table-{measure}">'
        f'<caption class="visually-hidden">Reports of the {lower_label} figure for {event_words}, one row '
        "per origin, group and figure</caption>"
        '<thead><tr><th scope="col">First reported</th><th scope="col">Group</th><th scope="col">Value</th>'
        '<th scope="col">Range</th><th scope="col">Origin</th><th scope="col">Reported by</th>'
        f'<th scope="col">As written</th></tr></thead><tbody>{rows}</tbody></table></div></details>'
        "</figure>"
    )
