"""The public pages of an area and the national start page: thin views over ``selectors``."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.public_cache import cached_for_the_public
from promises import areas, features
from promises.models import PolicingArea
from promises.selectors import (
    areas_this_year,
    current_promises,
    district_table,
    promise_years,
    requested_year,
    year_progress,
)


def shown_year(request: HttpRequest, years: list[int]) -> int:
    """The year asked for, else the current one, else the latest with promises; 404 otherwise."""
    current = timezone.localdate().year
    year = requested_year(request, default=current if current in years or not years else years[-1])
    if year not in years:
        raise Http404(_("Det finns inga medborgarlöften för %(year)s.") % {"year": year})
    return year


def _report(request: HttpRequest, *, area: PolicingArea, staff: bool) -> dict:
    years = promise_years(area=area)
    year = shown_year(request, years)
    items = year_progress(area=area, year=year, staff=staff)
    return {
        "year": year,
        "years": years,
        "earlier_years": [y for y in years if y < year][::-1],
        "items": items,
        "districts": district_table(area=area, items=items, staff=staff),
        # What features add under each promise (e.g. "Därför lovar vi det här").
        "notes": features.promise_notes([item.promise for item in items]),
    }


def _home(request: HttpRequest, area: PolicingArea) -> HttpResponse:
    """The public progress page of an area: aggregates only, weekends that have ended, no
    personal data. The page is cached until the data changes, so the time it was made is when
    the figures were last updated."""
    return render(
        request,
        "promises/home.html",
        {
            **_report(request, area=area, staff=False),
            "updated_at": timezone.localtime(),
            "area": area,
        },
    )


# ``/``: the default area's page; ``/<area>/``: any area's (cached per address, so per area).
home, area_home = areas.public_at_both_addresses(_home, query=("year",))


@require_GET
@cached_for_the_public(query=("year",))
def area_list(request: HttpRequest) -> HttpResponse:
    """The national start page: every area with its promises and where they stand this year."""
    year = requested_year(request)
    return render(
        request,
        "promises/areas.html",
        {"year": year, "areas": areas_this_year(year=year), "updated_at": timezone.localtime()},
    )


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    """What a citizen promise is, and what the visitor's area has promised (from the data)."""
    return render(request, "promises/about.html", {"promises": current_promises(area=request.area)})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (lagen om tillgänglighet till digital offentlig service)."""
    return render(
        request,
        "promises/accessibility.html",
        {
            "contact_email": request.area.contact_email or settings.PORTAL_CONTACT_EMAIL,
            "assessed_on": settings.PORTAL_ACCESSIBILITY_ASSESSED,
        },
    )


# The same two pages at an area's address, so that a visitor of /<area>/ stays in that area.
@require_GET
@areas.public_area
def area_about(request: HttpRequest, area: PolicingArea) -> HttpResponse:
    return about(request)


@require_GET
@areas.public_area
def area_accessibility(request: HttpRequest, area: PolicingArea) -> HttpResponse:
    return accessibility(request)
