from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.imports import import_file
from promises.models import PolicingArea
from safety_inventory.csv_io import COLUMNS, activities_import


class Command(BaseCommand):
    help = (
        "Importerar trygghetsinventeringar och platssamverkan från en CSV-fil (UTF-8, rubrikrad "
        + ",".join(COLUMNS)
        + "). Allt eller inget."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV-filen")
        parser.add_argument("--area", default=settings.PORTAL_DEFAULT_AREA)

    def handle(self, *args, file: Path, area: str, **options):
        try:
            policing_area = PolicingArea.objects.get(slug=area)
        except PolicingArea.DoesNotExist:
            raise CommandError(f"Lokalpolisområdet ”{area}” finns inte.") from None
        report = import_file(
            file, activities_import, stderr=self.stderr, policing_area=policing_area
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Klart: {report.created} nya aktiviteter, {report.updated} ändrade, "
                f"{report.unchanged} fanns redan, {report.sites_created} nya platser."
            )
        )
