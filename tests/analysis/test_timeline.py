"""Dates resolved against the publication date (claims.analysis.timeline)."""

from datetime import date, datetime, timedelta, timezone

from claims.analysis.timeline import find_dates, resolve_relative, resolve_weekday

WEDNESDAY_EVENING = datetime(2020, 8, 5, 21, 0, tzinfo=timezone(timedelta(hours=3)))


def test_a_weekday_is_the_most_recent_such_day_on_or_before_publication():
    assert resolve_weekday(WEDNESDAY_EVENING, "Tuesday") == date(2020, 8, 4)
    assert resolve_weekday(WEDNESDAY_EVENING, "Wednesday") == date(2020, 8, 5)
    assert resolve_weekday(WEDNESDAY_EVENING, "Thursday") == date(2020, 7, 30)


def test_without_a_publication_date_relative_dates_stay_unresolved():
    assert resolve_weekday(None, "Tuesday") is None
    (mention,) = find_dates("It happened last night.", None)
    assert mention.day is None


def test_last_night_is_the_evening_before_publication():
    morning = datetime(2022, 1, 6, 7, 0)
    assert resolve_relative(morning, "last night") == date(2022, 1, 5)
    assert resolve_relative(morning, "yesterday") == date(2022, 1, 5)


def test_overnight_in_an_evening_article_is_the_coming_night():
    assert resolve_relative(datetime(2022, 1, 6, 20, 0), "overnight") == date(2022, 1, 6)


def test_a_possessive_weekday_dates_the_noun_after_it():
    (mention,) = find_dates("He was killed in Tuesday's explosion.", WEDNESDAY_EVENING)
    assert mention.is_possessive and mention.day == date(2020, 8, 4)


def test_weekday_with_a_part_of_day_keeps_the_day():
    (mention,) = find_dates("Clashes broke out on Wednesday night.", date(2022, 1, 6))
    assert mention.day == date(2022, 1, 5)


def test_late_on_a_weekday_marks_an_earlier_moment():
    (mention,) = find_dates("The minister said late on Tuesday that 50 had died.", WEDNESDAY_EVENING)
    assert mention.is_late


def test_explicit_dates_are_parsed_in_several_styles():
    days = [
        m.day for m in find_dates("On January 2nd 2022, 5 January and Jan. 7 it rained.", date(2022, 1, 10))
    ]
    assert days == [date(2022, 1, 2), date(2022, 1, 5), date(2022, 1, 7)]


def test_a_date_without_year_after_publication_belongs_to_the_previous_year():
    (mention,) = find_dates("since December 30", date(2022, 1, 5))
    assert mention.day == date(2021, 12, 30)


def test_last_weekday_on_that_weekday_is_a_week_before():
    tuesday = date(2024, 10, 22)
    (mention,) = find_dates("the explosion that occurred last Tuesday", tuesday)
    assert mention.day == date(2024, 10, 15)
    (mention,) = find_dates("the explosion on Tuesday", tuesday)
    assert mention.day == tuesday
