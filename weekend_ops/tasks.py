"""E-mail to partners, sent as Django tasks (after the transaction that caused it commits)."""

from django.conf import settings
from django.core.mail import EmailMessage
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
}


@task
def send_meeting_email(registration_id: int, kind: str, attempt: int = 1) -> bool:
    """Tell a partner about their registration, in the language they registered in; the meeting
    goes along as a calendar file (tentative while they wait for a seat)."""
    from .calendar import meeting_ics
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
        ics = meeting_ics(meeting, registration=registration)
    message = EmailMessage(subject=subject, body=body, to=[registration.email])
    message.attach("mote.ics", ics, "text/calendar")
    return mail_queue.deliver(message)
