"""Marking claims and figures inside an article's text: escaping first, well-formed nesting always."""

from types import SimpleNamespace

from claims.desk.ingest.highlighting import Span, claim_and_figure_spans, element, highlight, span


def bold(start, end):
    return Span(start, end, "<b>", "</b>")


def italic(start, end):
    return Span(start, end, "<i>", "</i>")


def test_text_without_spans_is_only_escaped():
    assert highlight("Tom & Jerry <script>", []) == "Tom &amp; Jerry &lt;script&gt;"


def test_a_span_wraps_its_stretch():
    assert highlight("more than 1,000 hurt", [bold(0, 15)]) == "<b>more than 1,000</b> hurt"


def test_special_characters_inside_and_around_spans_are_escaped():
    text = 'He said "<b>5</b>" & left'
    html = highlight(text, [italic(9, 17)])
    assert html == "He said &quot;<i>&lt;b&gt;5&lt;/b&gt;</i>&quot; &amp; left"


def test_offsets_count_characters_of_the_raw_text_not_the_escaped_one():
    text = "A&B killed 12"
    assert highlight(text, [bold(11, 13)]) == "A&amp;B killed <b>12</b>"


def test_a_figure_nests_inside_its_claim():
    text = "Police said 12 died. Calm now."
    html = highlight(text, [bold(0, 20), italic(12, 14)])
    assert html == "<b>Police said <i>12</i> died.</b> Calm now."


def test_spans_with_the_same_extent_nest_in_the_order_given():
    assert highlight("12", [bold(0, 2), italic(0, 2)]) == "<b><i>12</i></b>"
    assert highlight("12", [italic(0, 2), bold(0, 2)]) == "<i><b>12</b></i>"


def test_a_longer_span_starting_at_the_same_place_goes_outside():
    assert highlight("12 died", [italic(0, 2), bold(0, 7)]) == "<b><i>12</i> died</b>"


def test_spans_ending_together_close_innermost_first():
    assert highlight("says 12", [bold(0, 7), italic(5, 7)]) == "<b>says <i>12</i></b>"


def test_adjacent_spans_do_not_nest():
    assert highlight("ab cd", [bold(0, 2), italic(2, 5)]) == "<b>ab</b><i> cd</i>"


def test_crossing_spans_are_closed_and_reopened_to_stay_well_formed():
    html = highlight("abcdef", [bold(0, 4), italic(2, 6)])
    assert html == "<b>ab<i>cd</i></b><i>ef</i>"


def test_a_span_that_starts_inside_and_outlives_two_others_stays_well_formed():
    html = highlight("abcdefgh", [bold(0, 3), italic(1, 5), Span(2, 8, "<u>", "</u>")])
    assert html == "<b>a<i>b<u>c</u></i></b><i><u>de</u></i><u>fgh</u>"


def test_spans_outside_the_text_are_clipped_and_empty_ones_dropped():
    assert highlight("abc", [bold(-3, 2), italic(2, 99), bold(1, 1), italic(7, 9)]) == "<b>ab</b><i>c</i>"


def test_element_escapes_attribute_values_and_spells_dashes():
    opening, closing = element("strong", class_="figure", title='Killed: "≥ 5" <x>', data_claim=3)
    assert opening == '<strong class="figure" title="Killed: &quot;≥ 5&quot; &lt;x&gt;" data-claim="3">'
    assert closing == "</strong>"


def test_claims_link_to_their_workspace_and_figures_carry_measure_and_bounds():
    figure = SimpleNamespace(start=12, end=14, get_measure_display=lambda: "Killed", bounds_display="12")
    claim = SimpleNamespace(
        pk=7,
        start=0,
        end=20,
        status="new",
        get_absolute_url=lambda: "/desk/claims/7/?a=1&b=2",
        figures=SimpleNamespace(all=lambda: [figure]),
    )
    html = highlight("Police said 12 died. Calm now.", claim_and_figure_spans([claim]))
    assert html == (
        '<mark class="claim claim-new" data-claim="7"><a href="/desk/claims/7/?a=1&amp;b=2">Police said '
        '<strong class="figure" title="Killed: 12">12</strong> died.</a></mark> Calm now.'
    )


def test_span_builds_from_a_tag_name():
    assert highlight("x", [span(0, 1, "em", class_="a")]) == '<em class="a">x</em>'
