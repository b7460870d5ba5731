"""Production settings: no defaults for secrets or hosts, and a clean ``check --deploy``."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k3J!x9#qL2@vB7$mN4%pR8^tW1&yZ6*cF0(hD5)sG3_aE2+uI7-oU9=lM4",
    "DJANGO_ALLOWED_HOSTS": "medborgarloften.example.org",
    "DATABASE_URL": "postgres://app:secret@db.example.org:5432/medborgarloften",
    "CACHE_URL": "rediscache://cache.example.org:6379/1",
    "EMAIL_URL": "smtp+tls://portal:secret@mail.example.org:587",
    "DJANGO_DEFAULT_FROM_EMAIL": "medborgarloften@example.org",
    "PORTAL_BASE_URL": "https://medborgarloften.example.org",
    "PORTAL_MFA_KEY": "PDWy0-ViWyaBUeB2-Hb5MRyD5lkR6cZJcKe1A2CQ0kU=",
}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    # A real deployment runs without the test suite's environment (async-unsafe is for tests).
    skip = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in skip}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(set(PRODUCTION_ENV) - {"DJANGO_SETTINGS_MODULE"}))
def test_production_refuses_to_start_without_each_secret_or_host(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run(["-c", "import django; django.setup()"], env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


@pytest.mark.parametrize(
    "keys",
    [
        PRODUCTION_ENV["DJANGO_SECRET_KEY"],
        f"PDWy0-ViWyaBUeB2-Hb5MRyD5lkR6cZJcKe1A2CQ0kU=,{PRODUCTION_ENV['DJANGO_SECRET_KEY']}",
        "not-a-fernet-key",
        ",",
    ],
)
def test_production_refuses_a_second_factor_key_that_is_the_signing_key_or_malformed(keys):
    result = run(
        ["-c", "import django; django.setup()"], {**PRODUCTION_ENV, "PORTAL_MFA_KEY": keys}
    )
    assert result.returncode != 0
    assert "PORTAL_MFA_KEY" in result.stderr


def test_check_deploy_is_clean_with_real_values():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_are_host_bound_and_secure():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS > 0, s.DEBUG, s.MAILERS['default']['OPTIONS']['host'])"
    )
    result = run(["-c", code], PRODUCTION_ENV)
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "False",
        "mail.example.org",
    ], result.stderr


def test_sqlite_keeps_a_write_ahead_log_and_postgres_is_left_as_it_is(tmp_path):
    """A commit on SQLite (a session written, a shift saved) costs no fsync, and readers never
    wait for a writer; the pragmas are really applied to a file database."""
    import sqlite3

    from config.settings.base import database_from_url

    sqlite = database_from_url(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    init = sqlite["OPTIONS"]["init_command"]
    connection = sqlite3.connect(sqlite["NAME"])
    connection.executescript(init)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert connection.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    connection.close()
    postgres = database_from_url(PRODUCTION_ENV["DATABASE_URL"])
    assert "init_command" not in postgres.get("OPTIONS", {})


def test_sqlite_writers_queue_instead_of_failing_with_database_is_locked(tmp_path):
    """Two transactions that each read, then write (a seat taken at a meeting): begun
    ``IMMEDIATE`` as the settings say, the second waits for the first instead of failing."""
    import sqlite3
    import threading

    from config.settings.base import database_from_url

    sqlite = database_from_url(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    options = sqlite["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 10

    def connect():
        connection = sqlite3.connect(
            sqlite["NAME"],
            timeout=options["timeout"],
            isolation_level=None,
            check_same_thread=False,
        )
        connection.executescript(options["init_command"])
        return connection

    setup = connect()
    setup.execute("CREATE TABLE seats (taken INTEGER)")
    setup.execute("INSERT INTO seats VALUES (0)")
    first, second = connect(), connect()
    first.execute(f"BEGIN {options['transaction_mode']}")
    first.execute("SELECT taken FROM seats").fetchone()
    errors: list[Exception] = []

    def take_a_seat():
        try:
            second.execute(f"BEGIN {options['transaction_mode']}")  # waits for the first
            (taken,) = second.execute("SELECT taken FROM seats").fetchone()
            second.execute("UPDATE seats SET taken = ?", (taken + 1,))
            second.execute("COMMIT")
        except sqlite3.OperationalError as error:
            errors.append(error)

    waiting = threading.Thread(target=take_a_seat)
    waiting.start()
    first.execute("UPDATE seats SET taken = taken + 1")
    first.execute("COMMIT")
    waiting.join(timeout=30)
    assert errors == []
    assert setup.execute("SELECT taken FROM seats").fetchone() == (2,)
