"""Mail that is never lost (issue 13, §2).

Feature apps register the tasks that send e-mail (``register(task, label=...)`` in
``AppConfig.ready()``); such a task takes ``attempt`` as a keyword. When one fails (the SMTP
server is down), it is enqueued again with back-off until ``PORTAL_MAIL_ATTEMPTS``; after the last
attempt it stays failed, is listed for staff with a "send again" action and counted on the
dashboard. The tasks are kept by django-tasks-db and run by its worker (``manage.py db_worker``).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.tasks import TaskResultStatus
from django.tasks.signals import task_finished
from django.utils import timezone

logger = logging.getLogger(__name__)

# module path of a mail task -> what it sends, for staff ("Bekräftelse av anmälan")
_mail_tasks: dict[str, tuple[object, str]] = {}


def register(task, *, label: str) -> None:
    _mail_tasks[task.module_path] = (task, label)


def label_of(task_path: str) -> str:
    return str(_mail_tasks[task_path][1]) if task_path in _mail_tasks else task_path


def retry_delay(*, attempt: int, base_seconds: int) -> timedelta:
    """Back-off before attempt ``attempt + 1``: the base, doubled after every failure."""
    return timedelta(seconds=base_seconds * 2 ** (attempt - 1))


@receiver(task_finished)
def retry_failed_mail(sender, task_result, **kwargs) -> None:
    """A failed mail task is tried again later while attempts remain."""
    task = task_result.task
    if task.module_path not in _mail_tasks or task_result.status != TaskResultStatus.FAILED:
        return
    attempt = int(task_result.kwargs.get("attempt", 1))
    if attempt >= settings.PORTAL_MAIL_ATTEMPTS or not task.get_backend().supports_defer:
        logger.error("Mail task %s failed for good after %s attempts", task_result.id, attempt)
        return
    run_after = timezone.now() + retry_delay(
        attempt=attempt, base_seconds=settings.PORTAL_MAIL_RETRY_SECONDS
    )
    task.using(run_after=run_after).enqueue(
        *task_result.args, **{**task_result.kwargs, "attempt": attempt + 1}
    )


def _queue_in_database() -> bool:
    return "django_tasks_db" in settings.INSTALLED_APPS


def failed_mail():
    """Mail that could not be sent after all its attempts (newest first)."""
    if not _queue_in_database():
        return []
    from django_tasks_db.models import DBTaskResult

    return (
        DBTaskResult.objects.failed()
        .filter(
            task_path__in=list(_mail_tasks),
            args_kwargs__kwargs__attempt__gte=settings.PORTAL_MAIL_ATTEMPTS,
        )
        .order_by("-finished_at")
    )


def failed_mail_count() -> int:
    return failed_mail().count() if _queue_in_database() else 0


def mail_send_again(*, task_result_id) -> bool:
    """Enqueue a failed mail anew (attempts start over); the failed record is removed so the
    list shows only what is still unsent. False when there is no such failed mail."""
    with transaction.atomic():
        failed = failed_mail().select_for_update().filter(pk=task_result_id).first()
        if failed is None:
            return False
        task, _label = _mail_tasks[failed.task_path]
        args, kwargs = failed.args_kwargs["args"], failed.args_kwargs["kwargs"]
        failed.delete()
        transaction.on_commit(lambda: task.enqueue(*args, **{**kwargs, "attempt": 1}))
    return True
