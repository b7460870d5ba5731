"""The public progress API: aggregates only, no personal data, no cookies, cached."""

from functools import wraps

from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal.public_cache import cached_for_the_public
from portal.translated import localized
from promises.areas import default_public_area, public_area
from promises.models import PolicingArea
from promises.plausible import first_year_of
from promises.selectors import YearNotValid, district_table, parse_year, year_progress


def _progress(request: HttpRequest, area: PolicingArea) -> JsonResponse:
    """``GET /api/v1/areas/<area>/progress/?year=YYYY`` (``/api/v1/progress/``: the default
    area): each promise's target, count, status and public details for a year, and the figures
    per district (see README)."""
    this_year = timezone.localdate().year
    try:
        year = parse_year(request.GET.get("year"), default=this_year, area=area)
    except YearNotValid:
        first = first_year_of(area)  # the area's own (docs/rules.md#years)
        return JsonResponse(
            {"error": f"year must be a four-digit year from {first}, e.g. ?year={this_year}"},
            status=400,
        )
    items = year_progress(area=area, year=year)
    if not items:
        return JsonResponse({"error": f"no promises for {year}"}, status=404)
    districts = district_table(area=area, items=items)
    names = {row["id"]: row["district"] for row in districts.rows}
    return JsonResponse(
        {
            "year": year,
            "policing_area": area.slug,
            "policing_area_name": area.name,
            "promises": [
                {
                    "kind": item.promise.kind,
                    "title": item.promise.title,
                    # English with a Swedish fallback, for an English-language page.
                    "title_en": localized(item.promise, "title", "en"),
                    "target": item.progress.target,
                    "achieved": item.progress.achieved,
                    "unit": str(item.progress.unit),
                    "status": str(item.progress.status),
                    # Public aggregates only: trackers keep anything else in staff_details.
                    "details": {
                        **{
                            k: v
                            for k, v in item.progress.details.items()
                            if k not in ("district_columns",)
                        },
                        # Its figures per district, by the district's name (as since v1).
                        "districts": sorted(
                            (
                                {"district": names[row.district_id], **row.values}
                                for row in item.progress.districts
                                if row.district_id in names
                            ),
                            key=lambda row: row["district"],
                        ),
                    },
                }
                for item in items
            ],
            "districts": districts.as_dicts(),
        },
        json_dumps_params={"ensure_ascii": False},
    )


progress = require_GET(cached_for_the_public(default_public_area(_progress), query=("year",)))


def _json_not_found(view):
    """An unknown area answers in JSON like every other refusal of the API."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return JsonResponse({"error": "no such policing area"}, status=404)

    return wrapped


area_progress = require_GET(
    cached_for_the_public(_json_not_found(public_area(_progress)), query=("year",))
)
