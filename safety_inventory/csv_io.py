"""Activities to and from CSV, for earlier years.

Import header: ``site,district,kind,status,date,reason``; ``kind`` inventory or
place_collaboration, ``status`` planned, conducted or cancelled, ``date`` YYYY-MM-DD (required
when conducted), ``reason`` annual_plan, citizen_signals, police_observation or partner_request.
An unknown site is created in its district; an unknown district is an error. All or nothing, with
line numbers; importing the same file again creates no duplicates. The file the portal exports
(``;``, Swedish or English headers and labels) is read back the same way.
"""

import csv
from dataclasses import dataclass
from functools import lru_cache
from typing import TextIO

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from promises.imports import ImportFailed, RowError, parse_iso_date
from promises.models import District, PolicingArea

from .models import Activity, ActivityKind, ActivityReason, ActivityStatus, Site
from .services import activity_create, site_create

COLUMNS = ["site", "district", "kind", "status", "date", "reason"]
_CHOICES = {"kind": ActivityKind, "status": ActivityStatus, "reason": ActivityReason}


def _delimiter(file: TextIO) -> str:
    """``;`` for a file as the portal exports it (and Swedish Excel saves it), else ``,``."""
    first = file.readline()
    file.seek(0)
    return ";" if first.count(";") > first.count(",") else ","


@lru_cache
def _header_aliases() -> dict[str, str]:
    """The export's column names, Swedish and English, to the import's."""
    from .exports import ACTIVITY_COLUMNS

    aliases = {}
    for language in ("sv", "en"):
        with translation.override(language):
            aliases |= {str(label).casefold(): code for code, label in ACTIVITY_COLUMNS.items()}
    return aliases


def _label_to_value(choices, text: str) -> str:
    """A choice's code from its code or its label, Swedish or English (as the export writes it)."""
    folded = text.casefold()
    for value, label in choices.choices:
        if folded == value:
            return value
        for language in ("sv", "en"):
            with translation.override(language):
                if folded == str(label).casefold():
                    return value
    return text


@dataclass
class ActivityImportReport:
    created: int = 0
    unchanged: int = 0
    sites_created: int = 0


def _choice_error(column: str, value: str, choices) -> str:
    return _("%(column)s ”%(value)s” är okänd; ange %(allowed)s.") % {
        "column": column,
        "value": value,
        "allowed": ", ".join(choices.values),
    }


@transaction.atomic
def activities_import(*, file: TextIO, policing_area: PolicingArea) -> ActivityImportReport:
    reader = csv.DictReader(file, delimiter=_delimiter(file))
    header = [
        _header_aliases().get(h.strip().casefold(), h.strip()) for h in reader.fieldnames or []
    ]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFailed(
            [
                RowError(
                    1,
                    _("rubrikraden saknar kolumnerna %(missing)s; den ska vara %(columns)s.")
                    % {"missing": ", ".join(missing), "columns": ",".join(COLUMNS)},
                )
            ]
        )
    reader.fieldnames = header
    districts = {d.name.casefold(): d for d in District.objects.in_policing_area(policing_area)}
    rows, errors = [], []
    today = timezone.localdate()
    for raw in reader:
        line = reader.line_num
        value = {k: (raw.get(k) or "").strip() for k in COLUMNS}
        if not any(value.values()):
            continue
        for column, choices in _CHOICES.items():
            value[column] = _label_to_value(choices, value[column])
        problems = []
        if not value["site"]:
            problems.append(_("ange platsens namn."))
        district = districts.get(value["district"].casefold())
        if district is None:
            problems.append(_("området ”%(name)s” finns inte.") % {"name": value["district"]})
        if value["kind"] not in ActivityKind.values:
            problems.append(_choice_error("kind", value["kind"], ActivityKind))
        if value["status"] not in ActivityStatus.values:
            problems.append(_choice_error("status", value["status"], ActivityStatus))
        if value["reason"] not in ActivityReason.values:
            problems.append(_choice_error("reason", value["reason"], ActivityReason))
        day = None
        if value["date"]:
            try:
                day = parse_iso_date(value["date"])
            except ValueError:
                problems.append(
                    _("datumet ”%(value)s” ska skrivas ÅÅÅÅ-MM-DD, till exempel 2024-05-17.")
                    % {"value": value["date"]}
                )
        if value["status"] == ActivityStatus.CONDUCTED and not value["date"]:
            problems.append(_("en genomförd aktivitet behöver ett datum."))
        if value["status"] == ActivityStatus.CONDUCTED and day and day > today:
            problems.append(_("en genomförd aktivitet kan inte ha ett datum i framtiden."))
        if problems:
            errors += [RowError(line, p) for p in problems]
        else:
            rows.append(
                (value["site"], district, value["kind"], value["status"], day, value["reason"])
            )
    if errors:
        raise ImportFailed(errors)

    report = ActivityImportReport()
    sites = {
        (s.district_id, s.name.casefold()): s
        for s in Site.objects.filter(district__borough__policing_area=policing_area)
    }
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
