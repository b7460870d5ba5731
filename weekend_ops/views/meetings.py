"""Meetings: partners register and cancel without an account; officers run the meetings."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.throttle import allow
from promises.areas import default_public_area, public_area
from promises.models import PolicingArea
from promises.permissions import OFFICER, has_role, officer_required, staff_required
from promises.selectors import requested_year

from .. import services
from ..calendar import meetings_feed
from ..exports import AttendanceExporter, CapabilityExporter
from ..links import BadLink, registration_from_cancel_token
from ..meeting_forms import AttendanceForm, MeetingCancelForm, MeetingForm, RegistrationForm
from ..models import CalendarToken, Meeting, MeetingStatus, RegistrationStatus
from ..selectors import collective_capability

# --- Partners (no account) -----------------------------------------------------------------


def _meeting_list(request: HttpRequest, *, area: PolicingArea) -> HttpResponse:
    """The coming meetings of an area that partners may register for."""
    meetings = Meeting.objects.of_area(area).listed().select_related("borough")
    return render(request, "weekend_ops/meeting_list.html", {"meetings": meetings, "area": area})


# ``/moten/``: the default area's (whoever asks, staff of another area too); ``/<area>/moten/``.
meeting_list = require_GET(default_public_area(_meeting_list))
area_meeting_list = require_GET(public_area(_meeting_list))


def _registration_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def allow_registration(request: HttpRequest) -> bool:
    """Count one registration for this client (``MEETING_REGISTRATION_RATE_LIMIT``)."""
    limit, window = settings.MEETING_REGISTRATION_RATE_LIMIT
    return allow(request, scope="meeting_registration", limit=limit, window=window)


@never_cache
@require_http_methods(["GET", "POST"])
def meeting_register(request: HttpRequest, token: str) -> HttpResponse:
    meeting = (
        Meeting.objects.select_related("borough__policing_area")
        .filter(invitation_token=token)
        .first()
    )
    if meeting is None:
        raise Http404(_("Mötet finns inte eller är inte längre öppet för anmälan."))
    request.area = meeting.borough.policing_area  # the page is about the meeting's area
    closed_reason = meeting.registration_closed_reason()
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and closed_reason is None and form.is_valid():
        # Only registrations that would be made count, so correcting a mistake costs nothing.
        if not allow_registration(request):
            return render(
                request,
                "weekend_ops/meeting_register.html",
                {"meeting": meeting, "form": form, "rate_limited": True},
                status=429,
            )
        data = form.cleaned_data
        try:
            services.registration_create(
                meeting=meeting,
                name=data["name"],
                organisation_name=data["organisation_name"],
                organisation_kind=data["organisation_kind"],
                role=data["role"],
                email=data["email"],
                phone=data["phone"],
                consent=data["consent"],
                language=_registration_language(),
            )
        except services.RegistrationClosed as closed:
            closed_reason = closed.messages[0]
        else:
            # The same page whether the address was new or already registered, confirmed or
            # waiting: it says nothing about anyone's registration. The e-mail tells its holder.
            # The seats after the write (the meeting above was read before it).
            meeting.refresh_from_db(fields=["seats", "seats_taken"])
            return render(
                request,
                "weekend_ops/registration_done.html",
                {"meeting": meeting, "email": data["email"]},
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
    request.area = meeting.borough.policing_area  # the page is about the meeting's area
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
    return render(
        request,
        "weekend_ops/registration_cancel.html",
        {"registration": registration, "position": registration.waitlist_position()},
    )


# --- Officers ------------------------------------------------------------------------------


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting of the user's area (another area's: 404)."""
    return get_object_or_404(Meeting.objects.of_area(request.area).select_related("borough"), pk=pk)


@officer_required
def meeting_manage(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.of_area(request.area).select_related("borough")[:100]
    return render(request, "weekend_ops/meeting_manage.html", {"meetings": meetings})


@officer_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    meeting = _meeting(request, pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting, policing_area=request.area)
    if request.method == "POST" and form.is_valid():
        try:
            # Only the edited fields are written, under a lock: never the seat counter.
            meeting = services.meeting_save(
                meeting=form.save(commit=False), fields=form.changed_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Mötet är sparat."))
            return redirect(meeting)
    title = _("Ändra möte") if meeting else _("Nytt samverkansmöte")
    return render(request, "weekend_ops/meeting_form.html", {"form": form, "title": title})


@officer_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
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
            "attendance_closed": meeting.attendance_closed_reason(),
            "invitation_url": request.build_absolute_uri(meeting.get_invitation_url()),
        },
    )


@officer_required
@require_POST
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = AttendanceForm(request.POST, meeting=meeting)
    closed = meeting.attendance_closed_reason()
    if closed is not None:
        messages.error(request, closed)
    elif form.is_valid():
        try:
            services.attendance_mark(
                meeting=meeting, attended=[r.pk for r in form.cleaned_data["attended"]]
            )
        except services.AttendanceNotOpen as refused:
            messages.error(request, refused.messages[0])
        else:
            messages.success(request, _("Närvaron är sparad."))
    else:
        messages.error(request, _("Närvaron kunde inte sparas. Försök igen."))
    return redirect(meeting)


@officer_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancelling e-mails everyone registered: GET shows who will be told and asks why; POST
    cancels."""
    meeting = _meeting(request, pk)
    if meeting.status != MeetingStatus.SCHEDULED:
        messages.info(request, _("Mötet är inte planerat och kan inte ställas in."))
        return redirect(meeting)
    form = MeetingCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        told = services.meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            ngettext(
                "Mötet är inställt. %(n)d anmäld får besked via e-post.",
                "Mötet är inställt. %(n)d anmälda får besked via e-post.",
                told,
            )
            % {"n": told},
        )
        return redirect(meeting)
    told = meeting.registrations.active().select_related("organisation")
    return render(
        request,
        "weekend_ops/meeting_cancel.html",
        {"meeting": meeting, "form": form, "told": told},
    )


@officer_required
def attendance_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return AttendanceExporter(_meeting(request, pk)).response(fmt, area=request.area)


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
    # The feed lives only while its owner is an officer (losing the role also deletes it) of
    # some area; it has the meetings of every area they work in (a superuser's: all).
    if calendar_token is None or not has_role(calendar_token.user, OFFICER):
        raise Http404
    areas = PolicingArea.objects.of_staff(calendar_token.user)
    if not areas.exists():
        raise Http404
    since = timezone.now() - timedelta(days=90)
    meetings = Meeting.objects.of_areas(areas).filter(start__gte=since).order_by("start")
    response = HttpResponse(meetings_feed(meetings), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def capability(request: HttpRequest) -> HttpResponse:
    year = requested_year(request)
    figures = collective_capability(area=request.area, year=year)
    return render(request, "weekend_ops/capability.html", {"figures": figures, "year": year})


@staff_required
def capability_export(request: HttpRequest, fmt: str) -> HttpResponse:
    year = requested_year(request)
    figures = collective_capability(area=request.area, year=year)
    return CapabilityExporter(figures, year=year).response(fmt, area=request.area)
