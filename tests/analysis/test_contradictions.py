"""Contradiction rules over self-contained records (claims.analysis.contradictions)."""

from datetime import date, datetime

from claims.analysis.contradictions import detect_contradictions
from claims.analysis.facts import ClaimFacts, FigureFacts
from claims.analysis.numbers import bounds_for

DAY = date(2023, 4, 2)


class Batch:
    """Builds claims and figures with sensible defaults: one event, one day."""

    def __init__(self):
        self.claims, self.figures = [], []

    def claim(self, article="a1", publisher="Paper", published=datetime(2023, 4, 2, 12), **fields):
        key = f"c{len(self.claims) + 1}"
        self.claims.append(
            ClaimFacts(
                key=key,
                article_key=article,
                text=fields.pop("text", "…"),
                start=0,
                end=1,
                publisher=publisher,
                published=published,
                event=fields.pop("event", "fire@dessa"),
                **fields,
            )
        )
        return key

    def figure(self, claim, measure, value, qualifier=None, subject="people", as_of=DAY, **fields):
        low, high, soft_low, soft_high = bounds_for(value, qualifier)
        if "low" in fields:  # a vague amount given as a range: hard and soft bounds are the same
            low = soft_low = fields.pop("low")
            high = soft_high = fields.pop("high")
        key = f"f{len(self.figures) + 1}"
        event = next(c.event for c in self.claims if c.key == claim)
        self.figures.append(
            FigureFacts(
                key=key,
                claim_key=claim,
                text=f"{qualifier or ''} {value} {measure}".strip(),
                start=0,
                end=1,
                measure=measure,
                subject=subject,
                qualifier=qualifier,
                value=value,
                low=low,
                high=high,
                soft_low=soft_low,
                soft_high=soft_high,
                as_of=as_of,
                event=event,
                **fields,
            )
        )
        return key

    def kinds(self):
        return [c.kind for c in detect_contradictions(self.claims, self.figures)]


def test_more_than_100_and_more_than_1000_injured_same_day_contradict():
    batch = Batch()
    batch.figure(batch.claim(is_headline=True), "injured", 100, "more than", subject="protesters")
    batch.figure(batch.claim(), "injured", 1000, "more than")
    assert batch.kinds() == ["count"]


def test_about_5000_and_around_5000_agree():
    batch = Batch()
    batch.figure(batch.claim(), "injured", 5000, "about")
    batch.figure(batch.claim(article="a2", publisher="Other"), "injured", 5000, "about")
    assert batch.kinds() == []


def test_a_later_higher_cumulative_toll_is_an_update():
    batch = Batch()
    batch.figure(batch.claim(), "killed", 100, "at least")
    batch.figure(
        batch.claim(article="a2", published=datetime(2023, 4, 3, 9)), "killed", 135, as_of=date(2023, 4, 3)
    )
    assert batch.kinds() == []


def test_a_cumulative_toll_that_falls_later_contradicts():
    batch = Batch()
    batch.figure(batch.claim(), "injured", 5000, "about")
    later = batch.claim(article="a2", publisher="Later", published=datetime(2023, 4, 3, 9))
    batch.figure(later, "injured", 3000, "fewer than", as_of=date(2023, 4, 3))
    (contradiction,) = detect_contradictions(batch.claims, batch.figures)
    assert contradiction.kind == "count"
    assert "Later" in contradiction.explanation and "cannot fall" in contradiction.explanation


def test_missing_people_may_fall_over_time():
    batch = Batch()
    batch.figure(batch.claim(), "missing", 60, "more than")
    batch.figure(
        batch.claim(article="a2", published=datetime(2023, 4, 5, 9)), "missing", 21, as_of=date(2023, 4, 5)
    )
    assert batch.kinds() == []


def test_earlier_state_figures_are_not_compared():
    batch = Batch()
    batch.figure(batch.claim(), "killed", 50, "more than", is_earlier=True)
    batch.figure(batch.claim(), "killed", 10)
    assert batch.kinds() == []


def test_projections_are_never_flagged():
    batch = Batch()
    batch.figure(batch.claim(), "killed", 500, "up to", is_projection=True)
    batch.figure(batch.claim(), "killed", 12)
    assert batch.kinds() == []


def test_more_hospitalized_than_injured_at_the_same_moment_is_a_subset_contradiction():
    batch = Batch()
    batch.figure(batch.claim(), "hospitalized", 7000, "nearly")
    batch.figure(batch.claim(), "injured", 4000, "more than")
    assert batch.kinds() == ["subset"]


def test_a_consistent_part_is_not_flagged():
    batch = Batch()
    whole = batch.figure(batch.claim(), "injured", 1000, "more than")
    batch.figure(batch.claim(), "hospitalized", 400, "nearly", scope="of_them", part_of=whole)
    batch.figure(batch.claim(), "critical", 62)
    assert batch.kinds() == []


def test_more_officers_killed_than_people_killed_is_a_subset_contradiction():
    batch = Batch()
    batch.figure(batch.claim(), "killed", 8, subject="officers")
    batch.figure(batch.claim(), "killed", 5)
    assert batch.kinds() == ["subset"]


def test_different_groups_are_not_compared_as_counts():
    batch = Batch()
    batch.figure(batch.claim(), "killed", 12, subject="officers")
    batch.figure(batch.claim(), "killed", 50, subject="protesters")
    assert batch.kinds() == []


def test_different_events_are_not_compared():
    batch = Batch()
    batch.figure(batch.claim(), "injured", 6000, "more than")
    batch.figure(batch.claim(event="unrest@dessa"), "injured", 728)
    assert batch.kinds() == []


def test_an_explosion_dated_to_two_days_is_a_time_contradiction():
    batch = Batch()
    batch.claim(event="explosion@port", event_date=date(2023, 4, 1))
    batch.claim(article="a2", event="explosion@port", event_date=date(2023, 4, 2))
    assert batch.kinds() == ["time"]


def test_protests_on_several_days_are_not_a_time_contradiction():
    batch = Batch()
    batch.claim(event="unrest@solan", event_date=date(2023, 4, 1))
    batch.claim(event="unrest@solan", event_date=date(2023, 4, 2))
    assert batch.kinds() == []


def test_each_pair_of_claims_is_reported_once():
    batch = Batch()
    first, second = batch.claim(is_headline=True), batch.claim()
    batch.figure(first, "killed", 48, subject="people", low=24, high=99)
    batch.figure(first, "injured", 500)
    batch.figure(second, "killed", 100, "at least")
    batch.figure(second, "injured", 4000, "more than")
    assert len(detect_contradictions(batch.claims, batch.figures)) == 1


def test_detection_grows_linearly_with_separate_events():
    batch = Batch()
    for index in range(3000):
        claim = batch.claim(article=f"a{index}", event=f"fire@town{index}")
        batch.figure(claim, "killed", 10 + index % 7)
    assert batch.kinds() == []


def test_two_fires_a_week_apart_in_one_town_are_not_one_toll():
    batch = Batch()
    batch.figure(batch.claim(), "killed", 10, when=date(2023, 4, 1))
    later = batch.claim(article="a2", published=datetime(2023, 4, 9, 9))
    batch.figure(later, "killed", 2, as_of=date(2023, 4, 9), when=date(2023, 4, 8))
    assert batch.kinds() == []


def test_a_figure_for_one_place_is_not_a_rival_of_the_total():
    batch = Batch()
    batch.figure(batch.claim(), "killed", 58, where="Hatay")
    batch.figure(batch.claim(), "killed", 12, where="Aleppo")
    assert batch.kinds() == []


def test_a_share_of_the_dead_is_never_a_rival_count_of_the_total():
    batch = Batch()
    whole = batch.figure(batch.claim(), "killed", 310)
    batch.figure(batch.claim(), "killed", 27, scope="part_of:killed", part_of=whole)
    batch.figure(batch.claim(), "killed", 9, scope="including", part_of=whole)
    assert batch.kinds() == []


def test_a_share_larger_than_its_whole_is_a_subset_contradiction():
    batch = Batch()
    whole = batch.figure(batch.claim(), "killed", 20)
    batch.figure(batch.claim(), "killed", 45, subject="soldiers", scope="part_of:killed", part_of=whole)
    assert batch.kinds() == ["subset"]


def test_repeated_readings_in_one_article_are_summarised_as_one_contradiction():
    batch = Batch()
    for _ in range(4):
        batch.figure(batch.claim(), "killed", 40, "at least")
    for _ in range(4):
        batch.figure(batch.claim(), "killed", 12)
    assert batch.kinds() == ["count"]


def test_a_long_article_dense_with_figures_yields_at_most_the_cap_and_a_note():
    from claims.analysis import analyze
    from claims.analysis.contradictions import MAX_CONTRADICTIONS_PER_ARTICLE
    from claims.benchmarks.commands.analysis import dense_article

    result = analyze([dense_article(20_000)])
    within = [c for c in result.contradictions if len(c.claim_keys) == 2]
    assert len(result.figures) > 1500
    assert 0 < len(within) <= MAX_CONTRADICTIONS_PER_ARTICLE
    assert len(result.contradictions) <= MAX_CONTRADICTIONS_PER_ARTICLE
    assert result.notes and "Bench Wire" in result.notes[0]


def test_an_article_below_the_cap_gets_no_note():
    from claims.analysis.contradictions import find_contradictions

    batch = Batch()
    batch.figure(batch.claim(), "killed", 40, "at least")
    batch.figure(batch.claim(), "killed", 12)
    found, notes = find_contradictions(batch.claims, batch.figures)
    assert len(found) == 1 and notes == []


def test_explanations_name_both_sources_and_their_days_in_words():
    batch = Batch()
    ministry = batch.claim(speaker_role="health ministry", via=("Radio Tarn",), text="…")
    batch.figure(ministry, "injured", 1000, "more than", as_of=date(2024, 1, 6))
    headline = batch.claim(is_headline=True, publisher="Steppe Courier")
    batch.figure(headline, "injured", 100, "more than", as_of=date(2024, 1, 6))
    (contradiction,) = detect_contradictions(batch.claims, batch.figures)
    assert "Health ministry (6 Jan, via Radio Tarn)" in contradiction.explanation
    assert "headline (6 Jan)" in contradiction.explanation
    assert "2024-01-06" not in contradiction.explanation


def test_a_falling_count_across_outlets_names_both_outlets_and_days():
    batch = Batch()
    morning = batch.claim(publisher="Morning Star", published=datetime(2024, 1, 6, 9))
    batch.figure(morning, "injured", 150, as_of=date(2024, 1, 6))
    later = batch.claim(article="a2", publisher="Evening Wire", published=datetime(2024, 1, 8, 9))
    batch.figure(later, "injured", 82, as_of=date(2024, 1, 8))
    (contradiction,) = detect_contradictions(batch.claims, batch.figures)
    assert "Morning Star (6 Jan)" in contradiction.explanation
    assert "Evening Wire (8 Jan)" in contradiction.explanation
    assert "-01-" not in contradiction.explanation


def test_two_sources_disagreeing_within_one_sentence_are_flagged():
    batch = Batch()
    sentence = batch.claim(
        text="The Red Cross said more than 100 had died, while the minister put it at about 80."
    )
    batch.figure(sentence, "killed", 100, "more than")
    batch.figure(sentence, "killed", 80, "about")
    assert batch.kinds() == ["count"]


def test_two_numbers_in_one_plain_sentence_are_a_breakdown_not_a_contradiction():
    batch = Batch()
    sentence = batch.claim(text="More than 100 died in the city and about 80 in the hills.")
    batch.figure(sentence, "killed", 100, "more than")
    batch.figure(sentence, "killed", 80, "about")
    assert batch.kinds() == []


def test_one_countrys_toll_is_never_a_rival_of_another_countrys_or_of_the_total():
    batch = Batch()
    batch.figure(batch.claim(), "killed", 4300, "more than", where="Dorn and Vell")
    batch.figure(batch.claim(), "killed", 2921, where="Vell")
    batch.figure(batch.claim(), "killed", 1444, "at least", where="Dorn")
    assert batch.kinds() == []


def test_a_countrys_toll_above_the_combined_toll_is_a_subset_contradiction():
    from claims.analysis.events import WHOLE_AREA

    batch = Batch()
    batch.figure(batch.claim(), "killed", 8574, where="Vell")
    batch.figure(batch.claim(), "killed", 7826, where=WHOLE_AREA)
    assert batch.kinds() == ["subset"]


def test_the_same_kind_of_event_in_the_same_place_years_apart_is_never_compared():
    batch = Batch()
    batch.figure(batch.claim(published=datetime(2009, 11, 6, 9)), "killed", 40, as_of=date(2009, 11, 6))
    later = batch.claim(article="a2", publisher="Later", published=datetime(2014, 10, 21, 9))
    batch.figure(later, "killed", 12, as_of=date(2014, 10, 21))
    assert batch.kinds() == []


def test_a_part_of_another_measure_is_never_checked_against_the_whole():
    batch = Batch()
    whole = batch.figure(batch.claim(), "killed", 410)
    batch.figure(batch.claim(), "displaced", 4600, scope="of_them", part_of=whole)
    assert batch.kinds() == []


def test_everyone_ever_reported_missing_is_not_a_rival_of_those_still_missing():
    batch = Batch()
    batch.figure(
        batch.claim(text="About 3,200 people were reported missing after the fire."), "missing", 3200
    )
    batch.figure(batch.claim(text="The number still unaccounted for fell to 31."), "missing", 31)
    assert batch.kinds() == []
    batch = Batch()
    batch.figure(batch.claim(text="About 120 people are still missing."), "missing", 120)
    batch.figure(batch.claim(text="The number still unaccounted for is 31."), "missing", 31)
    assert batch.kinds() == ["count"]


def test_a_later_articles_headline_and_body_are_one_falling_contradiction():
    batch = Batch()
    batch.figure(batch.claim(publisher="Early"), "killed", 25000, "more than")
    later = {"article": "a2", "publisher": "Later", "published": datetime(2023, 4, 3, 9)}
    body = batch.claim(**later)
    batch.figure(body, "killed", 23000, as_of=date(2023, 4, 3))
    headline = batch.claim(is_headline=True, **later)
    # a headline's figure is read as rounded: a reading of its own, but the same disagreement
    batch.figure(headline, "killed", 23000, as_of=date(2023, 4, 3), low=22500, high=23999)
    (contradiction,) = detect_contradictions(batch.claims, batch.figures)
    assert body in contradiction.claim_keys and headline in contradiction.claim_keys


def test_a_later_article_restating_its_lower_reading_joins_the_contradiction():
    batch = Batch()
    batch.figure(batch.claim(publisher="Early", is_headline=True), "killed", 15)
    later = {"article": "a2", "publisher": "Later", "published": datetime(2023, 4, 3, 9)}
    body, headline = batch.claim(**later), batch.claim(is_headline=True, **later)
    batch.figure(body, "killed", 9, as_of=date(2023, 4, 3))
    batch.figure(headline, "killed", 9, as_of=date(2023, 4, 3))
    (contradiction,) = detect_contradictions(batch.claims, batch.figures)
    assert {body, headline} <= set(contradiction.claim_keys)


def test_the_same_digits_in_another_order_on_one_day_are_a_likely_typo():
    batch = Batch()
    batch.figure(batch.claim(publisher="Ledger"), "injured", 1175)
    later = batch.claim(article="a2", publisher="Bay Line", published=datetime(2023, 4, 2, 19))
    batch.figure(later, "injured", 1715)  # later and higher: no falling count, still a slip
    (contradiction,) = detect_contradictions(batch.claims, batch.figures)
    assert contradiction.kind == "count"
    assert "same digits in another order: one is probably mistyped" in contradiction.explanation


def test_close_figures_with_other_digits_are_no_transposition():
    batch = Batch()
    batch.figure(batch.claim(), "injured", 1175)
    batch.figure(batch.claim(article="a2", published=datetime(2023, 4, 2, 19)), "injured", 1176)
    assert batch.kinds() == []


def test_a_two_digit_reordering_is_no_transposition():
    batch = Batch()
    batch.figure(batch.claim(), "injured", 13)
    batch.figure(batch.claim(article="a2", published=datetime(2023, 4, 2, 19)), "injured", 31)
    assert batch.kinds() == []


def test_the_same_digits_on_other_days_are_no_transposition():
    batch = Batch()
    batch.figure(batch.claim(), "injured", 1175)
    later = batch.claim(article="a2", published=datetime(2023, 4, 5, 9))
    batch.figure(later, "injured", 1715, as_of=date(2023, 4, 5))
    assert batch.kinds() == []


def test_a_breakdown_in_one_sentence_that_adds_up_is_no_rival_of_the_toll():
    batch = Batch()
    batch.figure(batch.claim(), "killed", 11)
    breakdown = batch.claim()
    batch.figure(breakdown, "killed", 8)
    batch.figure(breakdown, "killed", 3)
    assert batch.kinds() == []


def test_a_breakdown_that_does_not_add_up_still_contradicts():
    batch = Batch()
    batch.figure(batch.claim(), "killed", 20)
    breakdown = batch.claim()
    batch.figure(breakdown, "killed", 8)
    batch.figure(breakdown, "killed", 3)
    assert "count" in batch.kinds()


def test_a_count_far_below_another_with_no_scope_is_a_part_not_a_rival():
    later = {"article": "a2", "publisher": "Later", "published": datetime(2023, 4, 3, 9)}
    batch = Batch()
    batch.figure(batch.claim(publisher="Early"), "killed", 3700)
    batch.figure(batch.claim(**later), "killed", 223, as_of=date(2023, 4, 3))  # one district's dead
    assert batch.kinds() == []
    batch = Batch()
    batch.figure(batch.claim(publisher="Early"), "injured", 150)
    batch.figure(batch.claim(**later), "injured", 82, as_of=date(2023, 4, 3))  # the count fell
    assert batch.kinds() == ["count"]


def test_a_headline_far_below_its_body_is_still_a_rival():
    batch = Batch()
    batch.figure(batch.claim(is_headline=True), "injured", 100, "more than")
    batch.figure(batch.claim(), "injured", 1000, "more than")
    assert batch.kinds() == ["count"]
