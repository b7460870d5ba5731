"""Weekend counting and shift time rules: pure functions, no ORM (PRODUCT.md, "Promise 1").

A weekend is named by its Friday and belongs to that Friday's calendar year. Its two evenings are
the Friday and the Saturday after it. Only completed shifts count; several shifts on one evening
count once.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from promises.progress import Status, final_status

# Shift dates and times are local to Stockholm (PRODUCT.md, "Promise 1").
LOCAL_TZ = ZoneInfo("Europe/Stockholm")
FRIDAY = 4
SATURDAY = 5
EARLIEST_START = time(12, 0)
MAX_SHIFT = timedelta(hours=14)


class WeekendRule(enum.StrEnum):
    """Mirrors ``promises.models.WeekendRule`` without importing the ORM."""

    BOTH_EVENINGS = "both_evenings"
    ANY_EVENING = "any_evening"


def weekend_of(day: date) -> date | None:
    """The Friday naming the weekend that ``day`` is an evening of, or None for other weekdays."""
    if day.weekday() == FRIDAY:
        return day
    if day.weekday() == SATURDAY:
        return day - timedelta(days=1)
    return None


def fridays_in_year(year: int) -> list[date]:
    """Every Friday of ``year``: one per weekend of the year."""
    first = date(year, 1, 1)
    first_friday = first + timedelta(days=(FRIDAY - first.weekday()) % 7)
    fridays = []
    day = first_friday
    while day.year == year:
        fridays.append(day)
        day += timedelta(days=7)
    return fridays


def weekends_in_year(year: int) -> int:
    """52 or 53: a year has as many weekends as Fridays."""
    return len(fridays_in_year(year))


def year_evenings_span(year: int) -> tuple[date, date]:
    """The first and last evening of ``year``'s weekends: its first Friday and the Saturday after
    its last Friday (which may be 1 January of the next year)."""
    fridays = fridays_in_year(year)
    return fridays[0], fridays[-1] + timedelta(days=1)


def last_ended_weekend(today: date) -> date:
    """The Friday of the latest weekend whose Saturday lies before ``today``."""
    day = today - timedelta(days=2)
    return day - timedelta(days=(day.weekday() - FRIDAY) % 7)


def covered_evenings(evenings: Iterable[date]) -> dict[date, set[date]]:
    """Group evening dates (of completed shifts) by weekend: Friday -> the evenings covered."""
    weekends: dict[date, set[date]] = {}
    for day in evenings:
        friday = weekend_of(day)
        if friday is not None:
            weekends.setdefault(friday, set()).add(day)
    return weekends


def covered_weekends(evenings: Iterable[date], *, rule: str) -> set[date]:
    """Fridays of the weekends that count under ``rule``, given the dates of completed shifts.

    ``both_evenings``: the Friday and the Saturday each have a completed shift.
    ``any_evening``: at least one of them has.
    """
    rule = WeekendRule(rule)
    grouped = covered_evenings(evenings)
    if rule is WeekendRule.ANY_EVENING:
        return set(grouped)
    return {friday for friday, days in grouped.items() if len(days) == 2}


def partly_covered_weekends(evenings: Iterable[date]) -> set[date]:
    """Fridays of the weekends with exactly one of the two evenings covered ("partly covered")."""
    return {friday for friday, days in covered_evenings(evenings).items() if len(days) == 1}


def count_in_year(evenings: Iterable[date], *, year: int, rule: str) -> int:
    """How many weekends of ``year`` count under ``rule``."""
    return sum(1 for friday in covered_weekends(evenings, rule=rule) if friday.year == year)


def weekends_elapsed(*, year: int, today: date) -> int:
    """Weekends of ``year`` whose Saturday lies before ``today``."""
    return sum(1 for f in fridays_in_year(year) if f + timedelta(days=1) < today)


def weekends_not_begun(*, year: int, today: date) -> int:
    """Weekends of ``year`` whose Friday lies after ``today``."""
    return sum(1 for f in fridays_in_year(year) if f > today)


def expected_by_now(*, target: int, year: int, today: date) -> float:
    """target × elapsed / weekends in year: where an even pace would be today."""
    return target * weekends_elapsed(year=year, today=today) / weekends_in_year(year)


def pace_status(*, achieved: int, target: int, year: int, today: date) -> Status:
    """The weekend promise's status on ``today`` (PRODUCT.md, "Pace").

    A year whose weekends have all passed is ``achieved`` or ``not_achieved``. Otherwise:
    ``achieved`` when the count reaches the target, ``unreachable`` when more weekends are
    missing than have yet to begin, ``on_track`` when the count is at least the whole part of
    the expected count, else ``behind``.
    """
    total = weekends_in_year(year)
    if weekends_elapsed(year=year, today=today) == total:
        return final_status(achieved=achieved, target=target)
    if achieved >= target:
        return Status.ACHIEVED
    if target - achieved > weekends_not_begun(year=year, today=today):
        return Status.UNREACHABLE
    if achieved >= math.floor(expected_by_now(target=target, year=year, today=today)):
        return Status.ON_TRACK
    return Status.BEHIND


def weekends_needed(*, achieved: int, target: int) -> int:
    return max(0, target - achieved)


class EveningState(enum.StrEnum):
    COVERED = "covered"  # a completed shift
    PLANNED = "planned"  # a planned shift, none completed yet
    MISSING = "missing"  # passed without a shift
    UPCOMING = "upcoming"  # still to come, nothing planned


def evening_state(*, day: date, completed: set[date], planned: set[date], today: date):
    """How one evening stands in the year view."""
    if day in completed:
        return EveningState.COVERED
    if day in planned:
        return EveningState.PLANNED
    if day < today:
        return EveningState.MISSING
    return EveningState.UPCOMING


@dataclass(frozen=True)
class WeekendRow:
    friday: date
    friday_state: EveningState
    saturday_state: EveningState
    counted: bool
    partly: bool

    @property
    def saturday(self) -> date:
        return self.friday + timedelta(days=1)


def weekend_grid(
    *, year: int, completed: set[date], planned: set[date], today: date, rule: str
) -> list[WeekendRow]:
    """Every weekend of ``year`` with the state of its two evenings (the officers' year view)."""
    counted = covered_weekends(completed, rule=rule)
    partly = partly_covered_weekends(completed)
    rows = []
    for friday in fridays_in_year(year):
        saturday = friday + timedelta(days=1)
        rows.append(
            WeekendRow(
                friday=friday,
                friday_state=evening_state(
                    day=friday, completed=completed, planned=planned, today=today
                ),
                saturday_state=evening_state(
                    day=saturday, completed=completed, planned=planned, today=today
                ),
                counted=friday in counted,
                partly=friday in partly,
            )
        )
    return rows


# --- Shift times ------------------------------------------------------------------------------


class ShiftRule(enum.StrEnum):
    """A rule a shift's times must keep; the value names it, ``message`` says how to keep it."""

    WEEKEND_EVENING = "weekend_evening"
    START_WINDOW = "start_window"
    END_AFTER_START = "end_after_start"
    MAX_LENGTH = "max_length"
    COMPLETED_IN_FUTURE = "completed_in_future"

    @property
    def message(self) -> str:
        return str(SHIFT_RULE_MESSAGES[self])


SHIFT_RULE_MESSAGES = {
    ShiftRule.WEEKEND_EVENING: _(
        "Ett pass måste börja en fredag eller lördag. Ange ett datum som är en fredag eller lördag."
    ),
    ShiftRule.START_WINDOW: _(
        "Ett pass måste börja mellan 12:00 och 23:59. Ange en senare starttid."
    ),
    ShiftRule.END_AFTER_START: _("Passet måste sluta efter att det har börjat. Ändra sluttiden."),
    ShiftRule.MAX_LENGTH: _("Ett pass får vara högst 14 timmar. Ändra start- eller sluttiden."),
    ShiftRule.COMPLETED_IN_FUTURE: _(
        "Ett pass som inte har slutat än kan inte markeras som genomfört. "
        "Spara det som planerat och markera det genomfört efteråt."
    ),
}


def shift_duration(*, start: datetime, end: datetime) -> timedelta:
    """Real elapsed time, also across DST changes.

    Subtracting two aware datetimes in one zone gives wall-clock time, so compare in UTC.
    """
    return end.astimezone(UTC) - start.astimezone(UTC)


def shift_problems(
    *, start: datetime, end: datetime, tz: tzinfo, completed: bool = False, now: datetime
) -> list[ShiftRule]:
    """The rules that a shift from ``start`` to ``end`` (aware) breaks; empty when none."""
    problems = []
    local_start = start.astimezone(tz)
    if local_start.weekday() not in (FRIDAY, SATURDAY):
        problems.append(ShiftRule.WEEKEND_EVENING)
    if local_start.time() < EARLIEST_START:
        problems.append(ShiftRule.START_WINDOW)
    duration = shift_duration(start=start, end=end)
    if duration <= timedelta(0):
        problems.append(ShiftRule.END_AFTER_START)
    elif duration > MAX_SHIFT:
        problems.append(ShiftRule.MAX_LENGTH)
    if completed and end > now:
        problems.append(ShiftRule.COMPLETED_IN_FUTURE)
    return problems


def compose_shift_times(
    *, day: date, start: time, end: time, tz: tzinfo
) -> tuple[datetime, datetime]:
    """Aware start and end from a local date and clock times; an end at or before the start is on
    the next day (a shift past midnight)."""
    start_at = datetime.combine(day, start, tzinfo=tz)
    end_day = day if end > start else day + timedelta(days=1)
    return start_at, datetime.combine(end_day, end, tzinfo=tz)
