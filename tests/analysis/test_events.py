"""Which event a sentence is about, where, and when (claims.analysis.events)."""

import re
from datetime import date

from claims.analysis.events import (
    EventKey,
    date_belongs_to_event,
    describe_event,
    event_key,
    event_kind,
    find_place,
    past_event_of,
    past_events,
    sentence_event_kind,
    separate_event_at,
)
from claims.analysis.timeline import find_dates


def dates_the_event(sentence, published=date(2021, 5, 9)):
    return [
        date_belongs_to_event(sentence, d.start, d.end, d.is_possessive)
        for d in find_dates(sentence, published)
    ]


def test_event_nouns_give_the_kind():
    assert event_kind("A blast tore through the depot.") == "explosion"
    assert event_kind("Clashes with riot police continued.") == "unrest"
    assert event_kind("The quake was felt 300 km away.") == "earthquake"
    assert event_kind("Flash flooding cut off the town.") == "flood"
    assert event_kind("Rescue teams arrived.") is None


def test_the_event_key_joins_kind_and_place():
    assert event_key("explosion", "Beirut").text == "explosion@beirut"
    assert event_key("flood", None).text == "flood"


def test_an_event_key_survives_being_stored_as_text():
    for key in (
        event_key("explosion", "Beirut"),
        EventKey("earthquake", "kessel", year=1939),
        EventKey("earthquake", "kessel", day=date(2023, 2, 20)),
        EventKey("incident", article="a4"),
    ):
        assert EventKey.parse(key.text) == key


def test_a_storm_and_its_floods_are_one_event_and_a_dam_collapse_is_part_of_it():
    assert event_key("storm", "Tarn") == event_key("flood", "Tarn")
    assert sentence_event_kind("collapse", "flood") == "flood"
    assert sentence_event_kind("stampede", "stampede") == "stampede"
    assert sentence_event_kind(None, "stampede") == "stampede"
    assert sentence_event_kind("earthquake", "flood") == "earthquake"


def past_years(sentence, published_year=2024):
    events = past_events(sentence, published_year)
    return [
        past_event_of(sentence, m.start(), events)
        for m in re.finditer(r"\d[\d,]*(?= (?:people|dead|killed|who))", sentence)
    ]


def test_a_toll_of_an_older_event_named_for_comparison_belongs_to_that_event():
    assert past_years("It was the worst since the 2009 ferry sinking off Dorn, which killed 304 people.") == [
        2009
    ]
    assert past_years("The 1952 tsunami that struck Vell killed 71 people.") == [1952]
    assert past_years("That passes the 90 people killed in the Ormen fire in 2016.") == [2016]
    assert past_years("The country's worst crash came in May 1977, killing 410 people.") == [1977]
    assert past_years(
        "Records show 5,000 people died in road crashes in 2023, compared to 6,500 before."
    ) == [2023]
    assert past_years(
        "It recalled a 2003 fire in a club where pyrotechnics lit the ceiling and 90 people died."
    ) == [2003]
    assert past_years("Last year's floods killed more than 1,000 people in the same district.") == [2023]
    assert past_years("A quake two years ago killed 300 people in the valley.") == [2022]


def test_todays_toll_compared_with_an_older_event_stays_todays():
    assert past_years("At least 212 people have died, the most since the 2016 Ormen fire.") == [None]
    assert past_years("The toll of 212 dead is the highest since the 2016 fire.") == [None]
    assert past_years("Toll passes 1,200 dead, surpassing the 2016 disaster") == [None]
    assert past_years("A helpline, 1929, took calls as 212 people were killed.") == [None]
    assert past_years("Since January 2 2024, 212 people have died.") == [None]


def test_a_separate_occurrence_is_recognised():
    assert separate_event_at("A separate magnitude 5.9 earthquake struck the coast on May 3.") == 0
    assert separate_event_at("The earthquake struck the coast on May 3.") is None
    assert separate_event_at("In a separate incident on Thursday, four miners were killed.") == 3
    assert separate_event_at("Last month, at least 48 people were killed in an explosion after a crash.") == 0
    assert separate_event_at("Last month, the fire killed at least 97 people.") is None


def test_the_place_comes_from_the_opening_lines_and_skips_venues():
    assert (
        find_place(["Fire at Kessel stadium", "A fire broke out at a stadium in Kessel on Friday."])
        == "Kessel"
    )
    assert find_place(["Tarn valley floods: 9 dead"]) == "Tarn"


def test_a_possessive_weekday_before_the_event_dates_it():
    assert dates_the_event("Nine people died in Friday's landslide.") == [True]
    assert dates_the_event("He spoke at Friday's press conference about the landslide.") == [False]


def test_an_event_verb_before_the_date_dates_the_event():
    assert dates_the_event("The earthquake struck the coast early on Thursday.") == [True]


def test_the_aftermath_is_not_the_event():
    assert dates_the_event("Funerals for victims of the explosion were held on Thursday.") == [False]
    assert dates_the_event("Rescue teams arrived on Thursday.") == [False]


def test_to_storm_a_building_is_not_a_storm():
    assert event_kind("Crowds tried to storm the parliament.") is None
    assert event_kind("The storm flooded the coast.") == "storm"


def test_an_event_key_reads_as_words_for_editors():
    assert describe_event("explosion@beirut") == "Explosion in Beirut"
    assert describe_event("earthquake@kessel/1939") == "Earthquake in Kessel in 1939"
    assert describe_event("earthquake@kessel/2023-02-20") == "Earthquake in Kessel on 20 February 2023"
    assert describe_event("unrest") == "Unrest"
    assert describe_event(None) == ""


def test_a_clock_time_between_the_event_and_its_day_keeps_the_date_with_the_event():
    text = "The earthquake hit at 4:12am on Monday, the seismological institute said."
    start = text.index("Monday")
    assert date_belongs_to_event(text, start, start + len("Monday"), False)


def test_a_moment_counted_from_the_event_is_not_its_date():
    assert dates_the_event("Trains ran again on Sunday night, about 51 hours after the crash.") == [False]
    assert dates_the_event("Trains began running through the valley again on Sunday.") == [False]
    assert dates_the_event("The fire began on Sunday.") == [True]


def test_an_event_verb_dates_the_event_across_a_longer_phrase():
    assert dates_the_event(
        "The express ran into a freight train standing on a siding at Dorn at about 7 pm on May 3."
    ) == [True]


def test_a_when_clause_with_the_event_after_the_date_dates_the_event():
    assert dates_the_event("Forty were hurt on Friday evening when two buses collided near Dorn.") == [True]
    assert dates_the_event("Forty were hurt on Friday evening when they left the stadium.") == [False]


def where(sentence, number, area=None):
    from claims.analysis.events import clause_place

    start = sentence.index(number)
    return clause_place(sentence, start, start + len(number), area)


def test_a_figure_takes_the_place_its_own_clause_names():
    assert where("Officials said the toll in Vell had risen to 2,100 by Monday.", "2,100") == "Vell"
    assert where("In Dorn, more than 580 deaths have been recorded, the UN said.", "580") == "Dorn"
    assert (
        where("Across both countries, the toll stood at 7,800.", "7,800", "Dorn and Vell") == "Dorn and Vell"
    )
    assert where("Quakes kill 4,300 in Vell and neighbouring Dorn", "4,300") == "Dorn and Vell"
    assert where("The figure for Dorn is 590, while monitors counted 676 deaths there.", "676") == "Dorn"
    assert (
        where("The toll for Dorn is 590, while the Centre for Human Rights counted 676 there.", "676")
        == "Dorn"
    )
    assert where("In rebel-held areas of Dorn, 81 people were killed.", "81") == "rebel-held areas of Dorn"
    assert where("At least 40 people died in the fire, police said.", "40") is None
    assert where("Police said 97 people died in the Aug. 8 fire.", "97") is None


def test_a_country_is_a_part_of_an_area_of_two_and_of_the_combined_toll():
    from claims.analysis.events import WHOLE_AREA, area_key, is_part_of_area

    assert is_part_of_area("Vell", "Dorn and Vell")
    assert is_part_of_area("Vell", WHOLE_AREA)
    assert not is_part_of_area("Vell", "Vell") and not is_part_of_area("Dorn and Vell", "Vell")
    assert area_key("Dorn and Vell") == area_key(WHOLE_AREA) != area_key("Vell")
    assert area_key("all affected countries") == area_key(WHOLE_AREA)


def test_a_date_after_a_count_dates_the_count_not_the_event():
    assert dates_the_event("The list of the missing after the fire stood at 385 on Friday.") == [False]
    assert dates_the_event("The earthquake struck at 4:17 am on Monday.") == [True]


def test_a_date_naming_the_event_dates_it():
    assert dates_the_event("Police revised the toll of the May 8 Dorn fire down to 97 on Friday.") == [
        True,
        False,
    ]


def test_a_bus_rolling_into_a_gorge_and_a_train_running_into_another_are_crashes():
    assert event_kind("Eighteen killed as bus rolls into gorge") == "crash"
    assert event_kind("Bus falls into gorge near Rohtan, 15 dead, 17 injured") == "crash"
    assert event_kind("A freight train ran into the back of the stationary express.") == "crash"


def test_another_named_storm_weeks_earlier_is_a_separate_event():
    sentence = "Typhoon Lira killed at least 40 people, two weeks after Typhoon Moro, which killed 24 people."
    assert separate_event_at(sentence, "Typhoon Lira kills at least 40") == sentence.index("Typhoon Moro")


def test_the_articles_own_storm_named_after_a_delay_is_not_separate():
    sentence = "A week after Typhoon Lira struck, the toll rose to 60."
    assert separate_event_at(sentence, "Typhoon Lira toll rises to 60") is None


def test_another_occurrence_or_a_photo_does_not_date_the_event():
    assert dates_the_event("Walls cracked further after Friday morning's big aftershock.") == [False]
    assert dates_the_event("Small-scale blasts broke out at around 11:40 on Saturday near the port.") == [
        False
    ]
    assert dates_the_event("The premier arrived at the site of the blasts on Sunday afternoon.") == [False]
    assert dates_the_event(
        "Residents walk past buildings damaged by the earthquake in Tarn on May 8, 2021."
    ) == [False]
    assert dates_the_event("The earthquake struck Tarn at dawn on Saturday.") == [True]
    assert dates_the_event("Saturday's earthquake flattened the old town.") == [True]
