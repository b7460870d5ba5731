from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal import retention


class Command(BaseCommand):
    help = (
        "Tar bort personuppgifter som inte längre behövs: avidentifierar anmälningar till möten "
        "och e-postadresser i tips, PERSONAL_DATA_RETENTION_DAYS dagar efteråt (standard 365), "
        "även i historiken. Siffrorna påverkas inte. Tänkt för cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PERSONAL_DATA_RETENTION_DAYS,
            help="Antal dagar (standard: inställningen).",
        )

    def handle(self, *args, days: int, **options):
        if days < 0:
            raise CommandError("--days kan inte vara negativt.")
        for label, count in retention.purge_all(older_than_days=days).items():
            self.stdout.write(self.style.SUCCESS(f"{label}: {count} avidentifierade."))
