"""The weekend promise's pace: where an even pace would be, and the status on a day
(docs/rules.md#weekend-pace, #places-pace). Pure functions, no ORM."""

from __future__ import annotations

import math
from datetime import date

from promises.progress import Status, final_status

from .weekends import _add_days, fridays_in_year, weekends_in_year


def weekends_elapsed(*, year: int, today: date) -> int:
    """Weekends of ``year`` whose Saturday lies before ``today``."""
    return sum(1 for f in fridays_in_year(year) if _add_days(f, 1) < today)


def weekends_not_begun(*, year: int, today: date) -> int:
    """Weekends of ``year`` whose Friday lies after ``today``."""
    return sum(1 for f in fridays_in_year(year) if f > today)


def expected_by_now(*, target: int, year: int, today: date) -> float:
    """target × elapsed / weekends in year: where an even pace would be today."""
    return target * weekends_elapsed(year=year, today=today) / weekends_in_year(year)


def pace_status(*, achieved: int, target: int, year: int, today: date) -> Status:
    """The weekend promise's status on ``today`` (docs/rules.md#weekend-pace, #places-pace).

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
