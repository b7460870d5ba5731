"""The progress tracker for the weekend collaboration promise (PRODUCT.md, "Promise 1")."""

from datetime import date

from promises.models import Promise, PromiseUnit
from promises.progress import Progress

from . import rules


def completed_evenings(promise: Promise) -> list[date]:
    """Local dates of the completed shifts of the promise's area and year.

    Shifts are recorded from the weekend collaboration issue on; until then nothing is counted.
    """
    return []


def weekend_tracker(promise: Promise, *, today: date) -> Progress:
    evenings = completed_evenings(promise)
    achieved = rules.count_in_year(evenings, year=promise.year, rule=promise.weekend_rule)
    remaining = rules.weekends_not_begun(year=promise.year, today=today)
    return Progress(
        target=promise.target,
        achieved=achieved,
        unit=PromiseUnit.WEEKENDS,
        status=rules.pace_status(
            achieved=achieved, target=promise.target, year=promise.year, today=today
        ),
        details={
            "weekends_in_year": rules.weekends_in_year(promise.year),
            "weekends_remaining": remaining,
            "weekends_needed": rules.weekends_needed(achieved=achieved, target=promise.target),
        },
    )
