"""Public pages, the staff dashboard and the annual follow-up: thin views over ``selectors``."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import areas, extensions, mail_queue, public_cache
from .models import PolicingArea
from .permissions import OFFICER, has_role, officer_required, staff_required
from .progress import entry_for, live_of
from .public_cache import cached_for_the_public
from .selectors import (
    areas_this_year,
    current_promises,
    district_table,
    promise_years,
    requested_year,
    year_progress,
)


def _year(request: HttpRequest, years: list[int]) -> int:
    """The year asked for, else the current one, else the latest with promises; 404 otherwise."""
    current = timezone.localdate().year
    year = requested_year(request, default=current if current in years or not years else years[-1])
    if year not in years:
        raise Http404(_("Det finns inga medborgarlöften för %(year)s.") % {"year": year})
    return year


def _report(request: HttpRequest, *, area: PolicingArea, staff: bool) -> dict:
    years = promise_years(area=area)
    year = _year(request, years)
    items = year_progress(area=area, year=year, staff=staff)
    return {
        "year": year,
        "years": years,
        "earlier_years": [y for y in years if y < year][::-1],
        "items": items,
        "districts": district_table(area=area, items=items, staff=staff),
        # What features add under each promise (e.g. "Därför lovar vi det här").
        "notes": extensions.promise_notes([item.promise for item in items]),
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
home, area_home = areas.public_at_both_addresses(_home)


@require_GET
@cached_for_the_public
def area_list(request: HttpRequest) -> HttpResponse:
    """The national start page: every area with its promises and where they stand this year."""
    year = requested_year(request)
    return render(
        request,
        "promises/areas.html",
        {"year": year, "areas": areas_this_year(year=year), "updated_at": timezone.localtime()},
    )


@require_http_methods(["GET", "POST"])
@staff_required
def area_choose(request: HttpRequest) -> HttpResponse:
    """Staff who work in several areas switch the one their pages show (kept in the session).
    A GET changes nothing and leads to the dashboard: it is where signing in brings back someone
    whose session ran out when they switched (``?next=`` this address), not an empty 405."""
    if request.method == "GET":
        return redirect("promises:dashboard")
    area = areas.area_choose(request, slug=request.POST.get("area", ""))
    if area is None:
        raise Http404(_("Du arbetar inte i det lokalpolisområdet."))
    messages.success(request, _("Du arbetar nu med %(area)s.") % {"area": area.name})
    return redirect("promises:dashboard")


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


def _dashboard_figures(request: HttpRequest, area: PolicingArea) -> dict:
    """The dashboard's figures as HTML, one card per promise and the district table: what the
    trackers report for staff. Kept in the versioned cache (``_dashboard``), so nothing in it may
    depend on more than the area, the year, the role, the language and the day: no user's data,
    no CSRF token, nothing that changes by the minute (that is each tracker's ``live`` part)."""
    years = promise_years(area=area)
    year = _year(request, years)
    items = year_progress(area=area, year=year, staff=True)

    def html(template: str, **context) -> str:
        return render_to_string(template, context, request=request)

    return {
        "year": year,
        "years": years,
        "cards": [
            {
                "promise": item.promise,
                "achieved": item.progress.achieved,
                "progress_html": html("includes/_promise_progress.html", item=item),
                "staff_html": html(item.staff_template, item=item) if item.staff_template else "",
            }
            for item in items
        ],
        "districts_html": html(
            "promises/_dashboard_districts.html",
            districts=district_table(area=area, items=items, staff=True),
        ),
    }


@require_GET
@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The staff overview of a year. Its figures come from the versioned cache of the public
    page, one entry per area, year, role (officers see more links) and language, refreshed by
    any change; the live parts (shifts under way, seats left, failed e-mail, messages) are asked
    on every request. The response itself is never cached (``staff_required``)."""
    area = request.area
    role = OFFICER if has_role(request.user, OFFICER) else "staff"
    figures = public_cache.kept(
        # The year as checked by requested_year: a malformed one answers 404 before any entry.
        (
            "dashboard",
            str(area.pk),
            str(requested_year(request)) if request.GET.get("year") else "",
            role,
        ),
        lambda: _dashboard_figures(request, area),
    )
    now = timezone.now()
    cards = [
        {
            **card,
            "live": live_of(card["promise"], now=now),
            "live_template": entry_for(card["promise"].kind).live_template,
        }
        for card in figures["cards"]
    ]
    context = {
        **figures,
        "cards": cards,
        "failed_mail_count": mail_queue.failed_mail_count(),
        "stuck_mail_count": mail_queue.stuck_mail_count(),
    }
    return render(request, "promises/dashboard.html", context)


@require_GET
@officer_required
def mail_failed(request: HttpRequest) -> HttpResponse:
    """E-mail that could not be sent after all its attempts, and e-mail still waiting long after
    it was due (the worker is down or stuck), each with "send again"."""
    failed = [
        {"pk": row.pk, "label": mail_queue.label_of(row.task_path), "row": row}
        for row in mail_queue.failed_mail()
    ]
    stuck = [
        {"pk": row.pk, "label": mail_queue.label_of(row.task_path), "row": row}
        for row in mail_queue.stuck_mail()
    ]
    context = {
        "failed": failed,
        "stuck": stuck,
        "last_worker_report": mail_queue.last_worker_report(),
        "worker_gone": mail_queue.no_worker_reporting(),
    }
    return render(request, "promises/mail_failed.html", context)


@require_POST
@officer_required
def mail_resend(request: HttpRequest, pk) -> HttpResponse:
    if mail_queue.mail_send_again(task_result_id=pk):
        messages.success(request, _("Meddelandet skickas igen."))
    else:
        messages.info(request, _("Meddelandet fanns inte längre bland de misslyckade."))
    return redirect("promises:mail_failed")


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """Liveness for the load balancer and the benchmark's baseline: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 page; shows the reason when one of our views gave one (not for unknown URLs)."""
    if request.path_info.startswith("/api/"):  # the API answers in JSON, also here
        return JsonResponse({"error": "no such address in the API"}, status=404)
    message = None
    if type(exception) is Http404 and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    return render(request, "404.html", {"message": message}, status=404)
