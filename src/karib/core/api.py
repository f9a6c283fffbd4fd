"""The JSON API root: `/api/`, schema at `/api/openapi.json`, docs at `/api/docs`.

Each app adds its router in `karib.urls`. Authentication: a personal token
(`Authorization: Bearer kb_…`) or the browser session (with CSRF).
"""

from __future__ import annotations

import logging
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema, Status
from ninja.openapi.schema import OpenAPISchema
from ninja.security import APIKeyCookie, HttpBearer, SessionAuth

import karib

from .api_errors import StrictJsonParser
from .errors import DomainError, ErrorCode, ErrorsOut
from .services import api_token_authenticate

logger = logging.getLogger(__name__)


class TokenAuth(HttpBearer):
    """Personal tokens. A wrong token counts as a failed login (django-axes) of the pseudo-user
    `api-token:kb_<prefix>` at the caller's address: guessing one token locks that token's
    start at that address, and spraying many counts towards the address ceiling
    (core/lockout.py), exactly as guessing passwords does."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        credentials = {"username": "api-token:" + token[:11]}  # "kb_" + the 8-hex prefix
        if AxesProxyHandler.is_locked(request, credentials):
            raise DomainError(
                ErrorCode.THROTTLED,
                _("Too many failed attempts from this address. Try again later."),
            )
        user = api_token_authenticate(token)
        if user is None:
            user_login_failed.send(sender=TokenAuth, credentials=credentials, request=request)
            return None
        request.user = user
        return user


class VerifiedSessionAuth(SessionAuth):
    """The browser session, for users who have passed the login's every step: a user whose role
    asks for a one-time password (KARIB_OTP_REQUIRED_ROLES) and who has not entered it yet gets
    nothing from the API either, exactly as from the pages (`OtpRequiredMiddleware` lets
    `/api/` through for tokens, which are a second factor of their own)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        from .accounts import otp_required_for

        user = super().authenticate(request, key)
        if user is None or (otp_required_for(user) and not user.is_verified()):
            return None
        return user


class KaribAPI(NinjaAPI):
    """The API, its OpenAPI schema built once per process (per path prefix and language) and
    then served from memory: building it walks every router and model (seconds), and nothing
    in it depends on who asks (the docs and schema only require a login). Routers are all
    added when the URLconf is imported, before the first request builds the schema."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._openapi_schemas: dict[tuple[str, str | None], OpenAPISchema] = {}

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (path_prefix, get_language())
        schema = self._openapi_schemas.get(key)
        if schema is None:
            schema = super().get_openapi_schema(path_prefix=path_prefix)
            self._openapi_schemas[key] = schema
        return schema


def pending_migrations() -> int:
    """How many migrations are not applied to the default database."""
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def build_api() -> KaribAPI:
    session: APIKeyCookie = VerifiedSessionAuth(csrf=True)
    api = KaribAPI(
        title="Karib API",
        version=karib.__version__,
        description="Relationship-first CRM. Authenticate with a personal token: "
        "`Authorization: Bearer kb_…` (create one on your profile page).",
        auth=[TokenAuth(), session],
        urls_namespace="api",
        docs_decorator=login_required,  # the schema and docs are for logged-in users only
        parser=StrictJsonParser(),
    )

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
        """Every refused change answers the one shape `{"errors": [{code, field, message}]}`."""
        return api.create_response(request, error.as_payload(), status=error.status)

    class LivenessOut(Schema):
        status: str
        version: str
        database: str

    @api.get("/health", auth=None, response={200: LivenessOut, 503: LivenessOut}, tags=["system"])
    def health(request: HttpRequest) -> Status[LivenessOut]:
        """Liveness and database reachability, for load balancers and monitoring."""
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            database, code = "ok", 200
        except Exception:  # any driver error means "not ready"
            database, code = "unavailable", 503
        status = "ok" if code == 200 else "degraded"
        return Status(
            code, LivenessOut(status=status, version=karib.__version__, database=database)
        )

    class ReadyOut(Schema):
        status: str
        version: str
        database: str
        migrations: str
        pending_migrations: int
        task_queue: str
        queued_jobs: int
        oldest_queued_job_age_seconds: float
        parked_jobs: int

    @api.get("/health/ready", auth=None, response={200: ReadyOut, 503: ReadyOut}, tags=["system"])
    def health_ready(request: HttpRequest) -> Status[ReadyOut]:
        """Readiness: database reachable, every migration applied, task queue reachable, and the
        age in seconds of the oldest job waiting to run (no personal data)."""
        figures: dict[str, Any] = {
            "database": "unavailable",
            "migrations": "unknown",
            "pending_migrations": 0,
            "task_queue": "unavailable",
            "queued_jobs": 0,
            "oldest_queued_job_age_seconds": 0.0,
            "parked_jobs": 0,
        }
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            figures["database"] = "ok"
            pending = pending_migrations()
            figures["pending_migrations"] = pending
            figures["migrations"] = "ok" if pending == 0 else "pending"
        except Exception:  # any driver error means "not ready"
            logger.warning("readiness: database check failed", exc_info=True)
        backend = settings.TASKS["default"]["BACKEND"]
        if figures["database"] == "ok" and backend == "django_tasks_db.DatabaseBackend":
            try:
                from karib.ops.selectors import queue_figures

                queue = queue_figures()
                figures.update(
                    task_queue="ok",
                    queued_jobs=queue.ready,
                    oldest_queued_job_age_seconds=round(queue.oldest_ready_age_seconds, 1),
                    parked_jobs=queue.parked,
                )
            except Exception:  # the queue table missing or unreadable
                logger.warning("readiness: task queue check failed", exc_info=True)
        elif figures["database"] == "ok":
            figures["task_queue"] = "ok"  # an in-process backend: nothing to reach
        ready = all(figures[key] == "ok" for key in ("database", "migrations", "task_queue"))
        body = ReadyOut(status="ok" if ready else "degraded", version=karib.__version__, **figures)
        return Status(200 if ready else 503, body)

    class MeOut(Schema):
        username: str
        full_name: str
        roles: list[str]
        language: str

    @api.get("/me", response={200: MeOut, 401: ErrorsOut}, tags=["system"])
    def me(request: HttpRequest) -> MeOut:
        """The authenticated user and their roles."""
        from .roles import user_roles
        from .services import profile_get_or_create

        user = request.user
        return MeOut(
            username=user.get_username(),
            full_name=user.get_full_name(),  # type: ignore[union-attr]
            roles=sorted(role.value for role in user_roles(user)),
            language=profile_get_or_create(user=user).language or "",  # type: ignore[arg-type]
        )

    return api
