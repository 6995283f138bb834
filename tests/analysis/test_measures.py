"""What an amount counts: measure, group and scope (claims.analysis.measures)."""

import pytest

from claims.analysis.measures import find_figures


def figures_of(sentence):
    return [(f.measure, f.subject, f.amount.value) for f in find_figures(sentence)]


@pytest.mark.parametrize(
    "sentence, measure",
    [
        ("At least 40 people were killed in the blast.", "killed"),
        ("Dozens of gunmen have been eliminated, police said.", "killed"),
        ("Nine climbers perished on the ridge.", "killed"),
        ("About 200 villagers were wounded.", "injured"),
        ("Some 70 people sought treatment for smoke inhalation.", "injured"),
        ("Nearly 90 were hospitalised overnight.", "hospitalized"),
        ("Eleven people are in intensive care.", "critical"),
        ("Thirty fishermen are still missing.", "missing"),
        ("More than 5,000 residents have been left homeless.", "displaced"),
        ("Police detained 48 protesters.", "detained"),
        ("Thousands took to the streets of the capital.", "participants"),
    ],
)
def test_measure_words_give_the_measure(sentence, measure):
    assert [f[0] for f in figures_of(sentence)] == [measure]


def test_a_later_verb_gives_the_measure_to_both_figures_of_a_clause():
    figures = figures_of("Six firefighters have also been killed with 40 other injured.")
    assert figures == [("killed", "people", 6), ("injured", "people", 40)]


def test_other_refers_to_the_group_of_the_previous_figure():
    figures = find_figures("Five soldiers were killed and 20 others wounded.")
    assert [(f.measure, f.subject) for f in figures] == [("killed", "soldiers"), ("injured", "people")]
    figures = find_figures("Four police officers died and 12 other injured.")
    assert figures[1].subject == "officers" and figures[1].scope == "same_group"


def test_the_measure_can_come_before_the_number():
    assert figures_of("The death toll from the storm has climbed to 57.") == [("killed", "people", 57)]
    assert figures_of("The landslide killed 23 and injured 9.") == [
        ("killed", "people", 23),
        ("injured", "people", 9),
    ]


def test_of_the_injured_is_a_part_of_the_injured():
    (figure,) = find_figures("Fifteen of the injured were in critical condition.")
    assert figure.measure == "critical"
    assert figure.scope == "part_of:injured"


def test_of_them_is_scoped_to_the_previous_figure():
    (figure,) = find_figures("Nearly 70 of them were admitted to hospital.")
    assert figure.scope == "of_them" and figure.measure == "hospitalized"


def test_among_the_dead_is_a_part_of_the_killed():
    (figure,) = find_figures("Among the dead were 8 foreign nationals.")
    assert (figure.measure, figure.subject, figure.scope) == ("killed", "foreigners", "part_of:killed")


@pytest.mark.parametrize(
    "sentence",
    [
        "The ship carried 2,750 tonnes of fertiliser and sank 12 kilometres offshore.",
        "Damage is put at 3 billion dollars and 40 cars were burned.",
        "The victim, aged 34, died at 6pm on January 2nd 2022.",
        "He has ruled for 30 years and declared a two-week mourning period.",
        "Turnout was 45 percent in 1991.",
    ],
)
def test_numbers_of_other_things_are_not_figures(sentence):
    assert find_figures(sentence) == []


def test_projections_are_marked():
    (figure,) = find_figures("The death toll could reach 500, officials fear.")
    assert figure.is_projection
    (figure,) = find_figures("The toll is feared to rise to 200.")
    assert figure.is_projection


def test_a_plain_count_is_not_a_projection():
    (figure,) = find_figures("At least 100 people were killed.")
    assert not figure.is_projection


def test_security_forces_are_their_own_groups():
    assert figures_of("Twelve law enforcement officers have been killed.") == [("killed", "officers", 12)]
    assert figures_of("Three soldiers were wounded.") == [("injured", "soldiers", 3)]
