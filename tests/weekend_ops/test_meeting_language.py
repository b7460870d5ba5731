"""Every e-mail follows the visitor's language (issue 11, item 8): a partner who registers on
/en/ gets English e-mails, with an English cancel link; one on / gets Swedish."""

import pytest
from django.core import mail

from weekend_ops.models import Registration

from .meeting_factories import make_meeting, organisation
from .test_meeting_views import form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "language", "subject", "greeting", "footer"),
    [
        ("", "sv", "Du är anmäld: ", "Du är anmäld till samverkansmötet:", "Lokalpolisområde"),
        (
            "/en",
            "en",
            "You are registered: ",
            "You are registered for the collaboration meeting:",
            "Local police area",
        ),
    ],
)
def test_the_registration_email_is_in_the_language_of_the_page(
    client, django_capture_on_commit_callbacks, prefix, language, subject, greeting, footer
):
    organisation()
    meeting = make_meeting(seats=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(prefix + meeting.get_invitation_url(), form())
    assert response.status_code == 200
    assert Registration.objects.get().language == language
    message = mail.outbox[0]
    assert message.subject.startswith(subject)
    assert greeting in message.body and f"{footer} Farsta" in message.body
    cancel_line = next(
        line for line in message.body.splitlines() if "/avanmal" in line or "http" in line
    )
    assert cancel_line.startswith("http") and ("/en/" in cancel_line) == (language == "en")
