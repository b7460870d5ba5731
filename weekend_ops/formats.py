"""The shift file, defined once for the export and the import (``portal.formats``).

``datum;start;slut;poliser;status;områden;anteckning`` (English headers and labels on /en/, and
``date,start,end,officers,status,districts,notes`` read too): ``date`` YYYY-MM-DD, ``start`` and
``end`` HH:MM local time (an end at or before the start is on the next day; a time that occurs
twice is written with its offset, ``02:30+01:00``, and read back as the same moment), officers'
usernames and district names separated by ``;``, the status by its label (or code), the notes
exactly as written.
"""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.formats import Column, Format, joined, text_column
from portal.imports import choice_from, choice_names, parse_iso_date

from .models import ShiftStatus
from .rules import LOCAL_TZ, format_local_clock


def parse_clock(value: str) -> time:
    """HH:MM (also H:MM and HH:MM:SS, as spreadsheets write it), optionally with a UTC offset
    (``02:30+01:00``) that picks one of the two 02:30s of the night summer time ends."""
    value = value.strip()
    clock, sign, offset = value, "", ""
    for candidate in ("+", "-"):
        if candidate in value:
            clock, sign, offset = value.partition(candidate)
    parts = clock.split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() and len(p) <= 2 for p in parts):
        raise ValueError(value)
    if len(parts) == 3 and parts[2] not in ("0", "00"):
        raise ValueError(value)
    parsed = time(int(parts[0]), int(parts[1]))
    if sign:
        if len(offset) != 5 or offset[2] != ":":
            raise ValueError(value)
        return time.fromisoformat(f"{parsed:%H:%M}{sign}{offset}")
    return parsed


def split_names(value: str) -> tuple[str, ...]:
    """Names in one cell: separated by ; (or by , when the file itself uses ;)."""
    separator = ";" if ";" in value else ","
    return tuple(name.strip() for name in value.split(separator) if name.strip())


def _read_date(value: str) -> date:
    """YYYY-MM-DD; whether the area takes the year is the import's to say (it knows the
    area: ``csv_io.parse_rows``)."""
    return parse_iso_date(value.strip())


def _read_status(value: str) -> str:
    status = choice_from(value, ShiftStatus)
    if status is None:
        raise ValidationError(
            gettext("status ”%(value)s” är okänd; ange %(allowed)s.")
            % {"value": value.strip(), "allowed": choice_names(ShiftStatus)}
        )
    return status


def _clock(moment: datetime) -> str:
    return format_local_clock(moment, LOCAL_TZ)


SHIFTS = Format(
    columns=(
        Column(
            "date",
            pgettext_lazy("shift export column", "datum"),
            ("datum",),
            write=date.isoformat,
            read=_read_date,
            invalid=_("datumet ”%(value)s” ska skrivas ÅÅÅÅ-MM-DD, till exempel 2024-05-17."),
        ),
        Column(
            "start",
            pgettext_lazy("shift export column", "start"),
            ("start", "starttid"),
            write=_clock,
            read=parse_clock,
            invalid=_("starttiden ”%(value)s” ska skrivas TT:MM, till exempel 18:00."),
        ),
        Column(
            "end",
            pgettext_lazy("shift export column", "slut"),
            ("slut", "sluttid"),
            write=_clock,
            read=parse_clock,
            invalid=_("sluttiden ”%(value)s” ska skrivas TT:MM, till exempel 18:00."),
        ),
        Column(
            "officers",
            pgettext_lazy("shift export column", "poliser"),
            ("poliser", "polis"),
            write=lambda names: joined(sorted(names)),
            read=split_names,
        ),
        Column(
            "status",
            pgettext_lazy("shift export column", "status"),
            ("status",),
            write=lambda status: ShiftStatus(status).label,
            read=_read_status,
        ),
        Column(
            "districts",
            pgettext_lazy("shift export column", "områden"),
            ("områden", "omraden", "område"),
            write=lambda names: joined(sorted(names)),
            read=split_names,
        ),
        text_column("notes", pgettext_lazy("shift export column", "anteckning"), ("anteckningar",)),
    )
)
