"""Grouping reports by origin and scaling them to SVG coordinates (plain Python, no database)."""

from datetime import date

import pytest

from claims.reporting.charts import (
    Report,
    Shape,
    group_by_origin,
    plot,
    range_words,
    series_of,
    uses_log_scale,
)

JAN_6, JAN_7, JAN_8 = date(2022, 1, 6), date(2022, 1, 7), date(2022, 1, 8)


def report(figure_id, value=1000, outlet="Outlet", day=JAN_6, low=None, high=None, **origin):
    """An exact figure unless bounds are given: the analysis stores an exact figure's value as both bounds."""
    if low is None and high is None and value is not None:
        low = high = value
    return Report(
        figure_id=figure_id,
        text=str(value),
        value=value,
        low=low,
        high=high,
        reported_on=day,
        outlet_id=("source", outlet),
        outlet_name=outlet,
        **origin,
    )


MINISTRY = {"speaker_id": 1, "speaker_name": "Ministry of Health"}
KHABAR = {"relay_origin_id": 10, "relay_origin_name": "Khabar-24"}


def test_five_outlets_repeating_one_speaker_are_one_point_reported_by_five():
    reports = [
        report(i, outlet=name, **MINISTRY) for i, name in enumerate(["TASS", "RIA", "BBC", "AFP", "AP"])
    ]
    [point] = group_by_origin(reports)
    assert point.origin == "Ministry of Health"
    assert point.outlet_count == 5
    assert point.outlets == ("AFP", "AP", "BBC", "RIA", "TASS")


def test_an_agency_quoting_a_broadcaster_is_grouped_with_the_broadcaster_own_report():
    reports = [report(1, outlet="Khabar-24", **KHABAR), report(2, outlet="Interfax", **KHABAR)]
    [point] = group_by_origin(reports)
    assert point.origin == "Khabar-24"
    assert point.outlet_count == 2


def test_speaker_and_relay_origin_link_reports_transitively():
    reports = [
        report(1, outlet="TASS", **MINISTRY, **KHABAR),
        report(2, outlet="Interfax", **KHABAR),
        report(3, outlet="BBC", **MINISTRY),
    ]
    [point] = group_by_origin(reports)
    assert point.outlet_count == 3
    assert point.origin == "Ministry of Health"


def test_independent_outlets_with_the_same_value_stay_separate_confirmations():
    points = group_by_origin([report(1, outlet="TASS"), report(2, outlet="BBC")])
    assert len(points) == 2
    assert all(p.outlet_count == 1 for p in points)


def test_one_origin_giving_a_new_value_later_is_a_second_point():
    points = group_by_origin([report(1, 1000, day=JAN_6, **MINISTRY), report(2, 1300, day=JAN_7, **MINISTRY)])
    assert [(p.exact_value, p.first_reported) for p in points] == [(1000, JAN_6), (1300, JAN_7)]


def test_an_open_floor_and_a_closed_range_from_one_origin_stay_two_points():
    """Folding them would give "more than 1,000" a top it never had."""
    points = group_by_origin(
        [
            report(1, value=1001, low=1001, outlet="TASS", **MINISTRY),
            report(2, value=1000, low=900, high=1100, outlet="BBC", **MINISTRY),
        ]
    )
    assert sorted((p.low, p.high) for p in points) == [(900, 1100), (1001, None)]
    assert {p.shape for p in points} == {Shape.AT_LEAST, Shape.RANGE}


def test_reports_without_any_number_are_left_out():
    assert group_by_origin([report(1, value=None)]) == []


def test_log_scale_only_when_values_span_more_than_two_orders_of_magnitude():
    assert not uses_log_scale([5, 500])
    assert uses_log_scale([5, 501])
    assert not uses_log_scale([0, 0])


def test_points_are_placed_inside_the_plot_box_with_higher_values_higher_up():
    points = group_by_origin([report(1, 100, "A", JAN_6), report(2, 300, "B", JAN_8, low=250, high=350)])
    chart = plot(points, "Injured")
    first, second = chart.points
    for plotted in chart.points:
        assert 0 <= plotted.x <= 100
        assert chart.top <= plotted.y_high <= plotted.y <= plotted.y_low <= chart.bottom
    assert second.y < first.y
    assert second.x > first.x
    assert not chart.log_scale
    assert chart.y_ticks[0].label == "0"


def test_linear_axis_starts_at_zero_and_reaches_above_the_highest_value():
    chart = plot(group_by_origin([report(1, 1234)]), "Killed")
    values = [int(t.label.replace(",", "")) for t in chart.y_ticks]
    assert values[0] == 0
    assert values[-1] >= 1234
    assert chart.y_ticks[-1].position <= chart.points[0].y


def test_wide_spans_use_whole_decades_on_a_log_axis():
    chart = plot(group_by_origin([report(1, 3, "A"), report(2, 5000, "B", JAN_7)]), "Displaced")
    assert chart.log_scale
    assert [t.label for t in chart.y_ticks] == ["0", "1", "10", "100", "1,000", "10,000"]
    low, high = chart.points
    assert high.y < low.y


def test_points_on_the_same_day_are_spread_apart():
    chart = plot(group_by_origin([report(1, 10, "A"), report(2, 12, "B")]), "Injured")
    first, second = chart.points
    assert first.x == second.x and first.offset != second.offset


def test_each_point_has_an_accessible_label_naming_origin_and_outlets():
    reports = [report(i, outlet=name, **MINISTRY) for i, name in enumerate(["TASS", "RIA"])]
    [plotted] = plot(group_by_origin(reports), "Injured").points
    assert (
        plotted.label
        == "1,000 injured, from Ministry of Health, first reported 6 Jan 2022; reported by 2 outlets"
    )


def test_an_empty_chart_has_no_points():
    chart = plot([], "Injured")
    assert chart.points == () and chart.y_ticks == ()


# --- Vague and open figures are drawn as what they say, never as a number no report gave ---------------

DOZENS = {"value": 48, "low": 24, "high": 99}  # the analysis's central value for "dozens" is 48
MORE_THAN_100 = {"value": 101, "low": 101, "high": None, "qualifier": "more than"}


def vague(figure_id, outlet="Outlet", day=JAN_6, subject="", qualifier="", **bounds):
    return Report(
        figure_id=figure_id,
        text="figure",
        reported_on=day,
        outlet_id=("source", outlet),
        outlet_name=outlet,
        subject=subject,
        qualifier=qualifier,
        **bounds,
    )


def test_dozens_is_a_range_from_24_to_99_with_no_single_value():
    [point] = group_by_origin([vague(1, **DOZENS)])
    assert point.shape is Shape.RANGE
    assert point.exact_value is None
    assert point.words == "24 to 99"


def test_dozens_is_drawn_as_a_bar_between_its_bounds_and_no_mark_at_48():
    chart = plot(group_by_origin([vague(1, **DOZENS), report(2, 12, day=JAN_7)]), "Killed")
    bar, exact = chart.points
    tick = {t.label: t.position for t in chart.y_ticks}
    assert bar.shape == "range" and exact.shape == "exact"
    assert bar.y_high < bar.y_low  # 99 above 24
    assert tick["20"] > bar.y_low > tick["40"] and tick["80"] > bar.y_high > tick["100"]
    assert bar.y in (bar.y_low, bar.y_high)  # the only places a bar is marked are its bounds
    assert "48" not in bar.label


def test_more_than_100_is_an_arrow_up_from_its_floor_inside_the_plot():
    chart = plot(group_by_origin([vague(1, **MORE_THAN_100), report(2, 12)]), "Injured")
    arrow = next(p for p in chart.points if p.shape == "at-least")
    assert arrow.y_high is None
    assert chart.top <= arrow.y_tip < arrow.y_low
    assert arrow.y_low - arrow.y_tip >= 24  # the axis leaves room above the floor for the arrow
    assert arrow.label.startswith("more than 100 injured")


def test_a_ceiling_with_a_zero_floor_is_open_below():
    """The analysis writes "nearly 10,000" as 0 to 9,999: a ceiling, not a claim that it could be none."""
    [point] = group_by_origin([vague(1, value=9999, low=0, high=9999, qualifier="nearly")])
    assert point.shape is Shape.AT_MOST
    assert point.words == "fewer than 10,000"
    [plotted] = plot([point], "Detained").points
    assert plotted.y_high < plotted.y_tip  # the arrow points down, towards fewer


def test_an_exact_zero_stays_exact():
    [point] = group_by_origin([vague(1, value=0, low=0, high=0)])
    assert point.shape is Shape.EXACT and point.words == "0"


@pytest.mark.parametrize(
    ("shape", "low", "high", "qualifier", "words"),
    [
        (Shape.EXACT, 12, 12, "", "12"),
        (Shape.RANGE, 24, 99, "", "24 to 99"),
        (Shape.RANGE, 4930, 6670, "about", "4,930 to 6,670"),
        (Shape.AT_LEAST, 101, None, "more than", "more than 100"),
        (Shape.AT_LEAST, 1001, None, "over", "more than 1,000"),
        (Shape.AT_LEAST, 13, None, "at least", "at least 13"),
        (Shape.AT_LEAST, 13, None, "", "at least 13"),
        (Shape.AT_MOST, None, 9999, "nearly", "fewer than 10,000"),
        (Shape.AT_MOST, None, 50, "up to", "up to 50"),
        (Shape.AT_MOST, None, 50, "", "up to 50"),
    ],
)
def test_bounds_in_words(shape, low, high, qualifier, words):
    assert range_words(shape, low, high, qualifier) == words


def test_reports_about_different_groups_are_different_series():
    officers = report(1, 12, subject="security forces")
    attackers = vague(2, subject="protesters", **DOZENS)
    more_officers = report(3, 13, day=JAN_7, subject="security forces")
    points = group_by_origin([officers, attackers, more_officers])
    series = series_of(points)
    assert [s.name for s in series] == ["Security forces", "Protesters"]
    assert len({s.style for s in series}) == 2
    chart = plot(points, "Killed")
    assert {p.point.subject: p.series.name for p in chart.points} == {
        "security forces": "Security forces",
        "protesters": "Protesters",
    }


def test_one_origin_giving_one_number_about_two_groups_is_two_points():
    points = group_by_origin(
        [report(1, 12, subject="police", **MINISTRY), report(2, 12, subject="soldiers", **MINISTRY)]
    )
    assert sorted(p.subject for p in points) == ["police", "soldiers"]


def test_the_value_axis_is_wide_enough_for_its_longest_label():
    short = plot(group_by_origin([report(1, 12)]), "Killed")
    long = plot(group_by_origin([report(1, 1_200_000)]), "Displaced")
    assert long.axis_width > short.axis_width
    assert long.axis_width >= len("1,400,000") * 7


def test_dates_run_across_in_percent_and_stay_inside_the_plot():
    chart = plot(group_by_origin([report(1, 10, "A", JAN_6), report(2, 12, "B", JAN_8)]), "Injured")
    assert all(0 < t.position < 100 for t in chart.x_ticks)
    assert chart.x_ticks[0].anchor == "start" and chart.x_ticks[-1].anchor == "end"


def test_a_week_has_at_most_four_date_labels_so_they_fit_a_phone():
    points = group_by_origin([report(i, 10 + i, f"O{i}", date(2022, 1, 9 + i)) for i in range(7)])
    labels = [t.label for t in plot(points, "Killed").x_ticks]
    assert labels == ["9 Jan", "11 Jan", "13 Jan", "15 Jan"]
