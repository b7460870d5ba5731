"""Meetings as iCalendar: one event for an e-mail attachment, or a feed for staff calendars."""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Meeting, MeetingStatus, Registration, RegistrationStatus


def meeting_location(meeting: Meeting) -> str:
    """Where it is, as one line: the venue and its street address."""
    return ", ".join(part for part in (meeting.venue, meeting.address) if part)


def registration_uid(registration: Registration) -> str:
    """The one event every calendar file sent to ``registration`` describes: its UID is the
    registration's (not the meeting's), so an update or a cancellation replaces the event in
    the partner's calendar instead of adding another."""
    return f"registration-{registration.pk}@{settings.PORTAL_CALENDAR_DOMAIN}"


def _event(
    meeting: Meeting,
    *,
    registration: Registration | None = None,
    sequence: int | None = None,
) -> Event:
    event = Event()
    if registration is None:
        event.add("uid", f"meeting-{meeting.pk}@{settings.PORTAL_CALENDAR_DOMAIN}")
    else:
        event.add("uid", registration_uid(registration))
    if sequence is not None:
        event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.start)
    event.add("dtend", meeting.end)
    event.add("summary", meeting.title)
    event.add("location", meeting_location(meeting))
    description = [meeting.description, meeting.directions]
    if _cancelled(meeting, registration):
        status = "CANCELLED"
    elif registration is not None and registration.status == RegistrationStatus.WAITLISTED:
        # Not a seat yet: the partner's calendar must not show the meeting as certain.
        status = "TENTATIVE"
        description.insert(0, _("Du står på väntelistan och har ingen plats än."))
    else:
        status = "CONFIRMED"
    text = "\n\n".join(part for part in description if part)
    if text:
        event.add("description", text)
    event.add("status", status)
    return event


def _cancelled(meeting: Meeting, registration: Registration | None) -> bool:
    return meeting.status == MeetingStatus.CANCELLED or (
        registration is not None and registration.status == RegistrationStatus.CANCELLED
    )


def _calendar(events: Iterable[Event], *, method: str | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Medborgarlöften//Samverkansmöten//SV")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def registration_ics(registration: Registration, *, sequence: int) -> bytes:
    """The meeting as ``registration`` stands now, as a calendar file for its e-mail (in the
    active language): tentative while it waits for a seat, a cancellation (``METHOD:CANCEL``)
    once it or the meeting is cancelled. Every file of one registration has its UID, and
    ``sequence`` rises with each one sent, so calendars update the one event."""
    meeting = registration.meeting
    method = "CANCEL" if _cancelled(meeting, registration) else "PUBLISH"
    event = _event(meeting, registration=registration, sequence=sequence)
    return _calendar([event], method=method)


def meetings_feed(meetings: Iterable[Meeting]) -> bytes:
    """Staff's feed: one event per meeting (its own UID, not a partner's)."""
    return _calendar(_event(meeting) for meeting in meetings)
