"""Mail that is never lost (issue 13, §2), on the durable django-tasks-db backend."""

import re
import time
from datetime import timedelta
from pathlib import Path
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import mail_queue
from promises.models import BoroughArea, Organisation
from tests.promises.factories import UserFactory
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
    call_command("task_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def mail_rows():
    """The queue's rows of mail (not the workers' reports)."""
    return DBTaskResult.objects.exclude(queue_name=mail_queue.HEARTBEAT_QUEUE)


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
    assert mail_rows().get().status == TaskResultStatus.READY
    run_worker()
    assert [m.to for m in mail.outbox] == [["partner@example.org"]]
    assert mail_rows().get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_an_smtp_failure_is_retried_with_back_off_and_never_reported_as_sent(
    django_capture_on_commit_callbacks,
):
    register_partner(django_capture_on_commit_callbacks)
    with SMTP_DOWN:
        run_worker()
    assert mail.outbox == []
    assert not mail_rows().successful().exists()
    retry = mail_rows().ready().first()
    assert retry is None  # not yet: it waits for its back-off
    # The same row waits for its next attempt: one row per mail, one Message-ID.
    waiting = mail_rows().get()
    assert waiting.status == TaskResultStatus.READY
    assert waiting.args_kwargs["kwargs"]["attempt"] == 2
    assert waiting.run_after > timezone.now() + timedelta(seconds=50)

    # The worker leaves it alone until then ...
    run_worker()
    assert mail.outbox == []
    # ... and sends it once the server is back.
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        run_worker()
    assert [m.to for m in mail.outbox] == [["partner@example.org"]]
    assert mail_rows().successful().count() == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<{waiting.pk}@localhost>"


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
    assert mail_rows().failed().count() == 1  # one row through its three attempts
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


def run_worker_killed_after_sending():
    """A worker that dies (SystemExit stands for kill -9) after the server accepted the mail and
    before the task was marked done."""
    died = SystemExit("killed")
    with (
        mock.patch.object(DBTaskResult, "set_successful", side_effect=died),
        mock.patch.object(DBTaskResult, "set_failed", side_effect=died),
        pytest.raises(SystemExit),
    ):
        run_worker()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_a_task_whose_worker_died_after_sending_goes_back_to_the_queue_and_sends_nothing_twice(
    django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_WORKER_GONE_SECONDS = 60
    register_partner(django_capture_on_commit_callbacks)
    run_worker_killed_after_sending()
    row = mail_rows().get()
    assert row.status == TaskResultStatus.RUNNING
    assert row.args_kwargs["sent"] == [f"<{row.pk}@localhost>"]
    assert len(mail.outbox) == 1

    # While the dead worker's last report is recent, the task is left alone ...
    run_worker()
    assert mail_rows().get().status == TaskResultStatus.RUNNING
    # ... once it is older than PORTAL_WORKER_GONE_SECONDS, the next worker takes the task back
    # and runs it; the mail went out before, so it is not sent again.
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        run_worker()
    assert mail_rows().get().status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_the_worker_outlives_a_database_error_and_finishes_the_task(
    django_capture_on_commit_callbacks,
):
    """The database goes away after the mail went out: the task can be marked neither done nor
    failed (where django-tasks-db's worker died and left it RUNNING)."""
    register_partner(django_capture_on_commit_callbacks)
    original = DBTaskResult.set_successful
    calls = []

    def database_away_once(self, value):
        calls.append(self.pk)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return original(self, value)

    away = OperationalError("server closed the connection unexpectedly")
    with (
        mock.patch.object(DBTaskResult, "set_successful", database_away_once),
        mock.patch.object(DBTaskResult, "set_failed", side_effect=[away]),
    ):
        run_worker()  # returns: it did not die with the error
    assert len(calls) == 2  # the task was taken back and run again after the error
    assert mail_rows().get().status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1  # the second run knew the first had sent it


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_stuck_mail_is_listed_for_staff_and_can_be_sent_again(
    django_capture_on_commit_callbacks, role_client, settings
):
    settings.PORTAL_READINESS_QUEUE_SECONDS = 600
    register_partner(django_capture_on_commit_callbacks)
    client = role_client("officer")
    assert "E-post om mötesanmälan" not in client.get(reverse("promises:mail_failed")).text
    later = timezone.now() + timedelta(minutes=11)
    with time_machine.travel(later):
        assert [row.pk for row in mail_queue.stuck_mail()] == [mail_rows().get().pk]
        dashboard = client.get(reverse("promises:dashboard")).text
        assert "1 e-postmeddelande har fastnat i kön." in dashboard
        listing = client.get(reverse("promises:mail_failed")).text
        assert "E-post om mötesanmälan" in listing and "Väntar sedan" in listing
        response = client.post(reverse("promises:mail_resend", args=[mail_rows().get().pk]))
        assert response.status_code == 302
        assert list(mail_queue.stuck_mail()) == []  # first in the queue again, from now
        run_worker()
    assert [m.to for m in mail.outbox] == [["partner@example.org"]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_a_password_reset_with_the_mail_server_down_answers_like_an_unknown_address(client):
    """allauth's mail goes through the queue: with SMTP down, a known address gets the same
    answer as an unknown one, and its mail arrives once the server is back."""
    user = UserFactory(username="kommunpolis", role="officer", email="kp@polisen.example")

    def reset(address, client_address):
        started = time.perf_counter()
        response = client.post(
            reverse("account_reset_password"), {"email": address}, REMOTE_ADDR=client_address
        )
        return response, time.perf_counter() - started

    with SMTP_DOWN:
        timings = {"known": [], "unknown": []}
        for n in range(3):  # under the limit of 3 per hour and address
            for kind, address in (("unknown", "nobody@example.org"), ("known", user.email)):
                response, seconds = reset(address, f"198.51.100.{n + 1}")
                timings[kind].append(seconds)
                assert response.status_code == 302
                assert response["Location"] == reverse("account_reset_password_done")
        run_worker()
    assert mail.outbox == []
    # No mail server in the request, and the form evens out the rest (a rendered message and a
    # row): the fastest answers for both addresses lie within a few milliseconds.
    known, unknown = min(timings["known"]), min(timings["unknown"])
    assert abs(known - unknown) < 0.03, timings
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        run_worker()
    assert [m.to for m in mail.outbox] == [[user.email]] * 3
    key_path = reverse("account_reset_password_from_key", kwargs={"uidb36": "x", "key": "y"})
    link_start = key_path.split("x-y")[0]
    assert link_start in mail.outbox[0].body
    # Once sent, the rows no longer hold the reset link (a key to the account).
    assert all(link_start not in str(row.args_kwargs) for row in mail_rows())


def test_every_mail_of_the_portal_goes_through_the_queue():
    """Only the queue sends mail: tasks send with mail_queue.deliver (Message-ID from the task,
    sent once), allauth's adapter queues its mail; nothing else opens a mail connection."""
    root = Path(__file__).resolve().parents[2]
    sending = re.compile(
        r"\.send\(\)|(?<!def )\bsend_mail\(|send_mass_mail\(|mail_admins\(|"
        r"mail_managers\(|get_connection\(|\bmailers\["
    )
    packages = [
        folder
        for folder in root.iterdir()
        if (folder / "__init__.py").exists() and folder.name != "tests"
    ]
    sources = [path for package in packages for path in package.rglob("*.py")]
    assert len(sources) > 50  # the apps were found
    offenders = [
        str(path.relative_to(root))
        for path in sources
        if path != Path(mail_queue.__file__) and sending.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
