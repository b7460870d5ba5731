"""Shifts to and from CSV: the history kept in spreadsheets (issue: import and export).

Columns: ``date,start,end,officers,status,districts,notes`` or in Swedish
``datum;start;slut;poliser;status;områden;anteckning`` (comma or semicolon, with or without a
byte-order mark); ``date`` YYYY-MM-DD, ``start`` and ``end`` HH:MM local time (an end at or before
the start is on the next day; a time that occurs twice means the first, unless it carries its
offset: ``02:30+01:00``), ``officers`` usernames (or full names) separated by ``;``, ``status``
planned/completed/cancelled or its Swedish or English label, ``districts`` district names
separated by ``;`` (may be empty). The import is all-or-nothing: every bad row is reported
with its line number and nothing is saved. Importing the same file again creates no duplicates.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.formats import ReadRow
from portal.imports import ImportFailed, RowError
from promises.models import District, PolicingArea
from promises.permissions import OFFICER
from promises.plausible import validate_plausible_date

from . import rules
from .formats import SHIFTS
from .models import ACTIVITY_FIELDS, Shift, ShiftStatus
from .rules import LOCAL_TZ
from .services import shift_create, shift_update

COLUMNS = SHIFTS.names()
MAX_ROWS = SHIFTS.max_rows


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    officers_created: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        """ "Klart: 1 nytt pass, 0 ändrade, 3 fanns redan.", each count with its noun."""
        return _("Klart: %(created)s, %(updated)s, %(unchanged)s fanns redan.") % {
            "created": ngettext("%(n)d nytt pass", "%(n)d nya pass", self.created)
            % {"n": self.created},
            "updated": ngettext("%(n)d ändrat", "%(n)d ändrade", self.updated)
            % {"n": self.updated},
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class ShiftRow:
    line: int
    start: datetime
    end: datetime
    officers: tuple[str, ...]
    status: str
    districts: tuple[District, ...]
    notes: str


def parse_rows(
    reader: Iterable[ReadRow],
    *,
    districts_by_name: dict[str, District],
    now: datetime,
    area: PolicingArea | None = None,
) -> tuple[list[ShiftRow], list[RowError]]:
    """Check every row the format read; return the good ones and an error for each bad one.
    A date outside the area's plausible years (``promises.plausible``) is refused naming them."""
    rows, errors = [], []
    today = timezone.localdate(now)
    for read in reader:
        value, problems = dict(read.values), list(read.problems)
        try:
            validate_plausible_date(value["date"], area=area, today=today)
        except ValidationError as error:
            problems += error.messages
            value["date"] = None  # no rule of the evening is checked on a date refused
        if value["officers"] is not None and not value["officers"]:
            problems.append(_("ange minst en polis (användarnamn, åtskilda med ;)."))
        districts = []
        for name in value["districts"] or ():
            district = districts_by_name.get(name.casefold())
            if district is None:
                problems.append(_("området ”%(name)s” finns inte.") % {"name": name})
            else:
                districts.append(district)
        if None not in (value["date"], value["start"], value["end"]):
            start, end = rules.compose_shift_times(
                day=value["date"], start=value["start"], end=value["end"], tz=LOCAL_TZ
            )
            broken = rules.shift_problems(
                start=start,
                end=end,
                tz=LOCAL_TZ,
                completed=value["status"] == ShiftStatus.COMPLETED,
                now=now,
            )
            problems += [rule.message for rule in broken]
        if problems:
            errors += [RowError(read.line, p) for p in problems]
        else:
            rows.append(
                ShiftRow(
                    read.line,
                    start,
                    end,
                    value["officers"],
                    value["status"],
                    tuple(districts),
                    value["notes"],
                )
            )
    return rows, errors


def read_csv(file: TextIO) -> list[ReadRow]:
    """The file's rows read by the shift format; ImportFailed about its header or form."""
    return SHIFTS.read(file.read())


def _officers_by_name(names: set[str], *, area: PolicingArea) -> dict[str, object]:
    """The area's officers by the name a file gives: the username, or else the full name when
    only one of its officers has it (the Swedish export writes names)."""
    staff = area.staff.all()
    found = {u.username: u for u in staff.filter(username__in=names)}
    rest = {n.casefold(): n for n in names - set(found)}
    if rest:
        by_full_name: dict[str, list] = {}
        for user in staff.filter(is_active=True, groups__name=OFFICER).distinct():
            by_full_name.setdefault(user.get_full_name().casefold(), []).append(user)
        for key, name in rest.items():
            if len(by_full_name.get(key, [])) == 1:
                found[name] = by_full_name[key][0]
    return found


@dataclass
class Officers:
    """The officers a file names: those found (by the name the file gives), those unknown to
    the portal (created when asked), and an error for each row naming one it may not."""

    found: dict[str, object]
    unknown: set[str]
    errors: list[RowError]


def _officers_of(rows: list[ShiftRow], *, area: PolicingArea, create_officers: bool) -> Officers:
    """Who the rows name: the area's officers; a user of another area is an error (and cannot
    be created again either); an unknown name is an error unless ``create_officers``."""
    names = {u for row in rows for u in row.officers}
    found = _officers_by_name(names, area=area)
    unknown = names - set(found)
    elsewhere = set(
        get_user_model().objects.filter(username__in=unknown).values_list("username", flat=True)
    )
    unknown -= elsewhere
    errors = [
        RowError(
            row.line,
            _("polisen ”%(name)s” arbetar inte i lokalpolisområde %(area)s.")
            % {"name": name, "area": area.name},
        )
        for row in rows
        for name in row.officers
        if name in elsewhere
    ]
    if unknown and not create_officers:
        errors += [
            RowError(
                row.line,
                _(
                    "polisen ”%(name)s” finns inte. Skapa kontot först, eller "
                    "låt importen skapa okända poliser."
                )
                % {"name": name},
            )
            for row in rows
            for name in row.officers
            if name in unknown
        ]
    return Officers(found, unknown, errors)


def _create_officers(officers: Officers, *, area: PolicingArea) -> list[str]:
    """Create the unknown officers as the area's officers without a password (they set one
    through a reset); returns their names."""
    if not officers.unknown:
        return []
    group = Group.objects.get(name=OFFICER)
    User = get_user_model()
    for name in sorted(officers.unknown):
        user = User(username=name[:150], is_active=True)
        user.set_unusable_password()
        user.save()
        user.groups.add(group)
        area.staff.add(user)
        officers.found[name] = user
    return sorted(officers.unknown)


def _existing_shifts(rows: list[ShiftRow], *, area: PolicingArea) -> dict[tuple, Shift]:
    """The area's saved shifts in the file's span, by what makes them the same (``_key``)."""
    if not rows:
        return {}
    starts = [row.start for row in rows]
    candidates = (
        Shift.objects.of_area(area)
        .filter(start__gte=min(starts), start__lte=max(starts))
        .prefetch_related("officers", "districts", "hotspots", "organisations")
    )
    return {_key(shift.start, shift.end, shift.officers.all()): shift for shift in candidates}


def _save_row(
    row: ShiftRow, *, shift: Shift | None, officers: list, area: PolicingArea, imported_by
) -> tuple[str, Shift]:
    """Create the row's shift, update the saved one when the file changed it, or leave it;
    returns what was done (``created``, ``updated``, ``unchanged``) and the shift.
    ValidationError when a rule refuses it."""
    if shift is None:
        created = shift_create(
            policing_area=area,
            start=row.start,
            end=row.end,
            officers=officers,
            status=row.status,
            districts=row.districts,
            notes=row.notes,
            created_by=imported_by,
        )
        return "created", created
    if (shift.status, shift.notes, set(shift.districts.all())) == (
        row.status,
        row.notes,
        set(row.districts),
    ):
        return "unchanged", shift
    # Through the service, as the form does: rules, overlap, one history record; what the
    # file does not hold (hotspots, partners, activities) stays as it is.
    shift_update(
        shift=shift,
        start=shift.start,
        end=shift.end,
        officers=officers,
        status=row.status,
        districts=row.districts,
        hotspots=shift.hotspots.all(),
        organisations=shift.organisations.all(),
        activities=[name for name in ACTIVITY_FIELDS if getattr(shift, name)],
        notes=row.notes,
    )
    return "updated", shift


def _save_rows(
    rows: list[ShiftRow], *, users: dict, area: PolicingArea, imported_by, report: ImportReport
) -> list[RowError]:
    """Save every row (counted in ``report``); an error for each row a rule refuses."""
    errors = []
    existing = _existing_shifts(rows, area=area)
    for row in rows:
        officers = [users[name] for name in row.officers]
        key = _key(row.start, row.end, officers)
        try:
            done, existing[key] = _save_row(
                row, shift=existing.get(key), officers=officers, area=area, imported_by=imported_by
            )
        except ValidationError as error:
            errors += [RowError(row.line, message) for message in error.messages]
        else:
            setattr(report, done, getattr(report, done) + 1)
    return errors


@transaction.atomic
def shifts_import(
    *, file: TextIO, policing_area: PolicingArea, create_officers: bool = False, imported_by=None
) -> ImportReport:
    """Import shifts from CSV, all or nothing; raises ImportFailed listing every bad row.

    A shift is the same shift when its start, end (as moments, so the two 02:30s of the night
    summer time ends are told apart) and officers are: importing a file again, or the portal's
    own export, changes nothing. Its dates lie in the area's plausible years."""
    districts_by_name = {d.name.casefold(): d for d in District.objects.of_area(policing_area)}
    rows, errors = parse_rows(
        read_csv(file), districts_by_name=districts_by_name, now=timezone.now(), area=policing_area
    )
    officers = _officers_of(rows, area=policing_area, create_officers=create_officers)
    errors += officers.errors
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: e.line))

    report = ImportReport(officers_created=_create_officers(officers, area=policing_area))
    errors = _save_rows(
        rows, users=officers.found, area=policing_area, imported_by=imported_by, report=report
    )
    if errors:
        raise ImportFailed(errors)  # leaving the transaction undoes the rows saved so far
    return report


def _key(start: datetime, end: datetime, officers) -> tuple:
    """What makes two rows (or a row and a saved shift) the same shift: start and end as UTC
    moments and the officers."""
    return (start.astimezone(UTC), end.astimezone(UTC), frozenset(o.pk for o in officers))


def shifts_export(shifts: Iterable[Shift]) -> str:
    """The shifts as the portal exports them (``weekend_ops.exports.ShiftExporter``), as text."""
    from .exports import ShiftExporter

    return ShiftExporter(shifts).as_csv().decode("utf-8-sig")
