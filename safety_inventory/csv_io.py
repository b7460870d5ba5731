"""Activities to and from CSV, for earlier years.

Import header: ``site,district,kind,status,date,reason[,summary]`` (``formats.ACTIVITIES``,
also the export's format); ``kind`` inventory or
place_collaboration, ``status`` planned, conducted or cancelled, ``date`` YYYY-MM-DD (required
when conducted), ``reason`` annual_plan, citizen_signals, police_observation or partner_request.
An unknown site is created in its district; an unknown district is an error. All or nothing, with
line numbers; importing the same file again creates no duplicates, and a changed summary is
updated through the service. The file the portal exports (``;``, Swedish or English headers and
labels, CSV or XLSX) is read back unchanged.
"""

from dataclasses import dataclass
from datetime import date
from typing import TextIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.formats import ReadRow
from portal.imports import ImportFailed, RowError
from promises.models import District, PolicingArea
from promises.plausible import validate_plausible_date

from .formats import ACTIVITIES
from .models import Activity, ActivityStatus, Site
from .services import activity_create, activity_protocol_save, site_create

COLUMNS = ACTIVITIES.names()
MAX_ROWS = ACTIVITIES.max_rows


@dataclass
class ActivityImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    sites_created: int = 0


@dataclass(frozen=True)
class ActivityRow:
    site: str
    district: District
    kind: str
    status: str
    day: date | None
    reason: str
    summary: str | None


def _row_problems(read: ReadRow, *, districts: dict, area: PolicingArea, today: date) -> list:
    """What is wrong with one row the format read, beyond its cells: the site's name, its
    district, the date (in the area's plausible years, given when conducted, not ahead)."""
    value, problems = read.values, list(read.problems)
    if value["site"] == "":
        problems.append(_("ange platsens namn."))
    if value["district"] is not None and value["district"].casefold() not in districts:
        problems.append(_("området ”%(name)s” finns inte.") % {"name": value["district"]})
    status, day = value["status"], value["date"]
    try:
        validate_plausible_date(day, area=area, today=today)
    except ValidationError as error:
        return problems + error.messages
    if status == ActivityStatus.CONDUCTED and day is None and not read.problems:
        problems.append(_("en genomförd aktivitet behöver ett datum."))
    if status == ActivityStatus.CONDUCTED and day and day > today:
        problems.append(_("en genomförd aktivitet kan inte ha ett datum i framtiden."))
    return problems


def parse_rows(read_rows: list[ReadRow], *, area: PolicingArea) -> list[ActivityRow]:
    """The rows checked, all or nothing: ImportFailed naming every bad row's line."""
    districts = {d.name.casefold(): d for d in District.objects.of_area(area)}
    today = timezone.localdate()
    rows, errors = [], []
    for read in read_rows:
        problems = _row_problems(read, districts=districts, area=area, today=today)
        if problems:
            errors += [RowError(read.line, p) for p in problems]
            continue
        value = read.values
        rows.append(
            ActivityRow(
                value["site"],
                districts[value["district"].casefold()],
                value["kind"],
                value["status"],
                value["date"],
                value["reason"],
                value["summary"],
            )
        )
    if errors:
        raise ImportFailed(errors)
    return rows


def _save_row(row: ActivityRow, *, site: Site, existing: dict) -> str:
    """Create the row's activity, update the saved one's summary when the file changed it, or
    leave it; returns what was done (``created``, ``updated``, ``unchanged``)."""
    key = (site.pk, row.kind, row.status, row.day, row.reason)
    activity = existing.get(key)
    if activity is None:
        existing[key] = activity_create(
            site=site,
            kind=row.kind,
            status=row.status,
            date=row.day,
            reason=row.reason,
            summary=row.summary or "",
        )
        return "created"
    if row.summary is not None and activity.summary != row.summary:
        # Through the service, as the protocol form does (its findings and measures stay).
        activity.summary = row.summary
        activity.full_clean()
        activity_protocol_save(activity=activity, organisations=activity.organisations.all())
        return "updated"
    return "unchanged"


@transaction.atomic
def activities_import(*, file: TextIO, policing_area: PolicingArea) -> ActivityImportReport:
    """Comma or semicolon, with or without a byte-order mark, Swedish or English headers;
    kinds, statuses and reasons by code or by their Swedish or English label; dates in the
    area's plausible years (``promises.plausible``)."""
    rows = parse_rows(ACTIVITIES.read(file.read()), area=policing_area)
    report = ActivityImportReport()
    sites = {(s.district_id, s.name.casefold()): s for s in Site.objects.of_area(policing_area)}
    existing = {
        (a.site_id, a.kind, a.status, a.date, a.reason): a
        for a in Activity.objects.of_area(policing_area).prefetch_related("organisations")
    }
    for row in rows:
        site = sites.get((row.district.pk, row.site.casefold()))
        if site is None:
            site = sites[(row.district.pk, row.site.casefold())] = site_create(
                district=row.district, name=row.site
            )
            report.sites_created += 1
        done = _save_row(row, site=site, existing=existing)
        setattr(report, done, getattr(report, done) + 1)
    return report
