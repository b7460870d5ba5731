from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from promises import demo


class Command(BaseCommand):
    help = "Fyller databasen med demodata (går att köra flera gånger). Endast för lokal körning."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Kör även när DEBUG är av (för tester); använd aldrig i produktion.",
        )

    def handle(self, *args, allow_without_debug: bool = False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "seed_demo skapar inloggningar med kända lösenord och körs bara med DEBUG på."
            )
        demo.configured().seed()
        self.stdout.write(self.style.SUCCESS("Demodata klar. Inloggningar:"))
        for login in demo.logins():
            self.stdout.write(f"  {login.role:8} {login.username} / {login.password}")
