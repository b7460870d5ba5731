"""Reads for the pages and the API: a year's promises with their progress."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from .models import PolicingArea, Promise, PromiseKind
from .progress import Progress, progress_of


@dataclass(frozen=True)
class PromiseProgress:
    promise: Promise
    progress: Progress


class YearNotValid(ValueError):
    """A year parameter that is not a four-digit year in the portal's range."""


def parse_year(value: str | None, *, default: int) -> int:
    """The year asked for in a query string, ``default`` when none is given."""
    if value is None or value == "":
        return default
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        raise YearNotValid(value)
    year = int(value)
    if not settings.PORTAL_FIRST_YEAR <= year <= 2100:
        raise YearNotValid(value)
    return year


def promise_years(*, area: str) -> list[int]:
    return Promise.objects.of_area(area).years()


def year_progress(*, area: str, year: int, today: date | None = None) -> list[PromiseProgress]:
    """The area's promises for ``year``, each with what its tracker reports."""
    today = today or timezone.localdate()
    promises = Promise.objects.of_area(area).in_year(year).select_related("policing_area")
    # In the order of the source document: weekend collaboration first.
    ordered = sorted(promises, key=lambda p: PromiseKind.values.index(p.kind))
    return [PromiseProgress(p, progress_of(p, today=today)) for p in ordered]


def portal_area():
    """The policing area this portal serves (``PORTAL_POLICING_AREA``)."""
    return PolicingArea.objects.get(slug=settings.PORTAL_POLICING_AREA)
