"""Meetings and registrations (docs/rules.md#meetings).

Seats are never over-allocated and the seat counter always equals the confirmed registrations:
every write that touches a meeting's seats or registrations (registering, cancelling, deleting a
registration, an officer's edit) locks the meeting row first, and a CHECK constraint on the
meeting is the backstop. Cancelling frees the seat and promotes the oldest waitlisted
registration in the same transaction. E-mail goes out as Django tasks once the transaction has committed.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from promises.models import Organisation, OrganisationKind, OrganisationStatus
from promises.services import organisation_for_partner, organisations_forgotten_delete

from ..models import Meeting, MeetingStatus, Registration, RegistrationStatus
from ..tasks import send_meeting_email


class RegistrationClosed(ValidationError):
    """The meeting takes no more registrations; the message says why."""


class AttendanceNotOpen(ValidationError):
    """Attendance cannot be marked (the meeting has not started, or is cancelled)."""


# What a registered partner is told about when an officer changes it.
PARTNER_FACTS = ("title", "start", "end", "venue", "address", "directions", "borough_id")


def _email_later(registration: Registration, kind: str) -> None:
    """Queue the mail once the write has committed (at once outside a transaction); the task
    gets ids only and composes the mail when it runs."""
    registration_id = registration.pk
    transaction.on_commit(lambda: send_meeting_email.enqueue(registration_id, kind))


def _person_key(email: str):
    """The pseudonym of whoever registers with ``email``: shared with their earlier
    registrations that still hold the address, else new."""
    if not email:
        return None
    return (
        Registration.objects.filter(email__iexact=email)
        .order_by("-created_at")
        .values_list("person_key", flat=True)
        .first()
    )


def _locked(meeting: Meeting) -> Meeting:
    """The meeting row, locked until the transaction ends: every write that touches seats or
    registrations of a meeting takes this lock first, so they happen one after the other."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _open_for_registration(meeting: Meeting, *, now: datetime):
    """The meeting's row while it takes registrations and has a seat left (else nothing): the
    conditions of ``Meeting.registration_closed_reason`` and of a free seat, in SQL."""
    return Meeting.objects.filter(
        pk=meeting.pk,
        status=MeetingStatus.SCHEDULED,
        registration_deadline__gte=now,
        seats_taken__lt=F("seats"),
    )


def registration_create(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    organisation_kind: str = OrganisationKind.OTHER,
    role: str = "",
    phone: str = "",
    consent: bool,
    language: str = "sv",
    now: datetime | None = None,
    notify: bool = True,
) -> tuple[Registration, bool]:
    """Register a partner: confirmed while seats remain, else waitlisted.

    The organisation is ``organisation``, or the one the partner typed (``organisation_name``:
    a known one in any case, else a new one that waits for staff review), made in the same
    transaction, so a refused registration leaves nothing behind.

    Registering again with the same e-mail for the same meeting returns the active registration
    (``created`` False) and e-mails its holder their status. Refused with RegistrationClosed
    after the deadline or for a meeting that is not scheduled. ``notify`` False sends no e-mail
    (demo data).

    Everything that does not need the seats (the organisation, the person's pseudonym, the
    field checks) happens before the meeting's row is locked; under the lock there is only the
    seat (one conditional update of the counter, which takes the lock), the insert and the
    commit, so registrations for one meeting queue for a few milliseconds each. The e-mail is queued after the commit and composed by its task.
    """
    now = now or timezone.now()
    email = email.strip()
    closed = meeting.registration_closed_reason(now)
    if closed is not None:  # asked again under the lock: this only spares the work
        raise RegistrationClosed(closed)
    person_key = _person_key(email)
    try:
        with transaction.atomic():
            if organisation is None:
                organisation = organisation_for_partner(
                    name=organisation_name, kind=organisation_kind
                )
            registration = Registration(
                meeting=meeting,
                name=name.strip(),
                organisation=organisation,
                role=role.strip(),
                email=email,
                phone=phone.strip(),
                consent=consent,
                language=language,
                status=RegistrationStatus.CONFIRMED,
                created_at=now,
            )
            registration.person_key = person_key or registration.person_key
            # The relations were just read or made: their existence needs no query here.
            registration.full_clean(exclude=["meeting", "organisation"], validate_constraints=False)
            # --- the locked section: from here to the commit ---
            # A free seat is taken in one statement, which locks the meeting's row (as
            # _locked does) only if the meeting is open and has a seat left.
            got_seat = _open_for_registration(meeting, now=now).update(
                seats_taken=F("seats_taken") + 1
            )
            if not got_seat:
                # Full or closed: lock the row, then say why, or (a seat freed since the
                # statement above) take it, or wait for one.
                meeting = _locked(meeting)
                closed = meeting.registration_closed_reason(now)
                if closed is not None:
                    raise RegistrationClosed(closed)
                if meeting.seats_taken < meeting.seats:
                    Meeting.objects.filter(pk=meeting.pk).update(seats_taken=F("seats_taken") + 1)
                else:
                    registration.status = RegistrationStatus.WAITLISTED
            registration.meeting = meeting
            # An address already registered for the meeting is refused here by the database
            # (registration_one_active_per_email): no query for it under the lock.
            registration.save()
    except IntegrityError:
        # The address has an active registration for the meeting (made earlier, or at the
        # same moment): it stands, and its holder is told their status.
        existing = (
            Registration.objects.active()
            .filter(meeting_id=meeting.pk, email__iexact=email)
            .exclude(email="")
            .first()
        )
        if existing is None:
            raise
        if notify:
            _email_later(existing, "status")
        return existing, False
    if notify:
        _email_later(registration, registration.status)
    return registration, True


def _free_seat(meeting: Meeting) -> Registration | None:
    """A confirmed registration of the (locked) meeting has gone: its seat goes to the oldest
    waitlisted registration, who is told by e-mail, or back to the free seats."""
    promoted = (
        meeting.registrations.waitlisted().select_for_update().order_by("created_at", "pk").first()
    )
    if promoted is None:
        # Never below zero, whatever happened before: a partner's cancel link must not fail.
        Meeting.objects.filter(pk=meeting.pk, seats_taken__gt=0).update(
            seats_taken=F("seats_taken") - 1
        )
        return None
    promoted.status = RegistrationStatus.CONFIRMED
    promoted.save(update_fields=["status"])
    _email_later(promoted, "promoted")
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel a registration; a freed seat goes to the oldest waitlisted registration, who is
    told by e-mail. Returns the promoted registration, if any."""
    meeting = Meeting.objects.select_for_update().get(pk=registration.meeting_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return None
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    # The partner's confirmation, with a calendar file that removes the event.
    _email_later(registration, "cancelled")
    if not was_confirmed:
        return None
    return _free_seat(meeting)


@transaction.atomic
def registration_before_delete(*, registration: Registration) -> Registration | None:
    """A registration is being deleted (the admin, a cascade): if it held a seat, the seat is
    freed and promoted exactly as a cancellation would. Runs inside the delete's transaction."""
    meeting = Meeting.objects.select_for_update().filter(pk=registration.meeting_id).first()
    stored = Registration.objects.select_for_update().filter(pk=registration.pk).first()
    if meeting is None or stored is None or stored.status != RegistrationStatus.CONFIRMED:
        return None
    # Out of the queue first, so that it is not promoted into its own seat.
    Registration.objects.filter(pk=stored.pk).update(status=RegistrationStatus.CANCELLED)
    return _free_seat(meeting)


@transaction.atomic
def meeting_save(*, meeting: Meeting, fields: Iterable[str] | None = None) -> Meeting:
    """Create a meeting, or save an officer's changes to ``fields`` of an existing one.

    The row is locked and checked again under the lock, so seats are never lowered below the
    confirmed registrations made since the form was shown; the seat counter is never written
    from the form (raises ValidationError by field). Added seats go to the waiting list."""
    if meeting.pk is None:
        meeting.full_clean()
        meeting.save()
        return meeting
    locked = _locked(meeting)
    meeting.seats_taken = locked.seats_taken
    meeting.full_clean()
    update_fields = None if fields is None else [f for f in fields if f != "seats_taken"]
    meeting.save(update_fields=update_fields)
    if meeting.status == MeetingStatus.SCHEDULED:
        promoted = _fill_free_seats(meeting)
        if any(getattr(locked, f) != getattr(meeting, f) for f in PARTNER_FACTS):
            # Those registered get the meeting as it is now (their calendar event is updated);
            # the newly promoted get their own mail, which says the same and more.
            told = {r.pk for r in promoted}
            for registration in meeting.registrations.active().exclude(pk__in=told):
                _email_later(registration, "meeting_changed")
    return meeting


def _fill_free_seats(meeting: Meeting) -> list[Registration]:
    """More seats on the (locked) meeting: they go to the waiting list, oldest first, at once."""
    free = meeting.seats - meeting.seats_taken
    if free <= 0:
        return []
    promoted = list(
        meeting.registrations.waitlisted().select_for_update().order_by("created_at", "pk")[:free]
    )
    if not promoted:
        return []
    Registration.objects.filter(pk__in=[r.pk for r in promoted]).update(
        status=RegistrationStatus.CONFIRMED
    )
    Meeting.objects.filter(pk=meeting.pk).update(seats_taken=F("seats_taken") + len(promoted))
    meeting.seats_taken += len(promoted)
    for registration in promoted:
        _email_later(registration, "promoted")
    return promoted


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str = "") -> int:
    """Cancel a meeting and tell everyone registered why; returns how many are told."""
    meeting = _locked(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        return 0
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancellation_reason = reason.strip()
    meeting.save(update_fields=["status", "cancellation_reason"])
    active = list(meeting.registrations.active())
    for registration in active:
        _email_later(registration, "meeting_cancelled")
    return len(active)


@transaction.atomic
def attendance_mark(
    *, meeting: Meeting, attended: Iterable[int], now: datetime | None = None
) -> None:
    """Mark who attended: the given confirmed registrations did, the other confirmed did not.
    Refused with AttendanceNotOpen before the meeting's start or for a cancelled meeting."""
    meeting = _locked(meeting)
    closed = meeting.attendance_closed_reason(now)
    if closed is not None:
        raise AttendanceNotOpen(closed)
    attended = set(attended)
    confirmed = meeting.registrations.confirmed()
    confirmed.filter(pk__in=attended).update(attended=True)
    confirmed.exclude(pk__in=attended).update(attended=False)
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])


def meeting_reminders_send(*, now: datetime | None = None) -> int:
    """Remind confirmed partners of meetings that start tomorrow (local date); once each."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    due = (
        Registration.objects.confirmed()
        .filter(
            meeting__status=MeetingStatus.SCHEDULED,
            meeting__start__date=tomorrow,
            reminder_sent_at__isnull=True,
        )
        .exclude(email="")
    )
    count = 0
    for registration in due:
        with transaction.atomic():
            updated = Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if updated:
                _email_later(registration, "reminder")
                count += 1
    return count


@transaction.atomic
def registrations_purge(*, older_than_days: int, now: datetime | None = None) -> int:
    """Anonymise registrations for meetings that ended more than ``older_than_days`` ago,
    their audit history included. Organisation, status, attendance and the random person key
    stay, so the attendance figures are unchanged."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        anonymised_at__isnull=True, meeting__end__lt=now - timedelta(days=older_than_days)
    )
    ids = list(due.values_list("pk", flat=True))
    blank = {"name": "", "email": "", "phone": "", "role": ""}
    Registration.objects.filter(pk__in=ids).update(**blank, anonymised_at=now)
    Registration.history.filter(id__in=ids).update(**blank, anonymised_at=now)
    # An organisation the partner typed and nobody accepted counted nowhere: its name goes
    # with the rest, and once no registration names it, so does the organisation (and its
    # history).
    typed = Registration.objects.filter(
        pk__in=ids, organisation__status=OrganisationStatus.TO_REVIEW
    )
    typed_ids = set(typed.values_list("organisation_id", flat=True))
    if typed_ids:
        typed.update(organisation=None)
        Registration.history.filter(id__in=ids, organisation_id__in=typed_ids).update(
            organisation=None
        )
        organisations_forgotten_delete(ids=typed_ids)
    return len(ids)


def registration_history_of_deleted_purge(
    *, older_than_days: int, now: datetime | None = None
) -> int:
    """Blank the personal fields in the audit history of registrations deleted (e.g. in the
    admin) more than ``older_than_days`` ago: the live row is gone, so registrations_purge never
    sees them (issue 13, §3)."""
    now = now or timezone.now()
    live = Registration.objects.values("pk")
    deleted_ids = (
        Registration.history.filter(
            history_type="-", history_date__lt=now - timedelta(days=older_than_days)
        )
        .exclude(id__in=live)
        .values("id")
    )
    blank = {"name": "", "email": "", "phone": "", "role": ""}
    rows = Registration.history.filter(id__in=deleted_ids).exclude(**blank)
    return rows.update(**blank)
