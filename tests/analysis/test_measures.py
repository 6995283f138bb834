"""What an amount counts: measure, group and scope (claims.analysis.measures)."""

import pytest

from claims.analysis.constructions import find_figures


def label(scope):
    """The stable text form of a typed scope, as the analyze JSON gives it."""
    return scope.label if scope else None


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
    assert figures == [("killed", "emergency workers", 6), ("injured", "emergency workers", 40)]


def test_other_refers_to_the_group_of_the_previous_figure():
    figures = find_figures("Five soldiers were killed and 20 others wounded.")
    assert [(f.measure, f.subject) for f in figures] == [("killed", "soldiers"), ("injured", "soldiers")]
    figures = find_figures("Four police officers died and 12 other injured.")
    assert figures[1].subject == "officers" and label(figures[1].scope) == "same_group"


def test_the_measure_can_come_before_the_number():
    assert figures_of("The death toll from the storm has climbed to 57.") == [("killed", "people", 57)]
    assert figures_of("The landslide killed 23 and injured 9.") == [
        ("killed", "people", 23),
        ("injured", "people", 9),
    ]


def test_of_the_injured_is_a_part_of_the_injured():
    (figure,) = find_figures("Fifteen of the injured were in critical condition.")
    assert figure.measure == "critical"
    assert label(figure.scope) == "part_of:injured"


def test_of_them_is_scoped_to_the_previous_figure():
    (figure,) = find_figures("Nearly 70 of them were admitted to hospital.")
    assert label(figure.scope) == "of_them" and figure.measure == "hospitalized"


def test_among_the_dead_is_a_part_of_the_killed():
    (figure,) = find_figures("Among the dead were 8 foreign nationals.")
    assert (figure.measure, figure.subject, label(figure.scope)) == ("killed", "foreigners", "part_of:killed")


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
    (figure,) = find_figures("Some 40 were saved, but nearly 90 dead in all are feared.")
    assert figure.is_projection  # the fear said after the count


def test_a_plain_count_is_not_a_projection():
    (figure,) = find_figures("At least 100 people were killed.")
    assert not figure.is_projection


def test_women_men_and_the_elderly_are_groups_within_everyone():
    """ "Twelve women were killed" beside "40 people died" is a part, not a rival count."""
    assert figures_of("Twelve women were killed in the fire.") == [("killed", "women", 12)]
    assert figures_of("Nine men were injured.") == [("injured", "men", 9)]
    assert figures_of("Four elderly people died of the heat.") == [("killed", "elderly people", 4)]


def test_security_forces_are_their_own_groups():
    assert figures_of("Twelve law enforcement officers have been killed.") == [("killed", "officers", 12)]
    assert figures_of("Three soldiers were wounded.") == [("injured", "soldiers", 3)]


def test_a_number_without_a_noun_counts_the_group_of_the_figure_before():
    figures = find_figures("Eight police and rescue officers were hurt and 30 were treated for smoke.")
    assert [(f.measure, f.subject) for f in figures][1] == ("injured", "officers")
    figures = find_figures("Seven soldiers and police died, and 22 wounded, the army said.")
    assert [f.subject for f in figures] == ["security forces", "security forces"]


def test_coordinated_nouns_do_not_end_the_phrase_before_the_measure():
    (figure,) = find_figures("Four soldiers or police officers were killed.")
    assert (figure.measure, figure.subject) == ("killed", "security forces")


def test_a_part_of_the_dead_takes_its_group_from_the_predicate():
    (figure,) = find_figures("Eleven of the dead were soldiers, the governor said.")
    assert (figure.subject, label(figure.scope)) == ("soldiers", "part_of:killed")


def test_an_aside_with_including_keeps_the_measure_after_it():
    figures = find_figures("Nine villagers, including four pupils, drowned when the ferry sank.")
    assert [(f.measure, f.subject, f.amount.value, label(f.scope)) for f in figures] == [
        ("killed", "people", 9, None),
        ("killed", "children", 4, "including"),
    ]


def test_a_share_by_place_is_a_part_of_the_figure_before():
    figures = find_figures("At least 25 people were hurt, 10 in Kordan and 15 in Vell.")
    assert [(f.amount.value, label(f.scope), f.place) for f in figures] == [
        (25, None, None),
        (10, "including", "Kordan"),
        (15, "including", "Vell"),
    ]


@pytest.mark.parametrize(
    "sentence, measure",
    [
        ("Divers recovered 12 bodies from the lake.", "killed"),
        ("The bus crash caused 8 fatalities.", "killed"),
        ("Officials gave a death toll of 33.", "killed"),
        ("About 40 people were treated for injuries at the scene.", "injured"),
        ("Fifteen workers were rushed to hospital.", "hospitalized"),
        ("There were 57 casualties, police said.", "other"),
        ("The toll was revised down to 18 on Friday.", "killed"),
    ],
)
def test_more_measure_words(sentence, measure):
    assert [f[0] for f in figures_of(sentence)] == [measure]


@pytest.mark.parametrize(
    "sentence",
    [
        "Coastguards rescued 45 people from the water.",
        "The quake destroyed 300 homes in the valley.",
        "Firefighters saved 20 residents from the roof.",
    ],
)
def test_rescued_people_and_destroyed_homes_are_not_casualties(sentence):
    assert find_figures(sentence) == []


def test_bodies_recovered_and_deaths_in_hospital_are_shares_of_the_toll():
    (figure,) = find_figures("Search teams found 4 bodies on Tuesday.")
    assert label(figure.scope) == "part_of:killed"
    (figure,) = find_figures("Three of the passengers died in hospital.")
    assert label(figure.scope) == "part_of:killed"


def test_admitting_or_treating_people_counts_hospital_and_injury_figures():
    admitted = find_figures("Hospitals in the valley admitted 1,500 patients overnight, doctors said.")
    assert [(f.text, f.measure) for f in admitted] == [("admitted 1,500 patients", "hospitalized")]
    treated = find_figures("Paramedics treated 300 people for smoke inhalation.")
    assert [(f.text, f.measure) for f in treated] == [("treated 300 people", "injured")]


def test_admitting_things_that_are_not_people_is_no_figure():
    assert find_figures("The minister admitted three mistakes in the count.") == []
    assert find_figures("The clinic treated 12 cases of cholera last week.") == []


def test_people_forced_from_their_homes_are_displaced():
    forced = find_figures("Floods force 30,000 from their homes in the delta")
    assert [(f.measure, f.amount.value) for f in forced] == [("displaced", 30000)]
    left = find_figures("About 2,000 villagers had to leave their homes, the governor said.")
    assert [f.measure for f in left] == ["displaced"]


def test_people_rescued_from_their_homes_are_not_displaced():
    assert find_figures("Firefighters rescued 40 people from their homes.") == []


def test_scopes_are_typed_values_not_strings():
    from claims.analysis.facts import Scope, ScopeKind

    (figure,) = find_figures("Fifteen of the injured were in critical condition.")
    assert figure.scope == Scope(ScopeKind.PART_OF, "injured")
    assert figure.scope.is_part and Scope.from_label(figure.scope.label) == figure.scope


@pytest.mark.parametrize(
    "sentence",
    [
        "All but one of the victims were identified.",
        "Flood toll reaches 2023 in the north",
        "About 80% of the dead were elderly.",
        "Two dams collapsed and 120 cars were swept away.",
        "The blast damaged 50 buildings.",
    ],
)
def test_years_percentages_and_things_are_not_casualty_figures(sentence):
    assert find_figures(sentence) == []


def test_firefighters_are_a_group_of_their_own():
    (figure,) = find_figures("Ten firefighters are missing.")
    assert (figure.measure, figure.subject) == ("missing", "emergency workers")


def test_an_increment_is_a_part_of_the_toll_not_a_rival_count():
    (figure,) = find_figures("Four more bodies found off the coast")
    assert label(figure.scope) == "part_of:killed"


def test_groups_are_typed_values_that_keep_their_stored_text():
    from claims.analysis.measures import Group

    (figure,) = find_figures("Four soldiers or police officers were killed.")
    assert figure.subject is Group.SECURITY_FORCES
    assert figure.subject == "security forces"  # the analyze JSON and the database keep the text


def test_a_further_count_is_an_increment_too():
    (figure,) = find_figures("A further 26 patients died overnight.")
    assert label(figure.scope) == "part_of:killed"


def test_temperatures_are_not_figures():
    assert find_figures("Temperatures reaching 36.7C killed crops.") == []


def test_a_place_fronted_before_the_count_is_the_figures_place():
    (figure,) = find_figures("In Nepal, at least 67 people have died.")
    assert figure.place == "Nepal"


def test_the_group_of_an_aside_does_not_carry_into_the_next_clause():
    figures = find_figures("Eleven residents, among them two children, died and more than 1,000 were hurt.")
    assert [(f.measure, f.subject, f.amount.value) for f in figures] == [
        ("killed", "people", 11),
        ("killed", "children", 2),
        ("injured", "people", 1000),
    ]


def test_every_count_after_a_whole_stated_first_is_a_part_of_it():
    figures = find_figures("Of the 230 dead, nearly 100 died on the first night, while around 60 died later.")
    assert [label(f.scope) for f in figures] == [None, "including", "including"]


def test_the_total_aboard_in_a_partitive_is_no_figure():
    assert [f.amount.value for f in find_figures("Forty-one of 78 aboard die in cabin fire")] == [41]


def test_a_group_named_after_the_count_with_among():
    assert figures_of("Amnesty has documented 24 deaths among the protesters.") == [
        ("killed", "protesters", 24)
    ]
    (figure,) = find_figures(
        "The ministry said 31 deaths were confirmed among officially registered pilgrims."
    )
    assert (
        figure.scope is not None and figure.scope.is_part
    )  # some of the pilgrims, told apart by who they are


@pytest.mark.parametrize(
    "sentence, measure, value",
    [
        ("Kerman explosions leave 103 martyrs, 171 injured", "killed", 103),
        ("We have 47 people who have not been located.", "missing", 47),
        ("France put at least 10 people under house arrest.", "detained", 10),
        ("There were at least 10,000 people at the venue.", "participants", 10_000),
        ("The prayer meeting was attended by over one lakh people.", "participants", 100_000),
        ("The arson killed more than 370 people trapped in a cinema.", "killed", 370),
        ("The storm killed at least 95 people and left many others missing.", "killed", 95),
    ],
)
def test_measures_read_in_later_reports(sentence, measure, value):
    assert (measure, value) in [(f.measure, f.amount.value) for f in find_figures(sentence)]


def test_a_revision_of_it_takes_the_measure_said_before():
    figures = find_figures(
        "Officials had earlier put the death toll at 103, but experts later revised it to 84."
    )
    assert [(f.measure, f.amount.value) for f in figures] == [("killed", 103), ("killed", 84)]


def test_a_transfer_for_treatment_is_a_hospital_count():
    (figure,) = find_figures(
        "At least five of the victims had been transferred to the city of Shiraz for further treatment."
    )
    assert figure.measure == "hospitalized"


def test_a_toll_of_one_nationality_counts_that_nationality():
    (figure,) = find_figures("The toll of Egyptians who died taking part in the Hajj has risen to 672.")
    assert figure.subject == "Egyptians"


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt reported the highest number of fatalities with 630 deaths.",
        "All of them died of the heat except for one fatally injured in a crush.",
    ],
)
def test_the_country_with_the_most_and_the_one_excepted_are_parts(sentence):
    assert find_figures(sentence)[-1].scope.is_part


def test_unconfirmed_reports_hedge_every_count_of_their_clause():
    (figure,) = find_figures(
        "Other unconfirmed and unofficial reports estimated that the death toll was as high as 900."
    )
    assert figure.is_projection


def test_the_dead_identified_so_far_are_a_part_and_the_whole_stays_the_toll():
    part, whole = find_figures("The minister said only 39 of the 128 dead had been identified.")
    assert (part.measure, part.amount.value, part.scope.is_part) == ("killed", 39, True)
    assert (whole.measure, whole.amount.value, whole.scope) == ("killed", 128, None)


def test_the_wounded_who_died_are_a_part_of_the_toll():
    (figure,) = find_figures("Two more of the wounded died in hospital on Thursday.")
    assert (figure.measure, figure.scope.measure) == ("killed", "killed")


@pytest.mark.parametrize(
    "sentence, measure, value",
    [
        ("About 180,000 residents have been forced to flee.", "displaced", 180_000),
        ("Mandatory evacuations for more than 100,000 people remain in place.", "displaced", 100_000),
        ("The confirmed fatalities include 5 victims from the Palisades fire.", "killed", 5),
        ("The death toll between the two wildfires was up to 24 people by Sunday evening.", "killed", 24),
        ("The heatwave resulted in 1,592 hospitalizations over the past day.", "hospitalized", 1592),
        ("The commissioner confirmed the demise of 10 individuals.", "killed", 10),
        ("Around 1,700 heat stroke patients were treated in Karachi hospitals.", "hospitalized", 1700),
        ("He said 267 people suffering from heat stroke were admitted.", "hospitalized", 267),
    ],
)
def test_measures_read_in_reports_of_fires_and_heat(sentence, measure, value):
    assert (measure, value) in [(f.measure, f.amount.value) for f in find_figures(sentence)]


@pytest.mark.parametrize(
    "sentence, measure, value",
    [
        ("At least 34 lives have been lost after the boat capsized.", "killed", 34),
        ("All six workers missing after the bridge collapsed on Tuesday are presumed dead.", "killed", 6),
    ],
)
def test_lives_lost_and_the_missing_presumed_dead_are_the_dead(sentence, measure, value):
    assert [(f.measure, f.amount.value) for f in find_figures(sentence)] == [(measure, value)]


def test_a_lexicon_entry_opening_with_a_group_is_indexed_branch_by_branch_and_matches_the_same():
    from claims.analysis.lexicon import _leading_group_expanded, compile_lexicon

    assert _leading_group_expanded("(?:battling|fighting) for li(?:fe|ves)") == [
        "battling for li(?:fe|ves)",
        "fighting for li(?:fe|ves)",
    ]
    assert _leading_group_expanded("(?:a|b)?x") == ["(?:a|b)?x"]  # an optional group stays whole
    pattern, labels = compile_lexicon(
        [("critical", r"(?:battling|fighting) for life"), ("other", r"fighting")]
    )
    match = pattern.search("six are fighting for life")
    assert labels[match.lastgroup] == "critical" and match.group(0) == "fighting for life"
