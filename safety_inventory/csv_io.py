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
from typing import TextIO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.imports import ImportFailed, RowError
from promises.models import District, PolicingArea

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


@transaction.atomic
def activities_import(*, file: TextIO, policing_area: PolicingArea) -> ActivityImportReport:
    """Comma or semicolon, with or without a byte-order mark, Swedish or English headers;
    kinds, statuses and reasons by code or by their Swedish or English label."""
    read_rows = ACTIVITIES.read(file.read())
    districts = {d.name.casefold(): d for d in District.objects.of_area(policing_area)}
    rows, errors = [], []
    today = timezone.localdate()
    for read in read_rows:
        value, problems = read.values, list(read.problems)
        if value["site"] == "":
            problems.append(_("ange platsens namn."))
        district = None
        if value["district"] is not None:
            district = districts.get(value["district"].casefold())
            if district is None:
                problems.append(_("området ”%(name)s” finns inte.") % {"name": value["district"]})
        status, day = value["status"], value["date"]
        if status == ActivityStatus.CONDUCTED and day is None and not read.problems:
            problems.append(_("en genomförd aktivitet behöver ett datum."))
        if status == ActivityStatus.CONDUCTED and day and day > today:
            problems.append(_("en genomförd aktivitet kan inte ha ett datum i framtiden."))
        if problems:
            errors += [RowError(read.line, p) for p in problems]
        else:
            rows.append(
                (
                    value["site"],
                    district,
                    value["kind"],
                    status,
                    day,
                    value["reason"],
                    value["summary"],
                )
            )
    if errors:
        raise ImportFailed(errors)

    report = ActivityImportReport()
    sites = {(s.district_id, s.name.casefold()): s for s in Site.objects.of_area(policing_area)}
    existing = {
        (a.site_id, a.kind, a.status, a.date, a.reason): a
        for a in Activity.objects.of_area(policing_area).prefetch_related("organisations")
    }
    for name, district, kind, status, day, reason, summary in rows:
        site = sites.get((district.pk, name.casefold()))
        if site is None:
            site = sites[(district.pk, name.casefold())] = site_create(district=district, name=name)
            report.sites_created += 1
        key = (site.pk, kind, status, day, reason)
        activity = existing.get(key)
        if activity is None:
            existing[key] = activity_create(
                site=site, kind=kind, status=status, date=day, reason=reason, summary=summary or ""
            )
            report.created += 1
        elif summary is not None and activity.summary != summary:
            # Through the service, as the protocol form does (its findings and measures stay).
            activity.summary = summary
            activity.full_clean()
            activity_protocol_save(activity=activity, organisations=activity.organisations.all())
            report.updated += 1
        else:
            report.unchanged += 1
    return report
