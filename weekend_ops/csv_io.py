"""Shifts to and from CSV: the history kept in spreadsheets (issue: import and export).

Columns: ``date,start,end,officers,status,districts,notes``; ``date`` YYYY-MM-DD, ``start`` and
``end`` HH:MM local time (an end at or before the start is on the next day), ``officers``
usernames separated by ``;``, ``status`` planned/completed/cancelled, ``districts`` district
names separated by ``;`` (may be empty). The import is all-or-nothing: every bad row is reported
with its line number and nothing is saved. Importing the same file again creates no duplicates.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from promises.imports import ImportFailed, RowError, parse_iso_date
from promises.models import District, PolicingArea
from promises.permissions import OFFICER

from . import rules
from .models import Shift, ShiftStatus
from .rules import LOCAL_TZ
from .services import shift_create

COLUMNS = ["date", "start", "end", "officers", "status", "districts", "notes"]
MAX_ROWS = 20_000


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    officers_created: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ShiftRow:
    line: int
    start: datetime
    end: datetime
    officers: tuple[str, ...]
    status: str
    districts: tuple[District, ...]
    notes: str

    @property
    def key(self) -> tuple:
        """What makes two rows (or a row and a saved shift) the same shift."""
        return (self.start, self.end, frozenset(self.officers))


def _parse_time(value: str) -> time:
    if len(value) != 5 or value[2] != ":":
        raise ValueError(value)
    return time.fromisoformat(value)


def parse_rows(
    reader: Iterable[dict], *, districts_by_name: dict[str, District], now: datetime
) -> tuple[list[ShiftRow], list[RowError]]:
    """Check every row; return the good ones and an error for each bad one."""
    rows, errors = [], []
    statuses = {s.value for s in ShiftStatus}
    for line, raw in reader:
        problems: list[str] = []
        value = {k: (raw.get(k) or "").strip() for k in COLUMNS}
        try:
            day = parse_iso_date(value["date"])
        except ValueError:
            problems.append(
                _("datumet ”%(value)s” ska skrivas ÅÅÅÅ-MM-DD, till exempel 2024-05-17.")
                % {"value": value["date"]}
            )
            day = None
        times = {}
        for column, label in (("start", _("starttiden")), ("end", _("sluttiden"))):
            try:
                times[column] = _parse_time(value[column])
            except ValueError:
                problems.append(
                    _("%(label)s ”%(value)s” ska skrivas TT:MM, till exempel 18:00.")
                    % {"label": label, "value": value[column]}
                )
        officers = tuple(u.strip() for u in value["officers"].split(";") if u.strip())
        if not officers:
            problems.append(_("ange minst en polis (användarnamn, åtskilda med ;)."))
        status = value["status"]
        if status not in statuses:
            problems.append(
                _("status ”%(value)s” är okänd; ange planned, completed eller cancelled.")
                % {"value": status}
            )
        districts = []
        for name in (d.strip() for d in value["districts"].split(";")):
            if not name:
                continue
            district = districts_by_name.get(name.casefold())
            if district is None:
                problems.append(_("området ”%(name)s” finns inte.") % {"name": name})
            else:
                districts.append(district)
        if day is not None and len(times) == 2:
            start, end = rules.compose_shift_times(
                day=day, start=times["start"], end=times["end"], tz=LOCAL_TZ
            )
            broken = rules.shift_problems(
                start=start,
                end=end,
                tz=LOCAL_TZ,
                completed=status == ShiftStatus.COMPLETED,
                now=now,
            )
            problems += [rule.message for rule in broken]
        if problems:
            errors += [RowError(line, p) for p in problems]
        else:
            rows.append(
                ShiftRow(line, start, end, officers, status, tuple(districts), value["notes"])
            )
    return rows, errors


def read_csv(file: TextIO) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """The file's rows with their line numbers, or an error about its header."""
    reader = csv.DictReader(file)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [
            RowError(
                1,
                _("rubrikraden saknar kolumnerna %(missing)s; den ska vara %(columns)s.")
                % {"missing": ", ".join(missing), "columns": ",".join(COLUMNS)},
            )
        ]
    reader.fieldnames = header
    rows = []
    for raw in reader:
        if len(rows) >= MAX_ROWS:
            return [], [RowError(reader.line_num, _("filen har fler än %d rader.") % MAX_ROWS)]
        if any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            rows.append((reader.line_num, raw))
    return rows, []


@transaction.atomic
def shifts_import(
    *, file: TextIO, policing_area: PolicingArea, create_officers: bool = False, imported_by=None
) -> ImportReport:
    """Import shifts from CSV, all or nothing; raises ImportFailed listing every bad row."""
    raw_rows, errors = read_csv(file)
    if errors:
        raise ImportFailed(errors)
    districts_by_name = {
        d.name.casefold(): d for d in District.objects.in_policing_area(policing_area)
    }
    rows, errors = parse_rows(raw_rows, districts_by_name=districts_by_name, now=timezone.now())

    User = get_user_model()
    usernames = {u for row in rows for u in row.officers}
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    unknown = usernames - set(users)
    if unknown and not create_officers:
        for row in rows:
            for name in row.officers:
                if name in unknown:
                    errors.append(
                        RowError(
                            row.line,
                            _(
                                "polisen ”%(name)s” finns inte. Skapa kontot först, eller "
                                "importera med --create-officers."
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
            user = User(username=name, is_active=True)
            user.set_unusable_password()
            user.save()
            user.groups.add(group)
            users[name] = user
            report.officers_created.append(name)

    existing = {}
    if rows:
        starts = [row.start for row in rows]
        candidates = (
            Shift.objects.of_area(policing_area)
            .filter(start__gte=min(starts), start__lte=max(starts))
            .prefetch_related("officers", "districts")
        )
        for shift in candidates:
            key = (shift.start, shift.end, frozenset(o.username for o in shift.officers.all()))
            existing[key] = shift

    for row in rows:
        shift = existing.get(row.key)
        if shift is None:
            existing[row.key] = shift_create(
                policing_area=policing_area,
                start=row.start,
                end=row.end,
                officers=[users[name] for name in row.officers],
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
            shift.status, shift.notes = row.status, row.notes
            shift.full_clean()
            shift.save(update_fields=["status", "notes", "updated_at"])
            shift.districts.set(row.districts)
            report.updated += 1
        else:
            report.unchanged += 1
    return report


def shifts_export(shifts: Iterable[Shift]) -> str:
    """The shifts as the portal exports them (``weekend_ops.exports.ShiftExporter``), as text."""
    from .exports import ShiftExporter

    return ShiftExporter(shifts).as_csv().decode("utf-8-sig")
