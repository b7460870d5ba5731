"""Settings of the worker processes that tests/portal/test_task_worker.py starts: the test
settings with the durable queue, the database of the test (``DATABASE_URL``) and an SMTP server
on 127.0.0.1 (``PORTAL_TEST_SMTP_PORT``)."""

from config.settings.test import *  # noqa: F403
from config.settings.test import env

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "127.0.0.1",
            "port": env.int("PORTAL_TEST_SMTP_PORT"),
            "timeout": 30,
        },
    }
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A locked database answers "database is locked" after half a second, not five.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 0.5  # noqa: F405
