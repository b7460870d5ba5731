"""Tests: fast hashing, e-mail kept in memory, tasks run at once (the durable backend is tested
in tests/integration/test_mail_queue.py)."""

from .base import *  # noqa: F403
from .base import cache_from_url, env

DEBUG = False
SECRET_KEY = "test-only-not-a-secret"  # noqa: S105
PORTAL_MFA_KEYS = ["lWFWBAtwCUVxiBkoLryy3Y1cOe0Qt0J_vakQxjohoK8="]  # test only, not a secret
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": cache_from_url(env("CACHE_URL", default="locmemcache://tests"))}
# The manifest needs collectstatic; tests serve the source files.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Tests change data and read the public page at once: ask the shared cache every time.
PUBLIC_CACHE_VERSION_SECONDS = 0
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Most tests sign in with force_login; tests/portal/test_accounts.py switches the rule on.
PORTAL_REQUIRE_MFA = False
# A third kind of promise that only the tests register (tests/third_kind): it shows that a kind
# is added with no change in the core.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.third_kind"]  # noqa: F405
