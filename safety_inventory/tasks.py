"""Feedback to citizens who left an e-mail address with consent, sent as Django tasks."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from portal import mail_queue


@task
def send_signal_feedback(signal_id: int, final: bool, attempt: int = 1) -> bool:
    """Tell the sender what the tracking page now shows, in the language the tip was written
    in. When the matter is closed (``final``, or the place was inventoried after the tip), the
    address is deleted once the message has gone."""
    from .models import Signal
    from .tracking import state_lines, tip_state

    signal = (
        Signal.objects.with_area()
        .select_related("site", "flag__activity")
        .filter(pk=signal_id)
        .first()
    )
    if signal is None or not signal.email:
        return False
    state = tip_state(signal)
    final = final or state.closed
    with translation.override(signal.language):
        path = signal.get_absolute_url()  # /en/... for a tip written in English
        body = render_to_string(
            "safety_inventory/email/feedback.txt",
            {
                "signal": signal,
                "state": state,
                "lines": state_lines(state),
                "url": settings.PORTAL_BASE_URL.rstrip("/") + path,
                "final": final,
                "area_name": signal.district.borough.policing_area.name,
            },
        )
        subject = _("Ditt tips %(code)s: det här har hänt") % {"code": signal.tracking_code}
    mail_queue.deliver(EmailMessage(subject=subject, body=body, to=[signal.email]))
    if final:
        Signal.objects.filter(pk=signal.pk).update(email="", consent=False)
    return True
