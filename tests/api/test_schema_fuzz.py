"""schemathesis over the whole API schema: no 5xx and no response outside its schema.

Runs with a fixed seed and a small example budget per operation (CI time), as an admin and as a
sales user, on SQLite and PostgreSQL. A failure names the operation and the example."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from karib.core.roles import Role
from karib.core.services import api_token_create
from karib.urls import api
from tests.factories import TeamFactory, UserFactory

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go straight to the WSGI app, whose request signals would close the test's
    database connection (PostgreSQL then fails every later query); Django's test client
    detaches them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=[Role.ADMIN, Role.SALES], ids=["admin", "sales"])
def token(request, db) -> str:
    user = UserFactory(
        username=f"fuzz-{request.param.value}", role=request.param, team=TeamFactory()
    )
    return api_token_create(user=user, name="fuzz").secret


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_within_its_schema(case, token):
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    case.validate_response(response, checks=CHECKS)
