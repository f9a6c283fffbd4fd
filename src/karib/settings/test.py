"""Settings for the test suite: fast hashing, immediate tasks, in-memory mail."""

from __future__ import annotations

import os

from .base import *  # noqa: F403
from .base import DATABASES

os.environ.setdefault("KARIB_TESTING", "1")

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not os.environ.get(
    "DATABASE_URL"
):
    DATABASES["default"]["NAME"] = ":memory:"
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LANGUAGE_CODE = "id"
TIME_ZONE = "Asia/Jakarta"
STATIC_ROOT = None  # type: ignore[assignment]  # no collected files in tests

# Django's test client logs in without a request, which django-axes refuses: the lockout tests
# (tests/ops/test_login_security.py) turn it on where they need it.
AXES_ENABLED = False
# Let an unexpected exception reach the test instead of the production error page.
KARIB_RENDER_SERVER_ERRORS = False
# Browser tests run under the production Content-Security-Policy (no 'unsafe-eval'): they wait
# with Playwright's expect(...) and expect_response, never page.wait_for_function strings.
