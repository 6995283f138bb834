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


def test_one_event_named_after_a_district_and_after_its_state_is_one_event():
    state = ArticleInput(
        path="s.md",
        title="Train crash in Varna state: 120 dead",
        published=datetime(2023, 5, 6, 9),
        body="Train crash in Varna state: 120 dead\n\nAt least 120 people were killed in the crash in Varna, "
        "the railways said on Saturday.\n",
    )
    district = ArticleInput(
        path="d.md",
        title="Toll of Kemi train crash revised to 95",
        published=datetime(2023, 5, 8, 9),
        body="Toll of Kemi train crash revised to 95\n\nThe crash near Kemi, in Varna, killed 95 people, "
        "the state government said on Monday.\n",
    )
    output = analysis_to_json(analyze([state, district]))
    assert len({c["event"] for c in output["claims"]}) == 1
    # "120 dead" and "at least 120" are two readings; "revised to 95" and "killed 95" are one.
    assert [x["kind"] for x in output["contradictions"]] == ["count", "count"]


def test_two_crashes_in_different_places_a_year_apart_stay_two_events():
    first = ArticleInput(
        path="a.md", title="Train crash in Varna kills 120", published=datetime(2022, 5, 6, 9),
        body="Train crash in Varna kills 120\n\nAt least 120 people were killed in the crash.\n",
    )  # fmt: skip
    second = ArticleInput(
        path="b.md", title="Train crash in Kemi kills 20", published=datetime(2023, 5, 8, 9),
        body="Train crash in Kemi kills 20\n\nThe crash, like last year's in Varna, killed 20 people.\n",
    )  # fmt: skip
    output = analysis_to_json(analyze([first, second]))
    assert len({c["event"] for c in output["claims"]}) == 2
    assert output["contradictions"] == []


def test_a_date_just_before_the_reporting_verb_dates_the_statement():
    output = run(
        "The operator on Saturday said that 40 people had died.\n",
        published=datetime(2023, 5, 8, 9),
    )
    assert output["figures"][0]["as_of"] == "2023-05-06"


def test_an_older_event_named_for_comparison_is_never_compared_with_todays_toll():
    output = run(
        "At least 120 people were killed in the quake on Monday.\n"
        "It was the deadliest since the 1999 quake, which killed more than 17,000 people.\n",
        published=datetime(2023, 5, 8, 9),
    )
    assert output["contradictions"] == []
    assert output["figures"][1]["event"].endswith("/1999")


def test_a_later_update_in_the_same_article_is_not_a_part_larger_than_its_whole():
    output = run(
        "At least 50 people were killed when the trains collided on Friday evening.\n"
        "By midnight, 70 bodies had been pulled out of the wreckage, a district official said.\n",
        published=datetime(2023, 6, 2, 23),
    )
    assert output["contradictions"] == []


def test_a_count_dated_by_its_own_day_is_that_days_count_not_an_earlier_state():
    output = run(
        "The list of the missing stood at 210 on Friday evening.\n", published=datetime(2023, 9, 2, 9)
    )
    (figure,) = output["figures"]
    assert (figure["as_of"], figure["is_earlier"]) == ("2023-09-01", False)


def test_a_comparison_with_an_earlier_figure_does_not_make_todays_earlier():
    output = run(
        "The number of people missing stood at 210 on Friday, almost unchanged from the 214 people "
        "missing a week earlier.\n",
        published=datetime(2023, 9, 2, 9),
    )
    assert [f["is_earlier"] for f in output["figures"]] == [False, True]


def test_a_rumour_denied_or_a_withdrawn_figure_is_not_a_current_count():
    output = run(
        "At least 40 people died in the fire, police said.\n"
        "Police dismissed as false the rumours that hundreds of bodies had been found.\n"
        "A toll of 90, later withdrawn, had circulated on Tuesday.\n",
        published=datetime(2023, 9, 2, 9),
    )
    assert [f["is_earlier"] for f in output["figures"]] == [False, True, True]
    assert output["contradictions"] == []


def test_an_undated_headline_is_compared_with_the_bodys_latest_count():
    output = run(
        "Fire: 40 people still missing\n\nThe number of people missing stood at 210 on Friday evening, "
        "the county said.\n",
        published=datetime(2023, 9, 2, 9),
    )
    assert {f["as_of"] for f in output["figures"]} == {"2023-09-01"}
    assert [x["kind"] for x in output["contradictions"]] == ["count"]


def test_a_headlines_round_number_is_not_a_rival_of_the_bodys_more_than():
    output = run("Blast in Vell: 4,000 injured\n\nMore than 4,000 people were injured, the ministry said.\n")
    assert output["contradictions"] == []
    output = run("Blast in Vell: 4,000 injured\n\nAbout 2,000 people were injured, the ministry said.\n")
    assert [x["kind"] for x in output["contradictions"]] == ["count"]


def test_a_month_abbreviation_is_never_a_figures_place():
    from claims.analysis.events import find_place

    assert find_place(["At least 97 people were killed in the Aug. 8 fire in Dorn."]) == "Dorn"
    output = run("At least 97 people were killed in the Aug. 8 fire, police said.\n")
    assert output["figures"] and all(figure["where"] != "Aug" for figure in output["figures"])


def test_a_count_on_the_first_list_is_an_earlier_state():
    output = run("Of the 388 people on the first list of the missing, 245 were found safe.\n")
    assert output["figures"] and output["figures"][0]["is_earlier"] is True


def test_a_headline_naming_no_place_is_the_body_figure_its_rounding_covers():
    output = run(
        "Quake toll passes 21,000\n\nAt least 18,342 people have been killed in Vell and at least 3,377 in Dorn.\n"
        "Across both countries, the toll stood at 21,719 on Friday.\n"
        "Later on Friday, the minister put the toll in Vell at 20,213.\n",
        published=datetime(2023, 2, 10, 20),
    )
    headline = output["figures"][0]
    assert headline["where"] == output["figures"][3]["where"] != "Vell"
    assert output["contradictions"] == []


def test_a_weekday_in_another_clause_is_not_the_moment_of_a_count():
    output = run(
        "At least 40 people have died, police said, as families prepared for funerals on Thursday.\n",
        published=datetime(2023, 5, 8, 9),
    )
    assert output["figures"][0]["as_of"] == "2023-05-08"
    output = run(
        "The toll rose to 40 on Saturday, up from 25 on Friday, officials said on Sunday.\n",
        published=datetime(2023, 5, 8, 9),
    )
    assert [(f["as_of"], f["is_earlier"]) for f in output["figures"]] == [
        ("2023-05-06", False),
        ("2023-05-05", True),
    ]


def test_an_event_named_by_a_part_of_it_joins_the_larger_event_close_in_time():
    floods = ArticleInput(
        path="f.md", title="Floods in Derna kill 2,000", published=datetime(2023, 9, 12, 9),
        body="Floods in Derna kill 2,000\n\nAt least 2,000 people were killed in the floods, officials said.\n",
    )  # fmt: skip
    dams = ArticleInput(
        path="d.md", title="Dams collapse above Derna", published=datetime(2023, 9, 13, 9),
        body="Dams collapse above Derna\n\nThe collapse of two dams above Derna killed 1,500 people, the "
        "mayor said.\n",
    )  # fmt: skip
    output = analysis_to_json(analyze([floods, dams]))
    assert {c["event"] for c in output["claims"]} == {"flood@derna"}
    assert [x["kind"] for x in output["contradictions"]] == ["count"]


def test_a_figure_first_said_and_then_withdrawn_is_an_earlier_one():
    output = run(
        "The railway board put the final toll at nine dead. "
        "District police had first said that 15 people were killed, a figure they withdrew on Monday night.\n"
    )
    withdrawn = next(f for f in output["figures"] if f["value"] == 15)
    assert withdrawn["is_earlier"] is True
    assert output["contradictions"] == []


def test_one_buildings_collapse_in_a_quake_story_is_a_part_of_the_toll():
    output = run(
        "Quake toll reaches 356\n"
        "The earthquake on Monday has killed 356 people, officials said. "
        "The toll in the collapse of a five-storey dormitory at the college has risen to 38.\n"
    )
    dormitory = next(f for f in output["figures"] if f["value"] == 38)
    assert dormitory["scope"] == "part_of:killed"
    assert output["contradictions"] == []


def test_a_collapse_story_keeps_its_collapse_toll_whole():
    output = run(
        "Block collapse toll rises to seven\n"
        "The toll in the collapse of a three-storey block of flats has risen to seven.\n"
    )
    assert all(f["scope"] is None for f in output["figures"])


def test_a_toll_first_put_at_and_then_revised_keeps_only_the_revision_current():
    output = run(
        "The toll was first put at 64 on Monday and lowered to 58 on Tuesday, after some victims "
        "were found to have been counted twice.\n"
    )
    earlier = {figure["value"]: figure["is_earlier"] for figure in output["figures"]}
    assert earlier == {64: True, 58: False}


def test_a_later_share_of_a_toll_is_no_part_larger_than_an_earlier_toll():
    output = run(
        "The flood toll was revised down to 58 on Tuesday, officials said.\n"
        "Of the 61 bodies recovered by Thursday, 40 have been identified, the coroner said.\n",
        published=datetime(2021, 7, 9, 9, 0),
    )
    assert [c for c in output["contradictions"] if c["kind"] == "subset"] == []


def test_a_vague_headline_amount_keeps_its_wide_bounds():
    output = run(
        "Thousands march on the assembly\n\n"
        "Police put the crowd at 12,000 or more as the march reached the assembly building.\n"
    )
    assert output["contradictions"] == []


def test_a_breakdown_by_province_in_one_sentence_is_no_pair_of_rival_sources():
    output = run(
        "Varo was the worst-hit province with 410 deaths, while Kell and Dorn reported 120 and 95 deaths, "
        "respectively.\n"
    )
    assert output["contradictions"] == []


def test_a_rival_named_by_title_or_name_is_a_source():
    output = run(
        "The railway put the injured at about 650, while Chief Secretary Anil Rao said around 900 were hurt.\n"
    )
    assert [c["kind"] for c in output["contradictions"]] == ["count"]


def test_ages_after_names_are_not_figures():
    output = run(
        "Their sons, Ravi Patel, 15, and Arun Patel, 14 - who died in the crush, were buried on Monday.\n"
    )
    assert [f["value"] for f in output["figures"] if f["measure"] == "killed"] in ([], [2])


def test_a_rise_and_one_days_deaths_are_parts_of_the_toll():
    output = run(
        "The death toll reached 2,122 on Sunday, officials said.\n"
        "The toll increased by 100 overnight.\n"
        "At least 19 people were killed in the last 24 hours, the agency said.\n"
    )
    parts = {f["value"]: f["scope"] for f in output["figures"]}
    assert parts[100] == parts[19] == "part_of:killed" and parts[2122] is None
    assert output["contradictions"] == []


def test_those_among_the_dead_are_a_part_of_them():
    output = run(
        "At least 19 people have been killed in the floods.\n"
        "Seven women were among those who lost their lives, the agency said.\n"
    )
    assert output["contradictions"] == []


def test_a_district_a_valley_or_a_mountain_holds_a_part_of_the_national_toll():
    output = run(
        "Earthquake toll tops 3,700\n\n"
        "He said 223 people had been confirmed dead in the district.\n"
        "The worst hit has been the Tarn Valley, where 1,441 have died.\n"
        "Eighteen people were killed on Mount Kessel, the ministry said.\n"
        "Deaths rose above 4,500 in Varo, Kell and Tibet.\n"
    )
    assert output["contradictions"] == []
    places = {f["value"]: f["where"] for f in output["figures"]}
    assert places[18] == "Mount Kessel" and places[4500] == "Kell and Tibet and Varo"


def test_a_count_at_a_stated_hour_and_a_later_one_the_same_day_are_not_rivals():
    output = run(
        "As of 1:30 p.m. local time, two more bodies were found, raising the death toll to 52.\n"
        "So far 56 people have been confirmed dead, and 246 are still missing.\n"
    )
    assert output["contradictions"] == []


def test_an_amount_is_never_the_noun_of_an_aside():
    output = run(
        "Eight more bodies were found, pushing the toll to 112 as nearly 100, mostly firefighters, remained missing.\n"
    )
    measures = {f["value"]: f["measure"] for f in output["figures"]}
    assert measures[112] == "killed" and measures[100] == "missing"


def _article(path, title, body, published):
    return ArticleInput(path=path, title=title, body=f"{title}\n\n{body}\n", published=published)


def test_outlets_naming_one_crush_after_different_places_report_one_event():
    first = _article(
        "a.md",
        "Crush at Varo stadium kills 174",
        "At least 174 people died in the stampede at the Varo stadium in Kessel, provincial governor Ana "
        "Mirel told reporters, as police in the Kessel region said the Lindor club's fans had rushed the exits.",
        datetime(2022, 10, 2, 12),
    )
    later = _article(
        "b.md",
        "Toll from Kessel stadium crush revised to 131",
        "The number killed in Saturday's crush at the Varo stadium has been put at 131, police in Kessel said, "
        "after governor Ana Mirel's office found names counted twice; Lindor officials offered condolences.",
        datetime(2022, 10, 5, 12),
    )
    output = analysis_to_json(analyze([first, later]))
    assert len({c["event"] for c in output["claims"]}) == 1
    assert {x["kind"] for x in output["contradictions"]} == {"count"}  # 174, then 131: the toll fell


def test_an_article_naming_no_kind_of_event_joins_the_event_it_shares_names_with():
    first = _article(
        "a.md",
        "Halloween crush in Tarsa kills 146",
        "The stampede in the Velmo district of Tarsa killed 146 people, with 150 injured, Halloween organisers said.",
        datetime(2022, 10, 29, 23),
    )
    later = _article(
        "b.md",
        "Tarsa mourns",
        "As of Sunday evening, officials in Tarsa said 153 people were killed and 133 were injured in the "
        "chaos in the Velmo district on Halloween night.",
        datetime(2022, 10, 31, 9),
    )
    output = analysis_to_json(analyze([first, later]))
    assert len({c["event"] for c in output["claims"]}) == 1
    assert any("injured" in x["explanation"] for x in output["contradictions"])


def test_more_of_another_measure_after_a_toll_counts_others_not_a_rise():
    output = run("The toll from the crush has climbed to 151.\n82 more were injured.\n")
    injured = next(f for f in output["figures"] if f["measure"] == "injured")
    assert injured["scope"] is None


def test_two_outlets_giving_rival_counts_for_the_same_day_contradict():
    first = _article("a.md", "Clashes in Almaty", "Twelve police officers were killed in the clashes in Almaty, the "
                     "interior ministry said.", datetime(2022, 1, 6))  # fmt: skip
    second = _article("b.md", "Almaty clashes", "At least 13 police officers were killed in the clashes in Almaty, "
                      "officials said.", datetime(2022, 1, 6))  # fmt: skip
    (contradiction,) = analysis_to_json(analyze([first, second]))["contradictions"]
    assert contradiction["kind"] == "count" and "same day" in contradiction["explanation"]


def test_two_steps_of_a_rising_toll_on_one_day_are_not_rivals():
    first = _article("a.md", "Quake toll rises", "The death toll has risen to 1,037, the ministry said.",
                     datetime(2023, 9, 9))  # fmt: skip
    second = _article("b.md", "Quake toll climbs", "The death toll has risen to more than 1,300, the ministry said.",
                      datetime(2023, 9, 9))  # fmt: skip
    assert analysis_to_json(analyze([first, second]))["contradictions"] == []


def test_a_bare_count_after_a_sentence_about_one_group_goes_on_about_that_group():
    output = run(
        "The toll rose to 112 on Sunday.\nNearly 100 people are missing, including 85 firefighters.\n"
        "At least 21 are already confirmed dead.\n"
    )
    (bare,) = [f for f in output["figures"] if f["value"] == 21]
    assert bare["subject"] == "emergency workers"
    assert output["contradictions"] == []


def test_two_places_given_counts_respectively_are_no_combined_area():
    output = run(
        "The provisional toll is 278.\n"
        "The quake killed 218 people in Amatrice alone, while the toll in Arquata and Accumoli remained at 49 "
        "and 11, respectively.\n"
    )
    assert output["contradictions"] == []


def test_a_days_dead_beside_the_stated_total_are_a_part_of_it():
    output = run(
        "Renewed protests on Monday left at least 98 dead.\n"
        "The latest violence has pushed the total death toll from the protests to 300.\n"
    )
    assert output["contradictions"] == []


def test_a_peak_in_hospital_is_not_a_rival_of_those_still_there():
    output = run(
        "37 people are still being treated in hospital.\nAt one stage more than 70 people were hospitalised.\n"
    )
    assert output["contradictions"] == []


def test_others_killed_after_a_group_are_not_a_whole_of_that_group():
    output = run(
        "Thirteen police officers were beaten to death in the district, police said.\n"
        "Nine others were killed in the district.\n"
    )
    assert output["contradictions"] == []


def test_an_older_event_named_for_comparison_without_its_year_is_not_todays_count():
    output = run(
        "Nineteen children and two teachers were shot dead at the school on Tuesday.\n"
        "It was the deadliest school shooting since the massacre at Pell Ridge, when a gunman shot dead 26 people.\n"
    )
    older = next(f for f in output["figures"] if f["value"] == 26)
    assert older["is_earlier"] is True
    assert output["contradictions"] == []


def test_relatives_of_the_dead_are_not_the_dead():
    output = run("The police detained eight people who were relatives of the deceased miners.\n")
    assert [(f["measure"], f["value"]) for f in output["figures"]] == [("detained", 8)]


def test_a_sentence_about_the_batchs_one_stampede_joins_it_whatever_its_article_leads_with():
    riot = _article("a.md", "Riot after Lindor match", "Fans rioted after the match at the Varo stadium in Kessel. "
                    "At least 174 people died in the stampede, governor Ana Mirel said.", datetime(2022, 10, 2, 9))  # fmt: skip
    crush = _article("b.md", "Stadium stampede in Kessel", "The death toll from the stampede at the Varo stadium "
                     "is 125, governor Ana Mirel told Metro TV.", datetime(2022, 10, 2, 18))  # fmt: skip
    output = analysis_to_json(analyze([riot, crush]))
    events = {c["event"] for c in output["claims"] if "stampede" in c["text"]}
    assert len(events) == 1
    assert any(x["kind"] == "count" for x in output["contradictions"])


def test_a_rival_source_named_after_according_to_is_set_against_the_first():
    output = run("Eighty people were confirmed as injured, although at least 141 were injured according to "
                 "unofficial reports.\n")  # fmt: skip
    (contradiction,) = output["contradictions"]
    assert "Unofficial reports" in contradiction["explanation"]


def test_members_of_a_group_are_that_group():
    output = run(
        "Eighteen members of the security forces have died and 748 have been injured, the ministry said.\n"
    )
    assert {f["subject"] for f in output["figures"]} == {"security forces"}


def test_the_previous_toll_and_a_figure_named_before_an_update_are_earlier_states():
    output = run(
        "The ministry revised the toll down to 161, from the previous toll of 228.\n"
        "Before the fire service updated the official number of dead, it stood at 86.\n"
        "The toll, which had been 413 on Monday, rose to 480.\n"
        "The number of injured rose to 4,500, increasing from 4,015 a day earlier.\n",
        published=datetime(2023, 9, 2, 9),
    )
    readings = [(f["value"], f["is_earlier"]) for f in output["figures"]]
    assert readings == [
        (161, False),
        (228, True),
        (86, True),
        (413, True),
        (480, False),
        (4500, False),
        (4015, True),
    ]


def test_a_hedge_governs_only_its_own_clause():
    output = run(
        "As many as 700 people may have died in remote villages, although the confirmed toll stands at 480.\n"
        "Gun laws will change following a terror attack which killed 49 people.\n",
        published=datetime(2023, 9, 2, 9),
    )
    assert [(f["value"], f["is_projection"]) for f in output["figures"]] == [
        (700, True),
        (480, False),
        (49, False),
    ]


def test_people_of_one_nationality_are_a_group_of_their_own():
    output = run(
        "Pilgrimage heat toll rises to 550\n\n"
        "At least 550 pilgrims died in the heat, diplomats said on Tuesday.\n"
        "At least 323 Egyptians died, most of them from heat-related illnesses.\n"
        "At least 60 Jordanians also died, their foreign ministry said.\n"
        "The number of Afghans killed in the bombing has risen to 79, a hospital official said.\n",
        published=datetime(2024, 6, 19, 9),
    )
    subjects = [figure["subject"] for figure in output["figures"]]
    assert subjects[-3:] == ["Egyptians", "Jordanians", "Afghans"]
    assert output["contradictions"] == []


def test_a_blast_months_before_is_another_occurrence_but_the_start_of_this_one_is_not():
    output = run(
        "At least six people were killed in a blast at a chemical plant on Thursday.\n"
        "A blast at a chemical plant in the west left 19 dead and 12 injured in July.\n",
        published=datetime(2019, 3, 21, 18),
    )
    assert output["contradictions"] == []
    assert len({figure["event"] for figure in output["figures"] if figure["measure"] == "killed"}) == 2
    output = run(
        "Cholera has killed 2,071 people since the outbreak began in October.\n",
        published=datetime(2010, 12, 6, 18),
    )
    assert "/" not in output["figures"][0]["event"]


def test_others_beside_a_part_are_a_sibling_part_not_a_part_of_it():
    output = run(
        "Police said 17 people were killed in Tarn, and 22 others lost their lives elsewhere in the country.\n"
    )
    assert [(f["measure"], f["value"]) for f in output["figures"]] == [("killed", 17), ("killed", 22)]
    assert output["contradictions"] == []


def test_a_toll_that_exceeds_a_number_is_a_floor_not_that_number():
    output = run("Quake toll exceeds 2,500\n\nAt least 2,681 people have died, state media said on Monday.\n")
    assert [f["low"] for f in output["figures"]] == [2500, 2681]
    assert output["contradictions"] == []


def test_a_list_of_counts_by_place_holds_parts_even_when_its_first_item_names_a_place():
    output = run(
        "Quake toll reaches 2,012\n\n"
        "The quake caused 1,293 deaths in Haouz, 452 in Tarou and 15 in Marra, the ministry said.\n"
    )
    assert len(output["figures"]) == 4
    assert output["contradictions"] == []


def test_a_channel_named_with_a_digit_and_a_capital_is_no_amount():
    output = run("The 2M TV channel reported the updated death toll on Monday.\n")
    assert output["figures"] == []


def test_an_earlier_report_as_its_clauses_subject_gives_an_earlier_count():
    output = run(
        "The toll in Tarsa has reached 219, officials said.\n\n"
        "Earlier reports indicated 217 fatalities.\n\n"
        "Officials revised down an earlier estimate and said 12 people were missing.\n"
    )
    assert [(f["value"], f["is_earlier"]) for f in output["figures"]] == [
        (219, False),
        (217, True),
        (12, False),
    ]
    assert output["contradictions"] == []


def test_the_count_a_rise_started_from_is_an_earlier_state():
    output = run("Police said 158 people had died, after the toll spiked from 95 dead late on Wednesday.\n")
    assert [(f["value"], f["is_earlier"]) for f in output["figures"]] == [(158, False), (95, True)]


def test_a_floor_that_falls_the_next_day_is_flagged_but_a_rounded_one_is_not():
    monday = ArticleInput(
        path="a.md",
        body="The storm has killed at least 64 people in Varo, officials said.\n",
        published=PUBLISHED,
    )
    tuesday = ArticleInput(
        path="b.md",
        body="The storm has killed at least 59 people in Varo, officials said.\n",
        published=datetime(2021, 7, 9, 9, 0),
    )
    rounded = ArticleInput(
        path="c.md",
        body="More than 60 people have died in the storm in Varo, officials said.\n",
        published=datetime(2021, 7, 9, 10, 0),
    )
    round_floor = ArticleInput(
        path="d.md",
        body="The storm has killed at least 50 people in Varo, officials said.\n",
        published=datetime(2021, 7, 9, 11, 0),
    )
    # "more than 60" and "at least 50" are round figures, not falls
    output = analysis_to_json(analyze([monday, tuesday, rounded, round_floor]))
    flagged = [
        {c["article"] for c in output["claims"] if c["id"] in x["claims"]} for x in output["contradictions"]
    ]
    assert flagged == [{"a1", "a2"}]


def test_the_people_of_one_place_are_a_part_of_the_toll():
    output = run(
        "At least 64 people died in the floods.\n\nForty-six of its inhabitants have been confirmed killed.\n"
    )
    assert output["figures"][1]["scope"] == "part_of:killed"
    assert output["contradictions"] == []


def test_a_rise_in_one_paragraph_and_the_latest_toll_in_another_disagree():
    output = run(
        "The death toll rose to 57 in the landslides in Varo today, state officials said.\n\n"
        "The district collector said the latest toll stood at 45.\n"
    )
    assert len(output["contradictions"]) == 1


def test_a_contradiction_lists_one_body_sentence_of_each_article_and_its_headline():
    earlier = ArticleInput(
        path="a.md", body="At least 174 people died in the crush in Varo.\n", published=PUBLISHED
    )
    later = ArticleInput(
        path="b.md",
        body=(
            "Varo crush toll at 125\n\n"
            "A total of 125 people were killed in the crush in Varo, police said.\n\n"
            "Of the 125 people who died in the crush, 32 were children.\n"
        ),
        published=datetime(2021, 7, 10, 9, 0),
    )
    output = analysis_to_json(analyze([earlier, later]))
    (contradiction,) = output["contradictions"]
    texts = [c["text"] for c in output["claims"] if c["id"] in contradiction["claims"]]
    assert "Varo crush toll at 125" in texts  # the headline that sums the body up
    assert sum("125 people" in text for text in texts) == 1  # one body sentence, not both


def test_the_previous_toll_as_a_clauses_subject_makes_every_count_in_it_earlier():
    output = run(
        "A blast at the port has killed at least five people and injured more than 700 others, officials say.\n\n"
        "The previous toll was four dead and more than 500 others injured.\n"
    )
    assert [f["is_earlier"] for f in output["figures"]] == [False, False, True, True]
    assert output["contradictions"] == []


def test_deaths_by_fire_after_the_toll_are_its_parts():
    output = run(
        "The toll was up to 24 by Sunday, with 16 deaths attributed to the Eaton fire, officials said.\n\n"
        "Officials confirmed 25 deaths connected to the two fires, including 16 in the Eaton fire and another "
        "nine in the Palisades fire.\n"
    )
    assert [(f["value"], f["scope"] is not None) for f in output["figures"]] == [
        (24, False),
        (16, True),
        (25, False),
        (16, True),
        (9, True),
    ]


def test_a_place_in_a_title_case_headline_stops_before_its_verb():
    output = run(
        "Death Toll From Building Collapse in Varo Rises to 14\n\nThe collapse in Varo has killed 14 people.\n"
    )
    assert [figure["where"] for figure in output["figures"]] == ["Varo", "Varo"]


def test_an_early_report_is_an_earlier_count():
    output = run("Early reports from the mayor had been that one woman had died in the collapse.\n")
    assert output["figures"][0]["is_earlier"] is True


def test_a_toll_in_a_separate_incident_is_not_the_articles_event():
    output = run(
        "The mine collapse in Varo killed 10 workers, police said.\n\n"
        "In a separate incident on Thursday, four miners were killed.\n"
    )
    assert output["contradictions"] == []


def test_an_accident_in_the_title_is_the_event_the_opening_names():
    output = run(
        "Frantic rescue after Varo mining accident\n\n"
        "An explosion and fire at a coal mine in Varo killed at least 205 workers, officials said.\n",
        title="Frantic rescue after Varo mining accident",
    )
    assert {figure["event"] for figure in output["figures"]} == {"explosion@varo"}
