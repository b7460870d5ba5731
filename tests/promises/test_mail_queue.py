"""Mail that is never lost (issue 13, §2), on the durable django-tasks-db backend."""

from datetime import timedelta
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import mail_queue
from promises.models import BoroughArea, Organisation
from weekend_ops.models import Meeting
from weekend_ops.services import registration_create

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SMTP_DOWN = mock.patch(
    "django.core.mail.backends.locmem.EmailBackend.send_messages",
    side_effect=SMTPServerDisconnected("Connection unexpectedly closed"),
)


@pytest.fixture(autouse=True)
def durable_tasks(settings):
    settings.TASKS = DB_TASKS
    settings.PORTAL_MAIL_ATTEMPTS = 3
    settings.PORTAL_MAIL_RETRY_SECONDS = 60


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def register_partner(django_capture_on_commit_callbacks):
    start = timezone.now() + timedelta(days=10)
    meeting = Meeting.objects.create(
        borough=BoroughArea.objects.get(slug="vantor"),
        title="Samverkansmöte Vantör",
        start=start,
        end=start + timedelta(hours=2),
        venue="Hagsätra medborgarhus",
        seats=10,
        registration_deadline=start - timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(
            meeting=meeting,
            name="Partner",
            organisation=Organisation.objects.create(name="Väktarbolaget"),
            email="partner@example.org",
            consent=True,
        )


def test_retry_delay_doubles():
    assert mail_queue.retry_delay(attempt=1, base_seconds=60) == timedelta(minutes=1)
    assert mail_queue.retry_delay(attempt=3, base_seconds=60) == timedelta(minutes=4)


# The worker closes old connections between tasks: the data must be committed.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_mail_waits_in_the_database_until_the_worker_sends_it(django_capture_on_commit_callbacks):
    register_partner(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY
    run_worker()
    assert [m.to for m in mail.outbox] == [["partner@example.org"]]
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_an_smtp_failure_is_retried_with_back_off_and_never_reported_as_sent(
    django_capture_on_commit_callbacks,
):
    register_partner(django_capture_on_commit_callbacks)
    with SMTP_DOWN:
        run_worker()
    assert mail.outbox == []
    assert not DBTaskResult.objects.successful().exists()
    retry = DBTaskResult.objects.ready().first()
    assert retry is None  # not yet: it waits for its back-off
    waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert waiting.args_kwargs["kwargs"]["attempt"] == 2
    assert waiting.run_after > timezone.now() + timedelta(seconds=50)

    # The worker leaves it alone until then ...
    run_worker()
    assert mail.outbox == []
    # ... and sends it once the server is back.
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        run_worker()
    assert [m.to for m in mail.outbox] == [["partner@example.org"]]
    assert DBTaskResult.objects.successful().count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_mail_failed_after_its_retries_is_shown_and_can_be_sent_again(
    django_capture_on_commit_callbacks, role_client
):
    register_partner(django_capture_on_commit_callbacks)
    with SMTP_DOWN:
        for minutes in (0, 2, 5, 10):
            with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
                run_worker()
    assert DBTaskResult.objects.failed().count() == 3
    assert mail_queue.failed_mail_count() == 1
    assert mail.outbox == []

    client = role_client("officer")
    dashboard = client.get(reverse("promises:dashboard"))
    assert "1 e-postmeddelande kunde inte skickas." in dashboard.content.decode()
    listing = client.get(reverse("promises:mail_failed"))
    assert "E-post om mötesanmälan" in listing.content.decode()
    failed = mail_queue.failed_mail().get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("promises:mail_resend", args=[failed.pk]))
    assert response.status_code == 302
    assert mail_queue.failed_mail_count() == 0
    # Queued again, not sent yet: the page must not say that everything has been sent.
    waiting = client.get(reverse("promises:mail_failed")).content.decode()
    assert "Allt har skickats" not in waiting and "väntar i kön" in waiting
    run_worker()
    assert [m.to for m in mail.outbox] == [["partner@example.org"]]


@pytest.mark.django_db
def test_a_reader_cannot_send_failed_mail_again(role_client):
    response = role_client("reader").post(
        reverse("promises:mail_resend", args=["00000000-0000-0000-0000-000000000000"])
    )
    assert response.status_code == 403
