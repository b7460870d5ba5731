"""The annual follow-up as a report: the staff page with narratives and sign-off, its PDF, the
public archive of approved reports and the open data of each year."""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.errors import too_busy
from portal.exporter import download_name, file_response, file_word
from promises import services
from promises.areas import public_at_both_addresses
from promises.models import PolicingArea
from promises.permissions import (
    APPROVER,
    OFFICER,
    approver_required,
    has_role,
    officer_required,
    staff_required,
)
from promises.reports import annual as annual_report
from promises.reports import pdf
from promises.reports.followup import FollowupExporter
from promises.reports.open_data import OpenDataExporter, open_data
from promises.reports.pdf import report_context as _context
from promises.selectors import promise_years, requested_year
from promises.web.forms import NarrativesForm, SignOffForm


def _years_or_404(area: PolicingArea, year: int) -> list[int]:
    years = promise_years(area=area)
    if year not in years:
        raise Http404(_("Det finns inga medborgarlöften för %(year)s.") % {"year": year})
    return years


def _requested_report_year(request: HttpRequest) -> int:
    """``?year=``, else this year, else the latest year with promises."""
    today_year = timezone.localdate().year
    years = promise_years(area=request.area)
    default = today_year if today_year in years or not years else years[-1]
    return requested_year(request, default=default)


def _followup(request: HttpRequest, year: int, *, form: NarrativesForm | None = None):
    area = request.area
    years = _years_or_404(area, year)
    report, figures = annual_report.report_for(area=area, year=year)
    approved = report is not None and report.is_approved
    context = _context(report, figures) | {
        "year": year,
        "years": years,
        "form": form
        or NarrativesForm(promises=annual_report.promises_of_year(area=area, year=year)),
        "can_write": has_role(request.user, OFFICER) and not approved,
        "can_approve": has_role(request.user, APPROVER)
        and not approved
        and not annual_report.is_preliminary(year),
        "can_resign": has_role(request.user, APPROVER) and approved,
        "history": list(report.history.all()[:20]) if report else [],
        # Changes saved with a reason after approval, and what they would make the figures.
        "pending": annual_report.changes_waiting(report),
        "would_be": annual_report.would_be(area=area, year=year, report=report),
    }
    return render(request, "promises/followup.html", context)


@require_GET
@staff_required
def followup_page(request: HttpRequest) -> HttpResponse:
    """The year's follow-up for staff: the report, narratives (officers) and sign-off
    (approvers), and its history."""
    return _followup(request, _requested_report_year(request))


@require_POST
@officer_required
def followup_narratives(request: HttpRequest, year: int) -> HttpResponse:
    _years_or_404(request.area, year)
    promises = annual_report.promises_of_year(area=request.area, year=year)
    form = NarrativesForm(request.POST, promises=promises)
    if not form.is_valid():
        return _followup(request, year, form=form)
    try:
        with transaction.atomic():  # every narrative or none
            for promise, text in form.texts():
                services.narrative_save(promise=promise, text=text, user=request.user)
    except services.ReportLocked as locked:
        messages.error(request, str(locked))
    else:
        messages.success(request, _("Berättelserna är sparade."))
    return redirect(f"{reverse('promises:followup')}?year={year}")


@require_http_methods(["GET", "POST"])
@approver_required
def followup_approve(request: HttpRequest, year: int) -> HttpResponse:
    """Sign-off asks for what it signs: GET shows the figures and texts being signed and, for a
    promise without a narrative, asks for an explicit "Ingen kommentar"; POST signs."""
    area = request.area
    _years_or_404(area, year)  # the approver signs off their own area's report only
    report, figures = annual_report.report_for(area=area, year=year)
    pending = annual_report.changes_waiting(report)
    if report is not None and report.is_approved:
        if not pending:
            return redirect(f"{reverse('promises:followup')}?year={year}")
        figures = annual_report.report_figures(area=area, year=year)  # the new version
    promises = annual_report.promises_of_year(area=area, year=year)
    form = SignOffForm(request.POST if request.method == "POST" else None, promises=promises)
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_approve(
                area=area, year=year, user=request.user, no_comment=form.no_comment()
            )
        except services.ReportLocked as locked:
            messages.error(request, str(locked))
        else:
            messages.success(
                request,
                _("Uppföljningen för %(year)s är godkänd och publicerad i årsarkivet.")
                % {"year": year},
            )
        return redirect(f"{reverse('promises:followup')}?year={year}")
    return render(
        request,
        "promises/followup_confirm.html",
        _context(report, figures)
        | {
            "year": year,
            "form": form,
            "preliminary": annual_report.is_preliminary(year),
            "pending": pending,
        },
    )


def _pdf_response(request: HttpRequest, year: int, make) -> HttpResponse:
    """The PDF ``make()`` gives; 503 with Retry-After while the portal makes as many PDFs as it
    makes at once (pdf.render_slot)."""
    try:
        content = make()
    except pdf.RendersBusy:
        response = too_busy(request)
        response["Retry-After"] = "10"
        return response
    stem = f"{file_word(pgettext('file name', 'uppfoljning'))}-{year}"
    return file_response(
        content,
        content_type="application/pdf",
        filename=f"{download_name(stem, area=request.area)}.pdf",
    )


@require_GET
@staff_required
def followup_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The year's follow-up as CSV or Excel: what the report shows (approved: as approved)."""
    year = _requested_report_year(request)
    _years_or_404(request.area, year)
    _report, figures = annual_report.report_for(area=request.area, year=year)
    return FollowupExporter(figures).response(fmt, area=request.area)


@require_GET
@staff_required
def followup_pdf(request: HttpRequest, year: int) -> HttpResponse:
    """The year's report as PDF: as stored at sign-off, or the draft as it stands (kept until
    the data behind it changes)."""
    area = request.area
    _years_or_404(area, year)
    report = annual_report.approved_reports(area=area).filter(year=year).first()
    if report is not None:
        return _pdf_response(request, year, lambda: pdf.signed_pdf(report=report))
    return _pdf_response(request, year, lambda: pdf.preliminary_pdf(area=area, year=year))


# --- Public: the year archive and open data -----------------------------------------------


def _report_archive(request: HttpRequest, area: PolicingArea) -> HttpResponse:
    """Approved annual reports, newest first, and each year's open data."""
    return render(
        request,
        "promises/report/archive.html",
        {
            "reports": annual_report.approved_reports(area=area),
            "years": promise_years(area=area)[::-1],
            "area": area,
        },
    )


def _approved_or_404(area: PolicingArea, year: int):
    report = annual_report.approved_reports(area=area).filter(year=year).first()
    if report is None and year not in promise_years(area=area):
        raise Http404(_("Det finns ingen årsrapport för %(year)s.") % {"year": year})
    if report is None:
        raise Http404(_("Uppföljningen för %(year)s är inte godkänd än.") % {"year": year})
    return report


def _report_public(request: HttpRequest, area: PolicingArea, year: int) -> HttpResponse:
    report = _approved_or_404(area, year)
    return render(
        request, "promises/report/public.html", _context(report, report.figures()) | {"year": year}
    )


def _report_public_pdf(request: HttpRequest, area: PolicingArea, year: int) -> HttpResponse:
    report = _approved_or_404(area, year)
    return _pdf_response(request, year, lambda: pdf.signed_pdf(report=report))


def _open_data_file(request: HttpRequest, area: PolicingArea, year: int, fmt: str) -> HttpResponse:
    """A year's public figures as open data (CC0): the API's figures as JSON or CSV."""
    _years_or_404(area, year)
    data = open_data(area=area, year=year)
    if fmt == "json":
        content = json.dumps(data, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder)
        return file_response(
            content,
            content_type="application/json",
            filename=download_name(
                f"{file_word(pgettext('file name', 'medborgarloften'))}-{year}.json", area=area
            ),
            inline=True,
        )
    return OpenDataExporter(data).response(fmt, area=area)


report_archive, area_report_archive = public_at_both_addresses(_report_archive)
report_public, area_report_public = public_at_both_addresses(_report_public)
report_public_pdf, area_report_public_pdf = public_at_both_addresses(_report_public_pdf)
open_data_file, area_open_data_file = public_at_both_addresses(_open_data_file)
