"""``manage.py task_worker``: the portal's worker (``portal.task_worker``). Takes the options
of django-tasks-db's ``db_worker``, which it replaces: run this one, never ``db_worker``."""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from portal.task_worker import PortalWorker


class Command(db_worker.Command):
    help = (
        "Send queued e-mail: django-tasks-db's worker with a heartbeat, recovery of tasks whose "
        "worker is gone and reconnection when the database goes away."
    )

    def handle(self, *, verbosity, queue_name, exclude_queues, batch, reload, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = PortalWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            batch=batch,
            interval=options["interval"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
