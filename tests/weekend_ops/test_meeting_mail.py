"""Mail that tells the truth when it is sent (issue 18): each task composes from the
registration as it stands then; every calendar file of one registration has its UID and a higher
SEQUENCE, so the partner's calendar holds one event that follows the registration."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from weekend_ops.calendar import registration_uid
from weekend_ops.models import Meeting
from weekend_ops.services import meeting_cancel, meeting_save, registration_cancel
from weekend_ops.tasks import mail_still_true

from .meeting_factories import make_meeting, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def calendar_of(message) -> tuple[str, dict]:
    """The METHOD and the one event of a mail's calendar file."""
    (name, content, mimetype), *_rest = message.attachments
    assert (name, mimetype) == ("mote.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return str(calendar.get("METHOD")), event


def test_a_delayed_waiting_list_notice_after_a_promotion_sends_only_the_promotion(
    committed, django_capture_on_commit_callbacks
):
    meeting = make_meeting(seats=1)
    with committed():
        first = register(meeting, 1)
    # The second partner's waiting-list notice is queued but runs late (the worker was down).
    with django_capture_on_commit_callbacks(execute=False) as delayed:
        second = register(meeting, 2)
    assert second.status == "waitlisted"
    assert any("_email_later" in c.__qualname__ for c in delayed)
    assert [m.to for m in mail.outbox] == [["person1@example.org"]]
    with committed():
        registration_cancel(registration=first)  # frees the seat: the second is promoted
    sent = {m.to[0]: m for m in mail.outbox}
    promoted = sent["person2@example.org"]
    assert promoted.subject == "Du har fått en plats: Samverkansmöte Farsta"
    assert "None" not in promoted.body
    method, event = calendar_of(promoted)
    assert (method, event["STATUS"], str(event["UID"])) == (
        "PUBLISH",
        "CONFIRMED",
        registration_uid(second),
    )
    before = len(mail.outbox)
    for callback in delayed:  # now the late task runs: its notice is no longer true
        callback()
    assert len(mail.outbox) == before


def test_cancelling_through_the_link_sends_a_calendar_cancellation_of_the_same_event(
    client, committed
):
    meeting = make_meeting(seats=2)
    with committed():
        registration = register(meeting, 1)
    (confirmation,) = mail.outbox
    _method, first_event = calendar_of(confirmation)
    token = re.search(r"/moten/avanmal/([^/\s]+)/", confirmation.body).group(1)
    url = reverse("weekend_ops:registration_cancel", args=[token])
    with committed():
        response = client.post(url)
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    cancellation = mail.outbox[-1]
    assert cancellation.to == ["person1@example.org"]
    assert cancellation.subject == "Du är avanmäld: Samverkansmöte Farsta"
    method, event = calendar_of(cancellation)
    assert (method, event["STATUS"]) == ("CANCEL", "CANCELLED")
    assert str(event["UID"]) == str(first_event["UID"]) == registration_uid(registration)
    assert int(event["SEQUENCE"]) > int(first_event["SEQUENCE"])
    # The UID is the registration's: another registration for the meeting has its own.
    other = register(meeting, 2)
    assert registration_uid(other) != registration_uid(registration)


def test_an_officers_change_and_cancellation_update_the_partners_one_event(committed):
    meeting = make_meeting(seats=2)
    with committed():
        registration = register(meeting, 1)
    _method, invited = calendar_of(mail.outbox[-1])
    edited = Meeting.objects.get(pk=meeting.pk)
    edited.start += timedelta(hours=1)
    edited.end += timedelta(hours=1)
    edited.venue = "Farsta bibliotek"
    with committed():
        meeting_save(meeting=edited, fields=["start", "end", "venue"])
    changed = mail.outbox[-1]
    assert changed.subject == "Ändrat: Samverkansmöte Farsta"
    assert "Farsta bibliotek" in changed.body
    method, moved = calendar_of(changed)
    assert (method, moved["STATUS"]) == ("PUBLISH", "CONFIRMED")
    assert moved.decoded("DTSTART") == edited.start.replace(microsecond=0)
    with committed():
        meeting_cancel(meeting=edited, reason="Lokalen är stängd.")
    method, cancelled = calendar_of(mail.outbox[-1])
    assert (method, cancelled["STATUS"]) == ("CANCEL", "CANCELLED")
    uids = {str(e["UID"]) for e in (invited, moved, cancelled)}
    assert uids == {registration_uid(registration)}
    sequences = [int(e["SEQUENCE"]) for e in (invited, moved, cancelled)]
    assert sequences == sorted(set(sequences))  # strictly rising


def test_an_edit_that_changes_nothing_a_partner_sees_sends_nothing(committed):
    meeting = make_meeting(seats=2)
    register(meeting, 1)
    edited = Meeting.objects.get(pk=meeting.pk)
    edited.seats = 3
    with committed():
        meeting_save(meeting=edited, fields=["seats"])
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("kind", "registration", "meeting", "sent"),
    [
        ("waitlisted", "waitlisted", "scheduled", True),
        ("waitlisted", "confirmed", "scheduled", False),  # promoted since
        ("confirmed", "cancelled", "scheduled", False),
        ("promoted", "confirmed", "scheduled", True),
        ("reminder", "confirmed", "cancelled", False),
        ("status", "waitlisted", "scheduled", True),
        ("cancelled", "cancelled", "scheduled", True),
        ("cancelled", "confirmed", "scheduled", False),  # registered again since
        ("meeting_cancelled", "confirmed", "cancelled", True),
        ("meeting_cancelled", "cancelled", "cancelled", False),
        ("meeting_changed", "waitlisted", "scheduled", True),
        ("meeting_changed", "confirmed", "cancelled", False),
    ],
)
def test_which_queued_mail_is_still_true(kind, registration, meeting, sent):
    assert (
        mail_still_true(kind=kind, registration_status=registration, meeting_status=meeting) is sent
    )
