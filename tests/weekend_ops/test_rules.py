"""The weekend counting and shift time rules of PRODUCT.md ("Promise 1"), case by case."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from promises.progress import Status
from weekend_ops import rules
from weekend_ops.rules import ShiftRule

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=STOCKHOLM)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM)


# --- Weekends --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "friday"),
    [
        (date(2024, 6, 14), date(2024, 6, 14)),  # a Friday names its own weekend
        (date(2024, 6, 15), date(2024, 6, 14)),  # its Saturday belongs to it
        (date(2024, 6, 16), None),  # Sunday is no weekend evening
        (date(2024, 6, 13), None),  # nor Thursday
        (date(2024, 6, 10), None),  # nor Monday
        (date(2028, 1, 1), date(2027, 12, 31)),  # Saturday 1 January: last year's weekend
        (date(2021, 1, 1), date(2021, 1, 1)),  # Friday 1 January
    ],
)
def test_weekend_of(day, friday):
    assert rules.weekend_of(day) == friday


@pytest.mark.parametrize(
    ("year", "weekends"),
    [
        (2024, 52),
        (2025, 52),
        (2026, 52),
        (2020, 52),  # leap year starting on a Wednesday
        (2021, 53),  # starts on a Friday
        (2027, 53),  # starts on a Friday, ends on one
        (2016, 53),  # leap year starting on a Friday
        (2032, 53),  # leap year starting on a Thursday: 2 January to 31 December
        (2015, 52),  # starts on a Thursday, not a leap year
    ],
)
def test_a_year_has_as_many_weekends_as_fridays(year, weekends):
    fridays = rules.fridays_in_year(year)
    assert rules.weekends_in_year(year) == weekends == len(fridays)
    assert all(f.weekday() == 4 and f.year == year for f in fridays)
    assert all(b - a == timedelta(days=7) for a, b in zip(fridays, fridays[1:], strict=False))


def test_a_year_starting_on_a_friday_has_that_day_as_its_first_weekend():
    assert rules.fridays_in_year(2027)[0] == date(2027, 1, 1)
    assert rules.fridays_in_year(2027)[-1] == date(2027, 12, 31)


FRI, SAT = date(2024, 6, 14), date(2024, 6, 15)


@pytest.mark.parametrize(
    ("evenings", "rule", "counted"),
    [
        ([FRI, SAT], "both_evenings", {FRI}),
        ([FRI], "both_evenings", set()),
        ([SAT], "both_evenings", set()),
        ([FRI], "any_evening", {FRI}),
        ([SAT], "any_evening", {FRI}),
        ([FRI, SAT], "any_evening", {FRI}),
        # Several shifts or officers on one evening count once.
        ([FRI, FRI, FRI], "both_evenings", set()),
        ([FRI, FRI, SAT, SAT], "both_evenings", {FRI}),
        # Sunday and Thursday shifts do not cover anything.
        ([FRI - timedelta(days=1), SAT + timedelta(days=1)], "any_evening", set()),
        ([], "both_evenings", set()),
    ],
)
def test_covered_weekends(evenings, rule, counted):
    assert rules.covered_weekends(evenings, rule=rule) == counted


def test_a_weekend_with_one_evening_is_partly_covered_and_not_counted_under_both_evenings():
    evenings = [FRI, date(2024, 6, 21), date(2024, 6, 22)]
    assert rules.partly_covered_weekends(evenings) == {FRI}
    assert rules.count_in_year(evenings, year=2024, rule="both_evenings") == 1
    assert rules.count_in_year(evenings, year=2024, rule="any_evening") == 2


def test_an_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        rules.covered_weekends([FRI], rule="every_evening")


def test_a_weekend_over_new_year_counts_in_its_fridays_year():
    evenings = [date(2027, 12, 31), date(2028, 1, 1)]
    assert rules.count_in_year(evenings, year=2027, rule="both_evenings") == 1
    assert rules.count_in_year(evenings, year=2028, rule="both_evenings") == 0


# --- Pace ------------------------------------------------------------------------------------

# 2024 has 52 weekends. On 1 July, 26 have passed (the last on 28-29 June) and 26 have not begun.
MID_2024 = date(2024, 7, 1)


@pytest.mark.parametrize(
    ("achieved", "today", "status"),
    [
        (40, MID_2024, Status.ACHIEVED),
        (45, MID_2024, Status.ACHIEVED),
        (20, MID_2024, Status.ON_TRACK),  # expected 40 × 26 / 52 = 20
        (19, MID_2024, Status.BEHIND),
        (14, MID_2024, Status.BEHIND),  # 26 missing, 26 still to begin: still reachable
        (13, MID_2024, Status.UNREACHABLE),  # 27 missing, 26 to begin
        (6, date(2024, 3, 1), Status.ON_TRACK),  # expected 40 × 8 / 52 = 6.15, floored
        (5, date(2024, 3, 1), Status.BEHIND),
        (0, date(2024, 1, 1), Status.ON_TRACK),  # nothing expected yet
        (0, date(2023, 6, 1), Status.ON_TRACK),  # a year still to come
        (39, date(2024, 12, 28), Status.UNREACHABLE),  # last weekend under way, none after it
        (40, date(2024, 12, 28), Status.ACHIEVED),
        (39, date(2024, 12, 29), Status.NOT_ACHIEVED),  # every weekend passed: a past year
        (40, date(2025, 1, 10), Status.ACHIEVED),
        (0, date(2030, 1, 10), Status.NOT_ACHIEVED),
    ],
)
def test_pace_status(achieved, today, status):
    assert rules.pace_status(achieved=achieved, target=40, year=2024, today=today) == status


@pytest.mark.parametrize(
    ("today", "elapsed", "not_begun"),
    [
        (MID_2024, 26, 26),
        (date(2024, 7, 5), 26, 25),  # a Friday: its weekend is neither passed nor to come
        (date(2024, 7, 6), 26, 25),  # its Saturday: still under way
        (date(2024, 7, 7), 27, 25),  # Sunday: it has passed
        (date(2024, 1, 1), 0, 52),
        (date(2025, 1, 1), 52, 0),
    ],
)
def test_weekends_elapsed_and_not_begun(today, elapsed, not_begun):
    assert rules.weekends_elapsed(year=2024, today=today) == elapsed
    assert rules.weekends_not_begun(year=2024, today=today) == not_begun


def test_a_past_year_counts_its_last_weekend_over_new_year():
    # 2027 ends on a Friday whose Saturday is 1 January 2028: until that Saturday has passed
    # the year is still running.
    assert rules.weekends_elapsed(year=2027, today=date(2028, 1, 1)) == 52
    assert rules.pace_status(achieved=40, target=40, year=2027, today=date(2028, 1, 1)) == (
        Status.ACHIEVED
    )
    assert rules.pace_status(achieved=39, target=40, year=2027, today=date(2028, 1, 2)) == (
        Status.NOT_ACHIEVED
    )


# --- Shift times -----------------------------------------------------------------------------


def problems(start, end, *, completed=False, now=NOW):
    return rules.shift_problems(start=start, end=end, tz=STOCKHOLM, completed=completed, now=now)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (local(2025, 5, 30, 18, 0), local(2025, 5, 31, 2, 0)),  # Friday evening past midnight
        (local(2025, 5, 31, 12, 0), local(2025, 6, 1, 2, 0)),  # Saturday from noon: 14 hours
        (local(2025, 5, 31, 23, 59), local(2025, 6, 1, 6, 0)),  # the latest start
    ],
)
def test_a_valid_shift_breaks_no_rule(start, end):
    assert problems(start, end) == []


@pytest.mark.parametrize(
    ("start", "end", "broken"),
    [
        (local(2025, 6, 1, 18, 0), local(2025, 6, 1, 23, 0), [ShiftRule.WEEKEND_EVENING]),  # Sunday
        (local(2025, 5, 29, 18, 0), local(2025, 5, 29, 23, 0), [ShiftRule.WEEKEND_EVENING]),
        (local(2025, 5, 30, 11, 59), local(2025, 5, 30, 20, 0), [ShiftRule.START_WINDOW]),
        (local(2025, 5, 30, 0, 30), local(2025, 5, 30, 4, 0), [ShiftRule.START_WINDOW]),
        (local(2025, 5, 30, 20, 0), local(2025, 5, 30, 20, 0), [ShiftRule.END_AFTER_START]),
        (local(2025, 5, 30, 20, 0), local(2025, 5, 30, 19, 0), [ShiftRule.END_AFTER_START]),
        (local(2025, 5, 30, 12, 0), local(2025, 5, 31, 2, 1), [ShiftRule.MAX_LENGTH]),
        (
            local(2025, 6, 1, 9, 0),
            local(2025, 6, 2, 9, 0),
            [ShiftRule.WEEKEND_EVENING, ShiftRule.START_WINDOW, ShiftRule.MAX_LENGTH],
        ),
    ],
)
def test_a_shift_breaking_a_rule_is_told_which(start, end, broken):
    assert problems(start, end) == broken


def test_a_shift_that_has_not_ended_cannot_be_completed():
    start, end = local(2025, 5, 31, 18, 0), local(2025, 6, 1, 2, 0)
    assert problems(start, end, completed=True, now=local(2025, 6, 1, 1, 0)) == [
        ShiftRule.COMPLETED_IN_FUTURE
    ]
    assert problems(start, end, completed=True, now=local(2025, 6, 1, 2, 0)) == []
    assert problems(start, end, completed=False, now=local(2025, 5, 1, 0, 0)) == []


def test_every_rule_has_a_message_that_says_how_to_keep_it():
    for rule in ShiftRule:
        assert len(rule.message) > 20
    assert "fredag eller lördag" in ShiftRule.WEEKEND_EVENING.message


# The night the clocks go back (Sunday 26 October 2025, 03:00 → 02:00) has 25 hours.
def test_a_night_shift_across_the_october_dst_change_lasts_an_hour_longer():
    start, end = rules.compose_shift_times(
        day=date(2025, 10, 25), start=time(20, 0), end=time(4, 0), tz=STOCKHOLM
    )
    assert (start.astimezone(STOCKHOLM).isoformat(), end.astimezone(STOCKHOLM).isoformat()) == (
        "2025-10-25T20:00:00+02:00",
        "2025-10-26T04:00:00+01:00",
    )
    assert rules.shift_duration(start=start, end=end) == timedelta(hours=9)
    # naive wall-clock arithmetic would be wrong
    assert end.astimezone(STOCKHOLM) - start.astimezone(STOCKHOLM) == timedelta(hours=8)


def test_thirteen_wall_clock_hours_across_the_october_change_are_fourteen_real_ones():
    start, end = rules.compose_shift_times(
        day=date(2025, 10, 25), start=time(18, 0), end=time(7, 0), tz=STOCKHOLM
    )
    assert rules.shift_duration(start=start, end=end) == timedelta(hours=14)
    assert problems(start, end) == []
    start, end = rules.compose_shift_times(
        day=date(2025, 10, 25), start=time(18, 0), end=time(8, 0), tz=STOCKHOLM
    )
    assert problems(start, end) == [ShiftRule.MAX_LENGTH]  # 14 wall hours, 15 real


def test_a_night_shift_across_the_march_dst_change_lasts_an_hour_less():
    # Sunday 29 March 2026, 02:00 → 03:00.
    start, end = rules.compose_shift_times(
        day=date(2026, 3, 28), start=time(20, 0), end=time(4, 0), tz=STOCKHOLM
    )
    assert rules.shift_duration(start=start, end=end) == timedelta(hours=7)


@pytest.mark.parametrize(
    ("start", "end", "end_day"),
    [
        (time(18, 0), time(23, 0), date(2025, 5, 30)),
        (time(18, 0), time(2, 0), date(2025, 5, 31)),  # past midnight
        (time(18, 0), time(18, 0), date(2025, 5, 31)),  # an end at the start is the next day
    ],
)
def test_compose_shift_times_puts_an_earlier_end_on_the_next_day(start, end, end_day):
    start_at, end_at = rules.compose_shift_times(
        day=date(2025, 5, 30), start=start, end=end, tz=STOCKHOLM
    )
    local_start, local_end = start_at.astimezone(STOCKHOLM), end_at.astimezone(STOCKHOLM)
    assert local_start.date() == date(2025, 5, 30) and local_end.date() == end_day
    assert local_start.time() == start and local_end.time() == end
