"""Backup → restore into an empty database → the same rows and the same public figures
(issue 13, §4). Runs on the suite's database: SQLite locally, PostgreSQL in CI."""

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pyrage
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from portal.backup import backups_prune

# Prints the restored database's row count per table and the progress API's answer.
REPORT = """
import json
from django.db import connection
from django.test import Client
with connection.cursor() as cursor:
    counts = {}
    for table in connection.introspection.table_names(cursor):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
api = Client().get("/api/v1/progress/").json()
print(json.dumps({"counts": counts, "api": api}))
"""
# Prints the restored database's row count per table.
COUNTS = REPORT.split("api = ")[0] + "print(json.dumps(counts))\n"


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def manage(*args, database_url: str) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


# The backup command runs outside any transaction, as from cron; on SQLite a test transaction
# (begun IMMEDIATE, config/settings/base.py) would hold the write lock the backup waits for.
def outside_a_transaction(test):
    return pytest.mark.django_db(transaction=True)(pytest.mark.usefixtures("reference_data")(test))


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database of the suite's kind, as a DATABASE_URL; dropped afterwards."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{db['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
    yield f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_backup_restores_to_the_same_rows_and_figures(client, tmp_path, empty_database):
    call_command("seed_demo", allow_without_debug=True, verbosity=0)
    counts = table_counts()
    api = client.get(reverse("api:progress")).json()
    assert counts["weekend_ops_shift"] > 0

    backup = tmp_path / "medborgarloften-test.backup"
    call_command("backup", "--output", str(backup), "--no-prune", verbosity=0)
    assert backup.stat().st_size > 0

    manage("restore", str(backup), database_url=empty_database)
    output = manage("shell", "-c", REPORT, database_url=empty_database)
    restored = json.loads(output.strip().splitlines()[-1])
    assert restored["counts"] == counts
    assert restored["api"] == api

    # A second restore into the now full database is refused.
    env_url = empty_database
    with pytest.raises(AssertionError, match="inte tom"):
        manage("restore", str(backup), database_url=env_url)


def test_restore_refuses_a_missing_file(db):
    with pytest.raises(CommandError, match="finns inte"):
        call_command("restore", "/nonexistent/medborgarloften.backup")


def test_backups_older_than_the_kept_days_are_deleted(tmp_path):
    old, new = tmp_path / "medborgarloften-old.backup", tmp_path / "medborgarloften-new.backup"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    os.utime(old, (0, 0))
    assert backups_prune(tmp_path, keep_days=35) == [old]
    assert [p.name for p in Path(tmp_path).iterdir()] == [new.name]


@outside_a_transaction
def test_backups_are_written_for_the_owner_only_with_a_checksum(settings, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)  # an older, readable folder is narrowed
    settings.PORTAL_BACKUP_DIR = folder
    call_command("backup", "--no-prune", verbosity=0)
    (backup,) = folder.glob("medborgarloften-*.backup")
    sidecar = folder / f"{backup.name}.sha256"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600
    digest = hashlib.sha256(backup.read_bytes()).hexdigest()
    assert sidecar.read_text() == f"{digest}  {backup.name}\n"


@outside_a_transaction
def test_restore_refuses_a_backup_whose_checksum_fails(tmp_path):
    backup = tmp_path / "medborgarloften-test.backup"
    call_command("backup", "--output", str(backup), "--no-prune", verbosity=0)
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.write_bytes(bytes(data))
    # Refused for its checksum before anything else (the suite's database is not even empty).
    with pytest.raises(CommandError, match="Kontrollsumman stämmer inte"):
        call_command("restore", str(backup))
    (tmp_path / f"{backup.name}.sha256").unlink()
    with pytest.raises(CommandError, match="Kontrollsumman saknas"):
        call_command("restore", str(backup))


@pytest.mark.django_db(transaction=True)
def test_an_encrypted_backup_restores_with_the_private_key_only(settings, tmp_path, empty_database):
    from tests.portal.factories import UserFactory

    UserFactory(username="kommunpolis-backup", role=None)
    counts = table_counts()
    identity = pyrage.x25519.Identity.generate()
    settings.PORTAL_BACKUP_AGE_RECIPIENT = str(identity.to_public())
    settings.PORTAL_BACKUP_DIR = tmp_path / "backups"
    call_command("backup", "--no-prune", verbosity=0)
    (encrypted,) = settings.PORTAL_BACKUP_DIR.glob("medborgarloften-*.backup.age")
    assert not list(settings.PORTAL_BACKUP_DIR.glob("*.backup"))  # no clear copy left
    assert stat.S_IMODE(encrypted.stat().st_mode) == 0o600
    assert b"kommunpolis-backup" not in encrypted.read_bytes()

    key_file = tmp_path / "backup-key.txt"
    key_file.write_text(f"# created: now\n# public key: {identity.to_public()}\n{identity}\n")
    other = tmp_path / "other-key.txt"
    other.write_text(f"{pyrage.x25519.Identity.generate()}\n")
    with pytest.raises(AssertionError, match="dekryptera"):
        manage("restore", str(encrypted), "--identity", str(other), database_url=empty_database)
    with pytest.raises(AssertionError, match="privata nyckeln"):
        manage("restore", str(encrypted), database_url=empty_database)

    manage("restore", str(encrypted), "--identity", str(key_file), database_url=empty_database)
    restored = json.loads(
        manage("shell", "-c", COUNTS, database_url=empty_database).strip().splitlines()[-1]
    )
    assert restored == counts


@outside_a_transaction
def test_an_age_recipient_that_is_not_a_key_is_refused(settings, tmp_path):
    settings.PORTAL_BACKUP_AGE_RECIPIENT = "age1notakey"
    settings.PORTAL_BACKUP_DIR = tmp_path
    with pytest.raises(CommandError, match="PORTAL_BACKUP_AGE_RECIPIENT"):
        call_command("backup", "--no-prune", verbosity=0)
    assert not list(tmp_path.iterdir())
