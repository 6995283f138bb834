"""Which event a sentence is about, where, and when (claims.analysis.events)."""

from datetime import date

from claims.analysis.events import date_belongs_to_event, describe_event, event_key, event_kind, find_place
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
    assert event_key("explosion", "Beirut") == "explosion@beirut"
    assert event_key("flood", None) == "flood"


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
    assert describe_event("unrest") == "Unrest"
    assert describe_event(None) == ""


def test_a_clock_time_between_the_event_and_its_day_keeps_the_date_with_the_event():
    text = "The earthquake hit at 4:12am on Monday, the seismological institute said."
    start = text.index("Monday")
    assert date_belongs_to_event(text, start, start + len("Monday"), False)
