"""The annual follow-up as a report: the figures and texts of one year, as one JSON-ready dict.

A draft report is built from the data as it stands; an approved one is this dict as it was when
the approver signed it off (``AnnualReport.snapshot``), so the printed, PDF and public versions
never change afterwards. Public aggregates only: what the public page and the API show, plus
staff's narratives, the last five years, what each kind adds (``PromiseKind.report``, under
``report["kinds"][kind]``) and what other features add (under ``report["sections"][key]``).
"""

from datetime import date

from django.utils import timezone

from portal.translated import language_code, localized, source_language
from promises import features
from promises.models import AnnualReport, PolicingArea, Promise, PromiseNarrative, ReportStatus
from promises.progress import entry_for, kind_order
from promises.reports.followup import done_in_words
from promises.selectors import district_table, promise_years, year_progress
from promises.signed import progress_snapshot

COMPARISON_YEARS = 5


def is_preliminary(year: int, *, today: date | None = None) -> bool:
    """A year's figures are preliminary until the year has ended."""
    return (today or timezone.localdate()).year <= year


def _title(promise) -> dict:
    """A promise's title in the active language where it has one (``title_en``), else the
    Swedish one, with the language it is in (``title_lang``: pages mark Swedish data on English
    pages, WCAG 3.1.2)."""
    title = localized(promise, "title")
    language = language_code()
    in_swedish = title == promise.title
    return {"title": title, "title_lang": source_language() if in_swedish else language}


def _label_for(unit, count: int) -> str:
    label_for = getattr(unit, "label_for", None)  # a signed year's unit may be plain text
    return label_for(count) if label_for else str(getattr(unit, "label", unit))


def _promises(items, narratives: dict[int, str]) -> list[dict]:
    return [
        {
            "kind": item.promise.kind,
            **_title(item.promise),
            "target": item.progress.target,
            "achieved": item.progress.achieved,
            "unit": str(item.progress.unit),
            "unit_label": str(item.progress.unit.label),
            # The word after each figure: "1 plats", "2 platser".
            "target_label": _label_for(item.progress.unit, item.progress.target),
            "achieved_label": _label_for(item.progress.unit, item.progress.achieved),
            "status": str(item.progress.status),
            "status_label": str(item.progress.status.label),
            "done": done_in_words(item),
            "narrative": narratives.get(item.promise.pk, ""),
        }
        for item in items
    ]


def _comparison(*, area: PolicingArea, year: int, today: date) -> dict:
    """The last five years up to ``year`` that have promises: target, result, status."""
    years = [y for y in promise_years(area=area) if y <= year][-COMPARISON_YEARS:]
    rows: dict[str, dict] = {}
    for y in years:
        for item in year_progress(area=area, year=y, today=today):
            row = rows.setdefault(item.promise.kind, {**_title(item.promise), "cells": {}})
            row["cells"][str(y)] = {
                "target": item.progress.target,
                "achieved": item.progress.achieved,
                "status_label": str(item.progress.status.label),
            }
    return {
        "years": years,
        "rows": [
            {
                "title": r["title"],
                "title_lang": r["title_lang"],
                "cells": [r["cells"].get(str(y)) for y in years],
            }
            for r in rows.values()
        ],
    }


def report_figures(*, area: PolicingArea, year: int, today: date | None = None) -> dict:
    """Everything the report shows for ``area``'s ``year``, JSON-ready (strings, numbers)."""
    today = today or timezone.localdate()
    policing_area = area
    # The data as it stands, never an earlier signature: this is what gets signed.
    items = year_progress(area=area, year=year, today=today, signed=False)
    districts = district_table(area=area, items=items)
    narratives = dict(
        PromiseNarrative.objects.of_area(area)
        .filter(promise__in=[i.promise for i in items])
        .values_list("promise_id", "text")
    )
    # What each kind adds to the report (weekends per month, meetings, places, overdue
    # measures, ...), under its own key, shown by the kind's report template.
    kind_figures: dict = {}
    for item in items:
        report = entry_for(item.promise.kind).report
        if report is not None:
            kind_figures[item.promise.kind] = report(item.promise, item.progress)
    return {
        "year": year,
        "area": policing_area.name,
        "area_slug": policing_area.slug,
        "generated_on": today.isoformat(),
        "promises": _promises(items, narratives),
        "comparison": _comparison(area=area, year=year, today=today),
        "kinds": kind_figures,
        # What features that are not kinds add (e.g. the listening round), each under its key.
        "sections": features.report_sections(area=area, year=year),
        "district_columns": [str(c["label"]) for c in districts.columns],
        "districts": [{"district": r["district"], "values": r["values"]} for r in districts.rows],
        # Each promise's progress as the public pages show it: once signed, their one source.
        "progress": progress_snapshot(items),
    }


def report_for(*, area: PolicingArea, year: int) -> tuple[AnnualReport | None, dict]:
    """The year's report row (None before anyone touched it) and what it shows: the approved
    snapshot, or the figures as they stand now."""
    report = AnnualReport.objects.of_area(area).filter(year=year).first()
    if report is not None and report.status == ReportStatus.APPROVED:
        return report, report.figures()
    return report, report_figures(area=area, year=year)


def approved_reports(*, area: PolicingArea):
    return AnnualReport.objects.of_area(area).filter(status=ReportStatus.APPROVED).order_by("-year")


def promises_of_year(*, area: PolicingArea, year: int) -> list[Promise]:
    """The year's promises with their narratives, in the order of the source document."""
    promises = Promise.objects.of_area(area).in_year(year).select_related("narrative")
    return sorted(promises, key=lambda p: kind_order(p.kind))


def changes_waiting(report: AnnualReport | None) -> list:
    """Changes saved with a reason after the report was signed, not yet in a signed version."""
    if report is None or not report.is_approved:
        return []
    return list(report.changes_after_approval.filter(settled=False).select_related("changed_by"))


def would_be(*, area: PolicingArea, year: int, report: AnnualReport | None) -> list[dict]:
    """For staff, each promise's signed count beside what the data says now, when changes
    after approval wait for a new version (the published figures stay the signed ones)."""
    if not changes_waiting(report):
        return []
    signed = {p["kind"]: p for p in report.figures()["promises"]}
    now = year_progress(area=area, year=year, signed=False)
    return [
        {
            "title": item.promise.title,
            "signed": signed.get(item.promise.kind, {}).get("achieved"),
            "now": item.progress.achieved,
            "unit": str(item.progress.unit.label)
            if hasattr(item.progress.unit, "label")
            else str(item.progress.unit),
        }
        for item in now
    ]
