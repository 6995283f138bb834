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


def test_injured_officers_after_killed_officers_are_no_rival_of_all_injured():
    output = run(
        "Over 200 demonstrators hurt\n"
        "More than 2,000 people had been injured, the health ministry said. "
        "Nine police and security officers died and 140 were injured, the interior ministry said.\n"
    )
    injured = [f for f in output["figures"] if f["value"] == 140]
    assert injured[0]["subject"] == "security forces"
    assert [x["claims"] for x in output["contradictions"]] == [["c1", "c2"]]


def test_nineteen_of_the_dead_is_a_part_and_names_its_group():
    output = run(
        "The bodies of 180 people killed in the riots were identified, prosecutors said. "
        "Twenty of the dead were soldiers or police officers, prosecutors said.\n"
    )
    whole, part = output["figures"]
    assert (part["subject"], part["part_of"]) == ("security forces", whole["id"])
    assert output["contradictions"] == []


def test_a_possessive_weekday_dates_the_event_not_the_count():
    output = run(
        "Fewer than 15 people were hurt in Friday night's bus fire near Kalvik, "
        "the mayor said on Saturday.\n",
        published=datetime(2022, 3, 12, 18, 0),
    )
    (figure,) = output["figures"]
    assert figure["as_of"] == "2022-03-12" and figure["when"] == "2022-03-11"
    assert figure["is_earlier"] is False and figure["where"] == "Kalvik"


def test_a_falling_count_in_a_later_article_is_found_across_a_headline_noun():
    morning = ArticleInput(
        path="m.md",
        title="Bus fire near Kalvik: dozens hurt",
        published=datetime(2022, 3, 12, 8, 0),
        body="Bus fire near Kalvik: dozens hurt\n\n"
        "At least 40 people were hurt in the fire, the fire brigade said.\n",
    )
    evening = ArticleInput(
        path="e.md",
        title="Bus fire count revised",
        published=datetime(2022, 3, 12, 18, 0),
        body="Bus fire count revised\n\n"
        "Fewer than 15 people were hurt in Friday night's bus fire near Kalvik, the mayor said on Saturday.\n",
    )
    output = analysis_to_json(analyze([morning, evening]))
    assert {c["event"] for c in output["claims"]} == {"fire@kalvik"}
    assert [x["kind"] for x in output["contradictions"]] == ["count"]


def test_a_later_bare_surname_is_the_person_named_in_full_earlier():
    output = run(
        "Fire chief Dara Okoye said 12 people died. Mayor Ines Albrecht said the town would mourn. "
        "Okoye said 30 were injured.\n"
    )
    assert (output["claims"][2]["speaker"], output["claims"][2]["speaker_role"]) == (
        "Dara Okoye",
        "Fire chief",
    )


def test_prose_about_reporting_yields_no_speaker():
    output = run(
        "The figures follow what was publicly reported at the time.\n"
        "- `flag`: pairs that must be reported together as a contradiction.\n"
    )
    assert [c["speaker"] for c in output["claims"]] == [None, None]
    assert output["figures"] == []


def test_a_date_after_the_casualty_verb_dates_the_deaths_not_the_count():
    output = run(
        "Nine miners were killed on Tuesday night in the Korva pit collapse, the mine operator said.\n"
    )
    (figure,) = output["figures"]
    assert figure["when"] == "2021-07-06"
    assert figure["as_of"] == "2021-07-08"
    assert figure["is_earlier"] is False


def test_a_lower_toll_after_a_higher_one_the_same_day_is_flagged_across_outlets():
    morning = ArticleInput(
        path="a.md",
        body="At least 13 police officers were killed in the Korva riots on Tuesday night, the ministry said.\n",
        publisher="Early Wire",
        published=datetime(2021, 7, 7, 7, 0),
    )
    later = ArticleInput(
        path="b.md",
        body="Twelve police officers were killed in the Korva riots on Tuesday night, the ministry said.\n",
        publisher="Late Post",
        published=datetime(2021, 7, 7, 12, 0),
    )
    output = analysis_to_json(analyze([morning, later]))
    assert [x["kind"] for x in output["contradictions"]] == ["count"]


def test_revising_down_an_earlier_estimate_is_todays_count_not_an_earlier_state():
    output = run(
        "Up to 900 people had to leave their homes, the ministry said, revising down an earlier estimate.\n"
    )
    (figure,) = output["figures"]
    assert figure["measure"] == "displaced"
    assert figure["is_earlier"] is False


def test_every_figure_names_the_rule_that_read_it():
    output = run("The flood toll in Marrow has climbed to 57, officials said.\n")
    (figure,) = output["figures"]
    assert (figure["measure"], figure["value"], figure["rule"]) == ("killed", 57, "toll_verb")


def test_a_sentence_can_refer_back_to_the_figures_before_it():
    output = run("At least 40 people died in the Marrow floods.\nAmong them, 12 were in their 80s.\n")
    whole, part = output["figures"]
    assert (part["measure"], part["value"], part["scope"], part["part_of"]) == (
        "killed",
        12,
        "of_them",
        whole["id"],
    )


def test_a_part_by_place_is_no_rival_of_the_whole():
    output = run(
        "At least 3,000 people died in the Marrow floods.\nIn the port, 1,000 people died in Kell alone.\n"
    )
    part = output["figures"][1]
    assert (part["scope"], part["part_place"]) == ("part_of:killed", "Kell alone")
    assert output["contradictions"] == []


def test_spaced_and_dotted_thousands_are_one_number():
    output = run("At least 18 342 people were killed and 74.242 injured in the quake.\n")
    assert [(f["measure"], f["value"]) for f in output["figures"]] == [("killed", 18342), ("injured", 74242)]
