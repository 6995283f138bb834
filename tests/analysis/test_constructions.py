"""The construction rule table: every rule reads its examples and none of its counter-examples."""

import pytest

from claims.analysis.constructions import RULES, find_figures
from claims.analysis.sentences import split_sentences


def figures_in(text):
    """Figures of a short text, each sentence seeing the figures of the ones before."""
    recent, found = [], []
    for sentence in split_sentences(text):
        figures = find_figures(sentence.text, recent)
        recent = (recent + figures)[-6:]
        found.extend(figures)
    return found


EXAMPLES = [(rule.name, *example) for rule in RULES for example in rule.examples]
COUNTER_EXAMPLES = [(rule.name, sentence) for rule in RULES for sentence in rule.counter_examples]


def test_every_rule_has_a_unique_name_and_examples():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(rule.examples for rule in RULES)


@pytest.mark.parametrize("rule, sentence, measure, value", EXAMPLES)
def test_each_rule_reads_its_examples(rule, sentence, measure, value):
    read = [(f.rule, f.measure, f.amount.value) for f in figures_in(sentence)]
    assert (rule, measure, value) in read


@pytest.mark.parametrize("rule, sentence", COUNTER_EXAMPLES)
def test_no_rule_reads_its_counter_examples(rule, sentence):
    assert [f for f in figures_in(sentence) if f.rule == rule] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Floods and landslides leave at least 126 dead and missing",
        "It left 7,300 people dead or missing.",
        "The agency says some 300 people have died or are missing on the sea route this year.",
    ],
)
def test_the_dead_and_missing_together_are_a_group_of_their_own(sentence):
    (figure,) = figures_in(sentence)
    assert (figure.measure, figure.subject) == ("killed", "dead or missing")


def test_the_dead_alone_stay_people():
    (figure,) = figures_in("Landslides had left at least 82 people dead.")
    assert figure.subject == "people"


def test_a_count_of_provinces_is_not_a_figure_and_a_fronted_unnamed_province_makes_a_part():
    figures = figures_in("In one northern province a landslide killed four people, the governor said.")
    assert [(f.measure, f.amount.value) for f in figures] == [("killed", 4)]
    assert figures[0].scope.is_part and figures[0].scope.place == "one northern province"


def test_officials_of_a_state_are_still_people():
    (figure,) = figures_in("Five state officials were killed.")
    assert (figure.measure, figure.amount.value, figure.scope) == ("killed", 5, None)


def test_bodies_of_a_group_found_are_a_share_of_the_toll():
    (figure,) = figures_in("Bodies of two women and a boy were pulled out before dawn.")
    assert figure.measure == "killed" and figure.scope.is_part


def test_a_toll_fronted_by_the_southern_state_is_a_part_of_the_whole():
    (figure,) = figures_in("In the southern state, four people are missing.")
    assert figure.scope.is_part and figure.scope.place == "the southern state"


def test_dying_on_the_spot_is_a_share_of_the_toll():
    (figure,) = figures_in('"Four people died on the spot," a police officer told reporters.')
    assert figure.measure == "killed" and figure.scope.is_part
    (quoted,) = figures_in("Ninety people were “burned to ashes” at the scene while others died in hospital.")
    assert quoted.measure == "killed" and quoted.scope.is_part


@pytest.mark.parametrize(
    "sentence",
    ["In the provincial capital, Drenmar, 190 people died.", "In the territory's capital, 190 people died."],
)
def test_a_toll_fronted_by_one_named_kind_of_place_is_a_part(sentence):
    (figure,) = figures_in(sentence)
    assert figure.scope.is_part


def test_a_toll_fronted_by_the_bare_region_stays_whole():
    (figure,) = figures_in("In the region, 40 people died.")
    assert figure.scope is None


@pytest.mark.parametrize(
    "sentence, place",
    [
        ("Neighbouring Selvia reported 12 dead in its border villages.", "Selvia"),
        ("Across the border, Indara reported 360 killed.", "Indara"),
    ],
)
def test_a_neighbouring_countrys_count_is_of_its_own_place(sentence, place):
    (figure,) = figures_in(sentence)
    assert figure.place == place


def test_one_day_alone_is_a_part_but_the_period_toll_after_it_is_not():
    figures = figures_in("On June 20 alone there were 15 confirmed deaths, pushing the toll from 120 to 150.")
    by_value = {figure.amount.value: figure for figure in figures}
    assert by_value[15].scope.is_part
    assert by_value[150].scope is None


def test_the_worst_hit_state_with_a_count_is_a_part():
    (figure, *_) = figures_in("Sarna is the worst-hit state with 36 deaths.")
    assert figure.amount.value == 36 and figure.scope.is_part


def test_registered_deaths_from_all_causes_are_not_a_figure_but_the_excess_is():
    assert (
        figures_in("A total of 9,300 deaths were registered in the week, against an average of 8,800.") == []
    )
    (excess,) = figures_in("The extra 500 deaths came in the week of the hottest day on record.")
    assert (excess.measure, excess.amount.value) == ("killed", 500)


def test_a_part_of_a_whole_named_by_its_participle_is_a_share_and_a_plain_partitive_is_a_count():
    (identified,) = figures_in("Only six of the workers killed in the collapse had been identified.")
    assert identified.measure == "killed" and identified.scope.is_part
    (count,) = figures_in("Six of the passengers died.")
    assert count.measure == "killed" and count.scope is None


@pytest.mark.parametrize(
    "sentence",
    [
        "A senior official gave reporters a partial toll of 577 deaths for the two busiest days.",
        "With five fatalities in the 24 hours to 8 am on Wednesday, the season's toll rose to 88.",
    ],
)
def test_a_partial_or_daily_count_is_a_share_of_the_toll(sentence):
    first = figures_in(sentence)[0]
    assert first.measure == "killed" and first.scope.is_part


def test_only_people_can_be_held():
    assert figures_in("Twenty rallies were held in the capital on Sunday.") == []
    (held,) = figures_in("At least 80 had been held in the northern city.")
    assert (held.measure, held.amount.value) == ("detained", 80)


def test_every_item_of_a_list_of_nationalities_or_places_is_a_share():
    figures = figures_in("The dead included 53 Nepali citizens, five Indians, four Russians and one Irish.")
    assert [(f.amount.value, f.measure) for f in figures] == [
        (53, "killed"),
        (5, "killed"),
        (4, "killed"),
        (1, "killed"),
    ]
    each = figures_in("Of the 72 deaths, 39 were in Wajo, 22 in Suma, two each in Anno and Noto.")
    assert [f.amount.value for f in each] == [72, 39, 22, 2]
    assert all(f.scope is not None for f in each[1:])


def test_suspects_identified_and_ages_of_a_range_are_not_figures():
    assert figures_in("Police said three suspects have been identified.") == []
    ages = figures_in('"33 children died: 8 girls and 25 boys, ranging from 4 to 17 years old," she said.')
    assert [f.amount.value for f in ages] == [33, 8, 25]


def test_the_injured_including_some_critically_are_critical():
    figures = figures_in("The toll rose to 22, with more than 1,400 people injured including 48 critically.")
    assert [(f.measure, f.amount.value) for f in figures][-1] == ("critical", 48)


def test_a_total_of_bodies_is_the_toll_and_bodies_handed_over_a_share():
    (total,) = figures_in("A total of 270 bodies have been recovered, officials said.")
    assert total.measure == "killed" and total.scope is None
    (handed,) = figures_in("A total of 75 bodies have been handed over to relatives.")
    assert handed.scope.is_part


def test_a_count_noun_figure_starts_at_its_noun_after_an_earlier_clause():
    (figure,) = figures_in("After the update was published; the final count stands at 57 victims.")
    assert figure.text == "count stands at 57"
