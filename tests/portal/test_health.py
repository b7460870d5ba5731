"""Liveness and readiness for the load balancer (issue 13, §5)."""

import json
import logging
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.db import OperationalError, connections
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.mark.django_db
def test_ready_when_database_cache_and_queue_answer(client):
    response = client.get(reverse("readiness"), **JSON)
    assert response.status_code == 200
    assert set(response.json().values()) == {"OK"}
    assert any("TaskQueue" in name for name in response.json())


@pytest.mark.django_db
def test_not_ready_with_the_database_down(client):
    down = OperationalError("connection refused")
    with mock.patch.object(type(connections["default"]), "ensure_connection", side_effect=down):
        response = client.get(reverse("readiness"), **JSON)
        liveness = client.get(reverse("health"))
    assert response.status_code == 503
    assert any(value != "OK" for value in response.json().values())
    # Liveness does not touch the database: the process itself is fine.
    assert liveness.status_code == 200


# The checks run in worker threads: the waiting task must be committed for them to see it.
@pytest.mark.django_db(transaction=True)
def test_not_ready_when_mail_has_waited_too_long(client, settings):
    settings.PORTAL_READINESS_QUEUE_SECONDS = 600
    DBTaskResult.objects.create(
        args_kwargs={"args": [1, "confirmed"], "kwargs": {}},
        task_path="weekend_ops.tasks.send_meeting_email",
        backend_name="default",
        run_after=timezone.now() - timedelta(hours=1),
    )
    response = client.get(reverse("readiness"), **JSON)
    assert response.status_code == 503
    assert "oldest waiting task" in json.dumps(response.json())


def test_production_logs_are_one_json_object_per_line():
    from pythonjsonlogger.json import JsonFormatter

    from config.settings import base

    spec = base.LOGGING["formatters"]["json"]
    formatter = JsonFormatter(spec["fmt"], rename_fields=spec["rename_fields"])
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Not Found", (), None)
    line = formatter.format(record)
    assert "\n" not in line
    assert json.loads(line)["level"] == "ERROR"


def test_a_failed_tasks_log_line_names_the_error_not_the_recipients():
    from smtplib import SMTPRecipientsRefused

    from portal.log_filters import ExceptionClassOnly

    try:
        raise SMTPRecipientsRefused({"partner@example.org": (550, b"no such user")})
    except SMTPRecipientsRefused:
        import sys

        record = logging.LogRecord(
            "django.tasks", logging.ERROR, __file__, 1, "Task id=%s", ("abc",), sys.exc_info()
        )
    ExceptionClassOnly().filter(record)
    line = logging.Formatter().format(record)
    assert "partner@example.org" not in line
    assert "SMTPRecipientsRefused" in line and "abc" in line


def test_production_settings_log_json_and_require_mfa(monkeypatch):
    import importlib

    for name, value in {
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": "sqlite:///tmp.sqlite3",
        "CACHE_URL": "locmemcache://",
        "EMAIL_URL": "consolemail://",
        "DJANGO_DEFAULT_FROM_EMAIL": "portal@example.org",
        "PORTAL_BASE_URL": "https://portal.example.org",
        "PORTAL_MFA_KEY": "PDWy0-ViWyaBUeB2-Hb5MRyD5lkR6cZJcKe1A2CQ0kU=",
        "PORTAL_REQUIRE_MFA": "false",
    }.items():
        monkeypatch.setenv(name, value)
    production = importlib.reload(importlib.import_module("config.settings.production"))
    assert production.LOGGING["handlers"]["console"]["formatter"] == "json"
    assert production.PORTAL_REQUIRE_MFA is True
    assert production.AXES_CLIENT_IP_CALLABLE == "portal.client_ip.axes_client_ip"


@pytest.fixture
def durable_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_READINESS_QUEUE_SECONDS = 600
    settings.PORTAL_WORKER_GONE_SECONDS = 60


def a_worker_reports():
    from portal.task_worker import report

    report(worker_id="worker-1", backend_name="default", started_at=timezone.now())


def queue_a_mail():
    from django.core.mail import EmailMessage

    from portal import mail_queue

    mail_queue.enqueue_message(EmailMessage(subject="Hej", body="Text", to=["a@example.org"]))


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("durable_tasks")
def test_not_ready_when_a_first_try_mail_has_waited_too_long(client):
    """django-tasks-db stores a first try's run_after as the far future: the wait counts from
    when the mail was queued."""
    a_worker_reports()
    queue_a_mail()
    assert DBTaskResult.objects.get(queue_name="default").run_after.year == 9999
    assert client.get(reverse("readiness"), **JSON).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        a_worker_reports()  # a worker is there, but the mail has not gone
        response = client.get(reverse("readiness"), **JSON)
    assert response.status_code == 503
    assert "oldest waiting task: 6" in json.dumps(response.json())  # 660 s


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("durable_tasks")
def test_not_ready_when_no_worker_has_reported_within_a_minute(client):
    response = client.get(reverse("readiness"), **JSON)
    assert response.status_code == 503
    assert "no task worker has reported" in json.dumps(response.json())
    a_worker_reports()
    assert client.get(reverse("readiness"), **JSON).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        response = client.get(reverse("readiness"), **JSON)
    assert response.status_code == 503
    assert "no task worker has reported for 6" in json.dumps(response.json())
