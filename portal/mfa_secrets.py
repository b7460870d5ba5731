"""Second-factor secrets encrypted at rest (issue 20).

allauth stores each TOTP secret and each recovery-code seed in ``mfa_authenticator.data``; its
MFA adapter's ``encrypt``/``decrypt`` (``PortalMfaAdapter``) pass them through here. Fernet
(AES-128-CBC with HMAC-SHA256) with keys from ``PORTAL_MFA_KEY``, which is not
``DJANGO_SECRET_KEY``: a leaked database or backup, or a leaked signing key, alone gives no
second factor. Several keys (comma-separated) rotate: the first encrypts, each decrypts;
``manage.py encrypt_mfa_secrets`` encrypts every stored secret with the first (README).
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Stored values that carry this prefix are encrypted; others are clear text from before.
PREFIX = "fernet:"
# The fields of an authenticator's data that hold secrets (allauth: TOTP, recovery codes).
SECRET_FIELDS = ("secret", "seed")
SECRET_LISTS = ("migrated_codes",)


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("PORTAL_MFA_KEY is not set (a Fernet key; README).")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "PORTAL_MFA_KEY must be Fernet keys (32 bytes, url-safe base64), comma-separated."
        ) from error


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.PORTAL_MFA_KEYS))


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX)


def encrypt_secret(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt_secret(stored: str) -> str:
    """The secret; clear text stored before encryption is returned as it is (the migration and
    ``encrypt_mfa_secrets`` leave none)."""
    if not is_encrypted(stored):
        return stored
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A second-factor secret cannot be decrypted with any key of PORTAL_MFA_KEY."
        ) from error


def _with_first_key(stored: str) -> str:
    if not is_encrypted(stored):
        return encrypt_secret(stored)
    token = stored[len(PREFIX) :].encode()
    try:
        Fernet(settings.PORTAL_MFA_KEYS[0]).decrypt(token)
    except InvalidToken:
        return PREFIX + fernet().rotate(token).decode()
    return stored  # already under the first key


def secrets_encrypt(authenticators) -> int:
    """Encrypt every secret of ``authenticators`` (a queryset of allauth's ``Authenticator``,
    also a historical model in a migration) with the first key, whether it was clear text or
    encrypted with an older key; the number of authenticators changed."""
    changed = 0
    for authenticator in authenticators.iterator():
        data = dict(authenticator.data or {})
        before = dict(data)
        for field in SECRET_FIELDS:
            if isinstance(data.get(field), str):
                data[field] = _with_first_key(data[field])
        for field in SECRET_LISTS:
            if isinstance(data.get(field), list):
                data[field] = [_with_first_key(v) for v in data[field]]
        if data != before:
            authenticator.data = data
            authenticator.save(update_fields=["data"])
            changed += 1
    return changed
