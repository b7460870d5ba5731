"""The progress tracker for the places promise (PRODUCT.md, "Promise 2")."""

from datetime import date

from promises.models import Promise, PromiseUnit
from promises.progress import Progress

from . import rules


def sites_counted(promise: Promise) -> int:
    """Distinct sites with a conducted activity dated in the promise's year.

    Activities are recorded from the safety inventory issue on; until then nothing is counted.
    """
    return 0


def sites_tracker(promise: Promise, *, today: date) -> Progress:
    achieved = sites_counted(promise)
    return Progress(
        target=promise.target,
        achieved=achieved,
        unit=PromiseUnit.SITES,
        status=rules.sites_pace_status(
            achieved=achieved, target=promise.target, year=promise.year, today=today
        ),
        details={},
    )
