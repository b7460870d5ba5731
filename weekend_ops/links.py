"""Signed, single-purpose links for partners (they have no account)."""

from django.core import signing

from .models import Registration

CANCEL_SALT = "weekend_ops.registration.cancel"
# A link is no use after its meeting has started; this is a ceiling for very old links.
CANCEL_MAX_AGE = 60 * 60 * 24 * 400


class BadLink(Exception):
    """The link was changed, has expired, or its registration no longer exists."""


def cancel_token(registration: Registration) -> str:
    # The person key ties the token to this registration even if ids were ever reused.
    return signing.dumps(
        {"r": registration.pk, "k": registration.person_key.hex[:12]}, salt=CANCEL_SALT
    )


def registration_from_cancel_token(token: str) -> Registration:
    try:
        data = signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_MAX_AGE)
    except signing.BadSignature as error:  # includes SignatureExpired
        raise BadLink from error
    registration = (
        Registration.objects.select_related("meeting__borough__policing_area", "organisation")
        .filter(pk=data.get("r"))
        .first()
    )
    if registration is None or registration.person_key.hex[:12] != data.get("k"):
        raise BadLink
    return registration
