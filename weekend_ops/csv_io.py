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
    reader: Iterable[ReadRow], *, districts_by_name: dict[str, District], now: datetime
) -> tuple[list[ShiftRow], list[RowError]]:
    """Check every row the format read; return the good ones and an error for each bad one."""
    rows, errors = [], []
    for read in reader:
        value, problems = read.values, list(read.problems)
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


@transaction.atomic
def shifts_import(
    *, file: TextIO, policing_area: PolicingArea, create_officers: bool = False, imported_by=None
) -> ImportReport:
    """Import shifts from CSV, all or nothing; raises ImportFailed listing every bad row.

    A shift is the same shift when its start, end (as moments, so the two 02:30s of the night
    summer time ends are told apart) and officers are: importing a file again, or the portal's
    own export, changes nothing."""
    raw_rows = read_csv(file)
    districts_by_name = {d.name.casefold(): d for d in District.objects.of_area(policing_area)}
    rows, errors = parse_rows(raw_rows, districts_by_name=districts_by_name, now=timezone.now())

    User = get_user_model()
    usernames = {u for row in rows for u in row.officers}
    users = _officers_by_name(usernames, area=policing_area)
    unknown = usernames - set(users)
    # A user of another area is not this area's officer, and cannot be created again either.
    elsewhere = set(User.objects.filter(username__in=unknown).values_list("username", flat=True))
    unknown -= elsewhere
    for row in rows:
        for name in row.officers:
            if name in elsewhere:
                errors.append(
                    RowError(
                        row.line,
                        _("polisen ”%(name)s” arbetar inte i lokalpolisområde %(area)s.")
                        % {"name": name, "area": policing_area.name},
                    )
                )
    if unknown and not create_officers:
        for row in rows:
            for name in row.officers:
                if name in unknown:
                    errors.append(
                        RowError(
                            row.line,
                            _(
                                "polisen ”%(name)s” finns inte. Skapa kontot först, eller "
                                "låt importen skapa okända poliser."
                            )
                            % {"name": name},
                        )
                    )
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: e.line))

    report = ImportReport()
    if unknown:
        group = Group.objects.get(name=OFFICER)
        for name in sorted(unknown):
            user = User(username=name[:150], is_active=True)
            user.set_unusable_password()
            user.save()
            user.groups.add(group)
            policing_area.staff.add(user)
            users[name] = user
            report.officers_created.append(name)

    existing = {}
    if rows:
        starts = [row.start for row in rows]
        candidates = (
            Shift.objects.of_area(policing_area)
            .filter(start__gte=min(starts), start__lte=max(starts))
            .prefetch_related("officers", "districts", "hotspots", "organisations")
        )
        for shift in candidates:
            existing[_key(shift.start, shift.end, shift.officers.all())] = shift

    for row in rows:
        officers = [users[name] for name in row.officers]
        key = _key(row.start, row.end, officers)
        shift = existing.get(key)
        try:
            if shift is None:
                existing[key] = shift_create(
                    policing_area=policing_area,
                    start=row.start,
                    end=row.end,
                    officers=officers,
                    status=row.status,
                    districts=row.districts,
                    notes=row.notes,
                    created_by=imported_by,
                )
                report.created += 1
            elif (shift.status, shift.notes, set(shift.districts.all())) != (
                row.status,
                row.notes,
                set(row.districts),
            ):
                # Through the service, as the form does: rules, overlap, one history record;
                # what the file does not hold (hotspots, partners, activities) stays as it is.
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
                report.updated += 1
            else:
                report.unchanged += 1
        except ValidationError as error:
            errors += [RowError(row.line, message) for message in error.messages]
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
