"""Production settings: refuse to start without a real secret key; secure cookies and headers."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings refuse to start without one: "
        "set the SECRET_KEY environment variable to a long random string."
    )
from .base import *  # noqa: F403
from .base import env_bool, env_list

SECRET_KEY = os.environ["SECRET_KEY"]
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY is too short or too simple: use 50+ random characters.")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Behind deploy/'s nginx: the client address comes from X-Real-IP, which nginx sets itself.
KARIB_BEHIND_PROXY = env_bool("KARIB_BEHIND_PROXY", default=True)
# Admins and compliance officers confirm their login with a one-time password.
KARIB_OTP_REQUIRED_ROLES = env_list("KARIB_OTP_REQUIRED_ROLES", ["Admin", "Compliance officer"])
# JSON log lines unless LOG_FORMAT says otherwise.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
_console: dict[str, object] = LOGGING["handlers"]["console"]  # type: ignore[index]  # noqa: F405
_console["formatter"] = "json" if LOG_FORMAT == "json" else "plain"
