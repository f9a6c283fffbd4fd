"""Everything Karib needs, read from the environment.

Each setting has a safe default for a single-machine demo; `prod.py` tightens them.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _default_var_dir() -> Path:
    checkout = PACKAGE_DIR.parent.parent
    if (checkout / "pyproject.toml").is_file():
        return checkout / "var"
    return Path.cwd() / "var"


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


VAR_DIR = Path(os.environ.get("KARIB_VAR_DIR") or _default_var_dir())


def _demo_secret_key() -> str:
    """A secret key kept under var/, created on first use (never used by prod settings)."""
    path = VAR_DIR / "secret_key"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


SECRET_KEY = os.environ.get("SECRET_KEY") or _demo_secret_key()
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "django_prometheus",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "karib.core",
    "karib.people",
    "karib.promises",
    "karib.gifts",
    "karib.service",
    "karib.privacy",
    "karib.health",
    "karib.steer",
    "karib.demo",
    "karib.ops",
]

# Django's model permissions plus the per-object rules each app declares in its access.py
# (django-rules; see karib.core.access).
# django-axes first: it refuses a locked-out user or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "karib.core.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "karib.core.middleware.UserLanguageMiddleware",
    "karib.core.middleware.NoStoreMiddleware",
    "karib.core.middleware.OtpRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "karib.core.middleware.ServerErrorPageMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "karib.urls"
WSGI_APPLICATION = "karib.wsgi.application"
ASGI_APPLICATION = "karib.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "karib.core.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'karib.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process and the task worker read while the other writes.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default" is each process's own memory (fast, and nothing in it must be seen by another
# process). "shared" is a table in the database, so every web worker on every machine sees the
# same entries: what must hold across processes, the password-reset mail throttle, goes there.
# `migrate` creates the table (core/migrations/0006_shared_cache_table.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "karib_shared_cache",
        # Culling deletes entries that have not expired once the table passes MAX_ENTRIES: keep
        # it far above what 15 minutes of reset requests can write.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # No rule: a new password revokes the user's API tokens (core/passwords.py).
    {"NAME": "karib.core.passwords.RevokeCredentialsOnChange"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day

# Brute-force protection (django-axes, karib.core.lockout): 5 wrong passwords for one username
# from one address lock that pair for 15 minutes (the user still logs in from elsewhere, and
# colleagues behind the same address are not locked); 50 failures from one address, whatever
# the usernames, lock the address. Failures while locked are not counted (and do not prolong the
# lockout), so one user retrying cannot push a shared office address over its ceiling. An admin
# unlocks earlier in the admin ("Access attempts") or with `karib manage unlock USERNAME`.
# Wrong API tokens count the same way (core/api.py).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
KARIB_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "50"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "karib.core.lockout.KaribAxesHandler"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "karib.core.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "karib.core.middleware.client_ip"
AXES_VERBOSE = False
# Behind the nginx of deploy/, which sets X-Real-IP from the connection (never from the client).
KARIB_BEHIND_PROXY = env_bool("KARIB_BEHIND_PROXY", default=False)

# Time-based one-time passwords (django-otp): anyone may turn them on from the profile page;
# users with these roles must (the demo and tests leave the list empty, production fills it).
KARIB_OTP_REQUIRED_ROLES = env_list("KARIB_OTP_REQUIRED_ROLES", [])
OTP_TOTP_ISSUER = "Karib"

# Content-Security-Policy (django-csp): scripts and styles only from Karib's own static files,
# never inline. Style attributes stay allowed for the two progress bars that set a width.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "id")
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "karib_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or VAR_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve app static files even before collectstatic
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or VAR_DIR / "media")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "karib@localhost")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Logs: one line per record; `LOG_FORMAT=json` (production) writes JSON objects carrying the
# request id and the user id of the request being served (never names or other personal data).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "karib.core.observability.RequestContextFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s] "
            "%(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601, UTC
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}

# Unexpected errors answer the translated 500 page (with the navigation) or, under /api/, the
# one error shape; the traceback goes to the log with the request id, never to the user.
KARIB_RENDER_SERVER_ERRORS = True

# Task queue: a failing job is retried with exponential backoff, then parked for an admin.
KARIB_TASK_MAX_ATTEMPTS = int(os.environ.get("KARIB_TASK_MAX_ATTEMPTS", "4"))
KARIB_TASK_RETRY_BASE_SECONDS = int(os.environ.get("KARIB_TASK_RETRY_BASE_SECONDS", "30"))

KARIB_PAGE_SIZE = 25
# Today shows its most urgent rows first; the rest behind "show more" (core.views.TodayView).
KARIB_TODAY_FIRST_ROWS = 25

# Jobs run once a day by `karib manage daily` (each is idempotent).
KARIB_DAILY_TASKS = [
    "karib.people.tasks.important_dates_remind",
    "karib.promises.tasks.promises_daily",
    "karib.service.tasks.reanalyse_outdated_task",
    "karib.service.tasks.import_batches_mark_stale_task",
    "karib.health.tasks.health_snapshot_daily_task",
    "karib.steer.tasks.steer_daily",
    "karib.core.tasks.daily_digests",
    "karib.people.imports.tasks.contact_imports_purge_task",
]
