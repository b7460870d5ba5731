"""The portal's task worker (``manage.py task_worker``): django-tasks-db's worker that reports a
heartbeat, repairs the queue and survives the database going away (issue 20).

- **Heartbeat.** A thread writes the worker's report every ``PORTAL_WORKER_HEARTBEAT_SECONDS``
  (a row of the task table in the queue ``mail_queue.HEARTBEAT_QUEUE``: ``worker_ids[0]`` the
  worker, ``started_at`` its start, ``finished_at`` its last report) and then runs
  ``mail_queue.recover``: a task RUNNING on a worker that has not reported for
  ``PORTAL_WORKER_GONE_SECONDS`` goes back to the queue. Readiness reads the same reports.
- **Database away.** Where django-tasks-db's loop would die (claiming a task, marking it done or
  failed), this worker closes its connections, waits (1, 2, 4 … 30 s), puts what it had taken
  back in the queue (``mail_queue.repair``) and carries on.

It runs under a supervisor that restarts it if it stops (README, "Production").
"""

import logging
import threading
import time
import uuid

from django.conf import settings
from django.db import close_old_connections
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from portal import mail_queue

logger = logging.getLogger(__name__)

HEARTBEAT_NAMESPACE = uuid.UUID("0d6c8f0e-5a7b-4e0e-9a51-6b1f7f6f2e20")
MAX_BACKOFF_SECONDS = 30


def report(*, worker_id: str, backend_name: str, started_at) -> None:
    """Write this worker's heartbeat row (created on its first report)."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    DBTaskResult.objects.update_or_create(
        id=uuid.uuid5(HEARTBEAT_NAMESPACE, worker_id),
        defaults={"finished_at": now},
        create_defaults={
            "status": TaskResultStatus.SUCCESSFUL,
            "queue_name": mail_queue.HEARTBEAT_QUEUE,
            "task_path": mail_queue.worker_heartbeat.module_path,
            "args_kwargs": {"args": [], "kwargs": {}},
            "backend_name": backend_name,
            "run_after": started_at,
            "started_at": started_at,
            "finished_at": now,
            "worker_ids": [worker_id],
        },
    )


class Heartbeat(threading.Thread):
    """Reports the worker and repairs the queue until the process ends (a daemon thread, with
    its own database connection)."""

    def __init__(self, *, worker_id: str, backend_name: str):
        super().__init__(name="task-worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.backend_name = backend_name
        self.started_at = timezone.now()
        self.beat_now = threading.Event()

    def beat(self) -> bool:
        try:
            close_old_connections()
            report(
                worker_id=self.worker_id,
                backend_name=self.backend_name,
                started_at=self.started_at,
            )
            mail_queue.recover()
            return True
        except mail_queue.DATABASE_ERRORS as error:
            logger.warning("Heartbeat: database unavailable (%s)", type(error).__name__)
            mail_queue.close_broken_connections()
            return False
        except Exception:
            # A heartbeat that stopped would let other workers take this one's tasks while it
            # runs them: it logs and goes on, whatever went wrong.
            logger.exception("Heartbeat failed")
            return False

    def run(self) -> None:
        while True:
            self.beat()
            self.beat_now.wait(settings.PORTAL_WORKER_HEARTBEAT_SECONDS)
            self.beat_now.clear()


class PortalWorker(Worker):
    """django-tasks-db's Worker, with a heartbeat, and a loop that outlives the database."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.busy_with = None  # the task being run, to repair it after a database error
        self.failures = 0

    def run(self) -> None:
        heartbeat = Heartbeat(worker_id=self.worker_id, backend_name=self.backend_name)
        # The first report and repair before the first task: tasks of a worker that died go
        # back to the queue before this one looks for work.
        while not heartbeat.beat():
            time.sleep(1)
        if not self.batch:  # a batch run (tests, cron) ends when the queue is empty
            heartbeat.start()
        repair = False
        while True:
            try:
                if repair:
                    mail_queue.repair(worker_id=self.worker_id, busy_with=self.busy_with)
                    self.busy_with, repair = None, False
                super().run()
                return
            except mail_queue.DATABASE_ERRORS as error:
                if not self.running:
                    return
                repair = True
                self.failures += 1
                delay = min(2 ** (self.failures - 1), MAX_BACKOFF_SECONDS)
                logger.warning(
                    "Worker %s: database unavailable (%s); trying again in %s s",
                    self.worker_id,
                    type(error).__name__,
                    delay,
                )
                mail_queue.close_broken_connections()
                self.startup_delay = False
                time.sleep(delay)

    def run_task(self, db_task_result) -> None:
        self.busy_with = db_task_result.pk
        super().run_task(db_task_result)
        self.busy_with = None
        self.failures = 0
