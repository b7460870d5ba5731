"""Reads for the pages and the API: a year's promises with their progress."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.translated import localized
from promises.models import District, PolicingArea, Promise
from promises.plausible import YEAR_CEILING, first_year_of, plausible_years
from promises.progress import Progress, entry_for, kind_order, progress_of, related_names


@dataclass(frozen=True)
class PromiseProgress:
    promise: Promise
    progress: Progress
    public_template: str | None = None
    staff_template: str | None = None


@dataclass(frozen=True)
class DistrictTable:
    """One row per district of the area, one column per figure the trackers report by district."""

    columns: list[dict]
    rows: list[dict]

    @property
    def active_rows(self) -> list[dict]:
        """Districts where something was counted; the others are named in one line."""
        return [row for row in self.rows if any(row["values"])]

    @property
    def chart_columns(self) -> list[dict]:
        """The columns the public district chart draws as bars."""
        return [c for c in self.columns if c.get("chart")]

    @property
    def empty_districts(self) -> list[str]:
        return [row["label"] for row in self.rows if not any(row["values"])]

    def as_dicts(self) -> list[dict]:
        return [
            {
                "district": row["district"],
                **{c["key"]: v for c, v in zip(self.columns, row["values"], strict=True)},
            }
            for row in self.rows
        ]


class YearNotValid(ValueError):
    """A year parameter that is not a four-digit year in the area's years."""


def parse_year(
    value: str | None,
    *,
    default: int,
    area: PolicingArea | None = None,
    years: range | None = None,
) -> int:
    """The year asked for in a query string, ``default`` when none is given. A page may ask
    for any year from the area's first (docs/rules.md#years) up to the ceiling; ``years``
    gives other bounds (a feature's own, from ``promises.plausible``)."""
    if value is None or value == "":
        return default
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        raise YearNotValid(value)
    year = int(value)
    if years is None:
        years = plausible_years(area, last=YEAR_CEILING)
    if year not in years:
        raise YearNotValid(value)
    return year


def requested_year(request, *, default: int | None = None) -> int:
    """The ``?year=`` of a page (of the request's area), ``default`` (this year) without one;
    a 404 that says how to write it when it is malformed or outside the area's years."""
    area = getattr(request, "area", None)
    area = area if isinstance(area, PolicingArea) else None
    this_year = timezone.localdate().year
    try:
        return parse_year(request.GET.get("year"), default=default or this_year, area=area)
    except YearNotValid:
        raise Http404(
            _("Ange ett år med fyra siffror från %(first)s, till exempel %(example)s.")
            % {"first": first_year_of(area), "example": this_year}
        ) from None


def promise_years(*, area: PolicingArea) -> list[int]:
    return Promise.objects.of_area(area).years()


def current_promises(*, area: PolicingArea, today: date | None = None) -> list[Promise]:
    """The area's promises of this year, else of its latest earlier year: what the about page
    says the area has promised, from the data."""
    year = (today or timezone.localdate()).year
    promises = Promise.objects.of_area(area)
    latest = max((y for y in promises.years() if y <= year), default=None)
    return list(promises.in_year(latest)) if latest is not None else []


def year_progress(
    *,
    area: PolicingArea,
    year: int,
    today: date | None = None,
    staff: bool = False,
    signed: bool = True,
) -> list[PromiseProgress]:
    """The area's promises for ``year``, each with what its tracker reports (and, for staff,
    the staff-only details), in the order of the source document. A signed year's figures are
    its signed snapshot (``signed.py``); ``signed=False`` counts the data as it stands (for the
    sign-off itself, and to show staff what a later change would do)."""
    from . import signed as signed_year

    today = today or timezone.localdate()
    report = (
        signed_year.signed_reports(area_ids=[area.pk], year=year).get(area.pk) if signed else None
    )
    promises = (
        Promise.objects.of_area(area)
        .in_year(year)
        .select_related("policing_area", *related_names())
    )
    ordered = sorted(promises, key=lambda p: kind_order(p.kind))
    items = []
    for promise in ordered:
        entry = entry_for(promise.kind)
        progress = None
        if report is not None:
            live = progress_of(promise, today=today, staff=True) if staff else None
            progress = signed_year.signed_progress(report, promise, live)
        if progress is None:
            progress = progress_of(promise, today=today, staff=staff)
        items.append(
            PromiseProgress(promise, progress, entry.public_template, entry.staff_template)
        )
    return items


def district_table(
    *, area: PolicingArea, items: list[PromiseProgress], staff: bool = False
) -> DistrictTable:
    """Every district of the area with the figures the trackers give per district
    (``Progress.districts``, joined by district id) in the columns their kinds declare (public
    ones, plus the staff-only ones for staff), zeros where nothing happened."""
    districts = District.objects.of_area(area).order_by("name").only("name", "name_en")
    columns: list[dict] = []
    values: dict[int, dict] = defaultdict(dict)  # district id -> column key -> figure
    for item in items:
        entry = entry_for(item.promise.kind)
        registered = entry.columns + (entry.staff_columns if staff else ())
        columns += [{"key": c.key, "label": c.label, "chart": c.chart} for c in registered]
        figures = item.progress.districts + (item.progress.staff_districts if staff else ())
        for row in figures:
            values[row.district_id].update(row.values)
    rows = [
        {
            "id": d.pk,
            "district": d.name,
            "label": localized(d, "name"),  # the name shown: English on /en/ where it differs
            "values": [values[d.pk].get(c["key"], 0) for c in columns],
        }
        for d in districts
    ]
    return DistrictTable(columns=columns, rows=rows)


def areas_this_year(*, year: int, today: date | None = None) -> list[dict]:
    """Every area with its promises of ``year`` and where each stands (target, achieved,
    status): the national start page. Each area's figures come from the versioned public
    cache (refreshed on any change), so the page costs the same few queries for one area as
    for five once each area has been counted."""
    today = today or timezone.localdate()
    areas = list(PolicingArea.objects.order_by("name"))
    summaries = area_summaries(areas=areas, year=year, today=today)
    return [{"area": area, "promises": summaries[area.pk]} for area in areas]


def area_summaries(*, areas: list[PolicingArea], year: int, today: date) -> dict[int, list]:
    from portal import public_cache
    from promises import signed as signed_year

    keys = {
        area.pk: public_cache.summary_key(area=area.slug, year=year, today=today) for area in areas
    }
    found = public_cache.get_many(list(keys.values()))
    missing = [area for area in areas if keys[area.pk] not in found]
    if missing:
        promises = (
            Promise.objects.filter(policing_area__in=missing)
            .in_year(year)
            .select_related("policing_area", *related_names())
        )
        by_area: dict[int, list] = {area.pk: [] for area in missing}
        ordered = sorted(promises, key=lambda p: kind_order(p.kind))
        signed_by_area = signed_year.signed_reports(
            area_ids=[area.pk for area in missing], year=year
        )
        for promise in ordered:
            progress = signed_year.signed_progress(
                signed_by_area.get(promise.policing_area_id), promise
            ) or progress_of(promise, today=today)
            by_area[promise.policing_area_id].append(
                {
                    "kind": promise.kind,
                    "title": localized(promise, "title"),
                    "target": progress.target,
                    "achieved": progress.achieved,
                    "unit_label": str(getattr(progress.unit, "label", progress.unit)),
                    "status": progress.status,
                    "percent": progress.percent,
                }
            )
        public_cache.set_many({keys[pk]: rows for pk, rows in by_area.items()})
        found |= {keys[pk]: rows for pk, rows in by_area.items()}
    return {area.pk: found[keys[area.pk]] for area in areas}
