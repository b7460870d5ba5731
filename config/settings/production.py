"""Production: every secret and host comes from the environment, with no default.

Start fails with a clear message when one is missing (django-environ's ImproperlyConfigured
names the variable).
"""

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import cache_from_url, database_from_url, env, mailers_from_url

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
# Second-factor secrets are encrypted with these (no default; never the signing key).
PORTAL_MFA_KEYS = env.list("PORTAL_MFA_KEY")
if not PORTAL_MFA_KEYS or SECRET_KEY in PORTAL_MFA_KEYS:
    raise ImproperlyConfigured("Set PORTAL_MFA_KEY: Fernet keys, not DJANGO_SECRET_KEY (README).")
try:
    [Fernet(key) for key in PORTAL_MFA_KEYS]
except ValueError as error:
    raise ImproperlyConfigured("PORTAL_MFA_KEY: each key is 32 url-safe base64 bytes.") from error
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
DATABASES = {"default": database_from_url(env("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
CACHES = {"default": cache_from_url(env("CACHE_URL"))}
MAILERS = mailers_from_url(env("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PORTAL_BASE_URL = env("PORTAL_BASE_URL")

# HTTPS only, behind a proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies are bound to this exact host, over HTTPS, for the whole path.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Required in production whatever the environment says.
PORTAL_REQUIRE_MFA = True
# One JSON object per line, for the log collector.
LOGGING = {  # noqa: F405  (a copy: base's dict stays as it is)
    **LOGGING,  # noqa: F405
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
