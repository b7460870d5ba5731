from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from promises.imports import ImportFailed
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
        parser.add_argument("--area", default=settings.PORTAL_POLICING_AREA)

    def handle(self, *args, file: Path, area: str, **options):
        try:
            policing_area = PolicingArea.objects.get(slug=area)
        except PolicingArea.DoesNotExist:
            raise CommandError(f"Lokalpolisområdet ”{area}” finns inte.") from None
        try:
            with file.open(encoding="utf-8-sig", newline="") as handle:
                report = activities_import(file=handle, policing_area=policing_area)
        except FileNotFoundError:
            raise CommandError(f"Filen {file} finns inte.") from None
        except UnicodeDecodeError:
            raise CommandError(
                f"Filen {file} är inte UTF-8. Spara den som UTF-8 och försök igen."
            ) from None
        except ImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Inget importerades: {len(failed.errors)} fel i {file}. Rätta raderna ovan."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Klart: {report.created} nya aktiviteter, {report.unchanged} fanns redan, "
                f"{report.sites_created} nya platser."
            )
        )
