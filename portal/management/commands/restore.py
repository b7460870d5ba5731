from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal.backup import BackupError, restore_verified


class Command(BaseCommand):
    help = (
        "Återställer en säkerhetskopia från manage.py backup till en tom databas "
        "(DATABASE_URL). Kontrollerar först kopians SHA-256 mot .sha256-filen bredvid och "
        "vägrar om den inte stämmer; en .age-kopia dekrypteras med den privata nyckeln "
        "(--identity). Vägrar om databasen redan har tabeller."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--identity",
            type=Path,
            default=settings.PORTAL_BACKUP_AGE_IDENTITY or None,
            help="Fil med age-nyckeln (AGE-SECRET-KEY-...) för en krypterad kopia.",
        )
        parser.add_argument(
            "--skip-checksum",
            action="store_true",
            help="Återställ utan kontrollsumma (bara kopior från före kontrollsummorna).",
        )

    def handle(self, *args, path, database, identity, skip_checksum, **options):
        connection = connections[database]
        connection.close()
        try:
            restore_verified(
                connection.settings_dict,
                path,
                age_identity=identity,
                skip_checksum=skip_checksum,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Återställd från {path}"))
