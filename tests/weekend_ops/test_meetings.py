"""Seats, waitlist, duplicates, deadline, cancellation and promotion, e-mail, reminders, purge."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from icalendar import Calendar

from weekend_ops.links import BadLink, cancel_token, registration_from_cancel_token
from weekend_ops.models import Meeting, Registration, RegistrationStatus
from weekend_ops.selectors import collective_capability
from weekend_ops.services import (
    AttendanceNotOpen,
    RegistrationClosed,
    attendance_mark,
    meeting_cancel,
    meeting_save,
    registration_cancel,
    registration_create,
)

from .meeting_factories import make_meeting, organisation, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs what the code inside queued for after commit (the e-mail
    tasks), as a real commit would; the test's own transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_registrations_are_confirmed_while_seats_remain_then_waitlisted():
    meeting = make_meeting(seats=2)
    statuses = [register(meeting, n).status for n in range(4)]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    meeting.refresh_from_db()
    assert (meeting.seats_taken, meeting.seats_left) == (2, 0)


def test_registering_again_with_the_same_email_returns_the_first_registration():
    meeting = make_meeting()
    first, created = registration_create(
        meeting=meeting,
        name="Anna",
        organisation=organisation(),
        email="anna@example.org",
        consent=True,
    )
    again, created_again = registration_create(
        meeting=meeting,
        name="Anna B",
        organisation=organisation(),
        email=" ANNA@example.org ",
        consent=True,
    )
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert meeting.registrations.count() == 1
    meeting.refresh_from_db()
    assert meeting.seats_taken == 1


def test_the_database_keeps_one_active_registration_per_email():
    meeting = make_meeting()
    register(meeting, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            meeting=meeting,
            name="x",
            organisation=organisation(),
            email="PERSON1@example.org",
            consent=True,
            status="waitlisted",
        )


def test_the_database_never_lets_seats_be_overbooked():
    meeting = make_meeting(seats=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(seats_taken=2)


def test_after_the_deadline_registration_is_refused_with_the_date():
    meeting = make_meeting()
    with pytest.raises(RegistrationClosed, match="Sista anmälningsdag var"):
        registration_create(
            meeting=meeting,
            name="Sen",
            organisation=organisation(),
            email="sen@example.org",
            consent=True,
            now=meeting.registration_deadline + timedelta(minutes=1),
        )
    assert meeting.registrations.count() == 0


def test_a_cancelled_meeting_takes_no_registrations():
    meeting = make_meeting()
    meeting_cancel(meeting=meeting)
    with pytest.raises(RegistrationClosed, match="inställt"):
        register(meeting, 1)


def test_cancelling_frees_the_seat_for_the_oldest_on_the_waitlist(committed):
    meeting = make_meeting(seats=1)
    first = register(meeting, 1)
    second = register(meeting, 2)
    third = register(meeting, 3)
    with committed():
        promoted = registration_cancel(registration=first)
    emails = mail.outbox
    assert promoted == second
    statuses = {r.name: r.status for r in meeting.registrations.all()}
    assert statuses == {"Person 1": "cancelled", "Person 2": "confirmed", "Person 3": "waitlisted"}
    meeting.refresh_from_db()
    assert meeting.seats_taken == 1
    subjects = {m.to[0]: m.subject for m in emails}
    assert len(emails) == 2 and subjects == {
        "person1@example.org": "Du är avanmäld: Samverkansmöte Farsta",
        "person2@example.org": "Du har fått en plats: Samverkansmöte Farsta",
    }
    assert third.status == "waitlisted"


def test_cancelling_without_a_waitlist_frees_the_seat_and_cancelling_a_waitlisted_frees_none():
    meeting = make_meeting(seats=2)
    first = register(meeting, 1)
    assert registration_cancel(registration=first) is None
    meeting.refresh_from_db()
    assert meeting.seats_taken == 0
    register(meeting, 2)
    register(meeting, 3)
    waiting = register(meeting, 4)
    registration_cancel(registration=waiting)
    meeting.refresh_from_db()
    assert meeting.seats_taken == 2
    assert registration_cancel(registration=waiting) is None  # twice is harmless
    # A cancelled e-mail may register again.
    assert register(meeting, 1).status == "waitlisted"


def test_confirmation_email_carries_a_valid_calendar_file_and_a_cancel_link(committed):
    meeting = make_meeting(seats=1)
    with committed():
        confirmed = register(meeting, 1)
        register(meeting, 2)
    emails = mail.outbox
    assert [m.subject for m in emails] == [
        "Du är anmäld: Samverkansmöte Farsta",
        "Du står på väntelistan: Samverkansmöte Farsta",
    ]
    message = emails[0]
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("mote.ics", "text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event["SUMMARY"] == "Samverkansmöte Farsta"
    assert event.decoded("DTSTART") == meeting.start.replace(microsecond=0)
    assert event["LOCATION"] == "Farsta medborgarhus, Farstaplan 10, Farsta"
    assert event["STATUS"] == "CONFIRMED"
    token = re.search(r"/moten/avanmal/([^/\s]+)/", message.body).group(1)
    assert registration_from_cancel_token(token) == confirmed


def test_cancelling_a_meeting_tells_everyone_registered(committed):
    meeting = make_meeting(seats=1)
    register(meeting, 1)
    register(meeting, 2)
    with committed():
        assert meeting_cancel(meeting=meeting) == 2
    emails = mail.outbox
    assert sorted(m.to[0] for m in emails) == ["person1@example.org", "person2@example.org"]
    assert all(m.subject.startswith("Inställt:") for m in emails)
    event = Calendar.from_ical(emails[0].attachments[0][1]).walk("VEVENT")[0]
    assert event["STATUS"] == "CANCELLED"


def test_a_tampered_link_or_another_registrations_key_is_refused():
    meeting = make_meeting()
    registration = register(meeting, 1)
    token = cancel_token(registration)
    assert registration_from_cancel_token(token) == registration
    for bad in (token[:-3] + "xyz", token.replace(":", ";", 1), "nonsense"):
        with pytest.raises(BadLink):
            registration_from_cancel_token(bad)
    registration.person_key = registration.person_key.__class__(int=1)
    registration.save(update_fields=["person_key"])
    with pytest.raises(BadLink):
        registration_from_cancel_token(token)


def test_a_link_expires():
    registration = register(make_meeting(), 1)
    token = cancel_token(registration)
    with time_machine.travel(timezone.now() + timedelta(days=401)), pytest.raises(BadLink):
        registration_from_cancel_token(token)


def test_reminders_go_the_day_before_once(committed, capsys):
    tomorrow = make_meeting(days_ahead=1)
    later = make_meeting(days_ahead=5)
    register(tomorrow, 1)
    register(later, 2)
    start = timezone.localtime(tomorrow.start)
    with time_machine.travel(start - timedelta(days=1), tick=False), committed():
        call_command("send_meeting_reminders")
        call_command("send_meeting_reminders")
    emails = mail.outbox
    assert "1 påminnelser skickade." in capsys.readouterr().out
    assert [m.to for m in emails] == [["person1@example.org"]]
    assert emails[0].subject == "Påminnelse: Samverkansmöte Farsta i morgon"


def test_attendance_and_collective_capability_by_quarter_and_type():
    start = timezone.localtime().replace(month=2, day=10, hour=17)
    meeting = make_meeting(
        seats=5, start=start, end=start + timedelta(hours=1), registration_deadline=start
    )
    second = make_meeting(
        seats=5,
        start=start.replace(month=5),
        end=start.replace(month=5) + timedelta(hours=1),
        registration_deadline=start.replace(month=5),
    )
    housing = organisation("Bostadsbolaget", "housing_company")
    a = register(meeting, "a", now=start - timedelta(days=3))
    b = register(meeting, "b", organisation=housing, now=start - timedelta(days=3))
    c = register(meeting, "c", now=start - timedelta(days=3))
    a2 = register(second, "a", now=start - timedelta(days=3))  # the same person again in Q2
    attendance_mark(meeting=meeting, attended=[a.pk, b.pk])
    attendance_mark(meeting=second, attended=[a2.pk])
    c.refresh_from_db()
    assert c.attended is False
    figures = collective_capability(area=meeting.borough.policing_area, year=start.year)
    assert (figures["year"].organisations, figures["year"].persons, figures["year"].meetings) == (
        2,
        2,
        2,
    )
    assert [(q.organisations, q.persons) for q in figures["quarters"]] == [
        (2, 2),
        (1, 1),
        (0, 0),
        (0, 0),
    ]
    assert {k["kind"]: k["persons"] for k in figures["year"].by_kind} == {
        "housing_company": 1,
        "security_company": 1,
    }


def test_purge_removes_personal_data_and_history_but_keeps_the_figures(capsys):
    start = timezone.now() - timedelta(days=400)
    meeting = make_meeting(
        seats=5, start=start, end=start + timedelta(hours=1), registration_deadline=start
    )
    recent = make_meeting(
        seats=5, days_ahead=-10, registration_deadline=timezone.now() - timedelta(days=11)
    )
    old = [
        register(meeting, n, phone="070-1234567", now=start - timedelta(days=2)) for n in range(3)
    ]
    attendance_mark(meeting=meeting, attended=[old[0].pk, old[1].pk])
    kept = register(recent, 9, now=recent.start - timedelta(days=2))
    year = timezone.localtime(start).year
    before = collective_capability(area=meeting.borough.policing_area, year=year)
    call_command("purge_personal_data")
    assert "Anmälningar till möten: 3 avidentifierade." in capsys.readouterr().out
    for registration in Registration.objects.filter(meeting=meeting):
        assert (registration.name, registration.email, registration.phone, registration.role) == (
            "",
            "",
            "",
            "",
        )
        assert registration.anonymised_at is not None
    history = Registration.history.filter(id__in=[r.pk for r in old])
    assert history.exists()
    assert not history.exclude(name="").exists() and not history.exclude(email="").exists()
    assert not history.exclude(phone="").exists()
    assert collective_capability(area=meeting.borough.policing_area, year=year) == before
    kept.refresh_from_db()
    assert kept.email == "person9@example.org"  # a meeting 10 days ago is kept


def test_a_person_keeps_one_key_across_meetings():
    first = register(make_meeting(), 1)
    second = register(make_meeting(days_ahead=20), 1, email="PERSON1@example.org")
    other = register(make_meeting(days_ahead=20), 2)
    assert first.person_key == second.person_key != other.person_key


def test_status_values_are_constrained():
    registration = register(make_meeting(), 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=registration.pk).update(status="maybe")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=registration.pk).update(language="klingon")
    with pytest.raises(IntegrityError), transaction.atomic():
        type(registration.organisation).objects.filter(pk=registration.organisation_id).update(
            status="maybe"
        )
    assert registration.status == RegistrationStatus.CONFIRMED


def seats_agree(meeting) -> bool:
    """The seat counter equals the confirmed registrations, within the seats."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    confirmed = meeting.registrations.confirmed().count()
    return meeting.seats_taken == confirmed <= meeting.seats


def test_saving_a_stale_meeting_never_writes_back_its_seat_count():
    meeting = make_meeting(seats=3)
    stale = Meeting.objects.get(pk=meeting.pk)  # an edit form read it ...
    register(meeting, 1)
    register(meeting, 2)  # ... partners registered meanwhile ...
    stale.title = "Nytt namn"
    stale.save()  # ... a whole-row save (the admin) ...
    meeting_save(meeting=stale, fields=["title"])  # ... and the officers' form
    assert Meeting.objects.get(pk=meeting.pk).seats_taken == 2
    register(meeting, 3)
    assert register(meeting, 4).status == "waitlisted"
    assert seats_agree(meeting)


def test_seats_cannot_be_lowered_below_the_confirmed_registrations():
    meeting = make_meeting(seats=3)
    register(meeting, 1)
    register(meeting, 2)
    stale = Meeting.objects.get(pk=meeting.pk)
    stale.seats = 1
    with pytest.raises(ValidationError) as refused:
        meeting_save(meeting=stale, fields=["seats"])
    assert refused.value.message_dict["seats"] == [
        "2 partner har redan bekräftade platser. Ange minst 2 platser."
    ]
    assert Meeting.objects.get(pk=meeting.pk).seats == 3


def test_deleting_a_confirmed_registration_frees_its_seat_and_promotes(committed):
    meeting = make_meeting(seats=1)
    first = register(meeting, 1)
    waiting = register(meeting, 2)
    with committed():
        first.delete()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert mail.outbox[-1].subject.startswith("Du har fått en plats")
    assert seats_agree(meeting)
    Registration.objects.filter(pk=waiting.pk).delete()  # a queryset delete, too
    assert Meeting.objects.get(pk=meeting.pk).seats_taken == 0
    register(meeting, 3).delete()
    assert seats_agree(meeting) and Meeting.objects.get(pk=meeting.pk).seats_taken == 0


def test_a_waitlisted_partners_calendar_file_is_tentative_and_tells_their_place(committed):
    meeting = make_meeting(seats=1)
    register(meeting, 1)
    with committed():
        register(meeting, 2)
        third = register(meeting, 3)
    message = mail.outbox[-1]
    assert message.to == ["person3@example.org"]
    assert "på plats 2" in message.body
    assert "Vill du inte längre stå på väntelistan?" in message.body
    assert "så går platsen till någon på väntelistan" not in message.body
    event = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert event["STATUS"] == "TENTATIVE"
    assert "väntelistan" in str(event["DESCRIPTION"])
    assert third.waitlist_position() == 2


def test_a_partner_who_registered_in_english_gets_english_e_mail(committed):
    meeting = make_meeting(seats=1)
    with committed():
        register(meeting, 1, language="en")
        register(meeting, 2, language="en")
    confirmed, waiting = mail.outbox
    assert confirmed.subject == "You are registered: Samverkansmöte Farsta"
    assert "Hello Person 1!" in confirmed.body and "/en/moten/avanmal/" in confirmed.body
    assert waiting.subject == "You are on the waiting list: Samverkansmöte Farsta"
    event = Calendar.from_ical(waiting.attachments[0][1]).walk("VEVENT")[0]
    assert "waiting list" in str(event["DESCRIPTION"])


def test_the_cancellation_e_mail_carries_the_reason(committed):
    meeting = make_meeting()
    register(meeting, 1)
    with committed():
        meeting_cancel(meeting=meeting, reason="Lokalen är vattenskadad.")
    assert "Skäl: Lokalen är vattenskadad." in mail.outbox[-1].body


def test_a_title_with_a_line_break_does_not_break_the_e_mail(committed):
    meeting = make_meeting(title="Möte\r\nBcc: x@example.org")
    with committed():
        register(meeting, 1)
    assert mail.outbox[-1].subject == "Du är anmäld: Möte Bcc: x@example.org"


def test_a_registration_reads_without_the_partners_name_or_e_mail():
    registration = register(make_meeting(), 1, name="Anna Hemlig", email="anna.h@example.org")
    text = str(registration)
    assert "Anna" not in text and "anna.h" not in text
    assert text.startswith(f"Anmälan {registration.pk} till Samverkansmöte Farsta")


def test_more_seats_go_to_the_waiting_list_at_once(committed):
    meeting = make_meeting(seats=1)
    register(meeting, 1)
    second, third = register(meeting, 2), register(meeting, 3)
    stale = Meeting.objects.get(pk=meeting.pk)
    stale.seats = 2
    with committed():
        meeting_save(meeting=stale, fields=["seats"])
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("confirmed", "waitlisted")
    assert third.waitlist_position() == 1
    assert [m.to for m in mail.outbox] == [["person2@example.org"]]
    assert seats_agree(meeting)


def test_plain_text_e_mails_are_not_html_escaped(committed):
    meeting = make_meeting(title="Trygghet & trivsel <Farsta>", venue='Café "Torget"')
    with committed():
        register(meeting, 1, name="Anna & Bo O'Neil")
    with committed():
        meeting_cancel(meeting=meeting, reason="Lokalen & taket läcker.")
    confirmed, cancelled = mail.outbox
    for message in (confirmed, cancelled):
        assert "&amp;" not in message.body and "&lt;" not in message.body
        assert "&#x27;" not in message.body and "&quot;" not in message.body
        assert "Hej Anna & Bo O'Neil!" in message.body
        assert "Trygghet & trivsel <Farsta>" in message.body
        assert 'Café "Torget"' in message.body
    assert "Skäl: Lokalen & taket läcker." in cancelled.body


def test_attendance_before_the_start_is_refused_and_a_cancelled_meeting_has_none():
    meeting = make_meeting(seats=3, days_ahead=2)
    a = register(meeting, 1)
    with pytest.raises(AttendanceNotOpen, match="först när mötet har börjat"):
        attendance_mark(meeting=meeting, attended=[a.pk])
    a.refresh_from_db()
    meeting.refresh_from_db()
    assert (a.attended, meeting.status) == (None, "scheduled")
    attendance_mark(meeting=meeting, attended=[a.pk], now=meeting.start)
    a.refresh_from_db()
    assert a.attended is True
    cancelled = make_meeting(seats=3, days_ahead=2)
    b = register(cancelled, 2)
    meeting_cancel(meeting=cancelled, reason="Lokalen är stängd")
    with pytest.raises(AttendanceNotOpen, match="inställt"):
        attendance_mark(meeting=cancelled, attended=[b.pk], now=cancelled.end)


def test_only_held_meetings_count_in_the_collective_capability():
    meeting = make_meeting(seats=3, days_ahead=2)
    a = register(meeting, 1)
    attendance_mark(meeting=meeting, attended=[a.pk], now=meeting.start)
    area, year = meeting.borough.policing_area, timezone.localtime(meeting.start).year
    # Marked (as the officer may from the start) but, asked before the start, not yet held.
    before = collective_capability(area=area, year=year, now=meeting.start - timedelta(hours=1))
    after = collective_capability(area=area, year=year, now=meeting.start)
    assert (before["year"].persons, before["year"].meetings) == (0, 0)
    assert (after["year"].persons, after["year"].meetings) == (1, 1)
