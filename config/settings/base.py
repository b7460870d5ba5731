"""Settings shared by every environment.

Twelve-factor: everything that differs between machines comes from the environment through the
one ``env`` below. ``local.py``, ``test.py`` and ``production.py`` import from here and change a
few lines.
"""

import datetime
from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

# --- Applications -----------------------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks_db",
    "health_check",
    "axes",
    # The platform (no models, imports nothing of ours), the domain core, its features.
    "portal",
    "promises",
    "weekend_ops",
    "safety_inventory",
    "dialogue",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "portal.middleware.RejectNulBytesMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A public page this process just served from the cache skips all that follows.
    "portal.middleware.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # request.area (lazy), and whatever else PORTAL_REQUEST_ATTRIBUTES names.
    "portal.middleware.RequestAttributesMiddleware",
    # Bodies and uploads larger than allowed are refused from their length, before CSRF (the
    # first to read a body) reads them; the page it answers with has the user and the area.
    "portal.uploads.UploadLimitMiddleware",
    # A POST-only address opened as a link answers with a page, not an empty 405.
    "portal.middleware.MethodNotAllowedPageMiddleware",
    # Officers and admins set up a second factor before any other page (PORTAL_REQUIRE_MFA).
    "portal.middleware.MfaRequiredMiddleware",
    # Axes must come last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "promises.web.context_processors.site",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------


def database_from_url(url: str) -> dict:
    """A DATABASES entry from ``DATABASE_URL``. SQLite keeps a write-ahead log and syncs to disk
    at checkpoints: a commit (every staff request saves its session) costs no fsync, and readers
    never wait for a writer. Only a power cut can lose the last commits, never consistency.

    A transaction takes the write lock when it begins (``IMMEDIATE``), so concurrent writers
    queue for up to ``timeout`` seconds: a transaction that first reads and then writes (a seat
    taken at a meeting) would otherwise fail at once with "database is locked" when another
    writer got there first (``make bench``'s 200 registrations: 78 answered 500)."""
    config = environ.Env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        options = config.setdefault("OPTIONS", {})
        options["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        options["transaction_mode"] = "IMMEDIATE"
        options.setdefault("timeout", 20)
    return config


DATABASES = {
    "default": database_from_url(
        env("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(url: str) -> dict:
    """A CACHES entry from ``CACHE_URL``; Redis goes through our client-reusing backend."""
    config = environ.Env.cache_url_config(url)
    if config["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        config["BACKEND"] = "config.cache.ReusedClientRedisCache"
    return config


CACHES = {"default": cache_from_url(env("CACHE_URL", default="locmemcache://medborgarloften"))}

# --- E-mail and tasks -------------------------------------------------------------------------


def mailers_from_url(url: str) -> dict:
    """Django 6.1's MAILERS from an ``EMAIL_URL`` (``smtp+tls://user:pass@host:587``,
    ``consolemail://``), parsed by django-environ."""
    config = environ.Env.email_url_config(url)
    options = {
        "host": config.get("EMAIL_HOST"),
        "port": config.get("EMAIL_PORT"),
        "username": config.get("EMAIL_HOST_USER"),
        "password": config.get("EMAIL_HOST_PASSWORD"),
        "use_tls": config.get("EMAIL_USE_TLS"),
        "use_ssl": config.get("EMAIL_USE_SSL"),
        # A server that stops answering must not hold the worker (and its mail) for ever.
        "timeout": config.get("EMAIL_TIMEOUT") or 30,
    }
    backend = config["EMAIL_BACKEND"]
    if not backend.endswith("smtp.EmailBackend"):
        options = {}
    return {"default": {"BACKEND": backend, "OPTIONS": {k: v for k, v in options.items() if v}}}


MAILERS = mailers_from_url(env("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="medborgarloften@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Durable tasks: e-mail waits in the database until the worker (``manage.py task_worker``) has
# sent it; a failed attempt is retried with back-off (portal.mail_queue).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Attempts per e-mail and the wait before each retry (seconds, doubling: 1, 2, 4, 8 minutes ...).
# Request bodies (portal/uploads.py). A form without files is at most 1 MB (the longest,
# a year's narratives, is about 40 kB) with at most 2,000 fields (a protocol of 50 findings and
# 50 measures has about 900); an upload (the shift import) at most PORTAL_UPLOAD_MAX_BYTES, read
# through LimitedUploadHandler, which stops at the limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 5
PORTAL_UPLOAD_MAX_BYTES = env.int("PORTAL_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "portal.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

PORTAL_MAIL_ATTEMPTS = env.int("PORTAL_MAIL_ATTEMPTS", default=5)
PORTAL_MAIL_RETRY_SECONDS = env.int("PORTAL_MAIL_RETRY_SECONDS", default=60)
# How long a worker tries to record that a message went out while the database is away.
PORTAL_MAIL_MARK_SECONDS = env.int("PORTAL_MAIL_MARK_SECONDS", default=30)
# Workers report every so many seconds; one silent for PORTAL_WORKER_GONE_SECONDS is gone: its
# tasks go back to the queue, and with no worker reporting the portal is not ready.
PORTAL_WORKER_HEARTBEAT_SECONDS = env.float("PORTAL_WORKER_HEARTBEAT_SECONDS", default=10)
PORTAL_WORKER_GONE_SECONDS = env.float("PORTAL_WORKER_GONE_SECONDS", default=60)

# --- Authentication ---------------------------------------------------------------------------

# Sign-in goes through allauth (django.contrib.auth.authenticate), so axes' backend sees it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "promises:dashboard"
LOGOUT_REDIRECT_URL = "promises:home"

# Lock out by the pair username + client address after repeated failures, for a while.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The one client-address rule of the portal (trusted proxies), and a username that fits the column.
AXES_CLIENT_IP_CALLABLE = "portal.client_ip.axes_client_ip"
AXES_USERNAME_CALLABLE = "portal.accounts.axes_username"
# A request refused during a lockout does not push the lockout's end further away.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# One address may fail this many sign-ins (any usernames) per hour; then it is refused for a while.
PORTAL_LOGIN_FAILURES_PER_ADDRESS = (
    env.int("PORTAL_LOGIN_FAILURES_PER_ADDRESS", default=20),
    60 * 60,
)
# Login records (axes: username, address, user agent) are deleted after this many days.
PORTAL_LOGIN_LOG_DAYS = env.int("PORTAL_LOGIN_LOG_DAYS", default=90)

# allauth: staff sign in with a username; there is no public sign-up (accounts come from an admin).
ACCOUNT_ADAPTER = "portal.accounts.PortalAccountAdapter"
ACCOUNT_FORMS = {
    "login": "portal.forms.LoginForm",
    "reset_password": "portal.forms.ResetPasswordForm",
}
MFA_ADAPTER = "portal.accounts.PortalMfaAdapter"
# The code step counts failures per account and logs each (portal.accounts).
MFA_FORMS = {
    "authenticate": "portal.accounts.SecondFactorForm",
    "reauthenticate": "portal.accounts.SecondFactorReauthenticateForm",
    # Only a real registration response is stored as a passkey.
    "add_webauthn": "portal.accounts.PasskeyAddForm",
    "edit_webauthn": "portal.accounts.PasskeyEditForm",
}
# Keys that encrypt second-factor secrets at rest (Fernet; comma-separated: the first encrypts,
# every one decrypts, for rotation). Not DJANGO_SECRET_KEY. README, "Second-factor secrets".
PORTAL_MFA_KEYS = env.list("PORTAL_MFA_KEY", default=[])
# Failed second-factor codes per account (any addresses) before it is refused for the window.
PORTAL_MFA_FAILURES_PER_USER = (env.int("PORTAL_MFA_FAILURES_PER_USER", default=10), 60 * 60)
# Nobody signs up: an administrator creates every account, so an unverified address cannot be an
# attacker's claim on it. Staff set up a factor whether or not they have (verified) an address.
MFA_ALLOW_UNVERIFIED_EMAIL = True
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
# allauth's mails name the portal, not the host they were asked from ("[localhost:8112]").
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Medborgarlöften: "
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_REDIRECT_URL = "promises:home"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {
    # allauth's per-key limit. The password step's key is username + address
    # (PortalAccountAdapter: a username alone would let a stranger lock an officer out); the
    # second-factor step's key is the account, whatever the address (only the password gets
    # there), so codes cannot be guessed from many addresses. No limit per address alone: that
    # would lock out an office behind one address (PORTAL_LOGIN_FAILURES_PER_ADDRESS instead).
    "login_failed": "5/5m/key",
    "reset_password": "5/m/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Medborgarlöften"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", default=False)
# Officers and admins must set up a second factor (TOTP or a passkey) after their first sign-in.
PORTAL_REQUIRE_MFA = env.bool("PORTAL_REQUIRE_MFA", default=True)
# Who must: the domain's rule (roles), asked by the platform's MfaRequiredMiddleware.
PORTAL_MFA_REQUIRED_FOR = "promises.permissions.mfa_required_for"

# Sessions end after 30 minutes without a request (every request pushes the expiry forward).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
# The database, with the idle expiry written at most once a minute (not on every page).
SESSION_ENGINE = "portal.sessions"
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
# One date format per language: English as "6 December 2026" (config/formats/en/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ---------------------------------------------------------------------------------

# Only our own origin: no inline script or style, so pages can be cached and shared.
# Bootstrap's CSS draws a few icons as data: SVG images.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
# A form sent without its token gets the portal's own page (what to do), not Django's.
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"
# Browser features the portal never uses are switched off; WebAuthn (passkeys) stays on for us.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), picture-in-picture=(), screen-wake-lock=(), serial=(), usb=(), "
    "xr-spatial-tracking=(), publickey-credentials-create=(self), "
    "publickey-credentials-get=(self)"
)

# --- The portal -------------------------------------------------------------------------------

# Attributes the platform's RequestAttributesMiddleware sets on every request, lazily.
PORTAL_REQUEST_ATTRIBUTES = {"area": "promises.areas.current_area"}
# The area the portal's old, area-less addresses serve (``/``, ``/api/v1/progress/``).
PORTAL_DEFAULT_AREA = env("PORTAL_DEFAULT_AREA", default="farsta")
# Only the first year a new policing area is given: each area's own is data
# (PolicingArea.first_year, "första år" in the admin; the rule: promises/plausible.py).
PORTAL_FIRST_YEAR = 2024
# The areas and logins of `make run`'s demo (seed_demo): the core names no area.
PORTAL_DEMO = "config.demo"
# Set per deploy (e.g. the commit): cached public pages of an earlier release are not served.
PORTAL_RELEASE = env("PORTAL_RELEASE", default="dev")
# Where the portal is reached, for links in e-mail (no request to take it from in a task).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
PORTAL_CALENDAR_DOMAIN = env("PORTAL_CALENDAR_DOMAIN", default="medborgarloften.local")
# Where the public reports accessibility problems: each area's own address is data
# (PolicingArea.contact_email); this is only the fallback for an area without one.
PORTAL_CONTACT_EMAIL = env("PORTAL_CONTACT_EMAIL", default="")
# When the portal's accessibility was last assessed (the statement must say; ISO date).
PORTAL_ACCESSIBILITY_ASSESSED = datetime.date.fromisoformat(
    env("PORTAL_ACCESSIBILITY_ASSESSED", default="2026-11-26")
)
# How long a process trusts the public cache's version before asking the shared cache again:
# a change made in another process shows on the public page within this many seconds.
# Annual report PDFs (promises/reports/pdf.py): at most this many made at once by the whole
# portal; a request that finds every slot taken this long answers 503 with Retry-After.
PORTAL_PDF_RENDERS = env.int("PORTAL_PDF_RENDERS", default=2)
PORTAL_PDF_WAIT_SECONDS = env.float("PORTAL_PDF_WAIT_SECONDS", default=3.0)
PUBLIC_CACHE_VERSION_SECONDS = env.float("PUBLIC_CACHE_VERSION_SECONDS", default=2.0)
# Registrations are anonymised this many days after their meeting (purge_personal_data).
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=365)
# How many reverse proxies in front of the app add to X-Forwarded-For (0: none, use REMOTE_ADDR).
PORTAL_TRUSTED_PROXIES = env.int("PORTAL_TRUSTED_PROXIES", default=0)
# Public signal form: at most this many submissions per client per this many seconds.
SIGNAL_RATE_LIMIT = (env.int("SIGNAL_RATE_LIMIT", default=5), 60 * 60)
# Public meeting registration form: at most this many registrations per client per this many
# seconds (each one sends an e-mail, and one client must not fill a meeting).
MEETING_REGISTRATION_RATE_LIMIT = (env.int("MEETING_REGISTRATION_RATE_LIMIT", default=5), 60 * 60)

# Tracking-code look-ups (typed codes and tip pages): at most this many per client per hour.
TRACKING_RATE_LIMIT = (env.int("TRACKING_RATE_LIMIT", default=30), 60 * 60)
# Dialogue answers per client and hour: generous, so a shared office network is not blocked.
DIALOGUE_RATE_LIMIT = (env.int("DIALOGUE_RATE_LIMIT", default=30), 60 * 60)

# Readiness (/readyz): the task queue is unhealthy when mail has waited longer than this.
PORTAL_READINESS_QUEUE_SECONDS = env.int("PORTAL_READINESS_QUEUE_SECONDS", default=15 * 60)
# Backups older than this many days are deleted by ``manage.py backup`` (same as the purge rule).
PORTAL_BACKUP_DIR = env.path("PORTAL_BACKUP_DIR", default=BASE_DIR / "backups")
PORTAL_BACKUP_DAYS = env.int("PORTAL_BACKUP_DAYS", default=35)
# Backups are encrypted with age to this public key (age1...) when it is set; restore reads the
# private key from --identity or this file (kept off the server that writes the backups).
PORTAL_BACKUP_AGE_RECIPIENT = env("PORTAL_BACKUP_AGE_RECIPIENT", default="")
PORTAL_BACKUP_AGE_IDENTITY = env("PORTAL_BACKUP_AGE_IDENTITY", default="")

# Log lines name no person: no usernames or addresses from axes (AXES_VERBOSE off), and request
# errors carry the path only. Production writes one JSON object per line (production.py).
AXES_VERBOSE = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "filters": {"exception_class_only": {"()": "portal.log_filters.ExceptionClassOnly"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # axes logs usernames and addresses at INFO/WARNING: keep only its errors.
        "axes": {"level": "ERROR"},
        # A failed mail task's traceback can name its recipients: log the error's class only.
        "django.tasks": {"filters": ["exception_class_only"]},
        "django_tasks_db": {"filters": ["exception_class_only"]},
        "portal.mail_queue": {"filters": ["exception_class_only"]},
    },
}
