"""Consistent backups and their restore (issue 13, §4).

PostgreSQL: ``pg_dump`` in its custom format (one consistent snapshot) and ``pg_restore``.
SQLite: the sqlite3 backup API (a consistent copy while the portal runs).
A restore goes into an empty database only: restoring over live data would mix two states.
Backups are kept ``PORTAL_BACKUP_DAYS`` days (``backups_prune``); README, register of processing.
"""

import os
import sqlite3
import subprocess
from datetime import timedelta
from pathlib import Path

from django.utils import timezone


class BackupError(Exception):
    pass


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return [*args, "--dbname", str(db["NAME"])]


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} misslyckades: {result.stderr.strip()[:2000]}")


def backup_database(db: dict, path: Path, *, connection=None) -> Path:
    """Write a consistent backup of the database described by ``db`` (a DATABASES entry)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = db["ENGINE"]
    if "postgresql" in engine:
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(path)]
            + _pg_args(db),
            _pg_env(db),
        )
    elif "sqlite3" in engine:
        source = connection.connection if connection is not None else sqlite3.connect(db["NAME"])
        with sqlite3.connect(path) as target:
            source.backup(target)
        target.close()
    else:
        raise BackupError(f"Databasmotorn stöds inte: {engine}")
    return path


def _is_empty(db: dict) -> bool:
    if "sqlite3" in db["ENGINE"]:
        if not Path(db["NAME"]).exists():
            return True
        with sqlite3.connect(db["NAME"]) as con:
            tables = con.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()
        return tables[0] == 0
    import psycopg

    conninfo = {
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "dbname": db["NAME"],
    }
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v}) as con:
        row = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    return row[0] == 0


def restore_database(db: dict, path: Path) -> None:
    """Restore ``path`` into the (empty) database described by ``db``."""
    if not path.exists():
        raise BackupError(f"Säkerhetskopian finns inte: {path}")
    if not _is_empty(db):
        raise BackupError("Databasen är inte tom: återställ bara till en tom databas.")
    engine = db["ENGINE"]
    if "postgresql" in engine:
        _run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", str(path)]
            + _pg_args(db),
            _pg_env(db),
        )
    elif "sqlite3" in engine:
        with sqlite3.connect(path) as source, sqlite3.connect(db["NAME"]) as target:
            source.backup(target)
    else:
        raise BackupError(f"Databasmotorn stöds inte: {engine}")


def backups_prune(directory: Path, *, keep_days: int, now=None) -> list[Path]:
    """Delete backups older than ``keep_days`` (by the time in their name or file)."""
    cutoff = (now or timezone.now()) - timedelta(days=keep_days)
    removed = []
    for path in sorted(directory.glob("medborgarloften-*.backup")):
        modified = timezone.datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.UTC)
        if modified < cutoff:
            path.unlink()
            removed.append(path)
    return removed


def backup_name(now=None) -> str:
    return f"medborgarloften-{(now or timezone.now()):%Y%m%dT%H%M%SZ}.backup"
