"""E-mail to partners, sent as Django tasks (after the transaction that caused it commits).

A task gets ids only and composes its mail from the registration as it stands when it runs: a
mail that is no longer true is not sent (a waiting-list notice for someone promoted since, a
confirmation for a registration cancelled since), so a delayed or retried task never tells a
partner something stale (docs/rules.md#meetings)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal import mail_queue

EMAIL_SUBJECTS = {
    "confirmed": _("Du är anmäld: %(title)s"),
    "waitlisted": _("Du står på väntelistan: %(title)s"),
    "status": _("Din anmälan: %(title)s"),
    "promoted": _("Du har fått en plats: %(title)s"),
    "reminder": _("Påminnelse: %(title)s i morgon"),
    "meeting_cancelled": _("Inställt: %(title)s"),
    "meeting_changed": _("Ändrat: %(title)s"),
    "cancelled": _("Du är avanmäld: %(title)s"),
}

# Which registration status each mail is true for (None: any active one).
_TRUE_FOR = {
    "confirmed": "confirmed",
    "promoted": "confirmed",
    "reminder": "confirmed",
    "waitlisted": "waitlisted",
    "status": None,
    "meeting_changed": None,
}


def mail_still_true(*, kind: str, registration_status: str, meeting_status: str) -> bool:
    """Whether the mail ``kind``, queued earlier, is still true for a registration and meeting
    in these states, when it is about to be sent (docs/rules.md#meetings: partners are told
    their status). A cancellation is told only for what is cancelled; the other mails only
    while the registration and the meeting stand, and only in the status they announce."""
    if kind == "cancelled":
        return registration_status == "cancelled"
    if kind == "meeting_cancelled":
        return meeting_status == "cancelled" and registration_status != "cancelled"
    if registration_status == "cancelled" or meeting_status == "cancelled":
        return False
    if kind not in _TRUE_FOR:
        return False
    wanted = _TRUE_FOR[kind]
    return wanted is None or registration_status == wanted


@task
def send_meeting_email(registration_id: int, kind: str, attempt: int = 1) -> bool:
    """Tell a partner about their registration, in the language they registered in, as it
    stands now (or nothing, when ``kind`` is no longer true). The meeting goes along as a
    calendar file with the registration's own UID and a higher SEQUENCE than any before."""
    from .calendar import registration_ics
    from .links import cancel_token
    from .models import Registration

    registration = (
        Registration.objects.select_related("meeting__borough__policing_area")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.email:
        return False
    meeting = registration.meeting
    if not mail_still_true(
        kind=kind, registration_status=registration.status, meeting_status=meeting.status
    ):
        return False
    Registration.objects.filter(pk=registration.pk).update(
        calendar_sequence=F("calendar_sequence") + 1
    )
    sequence = Registration.objects.values_list("calendar_sequence", flat=True).get(
        pk=registration.pk
    )
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        cancel_url = settings.PORTAL_BASE_URL.rstrip("/") + reverse(
            "weekend_ops:registration_cancel", args=[cancel_token(registration)]
        )
        body = render_to_string(
            f"weekend_ops/email/{kind}.txt",
            {
                "registration": registration,
                "meeting": meeting,
                "cancel_url": cancel_url,
                "position": registration.waitlist_position(),
            },
        )
        # One line, whatever the title holds: a line break in a subject is refused by the mailer.
        subject = " ".join(str(EMAIL_SUBJECTS[kind] % {"title": meeting.title}).split())
        ics = registration_ics(registration, sequence=sequence)
    message = EmailMessage(subject=subject, body=body, to=[registration.email])
    message.attach("mote.ics", ics, "text/calendar")
    return mail_queue.deliver(message)
