from django.core.management.base import BaseCommand

from weekend_ops.services import meeting_reminders_send


class Command(BaseCommand):
    help = (
        "Skickar påminnelse till bekräftade deltagare i möten som börjar i morgon. "
        "Tänkt för cron, en gång om dagen; varje deltagare får bara en påminnelse."
    )

    def handle(self, *args, **options):
        sent = meeting_reminders_send()
        self.stdout.write(self.style.SUCCESS(f"{sent} påminnelser skickade."))
