"""Amounts and the bounds their qualifiers imply (claims.analysis.numbers)."""

import pytest

from claims.analysis.numbers import find_amounts, words_to_number


def only_amount(text):
    amounts = find_amounts(text)
    assert len(amounts) == 1, amounts
    return amounts[0]


@pytest.mark.parametrize(
    "words, value",
    [
        ("Twelve", 12),
        ("One hundred and twenty", 120),
        ("Twenty-one", 21),
        ("two thousand five hundred", 2500),
    ],
)
def test_number_words_are_read(words, value):
    assert words_to_number(words) == value
    assert only_amount(f"{words} people were hurt").value == value


@pytest.mark.parametrize(
    "text, value", [("1,000", 1000), ("2.3 thousand", 2300), ("1.5 million", 1_500_000), ("300,000", 300_000)]
)
def test_digits_with_separators_decimals_and_scales_are_read(text, value):
    assert only_amount(f"about {text} people").value == value


def test_more_than_has_no_hard_ceiling_but_a_soft_one_two_round_steps_up():
    # "more than 400" beside a later 515 is an outlet's older floor, not a rival; beside 1,000 it is.
    amount = only_amount("more than 1,000 injured")
    assert (amount.low, amount.high) == (1001, None)
    assert (amount.soft_low, amount.soft_high) == (1001, 3000)


def test_nearly_caps_the_figure_just_below_the_number():
    amount = only_amount("nearly 400 people")
    assert amount.high == 399
    assert amount.soft_low == 360


def test_nearly_keeps_the_floor_close_to_the_number():
    assert only_amount("nearly 100 people").low == 80
    assert only_amount("almost 2 million").soft_low == 1_800_000


def test_a_plus_after_digits_means_at_least():
    amount = only_amount("90+ dead")
    assert (amount.qualifier, amount.low, amount.high, amount.text) == ("at least", 90, None, "90+")


def test_at_least_sets_the_floor():
    amount = only_amount("at least 43 nationals")
    assert (amount.low, amount.high) == (43, None)


def test_fewer_than_sets_a_ceiling_below_the_number():
    assert only_amount("fewer than 3,000").high == 2999


def test_about_allows_reporters_rounding_both_ways():
    amount = only_amount("around 5,000 hurt")
    assert amount.low < 5000 < amount.high
    assert amount.qualifier == "about"


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("dozens", 24, 99),
        ("hundreds", 200, 999),
        ("thousands", 2000, 9999),
        ("tens of thousands", 20_000, 99_999),
        ("hundreds of thousands", 200_000, 999_999),
        ("several hundred", 200, 999),
    ],
)
def test_vague_amounts_are_ranges(text, low, high):
    amount = only_amount(f"{text} of people")
    assert (amount.low, amount.high) == (low, high)
    assert amount.is_vague


def test_a_dozen_is_twelve():
    assert only_amount("a dozen people").value == 12


def test_and_between_two_numbers_does_not_join_them():
    assert [a.value for a in find_amounts("between three and five people")] == [3, 5]


def test_digits_inside_a_hyphenated_name_are_not_amounts():
    assert find_amounts("Khabar-24 television") == []


def test_or_more_after_a_number_means_at_least():
    amount = only_amount("120,000 or more marched")
    assert (amount.qualifier, amount.low, amount.high) == ("at least", 120_000, None)


def test_vague_plurals_have_a_loose_soft_ceiling_but_a_strict_hard_one():
    amount = only_amount("tens of thousands marched")
    assert (amount.high, amount.soft_high) == (99_999, 199_998)


@pytest.mark.parametrize(
    "text, value",
    [("with a sixth death in six days", 6), ("the 50th body was recovered", 50), ("a second victim", 2)],
)
def test_an_ordinal_before_a_death_word_is_the_count_so_far(text, value):
    assert find_amounts(text)[0].value == value


def test_an_ordinal_elsewhere_is_no_amount():
    assert find_amounts("on the third day of protests he came second") == []


def test_lakh_and_crore_are_scales_in_words_too():
    assert find_amounts("over one lakh people")[0].value == 100_000


@pytest.mark.parametrize(
    "text, low, high", [("some 3000-4000 rioters", 3000, 4000), ("at least 30–40 missing", 30, 40)]
)
def test_a_range_written_with_a_dash(text, low, high):
    (amount,) = find_amounts(text)
    assert (amount.low, amount.high) == (low, high)


@pytest.mark.parametrize("text", ["a 3-1 win", "the 2019-2023 period", "the 2023-24 season", "COVID-19"])
def test_scores_years_and_names_with_a_dash_are_no_range(text):
    assert all(amount.qualifier != "between" for amount in find_amounts(text))


def test_about_an_unround_amount_is_nearly_exact_and_about_a_round_one_an_estimate():
    (unround,) = find_amounts("some 764 people")
    assert (unround.low, unround.high) == (649, 879) and (unround.soft_low, unround.soft_high) == (756, 772)
    (estimate,) = find_amounts("about 19,500 people")
    assert (estimate.soft_low, estimate.soft_high) == (estimate.low, estimate.high) == (16_575, 22_425)
