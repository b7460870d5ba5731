"""Local development: SQLite by default, debug on, e-mail to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-a-secret")
PORTAL_MFA_KEYS = env.list(
    "PORTAL_MFA_KEY",
    default=["vRxV_sNLumqmU4AHgkTcWqSnjDVRiXq9b9oAOKyfFNA="],  # development only
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# The demo of `make run` signs in without a second factor (production requires one).
PORTAL_REQUIRE_MFA = env.bool("PORTAL_REQUIRE_MFA", default=False)
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
