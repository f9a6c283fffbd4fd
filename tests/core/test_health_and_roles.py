from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from karib.core.roles import Role

pytestmark = pytest.mark.django_db


def test_role_migration_creates_one_group_per_role():
    # given the migrated database
    # when we list the groups
    names = set(Group.objects.values_list("name", flat=True))
    # then every role exists as a group
    assert {role.value for role in Role} <= names


def test_health_reports_database_ok_without_authentication(client):
    # when
    response = client.get("/api/health")
    # then
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"


def test_static_assets_are_found():
    from django.contrib.staticfiles import finders

    assert finders.find("karib/karib.css")
    assert finders.find("django_htmx/htmx-2.min.js")
