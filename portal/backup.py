"""Consistent backups and their restore (issue 13, §4).

PostgreSQL: ``pg_dump`` in its custom format (one consistent snapshot) and ``pg_restore``.
SQLite: the sqlite3 backup API (a consistent copy while the portal runs).
A restore goes into an empty database only: restoring over live data would mix two states.
Backups are kept ``PORTAL_BACKUP_DAYS`` days (``backups_prune``); README, register of processing.

A backup holds every personal datum and every (encrypted) second factor of the portal: it is
written ``0600`` in a ``0700`` folder, optionally encrypted with age to a public key
(``PORTAL_BACKUP_AGE_RECIPIENT``; only the holder of the private key can read it), and comes with
a SHA-256 sidecar (``<file>.sha256``, ``sha256sum`` format) that restore checks first.
"""

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

import pyrage
from django.utils import timezone

AGE_SUFFIX = ".age"
CHECKSUM_SUFFIX = ".sha256"
FILE_MODE = 0o600
FOLDER_MODE = 0o700


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


@contextlib.contextmanager
def _private_files():
    """Files created inside are readable by the owner only (pg_dump and age create their own)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def checksum_path(path: Path) -> Path:
    return path.with_name(path.name + CHECKSUM_SUFFIX)


def file_sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def checksum_write(path: Path) -> Path:
    sidecar = checksum_path(path)
    sidecar.write_text(f"{file_sha256(path)}  {path.name}\n")
    sidecar.chmod(FILE_MODE)
    return sidecar


def checksum_verify(path: Path) -> None:
    """Refuse a backup whose SHA-256 is not the one written beside it (damaged or altered)."""
    sidecar = checksum_path(path)
    if not sidecar.exists():
        raise BackupError(
            f"Kontrollsumman saknas ({sidecar.name}): återställer inte en kopia som inte kan "
            "kontrolleras (--skip-checksum för en kopia från före kontrollsummorna)."
        )
    written = sidecar.read_text().split()
    expected = written[0].lower() if written else ""
    if file_sha256(path) != expected:
        raise BackupError(
            f"Kontrollsumman stämmer inte för {path.name}: kopian är skadad eller ändrad. "
            "Inget har återställts."
        )


def private_folder(directory: Path) -> Path:
    """The backup folder, made (or narrowed) to the owner only."""
    directory.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    directory.chmod(FOLDER_MODE)
    return directory


def backup_create(
    db: dict, path: Path, *, connection=None, age_recipient: str = "", folder: Path | None = None
) -> Path:
    """Write a consistent backup to ``path`` (``0600``; ``folder``, when given, made ``0700``),
    encrypt it to ``age_recipient`` when one is set (``path.age``; the clear copy is removed),
    and write its checksum beside it. The file written."""
    recipient = None
    if age_recipient:
        try:
            recipient = pyrage.x25519.Recipient.from_str(age_recipient.strip())
        except pyrage.RecipientError as error:
            raise BackupError(
                f"PORTAL_BACKUP_AGE_RECIPIENT är inte en age-nyckel (age1...): {error}"
            ) from error
    if folder is not None:
        private_folder(folder)
    with _private_files():
        backup_database(db, path, connection=connection)
        path.chmod(FILE_MODE)
        if recipient is not None:
            encrypted = path.with_name(path.name + AGE_SUFFIX)
            try:
                pyrage.encrypt_file(str(path), str(encrypted), [recipient])
            finally:
                path.unlink()
            encrypted.chmod(FILE_MODE)
            path = encrypted
        checksum_write(path)
    return path


def backup_database(db: dict, path: Path, *, connection=None) -> Path:
    """Write a consistent backup of the database described by ``db`` (a DATABASES entry)."""
    path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
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


def restore_verified(
    db: dict, path: Path, *, age_identity: Path | None = None, skip_checksum: bool = False
) -> None:
    """Check the backup's checksum, decrypt it when it is an age file (with the private key in
    ``age_identity``) and restore it into the (empty) database described by ``db``."""
    if not path.exists():
        raise BackupError(f"Säkerhetskopian finns inte: {path}")
    if not skip_checksum:
        checksum_verify(path)
    if path.name.endswith(AGE_SUFFIX):
        if age_identity is None:
            raise BackupError("Kopian är krypterad med age: ange den privata nyckeln (--identity).")
        try:
            # age-keygen's file: comment lines, then the key.
            identities = [
                pyrage.x25519.Identity.from_str(line.strip())
                for line in age_identity.read_text().splitlines()
                if line.strip().startswith("AGE-SECRET-KEY-")
            ]
        except (OSError, pyrage.IdentityError) as error:
            raise BackupError(f"Kan inte läsa age-nyckeln i {age_identity}: {error}") from error
        if not identities:
            raise BackupError(f"Ingen age-nyckel (AGE-SECRET-KEY-...) i {age_identity}.")
        with tempfile.TemporaryDirectory() as private, _private_files():  # 0700
            clear = Path(private) / path.name.removesuffix(AGE_SUFFIX)
            try:
                pyrage.decrypt_file(str(path), str(clear), identities)
            except pyrage.DecryptError as error:
                raise BackupError(f"Kan inte dekryptera {path.name}: {error}") from error
            restore_database(db, clear)
        return
    restore_database(db, path)


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
    # The backup, its encrypted form and their checksums alike.
    for path in sorted(directory.glob("medborgarloften-*.backup*")):
        modified = timezone.datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.UTC)
        if modified < cutoff:
            path.unlink()
            removed.append(path)
    return removed


def backup_name(now=None) -> str:
    return f"medborgarloften-{(now or timezone.now()):%Y%m%dT%H%M%SZ}.backup"
