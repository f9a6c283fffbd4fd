"""The JSON API root: `/api/`, schema at `/api/openapi.json`, docs at `/api/docs`.

Each app adds its router in `karib.urls`. Authentication: a personal token
(`Authorization: Bearer kb_…`) or the browser session (with CSRF).
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema, Status
from ninja.security import APIKeyCookie, HttpBearer, SessionAuth

import karib

from .errors import DomainError
from .services import api_token_authenticate


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is None:
            return None
        request.user = user
        return user


def build_api() -> NinjaAPI:
    session: APIKeyCookie = SessionAuth(csrf=True)
    api = NinjaAPI(
        title="Karib API",
        version=karib.__version__,
        description="Relationship-first CRM. Authenticate with a personal token: "
        "`Authorization: Bearer kb_…` (create one on your profile page).",
        auth=[TokenAuth(), session],
        urls_namespace="api",
    )

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
        """Every refused change answers the one shape `{"errors": [{code, field, message}]}`."""
        return api.create_response(request, error.as_payload(), status=error.status)

    class HealthOut(Schema):
        status: str
        version: str
        database: str

    @api.get("/health", auth=None, response={200: HealthOut, 503: HealthOut}, tags=["system"])
    def health(request: HttpRequest) -> Status[HealthOut]:
        """Liveness and database reachability, for load balancers and monitoring."""
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            database, code = "ok", 200
        except Exception:  # any driver error means "not ready"
            database, code = "unavailable", 503
        status = "ok" if code == 200 else "degraded"
        return Status(code, HealthOut(status=status, version=karib.__version__, database=database))

    class MeOut(Schema):
        username: str
        full_name: str
        roles: list[str]
        language: str

    @api.get("/me", response=MeOut, tags=["system"])
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
