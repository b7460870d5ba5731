"""Feedback to citizens who left an e-mail address with consent, sent as Django tasks."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation


@task
def send_signal_feedback(signal_id: int, final: bool, attempt: int = 1) -> bool:
    """Tell the sender what happened with their tip; when the matter is closed (``final``),
    the address is deleted once the message has gone."""
    from .models import Signal

    signal = (
        Signal.objects.select_related("district", "site", "flag__activity")
        .filter(pk=signal_id)
        .first()
    )
    if signal is None or not signal.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "safety_inventory/email/feedback.txt",
            {
                "signal": signal,
                "url": settings.PORTAL_BASE_URL.rstrip("/") + signal.get_absolute_url(),
                "final": final,
            },
        )
    EmailMessage(
        subject=f"Ditt tips {signal.tracking_code}: det här har hänt",
        body=body,
        to=[signal.email],
    ).send()
    if final:
        Signal.objects.filter(pk=signal.pk).update(email="", consent=False)
    return True
