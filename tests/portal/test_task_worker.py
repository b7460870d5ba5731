"""The mail worker as a real process (issue 20): killed in the middle of sending, the database
lost while it sends, stopped while mail waits. The worker (``manage.py task_worker``) runs with
tests/portal/worker_settings.py against the test's database and a small SMTP server in this
process that can hold a message without answering, as a server that hangs does."""

import email
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.mail import EmailMessage
from django.db import connections
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import mail_queue

ROOT = Path(__file__).resolve().parents[2]
WAIT = 60  # seconds at most for anything to happen (a loaded machine starts Django slowly)


class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps every message it accepts (250 after the data).
    ``hold`` messages are taken and then left unanswered until ``release()``: with
    ``accept_held=False`` the connection is then dropped and the message is not accepted (the
    sender never learnt either way), else it is accepted."""

    def __init__(self, *, hold: int = 0, accept_held: bool = True):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.accepted: list[bytes] = []
        self.to_hold = hold
        self.accept_held = accept_held
        self.holding = threading.Event()
        self.released = threading.Event()
        self.lock = threading.Lock()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self.session, args=(conn,), daemon=True).start()

    def session(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 sink ESMTP\r\n")
            for line in lines:
                verb = line[:4].upper()
                if verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                if verb != b"DATA":
                    conn.sendall(b"250 ok\r\n")
                    continue
                conn.sendall(b"354 go on\r\n")
                data = []
                for data_line in lines:
                    if data_line == b".\r\n":
                        break
                    data.append(data_line)
                if not self.answer(conn, b"".join(data)):
                    return

    def answer(self, conn: socket.socket, message: bytes) -> bool:
        with self.lock:
            hold = self.to_hold > 0
            self.to_hold -= hold
        if hold:
            self.holding.set()
            self.released.wait(WAIT)
            if not self.accept_held:
                return False  # the connection drops without an answer: not accepted
        self.accepted.append(message)
        conn.sendall(b"250 accepted\r\n")
        return True

    def message_ids(self) -> Counter:
        return Counter(email.message_from_bytes(raw)["Message-ID"] for raw in self.accepted)

    def close(self) -> None:
        self.released.set()
        self.server.close()


class SharedDatabase:
    """The test's database, for a worker process. PostgreSQL: the test database itself.
    SQLite (in memory for the test): ``publish()`` copies it to a file the worker uses,
    ``collect()`` copies the file back so the test reads what the worker did."""

    def __init__(self, tmp_path: Path):
        self.connection = connections["default"]
        self.connection.ensure_connection()
        settings = self.connection.settings_dict
        self.sqlite = self.connection.vendor == "sqlite"
        if self.sqlite:
            self.path = tmp_path / "worker.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            self.url = (
                f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
                f"{settings['PORT'] or 5432}/{settings['NAME']}"
            )

    def publish(self) -> None:
        if self.sqlite:
            with sqlite3.connect(self.path) as file:
                self.connection.connection.backup(file)

    def collect(self) -> None:
        if self.sqlite:
            file = sqlite3.connect(self.path)
            try:
                file.backup(self.connection.connection)
            finally:
                file.close()

    def away(self):
        """The database goes away (PostgreSQL: every other connection is ended and no new one
        is let in; SQLite: the file is locked), until ``back()``."""
        if self.sqlite:
            self.lock = sqlite3.connect(self.path, isolation_level=None)
            self.lock.execute("BEGIN EXCLUSIVE")
            return
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (own,) = cursor.fetchone()
        with self.connection._nodb_cursor() as cursor:  # from the "postgres" database
            name = self.connection.settings_dict["NAME"]
            cursor.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> %s",
                [name, own],
            )

    def back(self) -> None:
        if self.sqlite:
            self.lock.execute("ROLLBACK")
            self.lock.close()
            return
        with self.connection._nodb_cursor() as cursor:
            name = self.connection.settings_dict["NAME"]
            cursor.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')


@pytest.fixture
def shared_db(transactional_db, tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_WORKER_GONE_SECONDS = 3
    settings.PORTAL_READINESS_QUEUE_SECONDS = 2
    return SharedDatabase(tmp_path)


@pytest.fixture
def workers(shared_db, tmp_path):
    """Start worker processes (``start(sink)``); all are killed at the end of the test."""
    started = []

    def start(sink: SmtpSink) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.portal.worker_settings",
            "DATABASE_URL": shared_db.url,
            "PORTAL_TEST_SMTP_PORT": str(sink.port),
            "PORTAL_WORKER_HEARTBEAT_SECONDS": "0.5",
            "PORTAL_WORKER_GONE_SECONDS": "3",
        }
        log = open(tmp_path / f"worker-{len(started)}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "manage.py", "task_worker", "--interval", "0.2"]
            + ["--no-startup-delay", "--no-reload", "-v", "2"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append((process, log))
        return process

    yield start
    for process, log in started:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()


def wait_for(condition, what: str, seconds: float = WAIT) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {seconds} s for {what}")
        time.sleep(0.05)


def queue_mails(*addresses: str) -> list[str]:
    for address in addresses:
        mail_queue.enqueue_message(
            EmailMessage(subject="Hej", body=f"Till {address}", to=[address])
        )
    rows = DBTaskResult.objects.exclude(queue_name=mail_queue.HEARTBEAT_QUEUE)
    return [f"<{pk}@localhost>" for pk in rows.order_by("enqueued_at").values_list("pk", flat=True)]


def mail_statuses() -> Counter:
    rows = DBTaskResult.objects.exclude(queue_name=mail_queue.HEARTBEAT_QUEUE)
    return Counter(rows.values_list("status", flat=True))


def test_a_worker_killed_in_the_middle_of_sending_loses_nothing_and_sends_nothing_twice(
    shared_db, workers
):
    """kill -9 while the server has the first message but has not answered; the restarted
    worker puts that task back once the dead one has been silent PORTAL_WORKER_GONE_SECONDS,
    and every mail arrives exactly once."""
    sink = SmtpSink(hold=1, accept_held=False)
    expected = queue_mails("a@example.org", "b@example.org", "c@example.org")
    shared_db.publish()

    first = workers(sink)
    wait_for(sink.holding.is_set, "the first worker to be sending")
    first.send_signal(signal.SIGKILL)
    first.wait()
    sink.released.set()  # the dropped connection: the message was never accepted

    second = workers(sink)
    wait_for(lambda: len(sink.accepted) >= len(expected), "every mail to arrive")
    time.sleep(1)  # time to send anything twice
    second.terminate()
    assert second.wait(timeout=WAIT) == 0  # stopped cleanly by SIGTERM

    assert sink.message_ids() == Counter(expected)  # each once, with its task's Message-ID
    shared_db.collect()
    assert mail_statuses() == {TaskResultStatus.SUCCESSFUL: len(expected)}
    sink.close()


def test_the_worker_outlives_the_database_going_away(shared_db, workers):
    """The database goes away while the server holds the first message; the server then
    accepts it. The worker waits the database out and records the message once, and the same
    process sends the next one. Then the database goes away while the worker waits for work
    (where django-tasks-db's worker died on PostgreSQL); a mail queued afterwards goes too."""
    sink = SmtpSink(hold=1, accept_held=True)
    expected = queue_mails("a@example.org", "b@example.org")
    shared_db.publish()

    worker = workers(sink)
    wait_for(sink.holding.is_set, "the worker to be sending")
    shared_db.away()
    try:
        sink.released.set()  # accepted while the database is away
        time.sleep(3)  # longer than the worker's heartbeat and its database timeout
        assert worker.poll() is None  # still running
    finally:
        shared_db.back()
    wait_for(lambda: len(sink.accepted) >= len(expected), "the next mail after the outage")

    shared_db.away()
    try:
        time.sleep(3)  # the worker looks for work meanwhile
        assert worker.poll() is None
    finally:
        shared_db.back()
    shared_db.collect()
    expected += queue_mails("c@example.org")[-1:]
    shared_db.publish()
    wait_for(lambda: len(sink.accepted) >= len(expected), "a mail queued after the outage")
    time.sleep(1)  # time to send anything twice
    assert worker.poll() is None
    worker.terminate()
    worker.wait(timeout=WAIT)

    assert sink.message_ids() == Counter(expected)
    shared_db.collect()
    assert mail_statuses() == {TaskResultStatus.SUCCESSFUL: len(expected)}
    sink.close()


def test_readiness_fails_with_a_stopped_worker_and_a_mail_on_its_first_try(
    shared_db, workers, client, settings
):
    settings.PORTAL_WORKER_GONE_SECONDS = 60
    settings.PORTAL_READINESS_QUEUE_SECONDS = 600
    sink = SmtpSink()
    shared_db.publish()
    worker = workers(sink)
    wait_for(
        lambda: (shared_db.collect(), mail_queue.last_worker_report())[1] is not None,
        "the worker's first report",
    )
    assert client.get(reverse("readiness")).status_code == 200
    worker.send_signal(signal.SIGKILL)
    worker.wait()

    queue_mails("a@example.org")
    assert client.get(reverse("readiness")).status_code == 200  # not yet: just queued
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        response = client.get(reverse("readiness"), HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    reasons = " ".join(response.json().values())
    assert "oldest waiting task: 6" in reasons  # 660 s since it was queued
    assert "no task worker has reported for 6" in reasons
    sink.close()
