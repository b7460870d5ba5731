"""Public pages and the staff dashboard: thin views over ``selectors``."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .permissions import staff_required
from .selectors import YearNotValid, parse_year, promise_years, year_progress


def _year_context(request: HttpRequest) -> dict:
    """The year asked for (or the current one, else the latest with promises) and its progress."""
    area = settings.PORTAL_POLICING_AREA
    years = promise_years(area=area)
    current = timezone.localdate().year
    default = current if current in years or not years else years[-1]
    try:
        year = parse_year(request.GET.get("year"), default=default)
    except YearNotValid:
        raise Http404(_("Ange ett år med fyra siffror, till exempel 2024.")) from None
    if year not in years:
        raise Http404(_("Det finns inga medborgarlöften för %(year)s.") % {"year": year})
    return {"year": year, "years": years, "items": year_progress(area=area, year=year)}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "promises/home.html", _year_context(request))


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "promises/about.html")


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "promises/accessibility.html")


@require_GET
@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "promises/dashboard.html", _year_context(request))


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
