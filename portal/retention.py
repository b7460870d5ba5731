"""Personal data retention: apps register a purge in ``AppConfig.ready()``; the command
``purge_personal_data`` runs them all. Each takes ``older_than_days`` and returns a count.

The platform's own copies are purged here: the admin log's text of each object, the login
records of django-axes and finished tasks of the mail queue (README: register of processing)."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

_purges: dict[str, Callable[..., int]] = {}


def register(label: str, purge: Callable[..., int]) -> None:
    _purges[label] = purge


def purge_all(*, older_than_days: int) -> dict[str, int]:
    return {label: purge(older_than_days=older_than_days) for label, purge in _purges.items()}


def admin_log_purge(*, older_than_days: int) -> int:
    """The admin log keeps each object's text as it was (a partner's name, a tip's place):
    older entries keep only the object's id."""
    from django.contrib.admin.models import LogEntry
    from django.db.models import Value
    from django.db.models.functions import Concat

    cutoff = timezone.now() - timedelta(days=older_than_days)
    return (
        LogEntry.objects.filter(action_time__lt=cutoff)
        .exclude(object_repr__startswith="#")
        .update(object_repr=Concat(Value("#"), "object_id"), change_message="")
    )


def login_records_purge(*, older_than_days: int) -> int:
    """django-axes' records (username, address, user agent, the form's fields) are deleted after
    settings.PORTAL_LOGIN_LOG_DAYS (or the command's shorter period)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    days = min(older_than_days, settings.PORTAL_LOGIN_LOG_DAYS)
    cutoff = timezone.now() - timedelta(days=days)
    count = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        count += model.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return count


def finished_tasks_purge(*, older_than_days: int) -> int:
    """Finished tasks of the mail queue (a failure's traceback may hold an address)."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return 0
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(days=older_than_days)
    return DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()[0]
