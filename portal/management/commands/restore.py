from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal.backup import BackupError, restore_database


class Command(BaseCommand):
    help = (
        "Återställer en säkerhetskopia från manage.py backup till en tom databas "
        "(DATABASE_URL). Vägrar om databasen redan har tabeller."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--database", default="default")

    def handle(self, *args, path, database, **options):
        connection = connections[database]
        connection.close()
        try:
            restore_database(connection.settings_dict, path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Återställd från {path}"))
