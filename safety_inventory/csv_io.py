"""Activities to and from CSV, for earlier years.

Import header: ``site,district,kind,status,date,reason``; ``kind`` inventory or
place_collaboration, ``status`` planned, conducted or cancelled, ``date`` YYYY-MM-DD (required
when conducted), ``reason`` annual_plan, citizen_signals, police_observation or partner_request.
An unknown site is created in its district; an unknown district is an error. All or nothing, with
line numbers; importing the same file again creates no duplicates. The file the portal exports
(``;``, Swedish or English headers and labels) is read back the same way.
"""

from dataclasses import dataclass
from typing import TextIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.imports import (
    ImportFailed,
    RowError,
    choice_from,
    choice_names,
    csv_rows,
    parse_iso_date,
)
from promises.models import District, PolicingArea

from .models import Activity, ActivityKind, ActivityReason, ActivityStatus, Site
from .services import activity_create, site_create

COLUMNS = ["site", "district", "kind", "status", "date", "reason"]
# Other names a column's header may have: the Swedish export's and Swedish Excel's.
COLUMN_NAMES = {
    "site": ("plats",),
    "district": ("område", "omrade"),
    "kind": ("slag", "typ"),
    "status": ("status",),
    "date": ("datum",),
    "reason": ("anledning", "orsak", "skäl", "bakgrund"),
}
MAX_ROWS = 20_000
# Earlier years' activities are imported too, but not from before the police area's records.
EARLIEST_YEAR = 2000


@dataclass
class ActivityImportReport:
    created: int = 0
    unchanged: int = 0
    sites_created: int = 0


def _choice_error(column: str, value: str, choices) -> str:
    return _("%(column)s ”%(value)s” är okänd; ange %(allowed)s.") % {
        "column": column,
        "value": value,
        "allowed": choice_names(choices),
    }


@transaction.atomic
def activities_import(*, file: TextIO, policing_area: PolicingArea) -> ActivityImportReport:
    """Comma or semicolon, with or without a byte-order mark, Swedish or English headers;
    kinds, statuses and reasons by code or by their Swedish or English label."""
    raw_rows = csv_rows(file.read(), columns=COLUMN_NAMES, max_rows=MAX_ROWS)
    districts = {d.name.casefold(): d for d in District.objects.of_area(policing_area)}
    rows, errors = [], []
    today = timezone.localdate()
    for line, value in raw_rows:
        problems = []
        if not value["site"]:
            problems.append(_("ange platsens namn."))
        district = districts.get(value["district"].casefold())
        if district is None:
            problems.append(_("området ”%(name)s” finns inte.") % {"name": value["district"]})
        kind = choice_from(value["kind"], ActivityKind)
        if kind is None:
            problems.append(_choice_error(_("slaget"), value["kind"], ActivityKind))
        status = choice_from(value["status"], ActivityStatus)
        if status is None:
            problems.append(_choice_error(_("status"), value["status"], ActivityStatus))
        reason = choice_from(value["reason"], ActivityReason)
        if reason is None:
            problems.append(_choice_error(_("anledningen"), value["reason"], ActivityReason))
        day = None
        if value["date"]:
            try:
                day = parse_iso_date(value["date"])
                if day.year < EARLIEST_YEAR:
                    raise ValidationError(
                        _("datumet ”%(value)s” ligger före %(year)s.")
                        % {"value": value["date"], "year": EARLIEST_YEAR}
                    )
            except ValueError:
                problems.append(
                    _("datumet ”%(value)s” ska skrivas ÅÅÅÅ-MM-DD, till exempel 2024-05-17.")
                    % {"value": value["date"]}
                )
                day = None
            except ValidationError as error:
                problems += error.messages
                day = None
        if status == ActivityStatus.CONDUCTED and not value["date"]:
            problems.append(_("en genomförd aktivitet behöver ett datum."))
        if status == ActivityStatus.CONDUCTED and day and day > today:
            problems.append(_("en genomförd aktivitet kan inte ha ett datum i framtiden."))
        if problems:
            errors += [RowError(line, p) for p in problems]
        else:
            rows.append((value["site"], district, kind, status, day, reason))
    if errors:
        raise ImportFailed(errors)

    report = ActivityImportReport()
    sites = {(s.district_id, s.name.casefold()): s for s in Site.objects.of_area(policing_area)}
    existing = set(
        Activity.objects.of_area(policing_area).values_list(
            "site_id", "kind", "status", "date", "reason"
        )
    )
    for name, district, kind, status, day, reason in rows:
        site = sites.get((district.pk, name.casefold()))
        if site is None:
            site = sites[(district.pk, name.casefold())] = site_create(district=district, name=name)
            report.sites_created += 1
        key = (site.pk, kind, status, day, reason)
        if key in existing:
            report.unchanged += 1
            continue
        activity_create(site=site, kind=kind, status=status, date=day, reason=reason)
        existing.add(key)
        report.created += 1
    return report
