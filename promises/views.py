"""Public pages, the staff dashboard and the annual follow-up: thin views over ``selectors``."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import followup
from .permissions import staff_required
from .public_cache import cached_for_the_public
from .selectors import district_table, promise_years, requested_year, year_progress


def _year(request: HttpRequest, years: list[int]) -> int:
    """The year asked for, else the current one, else the latest with promises; 404 otherwise."""
    current = timezone.localdate().year
    year = requested_year(request, default=current if current in years or not years else years[-1])
    if year not in years:
        raise Http404(_("Det finns inga medborgarlöften för %(year)s.") % {"year": year})
    return year


def _report(request: HttpRequest, *, staff: bool) -> dict:
    area = settings.PORTAL_POLICING_AREA
    years = promise_years(area=area)
    year = _year(request, years)
    items = year_progress(area=area, year=year, staff=staff)
    return {
        "year": year,
        "years": years,
        "earlier_years": [y for y in years if y < year][::-1],
        "items": items,
        "districts": district_table(area=area, items=items, staff=staff),
    }


@require_GET
@cached_for_the_public
def home(request: HttpRequest) -> HttpResponse:
    """The public progress page: aggregates only, weekends that have ended, no personal data.
    The page is cached until the data changes, so the time it was made is when the figures
    were last updated."""
    return render(
        request,
        "promises/home.html",
        {**_report(request, staff=False), "updated_at": timezone.localtime()},
    )


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "promises/about.html")


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (lagen om tillgänglighet till digital offentlig service)."""
    return render(
        request,
        "promises/accessibility.html",
        {
            "contact_email": settings.PORTAL_CONTACT_EMAIL,
            "assessed_on": settings.PORTAL_ACCESSIBILITY_ASSESSED,
        },
    )


@require_GET
@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "promises/dashboard.html", _report(request, staff=True))


@require_GET
@staff_required
def followup_page(request: HttpRequest) -> HttpResponse:
    """The annual follow-up (uppföljning), print-ready, to hand to the municipality."""
    return render(request, "promises/followup.html", _report(request, staff=False))


@require_GET
@staff_required
def followup_export(request: HttpRequest, fmt: str) -> HttpResponse:
    report = _report(request, staff=False)
    rows = followup.rows(report["items"], report["districts"])
    if fmt == "csv":
        content, content_type = followup.as_csv(rows), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        content = followup.as_xlsx(rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="uppfoljning-{report["year"]}.{fmt}"'
    return response


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """Liveness for the load balancer and the benchmark's baseline: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 page; shows the reason when one of our views gave one (not for unknown URLs)."""
    message = None
    if type(exception) is Http404 and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    return render(request, "404.html", {"message": message}, status=404)
