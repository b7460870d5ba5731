"""Plausible years and dates: the one home of the rule (docs/rules.md#years).

A date or year a person types lies between the policing area's first year
(``PolicingArea.first_year``) and the end of next year (plans are made a year
ahead). An area that joins with older spreadsheets is given an earlier first year, and its
imports, forms and pages then accept those years; no other area's do.

- ``first_year_of(area)``: the area's first year; without an area (a form or model field that
  does not know its area), the earliest first year of any area, or ``PORTAL_FIRST_YEAR`` (the
  default for new areas) before there is one.
- ``plausible_years(area)``: the years a person may enter for the area, as a ``range``.
  ``last=YEAR_CEILING`` gives the years a record of the area may hold or a page may ask for
  (a renewed promise or ``?year=2031`` may lie further ahead than next year).
- ``validate_plausible_year`` and ``validate_plausible_date`` refuse anything else with a
  message that names what is accepted; forms with date fields inherit ``PlausibleDatesMixin``,
  imports and model checks call the validators.
- ``YEAR_FLOOR`` and ``YEAR_CEILING`` bound every first year and every stored year: the
  database's sanity checks (``year_check``) are made from them, and nowhere else names them.

A year-1 or year-9999 date is a typing mistake, and PostgreSQL would store year 1 as a
timestamp that psycopg cannot read back: forms refuse such input at the field.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from promises.models import PolicingArea

# No area's first year, and no year the database keeps, lies outside these.
YEAR_FLOOR = 2000
YEAR_CEILING = 2100


def default_first_year() -> int:
    """The first year a new area is given (``PORTAL_FIRST_YEAR``); staff change it per area."""
    return settings.PORTAL_FIRST_YEAR


def first_year_of(area: PolicingArea | None = None) -> int:
    """The area's first year; without one, the earliest first year of any area (one query),
    or the default for new areas while there is none."""
    if area is not None:
        return area.first_year
    from promises.models import PolicingArea

    earliest = PolicingArea.objects.aggregate(first=models.Min("first_year"))["first"]
    return earliest if earliest is not None else default_first_year()


def plausible_years(
    area: PolicingArea | None = None,
    *,
    today: dt.date | None = None,
    earlier: int = 0,
    last: int | None = None,
) -> range:
    """The years a person may enter for ``area``: its first year (``earlier`` years before it,
    for what is done before the first promises, e.g. the listening they grow from) up to and
    including next year, or up to ``last``."""
    if last is None:
        last = (today or timezone.localdate()).year + 1
    return range(first_year_of(area) - earlier, last + 1)


def _first_year_note(area: PolicingArea | None, value: int) -> str:
    """Why an area refuses an early year: the first year is its own, so say whose it is."""
    if area is None or value >= area.first_year:
        return ""
    return " " + _("Första året för %(area)s är %(year)s.") % {
        "area": area.name,
        "year": area.first_year,
    }


def validate_year_in(year: int | None, years: range, *, area: PolicingArea | None = None):
    """Refuse ``year`` outside ``years``, naming the accepted years (and, for a year before
    the area's first, the area's first year)."""
    if year is None or year in years:
        return
    raise ValidationError(
        _("Ange ett år från %(first)s till %(last)s.") % {"first": years[0], "last": years[-1]}
        + _first_year_note(area, year),
        code="implausible_year",
    )


def validate_plausible_year(
    year: int | None,
    *,
    area: PolicingArea | None = None,
    today: dt.date | None = None,
    earlier: int = 0,
    last: int | None = None,
) -> None:
    """Refuse a year outside ``plausible_years(area, ...)``, saying which years are accepted."""
    years = plausible_years(area, today=today, earlier=earlier, last=last)
    validate_year_in(year, years, area=area)


def validate_first_year(year: int | None) -> None:
    """An area's first year lies between ``YEAR_FLOOR`` and ``YEAR_CEILING``."""
    validate_year_in(year, range(YEAR_FLOOR, YEAR_CEILING + 1))


def year_check(field: str = "year", *, name: str) -> models.CheckConstraint:
    """The database's sanity check of a year column: ``YEAR_FLOOR`` to ``YEAR_CEILING``. The
    finer rule (the area's first year) is the model's ``clean``, which can read the area."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": YEAR_FLOOR, f"{field}__lte": YEAR_CEILING}),
        name=name,
    )


def plausible_date_range(
    *, area: PolicingArea | None = None, today: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The first and the last date a form or import of ``area`` accepts."""
    years = plausible_years(area, today=today)
    return dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)


def validate_plausible_date(
    value: dt.date | dt.datetime | None,
    *,
    area: PolicingArea | None = None,
    today: dt.date | None = None,
) -> None:
    """Refuse a date (or the date of a datetime) outside the area's years, saying which."""
    if value is None:
        return
    day = value.date() if isinstance(value, dt.datetime) else value
    first, last = plausible_date_range(area=area, today=today)
    if not first <= day <= last:
        raise ValidationError(
            _("Ange ett datum mellan %(first)s och %(last)s.")
            % {
                "first": formats.date_format(first, "j F Y"),
                "last": formats.date_format(last, "j F Y"),
            }
            + _first_year_note(area, day.year),
            code="implausible_date",
        )


class PlausibleDatesMixin:
    """For every date and datetime field of a form: the accepted range as the browser's
    ``min``/``max`` and a validator that refuses anything outside it at the field.

    The range is the area's (``policing_area=``, which the mixin also keeps as
    ``self.policing_area``); a form that is not given one accepts the earliest first year of
    any area."""

    def __init__(self, *args, policing_area: PolicingArea | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.policing_area = policing_area
        first, last = plausible_date_range(area=policing_area)
        validator = partial(validate_plausible_date, area=policing_area)
        for field in self.fields.values():
            if isinstance(field, forms.DateTimeField):
                field.widget.attrs.setdefault("min", f"{first.isoformat()}T00:00")
                field.widget.attrs.setdefault("max", f"{last.isoformat()}T23:59")
            elif isinstance(field, forms.DateField):
                field.widget.attrs.setdefault("min", first.isoformat())
                field.widget.attrs.setdefault("max", last.isoformat())
            else:
                continue
            field.validators = [
                *(v for v in field.validators if v is not validate_plausible_date),
                validator,
            ]
