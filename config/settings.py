"""stap0 settings, read from the environment.

With no environment at all it runs as a development server on a SQLite file in
the project. Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL=postgres://…; it refuses to start without a SECRET_KEY.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY ontbreekt. Zet SECRET_KEY in de omgeving (of DEBUG=1 voor ontwikkeling)."
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    # Django's admin without autodiscovery: only collaboration.admin.site is served (regions
    # and their organisations, for the installation's administrator; no case content).
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "organisations",
    "families",
    "notifications",
    "signals",
    # Top floors: one family's complete file (and its purge), the demo world.
    "dossier",
    # Working across organisations of one region (match tokens, consent, warm handover).
    "collaboration",
    # Learning together: team consultations and what worked (issue 20).
    "learning",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "organisations.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "organisations.middleware.NoStoreMiddleware",
    "organisations.middleware.SessionLimitsMiddleware",
    "organisations.middleware.CurrentOrganisationMiddleware",
    "organisations.middleware.LoginRequiredMiddleware",
    "organisations.middleware.MFARequiredMiddleware",
    "organisations.middleware.AuditMiddleware",
    # Last, so that it sees the login view's response (django-axes' lockout page).
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
                "organisations.context_processors.current_organisation",
            ],
            # `{% url %}` as Django's, reversing once what every page asks again
            # (organisations/templatetags/stap0_builtins.py).
            "builtins": ["organisations.templatetags.stap0_builtins"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Transactions (issue 21; figures in loadtest/README.md, `loadtest/concurrency.py`).
# No ATOMIC_REQUESTS: organisations.middleware.AuditMiddleware owns the request's
# transaction. A change (POST, ...) runs in one transaction with its access-log entry; a
# read runs without one, and its entry is written after the page is rendered, in a short
# transaction of its own, before the page is served (or a 503 instead of the page).
# Measured with loadtest/concurrency.py on SQLite, 16 users, 384 clicks (loadtest/README.md).
# This design: 0 errors, median 40 ms on runserver, 68-107 ms on gunicorn (3 workers, a
# 2-core machine shared with other work). The alternatives:
# - ATOMIC_REQUESTS: every page view was a transaction that read first and wrote its log
#   entry last; SQLite cannot let such a transaction wait for the lock (SQLITE_BUSY at
#   once): 500 "database is locked" on 75-89 of 384 clicks; with WAL still 88-109.
# - ATOMIC_REQUESTS with every transaction IMMEDIATE: no errors, but every page waits
#   for every other: median 266 ms, p95 1.1 s on gunicorn.
# - this design with transactions that start deferred: 23-27 saves fail (500).
# - this design without WAL (rollback journal): no errors, but readers wait for each
#   commit: median 168 ms, p95 524 ms on gunicorn.
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Every transaction takes the write lock when it begins and waits for it up
            # to the busy timeout. Transactions here are writes: a change, or a read's
            # log entry, which hold the lock for milliseconds.
            "transaction_mode": "IMMEDIATE",
            # Seconds a writer waits for the lock; past this, the user gets the 503 page.
            # The slowest save measured at 16 users took under 0.6 s, waiting included.
            "timeout": 10,
            # WAL: readers and the one writer do not block each other, so pages are not
            # held up by a colleague's save. synchronous=NORMAL is safe with WAL (the
            # database never corrupts; a power cut may lose the last commits, both a
            # change and its log entry) and saves an fsync per commit (FULL measured
            # 104 ms median at 16 users on gunicorn, against 68 ms, one run each).
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    if env_bool("DATABASE_PGBOUNCER", False):
        # Behind PgBouncer in transaction mode (README "Growing past one machine"): every
        # transaction may run on another server connection, so nothing may outlive one.
        # No server-side cursors (a named cursor lives in the session that declared it),
        # no prepared statements (psycopg prepares a query after 5 runs, per session), and
        # no startup options (PgBouncer 1.18 refuses `options`): jit=off is then set on
        # the database instead (ALTER DATABASE … SET jit = off).
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
        pg_options["prepare_threshold"] = None
    else:
        # Pages read outside a transaction now, where the dashboard's `SET LOCAL jit = off`
        # (signals.accumulation.tune_for_aggregates) cannot reach: JIT compilation costs the
        # dashboard's aggregate more than it saves, and nothing here gains from it.
        pg_options["options"] = f"{pg_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes checks every login for a lockout first; ModelBackend does the rest.
# (force_login in tests picks the first backend with get_user: ModelBackend.)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout after 5 failed logins per username and address, for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Wrong second-factor codes count too (organisations/lockout.py), so a right password
# alone does not reset the count: the whole login does.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "organisations/lockout.html"
AXES_CLIENT_IP_CALLABLE = "organisations.audit.client_address"
AXES_USERNAME_CALLABLE = "organisations.audit.axes_username"
AXES_VERBOSE = False
# Two-factor authentication (django-otp, TOTP + backup codes). Required for
# everyone when on: by default in production, off in the demo (DEBUG) and tests.
STAP0_REQUIRE_MFA = env_bool("STAP0_REQUIRE_MFA", not DEBUG)
OTP_TOTP_ISSUER = "stap0"

# A "wachtwoord vergeten" link works once, for an hour.
PASSWORD_RESET_TIMEOUT = 60 * 60

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Django's form renderer, with selects written in Python instead of a template per option
# (organisations/formhtml.py): the same HTML, a fraction of the time.
FORM_RENDERER = "organisations.formhtml.FormRenderer"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "stap0 <noreply@localhost>")
# Absolute links in e-mails (acute signal alerts) start with this.
STAP0_BASE_URL = os.environ.get("STAP0_BASE_URL", "http://127.0.0.1:8000")
# Follow-up (README, "Nothing sinks away"): a family in attention, accumulation or long-term
# support about which nothing was logged for this many weeks is "quiet" for its contact
# person; a review that decides "blijven volgen" or "hulp georganiseerd" without a date gets
# its next review this many weeks ahead; weekly digests go out from this weekday (0 = Monday).
STAP0_QUIET_WEEKS = env_int("STAP0_QUIET_WEEKS", 6)
STAP0_NEXT_REVIEW_WEEKS = env_int("STAP0_NEXT_REVIEW_WEEKS", 6)
STAP0_DIGEST_WEEKDAY = env_int("STAP0_DIGEST_WEEKDAY", 0)
# How many proxies in front of the app append to X-Forwarded-For (0: trust none).
# The access log and the login lockout use the client address they report.
# The key of the match tokens (Samenwerken): from the environment only, never stored or
# logged. Without it working across organisations is off.
STAP0_MATCH_KEY = os.environ.get("STAP0_MATCH_KEY", "")
STAP0_TRUSTED_PROXY_COUNT = env_int("STAP0_TRUSTED_PROXY_COUNT", 0)

# Sessions live in the database: several app servers can share them. The engine is
# Django's own, plus an index of each user's sessions (ending them when someone leaves).
SESSION_ENGINE = "organisations.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("STAP0_SESSION_ABSOLUTE_SECONDS", 8 * 60 * 60)
STAP0_SESSION_IDLE_SECONDS = env_int("STAP0_SESSION_IDLE_SECONDS", 30 * 60)
STAP0_SESSION_ABSOLUTE_SECONDS = SESSION_COOKIE_AGE

# Content-Security-Policy (django-csp 4): no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Browser features stap0 does not use, switched off for every page (Permissions-Policy).
STAP0_PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "bluetooth",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The family page gathers its timeline and side panels from these providers
# (families/extensions.py), so that each app adds its own entries.
STAP0_TIMELINE_PROVIDERS = [
    "signals.observations.timeline.observation_entries",
    "signals.notes.timeline.note_entries",
    "signals.notes.timeline.look_request_entries",
    "signals.reviews.timeline.review_entries",
    "signals.parents.timeline.conversation_entries",
    "learning.panels.outcome_entries",
    "learning.panels.what_worked_entries",
]
STAP0_FAMILY_PANELS = [
    "signals.reviews.panels.agreement_panels",
    "signals.followup.panels.quiet_family_panel",
    "signals.notes.timeline.family_panels",
    "signals.dashboard.panels.assessment_panels",
    "signals.parents.timeline.parents_panel",
    "dossier.panels.family_panel",
    "collaboration.panels.family_panel",
]
# Badges beside a family's name in the list (its status when it needs attention).
STAP0_FAMILY_BADGES = [
    "signals.dashboard.panels.status_badges",
]
# What a start page (the family list, the lead's dashboard) shows above its own content.
STAP0_START_PANELS = [
    "signals.reviews.panels.my_agreements_panels",
    "signals.followup.panels.quiet_start_panel",
    "learning.panels.invitations_start_panel",
]
