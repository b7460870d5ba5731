"""The weekend and its evenings, and how a weekend is counted (docs/rules.md#weekend-collaboration).

A weekend is named by its Friday and belongs to that Friday's calendar year. Its two evenings are
the Friday and the Saturday after it. Only completed shifts count; several shifts on one evening
count once. Pure functions, no ORM.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

# Shift dates and times are local to Stockholm (docs/rules.md#weekend-collaboration).
LOCAL_TZ = ZoneInfo("Europe/Stockholm")
# Python's weekday numbers (Monday 0) of a weekend's two evenings; the database constraints
# and ISO weekdays are derived from these (``iso_weekday``).
FRIDAY = 4
SATURDAY = 5
WEEKEND_EVENINGS = (FRIDAY, SATURDAY)


def iso_weekday(weekday: int) -> int:
    """The ISO weekday (Monday 1) of a Python weekday (Monday 0): what the database extracts."""
    return weekday + 1


class WeekendRule(models.TextChoices):
    """How a weekend is counted (docs/rules.md#weekend-collaboration): the one definition, used by the
    counting rule model (``WeekendCountingRule``) and the functions below."""

    BOTH_EVENINGS = "both_evenings", _("Både fredags- och lördagskväll")
    ANY_EVENING = "any_evening", _("Fredags- eller lördagskväll")


def weekend_of(day: date) -> date | None:
    """The Friday naming the weekend that ``day`` is an evening of, or None for other weekdays."""
    if day.weekday() == FRIDAY:
        return day
    if day.weekday() == SATURDAY:
        return _add_days(day, -1)
    return None


def fridays_in_year(year: int) -> list[date]:
    """Every Friday of ``year``: one per weekend of the year."""
    first = date(year, 1, 1)
    first_friday = first + timedelta(days=(FRIDAY - first.weekday()) % 7)
    count = (date(year, 12, 31) - first_friday).days // 7 + 1
    return [first_friday + timedelta(days=7 * n) for n in range(count)]


def weekends_in_year(year: int) -> int:
    """52 or 53: a year has as many weekends as Fridays."""
    return len(fridays_in_year(year))


def year_evenings_span(year: int) -> tuple[date, date]:
    """The first and last evening of ``year``'s weekends: its first Friday and the Saturday after
    its last Friday (which may be 1 January of the next year)."""
    fridays = fridays_in_year(year)
    return fridays[0], _add_days(fridays[-1], 1)


def _add_days(day: date, days: int) -> date:
    """``day`` + ``days``, held at the calendar's ends (date.min, date.max) instead of raising
    OverflowError: no date a person or a file can give makes these rules fail."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def last_ended_weekend(today: date) -> date:
    """The Friday of the latest weekend whose Saturday lies before ``today``."""
    day = _add_days(today, -2)
    return _add_days(day, -((day.weekday() - FRIDAY) % 7))


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
        return _add_days(self.friday, 1)


def weekend_grid(
    *, year: int, completed: set[date], planned: set[date], today: date, rule: str
) -> list[WeekendRow]:
    """Every weekend of ``year`` with the state of its two evenings (the officers' year view)."""
    counted = covered_weekends(completed, rule=rule)
    partly = partly_covered_weekends(completed)
    rows = []
    for friday in fridays_in_year(year):
        saturday = _add_days(friday, 1)
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
