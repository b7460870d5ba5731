"""Plausible dates: every date and time a person types into the portal lies in its years.

The portal's years run from ``PORTAL_FIRST_YEAR`` to the end of next year (plans are made a year
ahead). A year-1 or year-9999 date is a typing mistake, and PostgreSQL would store year 1 as a
timestamp that psycopg cannot read back; so forms refuse such input at the field, with a message
that says which dates are accepted. Forms with date fields inherit ``PlausibleDatesMixin``;
imports and services call ``validate_plausible_date`` for values that come another way.
"""

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _


def plausible_date_range(*, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and the last date that any form or import of the portal accepts."""
    today = today or timezone.localdate()
    return dt.date(settings.PORTAL_FIRST_YEAR, 1, 1), dt.date(today.year + 1, 12, 31)


def validate_plausible_date(value: dt.date | dt.datetime | None) -> None:
    """Refuse a date (or the date of a datetime) outside the portal's years, saying which."""
    if value is None:
        return
    day = value.date() if isinstance(value, dt.datetime) else value
    first, last = plausible_date_range()
    if not first <= day <= last:
        raise ValidationError(
            _("Ange ett datum mellan %(first)s och %(last)s.")
            % {
                "first": formats.date_format(first, "j F Y"),
                "last": formats.date_format(last, "j F Y"),
            },
            code="implausible_date",
        )


class PlausibleDatesMixin:
    """For every date and datetime field of a form: the accepted range as the browser's
    ``min``/``max`` and a validator that refuses anything outside it at the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first, last = plausible_date_range()
        for field in self.fields.values():
            if isinstance(field, forms.DateTimeField):
                field.widget.attrs.setdefault("min", f"{first.isoformat()}T00:00")
                field.widget.attrs.setdefault("max", f"{last.isoformat()}T23:59")
            elif isinstance(field, forms.DateField):
                field.widget.attrs.setdefault("min", first.isoformat())
                field.widget.attrs.setdefault("max", last.isoformat())
            else:
                continue
            if validate_plausible_date not in field.validators:
                field.validators = [*field.validators, validate_plausible_date]
