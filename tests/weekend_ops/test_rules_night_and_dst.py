"""Night-time defaults, DST time resolution and no OverflowError (issue 10, items 1, 2 and 10)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from weekend_ops import rules
from weekend_ops.rules import LOCAL_TZ, ShiftRule

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("now", "evening", "end", "completed"),
    [
        # An ordinary weekend, 17–19 May 2024.
        ("2024-05-17T12:00+02:00", date(2024, 5, 17), time(2), False),
        ("2024-05-17T22:30+02:00", date(2024, 5, 17), time(2), False),  # Friday, under way
        ("2024-05-18T00:05+02:00", date(2024, 5, 17), time(2), False),  # after midnight
        ("2024-05-18T01:59+02:00", date(2024, 5, 17), time(2), False),
        ("2024-05-18T02:00+02:00", date(2024, 5, 17), time(2), True),  # it has just ended
        ("2024-05-18T05:59+02:00", date(2024, 5, 17), time(2), True),
        ("2024-05-18T06:00+02:00", date(2024, 5, 18), time(2), False),  # a new day: Saturday
        ("2024-05-18T21:00+02:00", date(2024, 5, 18), time(2), False),
        ("2024-05-19T01:00+02:00", date(2024, 5, 18), time(2), False),
        ("2024-05-19T03:00+02:00", date(2024, 5, 18), time(2), True),
        ("2024-05-19T10:00+02:00", date(2024, 5, 18), time(2), True),  # Sunday morning
        ("2024-05-19T20:00+02:00", date(2024, 5, 18), time(2), True),  # Sunday evening
        ("2024-05-22T12:00+02:00", date(2024, 5, 18), time(2), True),  # Wednesday
        # The night summer time begins (Sunday 29 March 2026, 02:00 → 03:00): 02:00 does not
        # exist, so the usual end is 03:00.
        ("2026-03-28T23:00+01:00", date(2026, 3, 28), time(3), False),
        ("2026-03-29T01:59+01:00", date(2026, 3, 28), time(3), False),
        ("2026-03-29T03:30+02:00", date(2026, 3, 28), time(3), True),
        ("2026-03-29T09:00+02:00", date(2026, 3, 28), time(3), True),
        # The night summer time ends (Sunday 25 October 2026, 03:00 → 02:00): 02:00 is the first.
        ("2026-10-25T01:30+02:00", date(2026, 10, 24), time(2), False),
        ("2026-10-25T02:30+02:00", date(2026, 10, 24), time(2), True),  # the first 02:30
        ("2026-10-25T02:30+01:00", date(2026, 10, 24), time(2), True),  # the second
        ("2026-10-25T09:00+01:00", date(2026, 10, 24), time(2), True),
    ],
)
def test_the_defaults_offer_the_evening_under_way_and_always_keep_the_rules(
    now, evening, end, completed
):
    defaults = rules.logging_defaults(at(now), LOCAL_TZ)
    assert (defaults.day, defaults.start, defaults.end, defaults.completed) == (
        evening,
        time(18),
        end,
        completed,
    )
    start_at, end_at = rules.compose_shift_times(
        day=defaults.day, start=defaults.start, end=defaults.end, tz=LOCAL_TZ
    )
    assert (
        rules.shift_problems(
            start=start_at, end=end_at, tz=LOCAL_TZ, completed=defaults.completed, now=at(now)
        )
        == []
    )


@pytest.mark.parametrize(
    "moment",
    ["2024-05-17 22:30 +02:00", "2024-05-18 01:00 +02:00", "2024-05-19 09:30 +02:00"],
)
def test_the_defaults_follow_the_clock_of_the_server(moment):
    with time_machine.travel(moment, tick=False):
        defaults = rules.logging_defaults(timezone.now(), LOCAL_TZ)
    assert rules.weekend_of(defaults.day) == date(2024, 5, 17)


def test_an_ambiguous_time_means_the_first_unless_it_carries_its_offset():
    day = date(2026, 10, 24)
    _start, first = rules.compose_shift_times(day=day, start=time(20), end=time(2, 30), tz=LOCAL_TZ)
    _start, second = rules.compose_shift_times(
        day=day, start=time(20), end=time.fromisoformat("02:30+01:00"), tz=LOCAL_TZ
    )
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert second == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert rules.format_local_clock(first, LOCAL_TZ) == "02:30+02:00"
    assert rules.format_local_clock(second, LOCAL_TZ) == "02:30+01:00"
    assert rules.format_local_clock(datetime(2026, 10, 25, 3, tzinfo=UTC), LOCAL_TZ) == "04:00"


def test_a_time_that_does_not_exist_is_refused_with_a_message():
    start, end = rules.compose_shift_times(
        day=date(2026, 3, 28), start=time(20), end=time(2, 30), tz=LOCAL_TZ
    )
    now = datetime(2026, 4, 1, tzinfo=UTC)
    problems = rules.shift_problems(start=start, end=end, tz=LOCAL_TZ, now=now)
    assert problems == [ShiftRule.END_DOES_NOT_EXIST]
    assert "03:00" in ShiftRule.END_DOES_NOT_EXIST.message


def test_unusual_shifts_are_named():
    start, end = rules.compose_shift_times(
        day=date(2024, 5, 17), start=time(14), end=time(2), tz=LOCAL_TZ
    )
    assert rules.unusual_shift(start=start, end=end, today=date(2024, 6, 1)) == [rules.Unusual.LONG]
    assert rules.unusual_shift(start=start, end=end, today=date(2025, 6, 1)) == [
        rules.Unusual.LONG,
        rules.Unusual.CLOSED_YEAR,
    ]
    start, end = rules.compose_shift_times(
        day=date(2024, 12, 27), start=time(18), end=time(2), tz=LOCAL_TZ
    )
    # The year's last weekend has not ended on 28 December: the year is still open.
    assert rules.unusual_shift(start=start, end=end, today=date(2024, 12, 28)) == []


@given(
    day=st.dates(),
    start=st.times(),
    end=st.times(),
    now=st.datetimes(timezones=st.just(UTC)),
)
def test_no_date_makes_the_rules_overflow(day, start, end, now):
    start_at, end_at = rules.compose_shift_times(day=day, start=start, end=end, tz=LOCAL_TZ)
    rules.shift_problems(start=start_at, end=end_at, tz=LOCAL_TZ, completed=True, now=now)
    rules.unusual_shift(start=start_at, end=end_at, today=day)
    rules.weekend_of(day)
    rules.last_ended_weekend(day)
    rules.logging_defaults(now, LOCAL_TZ)
    rules.year_evenings_span(day.year)
    rules.weekend_grid(
        year=day.year, completed=set(), planned=set(), today=day, rule="both_evenings"
    )


def test_the_last_day_of_the_calendar_is_refused_not_raised():
    start, end = rules.compose_shift_times(
        day=date(9999, 12, 31), start=time(18), end=time(2), tz=LOCAL_TZ
    )
    now = datetime(2024, 1, 1, tzinfo=UTC)
    assert ShiftRule.END_AFTER_START in rules.shift_problems(
        start=start, end=end, tz=LOCAL_TZ, now=now
    )
    assert rules.year_evenings_span(9999)[1] == date.max
    assert rules.last_ended_weekend(date.min + timedelta(days=1)) == date.min
