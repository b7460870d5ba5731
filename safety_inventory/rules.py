"""Counting and pace rules for the places promise: pure functions (docs/rules.md#places)."""

import math
from datetime import date

from promises.progress import Status, final_status


def year_fraction_elapsed(*, year: int, today: date) -> float:
    """Share of ``year`` that lies before ``today``: 0 before it starts, 1 after it ends."""
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    if today <= start:
        return 0.0
    if today >= end:
        return 1.0
    return (today - start).days / (end - start).days


def sites_pace_floor(*, target: int, year: int, today: date) -> int:
    """The whole part of an even pace over the year's days: the count expected by ``today``."""
    return math.floor(target * year_fraction_elapsed(year=year, today=today))


# From this day of the year on, every place still missing needs a planned activity.
PLANS_NEEDED_FROM = (10, 1)


def sites_pace_status(
    *, achieved: int, target: int, year: int, today: date, planned: int = 0
) -> Status:
    """Status of the places promise on ``today`` (docs/rules.md#places-pace).

    A past year is ``achieved`` or ``not_achieved``. In the year: ``achieved`` at the target;
    ``on_track`` when the count is at least the whole part of an even pace over the year's days
    and, from 1 October, every place still missing has a planned activity (``planned``: other
    places with one); else ``behind``. More places can always be inventoried, so it is never
    ``unreachable`` before the year ends.
    """
    if today.year > year:
        return final_status(achieved=achieved, target=target)
    if achieved >= target:
        return Status.ACHIEVED
    if achieved < sites_pace_floor(target=target, year=year, today=today):
        return Status.BEHIND
    if today >= date(year, *PLANS_NEEDED_FROM) and achieved + planned < target:
        return Status.BEHIND
    return Status.ON_TRACK


def sites_on_track_by_plans(
    *, achieved: int, target: int, year: int, today: date, planned: int = 0
) -> bool:
    """Whether the status is ``on_track`` only because of plans: from 1 October, with places
    still missing, the count alone would not reach the target; each missing place has a planned
    activity (docs/rules.md#places-pace). The public page then says so."""
    return (
        achieved < target
        and today >= date(year, *PLANS_NEEDED_FROM)
        and sites_pace_status(
            achieved=achieved, target=target, year=year, today=today, planned=planned
        )
        == Status.ON_TRACK
    )


def recent_signals(*, received: list[date], today: date, window_days: int) -> int:
    """How many of the signals received on ``received`` dates fall in the last ``window_days``
    days (one received exactly ``window_days`` days ago still counts)."""
    return sum(1 for day in received if 0 <= (today - day).days <= window_days)


def flag_due(
    *,
    received: list[date],
    today: date,
    threshold: int,
    window_days: int,
    officer_observation: bool = False,
) -> bool:
    """A negative development at a site (docs/rules.md#places): at least ``threshold``
    signals in the last ``window_days`` days, or one officer observation."""
    if officer_observation:
        return True
    return recent_signals(received=received, today=today, window_days=window_days) >= threshold
