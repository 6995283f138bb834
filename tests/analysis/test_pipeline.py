"""The whole analysis of one or more articles (claims.analysis.pipeline)."""

from datetime import datetime

from claims.analysis import ArticleInput, analysis_to_json, analyze

PUBLISHED = datetime(2021, 7, 8, 9, 0)


def run(body, published=PUBLISHED, **metadata):
    return analysis_to_json(analyze([ArticleInput(path="x.md", body=body, published=published, **metadata)]))


def test_ids_follow_the_contract():
    output = run(
        "Storm in Varo kills 3\n\nThree people died when the storm hit Varo on Tuesday, police said.\n"
    )
    assert [a["id"] for a in output["articles"]] == ["a1"]
    assert output["claims"][0]["id"] == "c1" and output["figures"][0]["id"] == "f1"
    assert output["figures"][0]["claim"] == "c1"


def test_a_weekday_resolves_against_publication_and_dates_the_figure():
    output = run("Three people died when the storm hit Varo on Tuesday, police said.\n")
    (figure,) = output["figures"]
    assert figure["when"] == "2021-07-06"
    assert figure["where"] == "Varo"


def test_without_publication_date_nothing_is_guessed():
    output = run("Three people died when the storm hit Varo on Tuesday.\n", published=None)
    assert output["figures"][0]["when"] is None


def test_he_added_takes_the_previous_speaker():
    output = run(
        "Two people died in the fire, fire chief Lena Brandt said.\n“Four more are in hospital,” she added.\n"
    )
    assert output["claims"][1]["speaker"] == "Lena Brandt"


def test_a_statement_late_on_an_earlier_day_is_an_earlier_state():
    output = run("The mayor said late on Tuesday that 12 people had died in the flood.\n")
    assert output["figures"][0]["is_earlier"] is True


def test_projections_are_marked_and_never_flagged():
    output = run("At least 12 people died in the flood. The toll could rise to 90, officials fear.\n")
    assert [f["is_projection"] for f in output["figures"]] == [False, True]
    assert output["contradictions"] == []


def test_a_subheading_is_compared_with_the_body_total():
    output = run(
        "Fewer than 50 villagers injured\n"
        "More than 300 people were injured in the landslide, the ministry said.\n"
    )
    assert [x["kind"] for x in output["contradictions"]] == ["count"]
    assert output["claims"][0]["is_headline"] is True


def test_an_of_them_part_points_at_its_whole():
    output = run("More than 200 people were injured. Nearly 90 of them were hospitalised.\n")
    whole, part = output["figures"]
    assert part["part_of"] == whole["id"]
    assert output["contradictions"] == []
