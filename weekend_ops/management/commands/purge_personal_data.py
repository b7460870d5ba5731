from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from weekend_ops.services import registrations_purge


class Command(BaseCommand):
    help = (
        "Avidentifierar anmälningar till möten som slutade för mer än PERSONAL_DATA_RETENTION_DAYS "
        "dagar sedan (standard 365), även i historiken. Närvarosiffrorna påverkas inte."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PERSONAL_DATA_RETENTION_DAYS,
            help="Antal dagar efter mötet (standard: inställningen).",
        )

    def handle(self, *args, days: int, **options):
        if days < 0:
            raise CommandError("--days kan inte vara negativt.")
        count = registrations_purge(older_than_days=days)
        self.stdout.write(self.style.SUCCESS(f"{count} anmälningar avidentifierade."))
