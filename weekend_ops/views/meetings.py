"""Meetings: partners register and cancel without an account; officers run the meetings."""

import csv
import io
from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from openpyxl import Workbook

from promises.permissions import officer_required, staff_required
from promises.selectors import portal_area, requested_year
from promises.services import organisation_get_or_create

from .. import services
from ..calendar import meetings_feed
from ..links import BadLink, registration_from_cancel_token
from ..meeting_forms import AttendanceForm, MeetingForm, RegistrationForm
from ..models import CalendarToken, Meeting, MeetingStatus, RegistrationStatus
from ..selectors import collective_capability

# --- Partners (no account) -----------------------------------------------------------------


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.of_area(portal_area()).listed().select_related("borough")
    return render(request, "weekend_ops/meeting_list.html", {"meetings": meetings})


@never_cache
@require_http_methods(["GET", "POST"])
def meeting_register(request: HttpRequest, token: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("borough"), invitation_token=token)
    closed_reason = None
    if meeting.status == MeetingStatus.CANCELLED:
        closed_reason = _("Mötet är inställt och tar inte emot anmälningar.")
    elif not meeting.registration_open():
        closed_reason = _("Anmälan till mötet är stängd.")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and closed_reason is None and form.is_valid():
        data = form.cleaned_data
        organisation = data["organisation"] or organisation_get_or_create(
            name=data["new_organisation"], kind=data["new_organisation_kind"] or "other"
        )
        try:
            registration, created = services.registration_create(
                meeting=meeting,
                name=data["name"],
                organisation=organisation,
                role=data["role"],
                email=data["email"],
                phone=data["phone"],
                consent=data["consent"],
            )
        except services.RegistrationClosed as closed:
            closed_reason = closed.messages[0]
        else:
            return render(
                request,
                "weekend_ops/registration_done.html",
                {"meeting": meeting, "registration": registration, "created": created},
            )
    return render(
        request,
        "weekend_ops/meeting_register.html",
        {"meeting": meeting, "form": form, "closed_reason": closed_reason},
        status=200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link in the partner's e-mail: GET asks, POST cancels (mail scanners only GET)."""
    try:
        registration = registration_from_cancel_token(token)
    except BadLink:
        return render(request, "weekend_ops/registration_bad_link.html", status=400)
    meeting = registration.meeting
    if meeting.start <= timezone.now():
        return render(
            request, "weekend_ops/registration_bad_link.html", {"started": True}, status=400
        )
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        services.registration_cancel(registration=registration)
        registration.refresh_from_db()
        return render(
            request, "weekend_ops/registration_cancelled.html", {"registration": registration}
        )
    return render(request, "weekend_ops/registration_cancel.html", {"registration": registration})


# --- Officers ------------------------------------------------------------------------------


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.of_area(portal_area()).select_related("borough"), pk=pk
    )


@officer_required
def meeting_manage(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.of_area(portal_area()).select_related("borough")[:100]
    return render(request, "weekend_ops/meeting_manage.html", {"meetings": meetings})


@officer_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    meeting = _meeting(pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting, policing_area=portal_area())
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        messages.success(request, _("Mötet är sparat."))
        return redirect(meeting)
    title = _("Ändra möte") if meeting else _("Nytt samverkansmöte")
    return render(request, "weekend_ops/meeting_form.html", {"form": form, "title": title})


@officer_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    registrations = meeting.registrations.select_related("organisation")
    attendance = AttendanceForm(
        meeting=meeting, initial={"attended": [r.pk for r in registrations if r.attended]}
    )
    return render(
        request,
        "weekend_ops/meeting_detail.html",
        {
            "meeting": meeting,
            "registrations": registrations,
            "attendance": attendance,
            "invitation_url": request.build_absolute_uri(meeting.get_invitation_url()),
        },
    )


@officer_required
@require_POST
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = AttendanceForm(request.POST, meeting=meeting)
    if form.is_valid():
        services.attendance_mark(
            meeting=meeting, attended=[r.pk for r in form.cleaned_data["attended"]]
        )
        messages.success(request, _("Närvaron är sparad."))
    else:
        messages.error(request, _("Närvaron kunde inte sparas. Försök igen."))
    return redirect(meeting)


@officer_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    told = services.meeting_cancel(meeting=meeting)
    messages.success(
        request, _("Mötet är inställt. %(n)d anmälda får besked via e-post.") % {"n": told}
    )
    return redirect(meeting)


ATTENDANCE_COLUMNS = [
    _("Namn"),
    _("Organisation"),
    _("Typ"),
    _("Roll"),
    _("E-post"),
    _("Telefon"),
    _("Status"),
    _("Närvarade"),
]


def _attendance_rows(meeting: Meeting) -> list[list[str]]:
    yes, no = _("Ja"), _("Nej")
    return [
        [
            r.name,
            r.organisation.name,
            r.organisation.get_kind_display(),
            r.role,
            r.email,
            r.phone,
            r.get_status_display(),
            "" if r.attended is None else (yes if r.attended else no),
        ]
        for r in meeting.registrations.active().select_related("organisation")
    ]


@officer_required
def attendance_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = _meeting(pk)
    header = [str(c) for c in ATTENDANCE_COLUMNS]
    rows = _attendance_rows(meeting)
    filename = f"narvaro-{timezone.localtime(meeting.start):%Y-%m-%d}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Närvaro")
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@officer_required
@require_http_methods(["GET", "POST"])
def calendar_link(request: HttpRequest) -> HttpResponse:
    """The officer's own secret feed address; POST makes a new one (the old stops working)."""
    token, _created = CalendarToken.objects.get_or_create(user=request.user)
    if request.method == "POST":
        token.delete()
        token = CalendarToken.objects.create(user=request.user)
        messages.success(
            request, _("Du har fått en ny kalenderlänk. Den gamla fungerar inte längre.")
        )
        return redirect("weekend_ops:calendar_link")
    url = request.build_absolute_uri(reverse("weekend_ops:calendar_feed", args=[token.token]))
    return render(request, "weekend_ops/calendar_link.html", {"url": url})


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Meetings for a staff calendar app, which sends no cookie: the secret token is the key."""
    calendar_token = (
        CalendarToken.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if calendar_token is None:
        raise Http404
    since = timezone.now() - timedelta(days=90)
    meetings = Meeting.objects.of_area(portal_area()).filter(start__gte=since).order_by("start")
    response = HttpResponse(meetings_feed(meetings), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def capability(request: HttpRequest) -> HttpResponse:
    year = requested_year(request)
    figures = collective_capability(area_id=portal_area().pk, year=year)
    return render(request, "weekend_ops/capability.html", {"figures": figures, "year": year})
