"""Second-factor secrets stored before encryption (issue 20) are encrypted with PORTAL_MFA_KEY.
Running it again changes nothing; ``manage.py encrypt_mfa_secrets`` does the same for a key
rotation."""

from django.db import migrations


def encrypt_stored_secrets(apps, schema_editor):
    from portal.mfa_secrets import secrets_encrypt

    Authenticator = apps.get_model("mfa", "Authenticator")
    secrets_encrypt(Authenticator.objects.using(schema_editor.connection.alias).all())


class Migration(migrations.Migration):
    dependencies = [
        ("promises", "0011_policingarea_slug_not_an_address"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_stored_secrets, migrations.RunPython.noop)]
