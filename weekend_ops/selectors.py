"""Reads for the officers' pages."""

from dataclasses import dataclass
from datetime import date

from promises.models import Promise
from promises.progress import Status

from . import rules
from .models import Shift, ShiftStatus
from .rules import LOCAL_TZ


@dataclass(frozen=True)
class YearView:
    promise: Promise
    rows: list[rules.WeekendRow]
    counted: int
    status: Status
    needed: int
    remaining: int
    partly: int


def year_view(*, promise: Promise, today: date) -> YearView:
    """The weekend grid of the promise's year as it stands now, in one query."""
    completed, planned = set(), set()
    shifts = (
        Shift.objects.of_area(promise.policing_area_id)
        .not_cancelled()
        .in_year(promise.year)
        .values_list("start", "status")
    )
    for start, status in shifts:
        day = start.astimezone(LOCAL_TZ).date()
        (completed if status == ShiftStatus.COMPLETED else planned).add(day)
    rows = rules.weekend_grid(
        year=promise.year,
        completed=completed,
        planned=planned,
        today=today,
        rule=promise.weekend_rule,
    )
    counted = sum(row.counted for row in rows)
    return YearView(
        promise=promise,
        rows=rows,
        counted=counted,
        status=rules.pace_status(
            achieved=counted, target=promise.target, year=promise.year, today=today
        ),
        needed=rules.weekends_needed(achieved=counted, target=promise.target),
        remaining=rules.weekends_not_begun(year=promise.year, today=today),
        partly=sum(row.partly for row in rows),
    )
