"""The check-worthiness score and its reasons (claims.analysis.checkworthiness)."""

from claims.analysis.checkworthiness import score_sentence


def score(text, **features):
    defaults = {"has_figure": False, "is_attributed": False, "has_event_date": False, "has_event": False}
    return score_sentence(text, **{**defaults, **features})


def test_an_attributed_dated_figure_scores_high_and_says_why():
    value, reasons = score(
        "At least 40 people died in Monday's flood, the ministry said.",
        has_figure=True,
        is_attributed=True,
        has_event_date=True,
        has_event=True,
    )
    assert value >= 0.9
    assert {"has_figure", "attributed", "dated_event"} <= set(reasons)


def test_opinion_questions_and_boilerplate_score_low():
    assert score("What is happening in the valley?")[0] < 0.2
    assert score("Follow us for more https://t.co/x #news")[0] == 0
    assert "opinion" in score("This tragic response is a disgrace, I think.")[1]


def test_the_score_stays_between_zero_and_one():
    value, _ = score("x", has_figure=True, is_attributed=True, has_event_date=True, has_event=True)
    assert 0 <= value <= 1
