from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.imports import import_file
from promises.models import PolicingArea
from weekend_ops.csv_io import COLUMNS, shifts_import


class Command(BaseCommand):
    help = (
        "Importerar pass från en CSV-fil (UTF-8, rubrikrad "
        + ",".join(COLUMNS)
        + "). Allt eller inget: en felaktig rad stoppar hela importen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV-filen")
        parser.add_argument(
            "--create-officers",
            action="store_true",
            help="Skapa okända användarnamn som poliser (utan lösenord) i stället för att avbryta.",
        )
        parser.add_argument(
            "--area", default=settings.PORTAL_DEFAULT_AREA, help="Lokalpolisområdets kortnamn."
        )

    def handle(self, *args, file: Path, create_officers: bool, area: str, **options):
        try:
            policing_area = PolicingArea.objects.get(slug=area)
        except PolicingArea.DoesNotExist:
            raise CommandError(f"Lokalpolisområdet ”{area}” finns inte.") from None
        report = import_file(
            file,
            shifts_import,
            stderr=self.stderr,
            policing_area=policing_area,
            create_officers=create_officers,
        )
        self.stdout.write(self.style.SUCCESS(str(report)))
        if report.officers_created:
            self.stdout.write("Nya poliser: " + ", ".join(report.officers_created))
