"""Second-factor secrets encrypted at rest (issue 20): not in the database, not in a backup,
rotated with a new key, and sign-in with them still works."""

import subprocess

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from tests.portal.test_accounts_under_attack import (
    PASSWORD,
    code_at,
    enrol_totp,
    make_officer,
    sign_in,
    signed_in,
)

TEST_KEY = "lWFWBAtwCUVxiBkoLryy3Y1cOe0Qt0J_vakQxjohoK8="


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.PORTAL_REQUIRE_MFA = True


def stored(user, kind) -> dict:
    return Authenticator.objects.get(user=user, type=kind).data


def backup_content(path) -> bytes:
    """What a backup file holds, readable: SQLite's file as it is; pg_dump's compressed custom
    format as the SQL that pg_restore would run."""
    if connection.vendor == "sqlite":
        return path.read_bytes()
    return subprocess.run(  # noqa: S603
        ["pg_restore", "--data-only", "--file=-", str(path)],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")  # the roles, after an earlier test emptied the tables
def test_the_stored_totp_secret_is_not_the_enrolled_one_and_sign_in_still_works(client, tmp_path):
    officer = make_officer()
    secret = enrol_totp(client)
    totp = stored(officer, Authenticator.Type.TOTP)
    assert secret not in str(totp) and totp["secret"].startswith("fernet:")
    codes = RecoveryCodes(Authenticator.objects.get(user=officer, type="recovery_codes"))
    seed = stored(officer, Authenticator.Type.RECOVERY_CODES)["seed"]
    assert seed.startswith("fernet:") and len(codes.generate_codes()) >= 5

    backup = tmp_path / "medborgarloften-secrets.backup"
    call_command("backup", "--output", str(backup), "--no-prune", verbosity=0)
    content = backup_content(backup)
    assert b"kommunpolis" in content  # the reader can see the data at all
    assert secret.encode() not in content
    assert totp["secret"].encode() in content  # it holds the encrypted form

    sign_in(client, "kommunpolis")
    client.post(reverse("mfa_authenticate"), {"code": code_at(secret)})
    assert signed_in(client)
    client.post(reverse("logout"))
    sign_in(client, "kommunpolis")
    client.post(reverse("mfa_authenticate"), {"code": codes.generate_codes()[0]})
    assert signed_in(client)


@pytest.mark.django_db
def test_a_new_key_first_rotates_every_secret_and_the_old_key_can_go(client, settings):
    officer = make_officer()
    secret = enrol_totp(client)
    before = stored(officer, Authenticator.Type.TOTP)["secret"]
    new_key = Fernet.generate_key().decode()
    settings.PORTAL_MFA_KEYS = [new_key, TEST_KEY]
    call_command("encrypt_mfa_secrets", verbosity=0)
    after = stored(officer, Authenticator.Type.TOTP)["secret"]
    assert after != before and after.startswith("fernet:")
    # Running it again changes nothing: every secret is under the first key already.
    call_command("encrypt_mfa_secrets", verbosity=0)
    assert stored(officer, Authenticator.Type.TOTP)["secret"] == after

    settings.PORTAL_MFA_KEYS = [new_key]
    sign_in(client, "kommunpolis")
    client.post(reverse("mfa_authenticate"), {"code": code_at(secret)})
    assert signed_in(client)


@pytest.mark.django_db
def test_secrets_stored_in_clear_before_are_encrypted_by_the_command(client):
    officer = make_officer()
    # A row as allauth wrote it before the adapter encrypted (the state the migration finds).
    Authenticator.objects.create(
        user=officer, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    Authenticator.objects.create(
        user=officer,
        type=Authenticator.Type.RECOVERY_CODES,
        data={"seed": "ab" * 40, "used_mask": 0},
    )
    call_command("encrypt_mfa_secrets", verbosity=0)
    assert "JBSWY3DPEHPK3PXP" not in str(stored(officer, Authenticator.Type.TOTP))
    assert "ab" * 40 not in str(stored(officer, Authenticator.Type.RECOVERY_CODES))
    sign_in(client, "kommunpolis", password=PASSWORD)
    client.post(reverse("mfa_authenticate"), {"code": code_at("JBSWY3DPEHPK3PXP")})
    assert signed_in(client)
