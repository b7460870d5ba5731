"""Officers' pages for weekend collaboration: thin views over forms, services and selectors."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from promises import signed
from promises.models import Promise
from promises.permissions import officer_required
from promises.selectors import requested_year

from .. import services, trackers
from ..csv_io import ImportFailed, shifts_import
from ..exports import ShiftExporter
from ..forms import HotspotForm, ShiftFilterForm, ShiftForm, ShiftImportForm
from ..models import Hotspot, Shift, ShiftStatus
from ..selectors import shifts_to_confirm, year_view


@officer_required
def weekend_year(request: HttpRequest) -> HttpResponse:
    year = requested_year(request)
    area = request.area
    promise = (
        Promise.objects.of_area(area)
        .filter(year=year, kind=trackers.KIND)
        .select_related("policing_area", "weekend_counting_rule")
        .first()
    )
    if promise is None:
        raise Http404(_("Det finns inget löfte om helgsamverkan för %(year)s.") % {"year": year})
    years = Promise.objects.of_area(area).years()
    view = year_view(promise=promise, today=timezone.localdate())
    to_confirm = shifts_to_confirm(area=area, now=timezone.now(), officer=request.user)
    return render(
        request,
        "weekend_ops/year.html",
        {"view": view, "year": year, "years": years, "to_confirm": to_confirm},
    )


@officer_required
def shift_list(request: HttpRequest) -> HttpResponse:
    area = request.area
    data = request.GET.copy()
    if not data.get("weekend"):
        data.setdefault("year", str(timezone.localdate().year))
    form = ShiftFilterForm(data, policing_area=area)
    shifts = form.filter(
        Shift.objects.of_area(area).prefetch_related("officers", "districts").order_by("-start")
    )
    page = Paginator(shifts, 50).get_page(request.GET.get("sida"))
    query = data.copy()
    query.pop("sida", None)
    return render(
        request,
        "weekend_ops/shift_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@officer_required
@require_http_methods(["GET", "POST"])
def shift_create(request: HttpRequest) -> HttpResponse:
    area = request.area
    planning = request.GET.get("status") == ShiftStatus.PLANNED
    overlap = None
    if request.method == "POST":
        form = ShiftForm(request.POST, policing_area=area)
        if form.is_valid():
            try:
                with _reason(form, request):
                    shift = services.shift_create(
                        policing_area=area, created_by=request.user, **form.service_kwargs()
                    )
            except signed.SignedYearChanged as error:
                form.add_error("reason_after_approval", error)
            except services.ShiftOverlap as error:
                form.add_error("officers", error)
                overlap = error.shift
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _saved_message(shift))
                return redirect(shift)
    else:
        form = ShiftForm(
            initial=ShiftForm.initial_for(user=request.user, planning=planning),
            policing_area=area,
        )
    title = _("Planera pass") if planning else _("Logga pass")
    return render(
        request,
        "weekend_ops/shift_form.html",
        {"form": form, "title": title, **_overlap(overlap, area)},
    )


def _reason(form, request):
    """The write as the officer asked it: with their reason when the shift's year is signed."""
    return signed.change_after_approval(
        reason=form.cleaned_data.get("reason_after_approval"), user=request.user
    )


def _overlap(shift: Shift | None, area) -> dict:
    """The shift already there, linked when it is in the area the officer works with; one of
    another of their areas is named instead (its page answers 404 until they switch)."""
    if shift is None:
        return {}
    if shift.policing_area_id == area.pk:
        return {"overlap": shift}
    return {"overlap_elsewhere": shift.policing_area}


def _saved_message(shift: Shift) -> str:
    """Says "under way" only of a planned shift that has begun and not ended (one that has
    ended is saved as completed after the form asked, never as planned)."""
    if shift.status == ShiftStatus.PLANNED and shift.start <= timezone.now() < shift.end:
        return _(
            "Passet är sparat som pågående. Markera det som genomfört när det är slut: "
            "det finns under ”Dina pass att bekräfta”."
        )
    return _("Passet är sparat.")


@officer_required
@require_http_methods(["GET", "POST"])
def shift_update(request: HttpRequest, pk: int) -> HttpResponse:
    area = request.area
    shift = get_object_or_404(Shift.objects.of_area(area), pk=pk)
    overlap = None
    if request.method == "POST":
        form = ShiftForm(request.POST, policing_area=area, shift=shift)
        if form.is_valid():
            try:
                with _reason(form, request):
                    services.shift_update(shift=shift, **form.service_kwargs())
            except signed.SignedYearChanged as error:
                form.add_error("reason_after_approval", error)
            except services.ShiftOverlap as error:
                form.add_error("officers", error)
                overlap = error.shift
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Ändringen är sparad."))
                return redirect(shift)
    else:
        form = ShiftForm(initial=ShiftForm.initial_from(shift), policing_area=area, shift=shift)
    return render(
        request,
        "weekend_ops/shift_form.html",
        {
            "form": form,
            "shift": shift,
            "title": _("Ändra pass"),
            # A shift of a signed year: the form asks for the reason up front.
            "signed_year": bool(signed.affected_reports(shift)),
            **_overlap(overlap, area),
        },
    )


@officer_required
def shift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_object_or_404(
        Shift.objects.of_area(request.area).prefetch_related(
            "officers", "districts", "hotspots__district", "organisations"
        ),
        pk=pk,
    )
    history = shift.history.select_related("history_user").order_by("-history_date")
    return render(
        request,
        "weekend_ops/shift_detail.html",
        {
            "shift": shift,
            "history": history,
            "can_complete": shift.can_complete(),
            "under_way": shift.status == ShiftStatus.PLANNED
            and shift.start <= timezone.now() < shift.end,
        },
    )


@officer_required
@require_POST
def shift_complete(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_object_or_404(Shift.objects.of_area(request.area).planned(), pk=pk)
    try:
        services.shift_complete(shift=shift)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Passet är markerat som genomfört."))
    return redirect(shift)


@officer_required
@require_http_methods(["GET", "POST"])
def shift_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks first; POST cancels (the shift can be restored from its page). A shift already
    cancelled (a second click, a page left open) goes to its page, which says so."""
    shift = get_object_or_404(
        Shift.objects.of_area(request.area).prefetch_related("officers"), pk=pk
    )
    if shift.status == ShiftStatus.CANCELLED:
        messages.info(request, _("Passet är redan inställt. Du kan återställa det här."))
        return redirect(shift)
    if request.method == "GET":
        return render(request, "weekend_ops/shift_cancel.html", {"shift": shift})
    try:
        with signed.change_after_approval(
            reason=request.POST.get("reason_after_approval"), user=request.user
        ):
            services.shift_cancel(shift=shift)
    except signed.SignedYearChanged as error:
        return render(
            request,
            "weekend_ops/shift_cancel.html",
            {"shift": shift, "reason_error": error.messages[0]},
        )
    messages.success(
        request, _("Passet är inställt. Det finns kvar i historiken och kan återställas.")
    )
    return redirect(shift)


@officer_required
@require_POST
def shift_restore(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_object_or_404(
        Shift.objects.of_area(request.area).filter(status=ShiftStatus.CANCELLED), pk=pk
    )
    try:
        services.shift_restore(shift=shift)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Passet är återställt som %(status)s.")
            % {"status": shift.get_status_display().lower()},
        )
    return redirect(shift)


@officer_required
@require_http_methods(["GET", "POST"])
def shift_import(request: HttpRequest) -> HttpResponse:
    errors = []
    if request.method == "POST":
        form = ShiftImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                with signed.change_after_approval(
                    reason=form.cleaned_data["reason_after_approval"], user=request.user
                ):
                    report = shifts_import(
                        file=io.StringIO(form.cleaned_data["file"]),
                        policing_area=request.area,
                        create_officers=form.cleaned_data["create_officers"],
                        imported_by=request.user,
                    )
            except ImportFailed as failed:
                errors = failed.errors
            else:
                messages.success(request, str(report))
                return redirect("weekend_ops:shift_list")
    else:
        form = ShiftImportForm()
    return render(request, "weekend_ops/shift_import.html", {"form": form, "errors": errors})


@officer_required
def shift_export(request: HttpRequest, fmt: str = "csv") -> HttpResponse:
    """A year's shifts as CSV or Excel, in the import's format (read back unchanged)."""
    year = requested_year(request)
    shifts = (
        Shift.objects.of_area(request.area)
        .in_year(year)
        .prefetch_related("officers", "districts")
        .order_by("start")
    )
    return ShiftExporter(shifts, year=year).response(fmt, area=request.area)


@officer_required
def hotspot_list(request: HttpRequest) -> HttpResponse:
    hotspots = Hotspot.objects.of_area(request.area).select_related("district")
    return render(request, "weekend_ops/hotspot_list.html", {"hotspots": hotspots})


@officer_required
@require_http_methods(["GET", "POST"])
def hotspot_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    area = request.area
    hotspot = get_object_or_404(Hotspot.objects.of_area(area), pk=pk) if pk else None
    form = HotspotForm(request.POST or None, instance=hotspot, policing_area=area)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Brännpunkten är sparad."))
        return redirect("weekend_ops:hotspot_list")
    title = _("Ändra brännpunkt") if hotspot else _("Ny brännpunkt")
    return render(request, "weekend_ops/hotspot_form.html", {"form": form, "title": title})
