from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.mfa_secrets import secrets_encrypt


class Command(BaseCommand):
    help = (
        "Krypterar varje sparad hemlighet för andra faktorn (TOTP, återställningskoder) med den "
        "första nyckeln i PORTAL_MFA_KEY: hemligheter i klartext och sådana som är krypterade "
        "med en äldre nyckel. Kör efter att en ny nyckel har lagts först (nyckelbyte)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = secrets_encrypt(Authenticator.objects.select_for_update())
        self.stdout.write(self.style.SUCCESS(f"Krypterade om {changed} autentiserare."))
