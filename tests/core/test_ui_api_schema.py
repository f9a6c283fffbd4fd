"""The OpenAPI schema is built once per process and language, then served from memory; it is
the same for every user who may read it."""

from __future__ import annotations

import ninja.main
import pytest

from karib.core.roles import Role
from karib.urls import api
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_schema_is_built_once_and_served_alike_to_everyone(client_for, monkeypatch):
    # given a fresh process (nothing cached) that counts the schema builds
    monkeypatch.setattr(api, "_openapi_schemas", {})
    builds = []
    build = ninja.main.get_schema

    def counting(**kwargs):
        builds.append(kwargs["path_prefix"])
        return build(**kwargs)

    monkeypatch.setattr(ninja.main, "get_schema", counting)
    # when two users of different roles read the schema, one twice
    sales = client_for(UserFactory(role=Role.SALES))
    compliance = client_for(UserFactory(role=Role.COMPLIANCE_OFFICER))
    first = sales.get("/api/openapi.json")
    again = sales.get("/api/openapi.json")
    other = compliance.get("/api/openapi.json")
    # then it was built once and each answer is the same whole schema
    assert first.status_code == again.status_code == other.status_code == 200
    assert builds == ["/api/"]
    assert first.json() == again.json() == other.json()
    assert "/api/people/" in " ".join(first.json()["paths"])
