"""The staff dashboard, the area switch and the mail that could not be sent."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import mail_queue, public_cache
from promises import areas
from promises.models import PolicingArea
from promises.permissions import OFFICER, has_role, officer_required, staff_required
from promises.progress import entry_for, live_of
from promises.selectors import district_table, promise_years, requested_year, year_progress
from promises.web.forms import AreaChooseForm
from promises.web.public import shown_year


@require_http_methods(["GET", "POST"])
@staff_required
def area_choose(request: HttpRequest) -> HttpResponse:
    """Staff who work in several areas switch the one their pages show (kept in the session).
    A GET changes nothing and leads to the dashboard: it is where signing in brings back someone
    whose session ran out when they switched (``?next=`` this address), not an empty 405."""
    if request.method == "GET":
        return redirect("promises:dashboard")
    form = AreaChooseForm(request.POST)
    area = areas.area_choose(request, slug=form.cleaned_data["area"]) if form.is_valid() else None
    if area is None:
        raise Http404(_("Du arbetar inte i det lokalpolisområdet."))
    messages.success(request, _("Du arbetar nu med %(area)s.") % {"area": area.name})
    return redirect("promises:dashboard")


def _dashboard_figures(request: HttpRequest, area: PolicingArea) -> dict:
    """The dashboard's figures as HTML, one card per promise and the district table: what the
    trackers report for staff. Kept in the versioned cache (``_dashboard``), so nothing in it may
    depend on more than the area, the year, the role, the language and the day: no user's data,
    no CSRF token, nothing that changes by the minute (that is each tracker's ``live`` part)."""
    years = promise_years(area=area)
    year = shown_year(request, years)
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
