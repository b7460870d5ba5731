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
    """Unavailable when the oldest task still waiting to run (e-mail) is older than
    settings.PORTAL_READINESS_QUEUE_SECONDS: the worker is down or cannot keep up."""

    timeout = datetime.timedelta(seconds=5)

    def run(self) -> None:
        if "django_tasks_db" not in settings.INSTALLED_APPS:
            return
        from django.tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        oldest = (
            DBTaskResult.objects.filter(
                status=TaskResultStatus.READY, run_after__lte=timezone.now()
            )
            .order_by("run_after")
            .values_list("run_after", flat=True)
            .first()
        )
        if oldest is None:
            return
        waited = (timezone.now() - oldest).total_seconds()
        if waited > settings.PORTAL_READINESS_QUEUE_SECONDS:
            raise ServiceUnavailable(f"oldest waiting task: {int(waited)} s")


class Readiness(HealthCheckView):
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        TaskQueue,
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
