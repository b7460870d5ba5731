"""Liveness (``/healthz``, ``/health/``: no database, no template) and readiness for the load
balancer (``/health/ready/``): the database, the cache and the task queue, by
django-health-check; 200 when all answer, 503 otherwise."""

import dataclasses
import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """Unavailable when a task (e-mail) is still unsent settings.PORTAL_READINESS_QUEUE_SECONDS
    after it was due (a first try is due when it was queued, a retry at its time): the worker is
    down or cannot keep up (``portal.mail_queue``)."""

    timeout = datetime.timedelta(seconds=5)

    def run(self) -> None:
        if "django_tasks_db" not in settings.INSTALLED_APPS:
            return
        from portal import mail_queue

        now = timezone.now()
        oldest = (
            mail_queue.overdue(now=now)
            .order_by("enqueued_at")
            .values_list("enqueued_at", "run_after")
            .first()
        )
        if oldest is not None:
            enqueued_at, run_after = oldest
            due = enqueued_at if run_after == mail_queue.date_max() else run_after
            raise ServiceUnavailable(f"oldest waiting task: {int((now - due).total_seconds())} s")


@dataclasses.dataclass
class TaskWorker(HealthCheck):
    """Unavailable when the queue is in the database and no worker has reported for
    settings.PORTAL_WORKER_GONE_SECONDS (``portal.task_worker``): nothing is being sent."""

    timeout = datetime.timedelta(seconds=5)

    def run(self) -> None:
        if "django_tasks_db" not in settings.INSTALLED_APPS:
            return
        from portal import mail_queue

        now = timezone.now()
        if mail_queue.no_worker_reporting(now=now):
            last = mail_queue.last_worker_report()
            raise ServiceUnavailable(
                "no task worker has reported"
                + ("" if last is None else f" for {int((now - last).total_seconds())} s")
            )


class Readiness(HealthCheckView):
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        TaskQueue,
        TaskWorker,
    )

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:
            # A load balancer takes 503 as "not ready, try another"; 500 means a bug.
            response.status_code = 503
        return response


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """Liveness for the load balancer and the benchmark's baseline: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")
