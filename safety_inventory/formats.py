"""The activity file, defined once for the export and the import (``portal.formats``).

``plats;område;typ;status;datum;anledning;sammanfattning`` (English headers and labels on /en/;
``site,district,kind,status,date,reason,summary`` read too): kinds, statuses and reasons by
their label (or code), the date YYYY-MM-DD (required when conducted), the summary exactly as
written (a file without that column leaves summaries as they are).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.formats import Column, Format, text_column
from portal.imports import choice_from, choice_names, parse_iso_date

from .models import ActivityKind, ActivityReason, ActivityStatus


def _choice(choices, what):
    """``write`` and ``read`` of a choice column: its label out, its code or label (Swedish or
    English) in."""

    def write(value: str):
        return choices(value).label

    def read(text: str) -> str:
        value = choice_from(text, choices)
        if value is None:
            raise ValidationError(
                gettext("%(column)s ”%(value)s” är okänd; ange %(allowed)s.")
                % {"column": what, "value": text.strip(), "allowed": choice_names(choices)}
            )
        return value

    return write, read


def _write_date(value: date | None):
    return value  # a real date in Excel; ISO text in CSV


def _read_date(text: str) -> date | None:
    """YYYY-MM-DD or nothing; whether the area takes the year is the import's to say (it knows
    the area: ``csv_io.activities_import``)."""
    text = text.strip()
    return parse_iso_date(text) if text else None


_kind = _choice(ActivityKind, _("slaget"))
_status = _choice(ActivityStatus, _("status"))
_reason = _choice(ActivityReason, _("anledningen"))

ACTIVITIES = Format(
    columns=(
        Column("site", pgettext_lazy("activity export column", "plats"), ("plats",)),
        Column("district", pgettext_lazy("activity export column", "område"), ("område", "omrade")),
        Column(
            "kind",
            pgettext_lazy("activity export column", "typ"),
            ("slag", "typ"),
            write=_kind[0],
            read=_kind[1],
        ),
        Column(
            "status",
            pgettext_lazy("activity export column", "status"),
            ("status",),
            write=_status[0],
            read=_status[1],
        ),
        Column(
            "date",
            pgettext_lazy("activity export column", "datum"),
            ("datum",),
            write=_write_date,
            read=_read_date,
            invalid=_("datumet ”%(value)s” ska skrivas ÅÅÅÅ-MM-DD, till exempel 2024-05-17."),
        ),
        Column(
            "reason",
            pgettext_lazy("activity export column", "anledning"),
            ("anledning", "orsak", "skäl", "bakgrund"),
            write=_reason[0],
            read=_reason[1],
        ),
        text_column(
            "summary",
            pgettext_lazy("activity export column", "sammanfattning"),
            ("sammanfattning",),
            optional=True,
        ),
    )
)
