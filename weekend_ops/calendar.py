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


def _event(meeting: Meeting, *, registration: Registration | None = None) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{settings.PORTAL_CALENDAR_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.start)
    event.add("dtend", meeting.end)
    event.add("summary", meeting.title)
    event.add("location", meeting_location(meeting))
    description = [meeting.description, meeting.directions]
    if meeting.status == MeetingStatus.CANCELLED:
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


def _calendar(
    meetings: Iterable[Meeting],
    *,
    method: str | None = None,
    registration: Registration | None = None,
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Medborgarlöften//Samverkansmöten//SV")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    for meeting in meetings:
        calendar.add_component(_event(meeting, registration=registration))
    return calendar.to_ical()


def meeting_ics(meeting: Meeting, *, registration: Registration | None = None) -> bytes:
    """The meeting as a calendar file to attach to ``registration``'s e-mail (in the active
    language): tentative while the registration waits for a seat."""
    method = "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "PUBLISH"
    return _calendar([meeting], method=method, registration=registration)


def meetings_feed(meetings: Iterable[Meeting]) -> bytes:
    return _calendar(meetings)
