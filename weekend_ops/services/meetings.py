"""Meetings and registrations (PRODUCT.md, "Meetings").

Seats are never over-allocated: a registration takes a seat by a conditional UPDATE
(``seats_taken < seats``) inside its transaction, and a CHECK constraint on the meeting is the
backstop. Cancelling frees the seat and promotes the oldest waitlisted registration in the same
transaction. E-mail goes out as Django tasks once the transaction has committed.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Meeting, MeetingStatus, Registration, RegistrationStatus
from ..tasks import send_meeting_email


class RegistrationClosed(ValidationError):
    """The meeting takes no more registrations; the message says why."""


def _email_later(registration: Registration, kind: str) -> None:
    transaction.on_commit(lambda: send_meeting_email.enqueue(registration.pk, kind))


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


def registration_create(
    *,
    meeting: Meeting,
    name: str,
    organisation,
    email: str,
    role: str = "",
    phone: str = "",
    consent: bool,
    now: datetime | None = None,
    notify: bool = True,
) -> tuple[Registration, bool]:
    """Register a partner: confirmed while seats remain, else waitlisted.

    Registering again with the same e-mail for the same meeting returns the active registration
    (``created`` False). Refused with RegistrationClosed after the deadline or for a meeting that
    is not scheduled. ``notify`` False sends no e-mail (demo data).
    """
    now = now or timezone.now()
    email = email.strip()
    try:
        with transaction.atomic():
            meeting = Meeting.objects.get(pk=meeting.pk)
            if meeting.status != MeetingStatus.SCHEDULED:
                raise RegistrationClosed(
                    _("Mötet är inställt och tar inte emot anmälningar.")
                    if meeting.status == MeetingStatus.CANCELLED
                    else _("Mötet har redan hållits.")
                )
            if now > meeting.registration_deadline:
                raise RegistrationClosed(
                    _(
                        "Sista anmälningsdag var %(deadline)s. Kontakta polisen om du ändå vill delta."
                    )
                    % {
                        "deadline": timezone.localtime(meeting.registration_deadline).strftime(
                            "%Y-%m-%d %H:%M"
                        )
                    }
                )
            existing = meeting.registrations.active().filter(email__iexact=email).first()
            if existing is not None:
                return existing, False
            got_seat = Meeting.objects.filter(pk=meeting.pk, seats_taken__lt=F("seats")).update(
                seats_taken=F("seats_taken") + 1
            )
            registration = Registration(
                meeting=meeting,
                name=name.strip(),
                organisation=organisation,
                role=role.strip(),
                email=email,
                phone=phone.strip(),
                consent=consent,
                status=RegistrationStatus.CONFIRMED if got_seat else RegistrationStatus.WAITLISTED,
                created_at=now,
            )
            registration.person_key = _person_key(email) or registration.person_key
            registration.full_clean(validate_constraints=False)
            registration.save()
            if notify:
                _email_later(registration, registration.status)
            return registration, True
    except IntegrityError:
        # Two registrations with one e-mail at the same moment: the constraint kept one.
        existing = meeting.registrations.active().filter(email__iexact=email).first()
        if existing is None:
            raise
        return existing, False


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
    if not was_confirmed:
        return None
    promoted = (
        meeting.registrations.waitlisted().select_for_update().order_by("created_at", "pk").first()
    )
    if promoted is None:
        Meeting.objects.filter(pk=meeting.pk).update(seats_taken=F("seats_taken") - 1)
        return None
    promoted.status = RegistrationStatus.CONFIRMED
    promoted.save(update_fields=["status"])
    _email_later(promoted, "promoted")
    return promoted


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> int:
    """Cancel a meeting and tell everyone registered; returns how many are told."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status"])
    active = list(meeting.registrations.active())
    for registration in active:
        _email_later(registration, "meeting_cancelled")
    return len(active)


@transaction.atomic
def attendance_mark(*, meeting: Meeting, attended: Iterable[int]) -> None:
    """Mark who attended: the given confirmed registrations did, the other confirmed did not."""
    attended = set(attended)
    confirmed = meeting.registrations.confirmed()
    confirmed.filter(pk__in=attended).update(attended=True)
    confirmed.exclude(pk__in=attended).update(attended=False)
    if meeting.status == MeetingStatus.SCHEDULED and meeting.start <= timezone.now():
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
    return len(ids)
