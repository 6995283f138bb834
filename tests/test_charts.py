"""Grouping reports by origin and scaling them to SVG coordinates (plain Python, no database)."""

from datetime import date

from claims.charts import Report, group_by_origin, plot, uses_log_scale

JAN_6, JAN_7, JAN_8 = date(2022, 1, 6), date(2022, 1, 7), date(2022, 1, 8)


def report(figure_id, value=1000, outlet="Outlet", day=JAN_6, low=None, high=None, **origin):
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
    assert [(p.value, p.first_reported) for p in points] == [(1000, JAN_6), (1300, JAN_7)]


def test_a_floor_alone_stands_for_the_value_and_ranges_are_merged():
    points = group_by_origin(
        [
            report(1, value=None, low=1000, outlet="TASS", **MINISTRY),
            report(2, value=1000, low=900, high=1100, outlet="BBC", **MINISTRY),
        ]
    )
    [point] = points
    assert (point.low, point.value, point.high) == (900, 1000, 1100)
    assert point.has_range


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
        assert chart.left <= plotted.x <= chart.right
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
    xs = [p.x for p in chart.points]
    assert xs[0] != xs[1]


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
