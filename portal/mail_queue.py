"""Mail that is never lost (issues 13 §2 and 20).

Feature apps register the tasks that send e-mail (``register(task, label=...)`` in
``AppConfig.ready()``); such a task takes ``attempt`` as a keyword and sends with
``deliver(message)``. Mail of the portal itself (allauth's password reset and address
verification) is rendered in the request and queued with ``enqueue_message(message)``.

The tasks are kept by django-tasks-db and run by the portal's worker (``manage.py task_worker``,
``portal.task_worker``), which reports a heartbeat. The guarantees:

- **One row per mail, all its life.** A failed attempt (SMTP down) puts the same row back in the
  queue with back-off until ``PORTAL_MAIL_ATTEMPTS``; after the last it stays failed, is listed
  for staff with "Skicka igen" and counted on the dashboard.
- **Nothing stays RUNNING.** A task whose worker has not reported for
  ``PORTAL_WORKER_GONE_SECONDS`` (killed, machine gone) goes back to the queue (``recover``, run
  by every worker at start and with each heartbeat).
- **Sent at least once, and at most once but for one narrow window.** Each message's Message-ID
  comes from the task id (``<task-id@domain>``), the same on every attempt. Right after the SMTP
  server has accepted a message, its Message-ID is written to the task's row (``sent``, in its
  own transaction, retried while the database is away) and a later run of the task skips it. So
  a crash after the server's acceptance and before the task is marked done sends nothing twice;
  only a crash in the instant between the acceptance and that write (or a database that stays
  away longer than ``PORTAL_MAIL_MARK_SECONDS`` then) can send a message again, and then with the
  same Message-ID, by which mail systems recognise the copy. We chose this order over writing the
  mark before sending, which would lose the mail when the crash comes before the acceptance.
"""

import contextlib
import contextvars
import dataclasses
import logging
import time
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import InterfaceError, OperationalError, connections, transaction
from django.db.models import Q
from django.dispatch import receiver
from django.tasks import TaskResultStatus, task
from django.tasks.signals import task_finished, task_started
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# The queue name of the rows by which workers report themselves (see ``portal.task_worker``):
# the platform keeps no table of its own, so a worker's heartbeat is a row of the task table.
HEARTBEAT_QUEUE = "portal-worker-heartbeat"
DATABASE_ERRORS = (OperationalError, InterfaceError)

# module path of a mail task -> what it sends, for staff ("Bekräftelse av anmälan")
_mail_tasks: dict[str, tuple[object, str]] = {}


def register(task, *, label: str) -> None:
    _mail_tasks[task.module_path] = (task, label)


def label_of(task_path: str) -> str:
    return str(_mail_tasks[task_path][1]) if task_path in _mail_tasks else task_path


def retry_delay(*, attempt: int, base_seconds: int) -> timedelta:
    """Back-off before attempt ``attempt + 1``: the base, doubled after every failure."""
    return timedelta(seconds=base_seconds * 2 ** (attempt - 1))


def _queue_in_database() -> bool:
    return "django_tasks_db" in settings.INSTALLED_APPS


def durable_queue() -> bool:
    """The default task backend keeps tasks in the database (a worker must run)."""
    from django.tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return _queue_in_database() and isinstance(task_backends["default"], DatabaseBackend)


def _tasks():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.exclude(queue_name=HEARTBEAT_QUEUE)


def date_max():
    from django_tasks_db.models import get_date_max

    return get_date_max()


# --- Sending once per task --------------------------------------------------------------------


@dataclasses.dataclass
class _Run:
    """The task being run in this thread: its id and what it has already sent."""

    task_id: str
    row_pk: object | None  # the task's row when the queue is in the database
    args_kwargs: dict | None
    sent: list[str]
    messages: int = 0

    def next_message_id(self) -> str:
        self.messages += 1
        domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
        suffix = "" if self.messages == 1 else f".{self.messages}"
        return f"<{self.task_id}{suffix}@{domain}>"

    def mark_sent(self, message_id: str) -> None:
        self.sent.append(message_id)
        if self.row_pk is None:
            return
        self.args_kwargs = {**self.args_kwargs, "sent": list(self.sent)}
        _write_retrying(
            lambda: _tasks().filter(pk=self.row_pk).update(args_kwargs=self.args_kwargs),
            seconds=settings.PORTAL_MAIL_MARK_SECONDS,
        )


_current_run: contextvars.ContextVar[_Run | None] = contextvars.ContextVar(
    "portal_task_run", default=None
)


def _write_retrying(write, *, seconds: float) -> None:
    """Run a database write, trying again with back-off while the database is away."""
    deadline = time.monotonic() + seconds
    delay = 0.2
    while True:
        try:
            write()
            return
        except DATABASE_ERRORS:
            if time.monotonic() + delay > deadline:
                raise
            logger.warning("Database unavailable; trying again in %.1f s", delay)
            close_broken_connections()
            time.sleep(delay)
            delay = min(delay * 2, 5)


def close_broken_connections() -> None:
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(*DATABASE_ERRORS):  # the socket may be gone already
            connection.close()


@receiver(task_started)
def _task_started(sender, task_result, **kwargs) -> None:
    row = getattr(task_result, "db_result", None)
    args_kwargs = row.args_kwargs if row is not None else None
    _current_run.set(
        _Run(
            task_id=str(task_result.id),
            row_pk=row.pk if row is not None else None,
            args_kwargs=args_kwargs,
            sent=list((args_kwargs or {}).get("sent", [])),
        )
    )


def deliver(message: EmailMessage) -> bool:
    """Send ``message`` from a queued task, once: it gets its Message-ID from the task id, and a
    message this task has already sent (a run before a crash) is not sent again. Outside a task
    it is simply sent. True when the message has gone (now or before)."""
    run = _current_run.get()
    if run is None:
        return message.send() > 0
    message_id = run.next_message_id()
    message.extra_headers["Message-ID"] = message_id
    if message_id in run.sent:
        logger.info("Task %s: message %s went out before; not sent again", run.task_id, message_id)
        return True
    if not message.send():
        return False
    run.mark_sent(message_id)
    return True


# --- Retries ----------------------------------------------------------------------------------


@receiver(task_finished)
def _task_finished(sender, task_result, **kwargs) -> None:
    """A failed mail task is tried again later while attempts remain; the portal's own mail
    forgets its text once it has gone (a reset link is a key to an account)."""
    run = _current_run.get()
    _current_run.set(None)
    row = getattr(task_result, "db_result", None)
    path = task_result.task.module_path
    if path not in _mail_tasks:
        return
    if task_result.status == TaskResultStatus.SUCCESSFUL:
        if row is not None and path == send_portal_mail.module_path:
            try:
                _tasks().filter(pk=row.pk).update(
                    args_kwargs={"args": [], "kwargs": {}, "sent": run.sent if run else []}
                )
            except DATABASE_ERRORS:  # the mail has gone; the text is purged with the task later
                logger.warning("Task %s: sent, but its text could not be removed", row.pk)
        return
    if task_result.status != TaskResultStatus.FAILED:
        return
    if row is None:
        logger.error("Mail task %s failed (no durable queue: not tried again)", task_result.id)
        return
    if run is not None and run.args_kwargs is not None:
        row.args_kwargs = run.args_kwargs  # with what it sent before failing
    schedule_retry(row)


def schedule_retry(row) -> bool:
    """Put a failed mail back in the queue after its back-off, the same row with the next
    attempt; False (and an error in the log) after the last attempt."""
    kwargs = row.args_kwargs["kwargs"]
    attempt = int(kwargs.get("attempt", 1))
    if attempt >= settings.PORTAL_MAIL_ATTEMPTS:
        logger.error("Mail task %s failed for good after %s attempts", row.pk, attempt)
        return False
    run_after = (row.finished_at or timezone.now()) + retry_delay(
        attempt=attempt, base_seconds=settings.PORTAL_MAIL_RETRY_SECONDS
    )
    args_kwargs = {**row.args_kwargs, "kwargs": {**kwargs, "attempt": attempt + 1}}
    return bool(
        _tasks()
        .filter(pk=row.pk, status=TaskResultStatus.FAILED)
        .update(status=TaskResultStatus.READY, run_after=run_after, args_kwargs=args_kwargs)
    )


# --- Workers and recovery ---------------------------------------------------------------------


def worker_reports():
    """The heartbeat rows of workers: ``worker_ids[0]`` the worker, ``finished_at`` its last
    report."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(queue_name=HEARTBEAT_QUEUE)


def last_worker_report():
    return worker_reports().order_by("-finished_at").values_list("finished_at", flat=True).first()


def no_worker_reporting(*, now=None) -> bool:
    """The queue is in the database and no worker has reported for PORTAL_WORKER_GONE_SECONDS:
    nothing is being sent."""
    if not _queue_in_database() or not durable_queue():
        return False
    last = last_worker_report()
    return last is None or last < _gone_before(now or timezone.now())


def _gone_before(now):
    return now - timedelta(seconds=settings.PORTAL_WORKER_GONE_SECONDS)


def live_workers(*, now=None) -> set[str]:
    now = now or timezone.now()
    return {
        ids[0]
        for ids in worker_reports()
        .filter(finished_at__gte=_gone_before(now))
        .values_list("worker_ids", flat=True)
        if ids
    }


def _orphaned(rows, *, live: set[str], now) -> list:
    """RUNNING rows whose worker has not reported for PORTAL_WORKER_GONE_SECONDS."""
    return [
        row
        for row in rows
        if (not row.worker_ids or row.worker_ids[-1] not in live)
        and row.started_at is not None
        and row.started_at < _gone_before(now)
    ]


def requeue(row) -> bool:
    """Back to the queue, as it was before its worker took it (only if still RUNNING)."""
    return bool(
        _tasks()
        .filter(pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at)
        .update(status=TaskResultStatus.READY)
    )


def recover(*, now=None) -> int:
    """The queue's repair, run by every worker at start and with each heartbeat: tasks left
    RUNNING by a worker that is gone go back to the queue, and reports of workers gone for a day
    are deleted. Returns how many tasks were put back."""
    now = now or timezone.now()
    running = list(_tasks().filter(status=TaskResultStatus.RUNNING))
    put_back = 0
    for row in _orphaned(running, live=live_workers(now=now), now=now):
        if requeue(row):
            put_back += 1
            logger.warning("Task %s: its worker is gone; back in the queue", row.pk)
    worker_reports().filter(finished_at__lt=now - timedelta(days=1)).delete()
    return put_back


def repair(*, worker_id: str, busy_with=None) -> None:
    """After the database went away under worker ``worker_id``, which runs one task at a time
    and is now between tasks: its tasks left RUNNING go back to the queue, and a failed mail it
    was busy with (``busy_with``), whose retry may not have been scheduled, is scheduled."""
    for row in _tasks().filter(status=TaskResultStatus.RUNNING):
        if row.worker_ids and row.worker_ids[-1] == worker_id and requeue(row):
            logger.warning("Task %s: back in the queue after a database error", row.pk)
    if busy_with is not None:
        row = _tasks().filter(pk=busy_with, status=TaskResultStatus.FAILED).first()
        if row is not None and row.task_path in _mail_tasks:
            schedule_retry(row)


@task
def worker_heartbeat() -> None:
    """Never run: the task of the rows by which workers report (``portal.task_worker``)."""


# --- What staff and readiness see ---------------------------------------------------------------


def overdue(*, now=None):
    """Tasks not done PORTAL_READINESS_QUEUE_SECONDS after they were due: queued (a first try is
    due when it was queued; django-tasks-db stores its run_after as the far future) or retried
    (due at its run_after), waiting or taken by a worker."""
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.PORTAL_READINESS_QUEUE_SECONDS)
    return _tasks().filter(
        Q(run_after=date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff),
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    )


def failed_mail():
    """Mail that could not be sent after all its attempts (newest first)."""
    if not _queue_in_database():
        return []
    failed = _tasks().failed().filter(task_path__in=list(_mail_tasks))
    if settings.PORTAL_MAIL_ATTEMPTS > 1:  # a first attempt has no "attempt" among its kwargs
        failed = failed.filter(args_kwargs__kwargs__attempt__gte=settings.PORTAL_MAIL_ATTEMPTS)
    return failed.order_by("-finished_at")


def stuck_mail(*, now=None):
    """Mail still unsent PORTAL_READINESS_QUEUE_SECONDS after it was due (oldest first)."""
    if not _queue_in_database():
        return []
    return overdue(now=now).filter(task_path__in=list(_mail_tasks)).order_by("enqueued_at")


def failed_mail_count() -> int:
    return failed_mail().count() if _queue_in_database() else 0


def stuck_mail_count() -> int:
    return stuck_mail().count() if _queue_in_database() else 0


def mail_send_again(*, task_result_id) -> bool:
    """Put a failed or stuck mail first in the queue again (attempts start over; a mail whose
    worker is still sending it is left alone). The row and its Message-ID stay the same; what
    it sent before is forgotten, since staff asked for it to be sent. False when there is no
    such mail."""
    now = timezone.now()
    with transaction.atomic():
        row = (
            (failed_mail() | stuck_mail(now=now))
            .select_for_update()
            .filter(pk=task_result_id)
            .first()
        )
        if row is None:
            return False
        if row.status == TaskResultStatus.RUNNING and not _orphaned(
            [row], live=live_workers(now=now), now=now
        ):
            return False
        args_kwargs = {
            "args": row.args_kwargs["args"],
            "kwargs": {**row.args_kwargs["kwargs"], "attempt": 1},
        }
        _tasks().filter(pk=row.pk).update(
            status=TaskResultStatus.READY, run_after=now, args_kwargs=args_kwargs
        )
    return True


# --- The portal's own mail (allauth) ------------------------------------------------------------


def message_data(message: EmailMessage) -> dict:
    """A rendered message as JSON for the queue (text, HTML alternative, headers)."""
    if message.attachments:
        raise ValueError("queued portal mail carries no attachments")
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


@task
def send_portal_mail(message: dict, attempt: int = 1) -> bool:
    """Send a message the portal rendered when it was asked for (allauth: password reset,
    address verification, notices)."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        cc=message["cc"],
        bcc=message["bcc"],
        reply_to=message["reply_to"],
        headers=message["headers"],
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    return deliver(email)


register(send_portal_mail, label=_("Kontots e-post (lösenord, adress)"))


def enqueue_message(message: EmailMessage) -> None:
    """Queue a rendered message. Queued in the database, it is part of the caller's transaction:
    there when the data it speaks of is, gone with it when that is rolled back."""
    send_portal_mail.enqueue(message_data(message))
