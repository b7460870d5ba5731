"""Meetings as iCalendar: one event for an e-mail attachment, or a feed for staff calendars."""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Meeting, MeetingStatus


def _event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{settings.PORTAL_CALENDAR_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.start)
    event.add("dtend", meeting.end)
    event.add("summary", meeting.title)
    event.add("location", meeting.venue)
    if meeting.description:
        event.add("description", meeting.description)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def _calendar(meetings: Iterable[Meeting], *, method: str | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Medborgarlöften Farsta//Samverkansmöten//SV")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return calendar.to_ical()


def meeting_ics(meeting: Meeting) -> bytes:
    """The meeting as a calendar file to attach to an e-mail."""
    method = "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "PUBLISH"
    return _calendar([meeting], method=method)


def meetings_feed(meetings: Iterable[Meeting]) -> bytes:
    return _calendar(meetings)
