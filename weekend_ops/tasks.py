"""E-mail to partners, sent as Django tasks (after the transaction that caused it commits)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

EMAIL_SUBJECTS = {
    "confirmed": "Du är anmäld: {title}",
    "waitlisted": "Du står på väntelistan: {title}",
    "promoted": "Du har fått en plats: {title}",
    "reminder": "Påminnelse: {title} i morgon",
    "meeting_cancelled": "Inställt: {title}",
}


@task
def send_meeting_email(registration_id: int, kind: str) -> bool:
    """Tell a partner about their registration; the meeting goes along as a calendar file."""
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
    with translation.override(settings.LANGUAGE_CODE):
        cancel_url = settings.PORTAL_BASE_URL.rstrip("/") + reverse(
            "weekend_ops:registration_cancel", args=[cancel_token(registration)]
        )
        body = render_to_string(
            f"weekend_ops/email/{kind}.txt",
            {"registration": registration, "meeting": meeting, "cancel_url": cancel_url},
        )
    message = EmailMessage(
        subject=EMAIL_SUBJECTS[kind].format(title=meeting.title),
        body=body,
        to=[registration.email],
    )
    message.attach("mote.ics", meeting_ics(meeting), "text/calendar")
    message.send()
    return True
