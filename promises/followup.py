"""The annual follow-up as rows for CSV and Excel: promise, target, result, what was done, and
the figures per district. Public aggregates only, so it can be handed on as it is."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .selectors import DistrictTable, PromiseProgress


def _done(item: PromiseProgress) -> str:
    details = item.progress.details
    if "months" in details:
        meetings = details.get("meetings", {})
        return _(
            "%(partly)d helger delvis täckta; %(held)d samverkansmöten med %(orgs)d organisationer"
        ) % {
            "partly": details.get("weekends_partly_covered", 0),
            "held": meetings.get("held", 0),
            "orgs": meetings.get("organisations", 0),
        }
    sites = details.get("sites", [])
    return "; ".join(
        f"{s['site']} ({s['district']}): {', '.join(s['kinds'])}"
        + (f" – {len(s['measures'])} " + _("åtgärder") if s["measures"] else "")
        for s in sites
    )


def rows(items: list[PromiseProgress], districts: DistrictTable) -> list[list]:
    table = [[_("Löfte"), _("Mål"), _("Resultat"), _("Enhet"), _("Status"), _("Vad som gjordes")]]
    for item in items:
        progress = item.progress
        table.append(
            [
                item.promise.title,
                progress.target,
                progress.achieved,
                str(progress.unit.label),
                str(progress.status.label),
                _done(item),
            ]
        )
    table.append([])
    table.append([_("Område")] + [str(c["label"]) for c in districts.columns])
    table += [[row["district"], *row["values"]] for row in districts.rows]
    return table


def as_csv(table: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    return out.getvalue()


def as_xlsx(table: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Uppföljning")
    for row in table:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
