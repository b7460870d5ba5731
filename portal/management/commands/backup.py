from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal.backup import BackupError, backup_create, backup_name, backups_prune


class Command(BaseCommand):
    help = (
        "Gör en konsekvent säkerhetskopia av databasen (PostgreSQL: pg_dump i custom-format; "
        "SQLite: backup-API:t) i PORTAL_BACKUP_DIR (mapp 0700, fil 0600, krypterad med age till "
        "PORTAL_BACKUP_AGE_RECIPIENT när den är satt, med en .sha256-fil bredvid) och tar bort "
        "kopior äldre än PORTAL_BACKUP_DAYS dagar. Återställ med manage.py restore."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Fil att skriva (standard: en ny fil).")
        parser.add_argument("--database", default="default")
        parser.add_argument("--no-prune", action="store_true", help="Behåll gamla kopior.")

    def handle(self, *args, output, database, no_prune, **options):
        directory = Path(settings.PORTAL_BACKUP_DIR)
        path = output or directory / backup_name()
        connection = connections[database]
        connection.ensure_connection()
        try:
            written = backup_create(
                connection.settings_dict,
                path,
                connection=connection,
                age_recipient=settings.PORTAL_BACKUP_AGE_RECIPIENT,
                folder=None if output else directory,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Säkerhetskopia: {written}"))
        if not no_prune and directory.exists():
            for old in backups_prune(directory, keep_days=settings.PORTAL_BACKUP_DAYS):
                self.stdout.write(
                    f"Borttagen (äldre än {settings.PORTAL_BACKUP_DAYS} dagar): {old}"
                )
