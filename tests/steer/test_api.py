"""The next actions API: `/api/actions/...` and `GET /api/today`, scoped, one error shape."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from karib.core.roles import Role
from karib.steer import services
from karib.steer.models import ActionKind, NextAction
from tests.factories import OrganizationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep_action():
    rep = UserFactory(role=Role.SALES)
    PersonFactory(owner=rep, organization=OrganizationFactory(owner=rep), influence=5)
    services.next_actions_refresh(owner_ids=[rep.pk])
    return rep, NextAction.objects.get(owner=rep, kind=ActionKind.INFORMAL_MEETING)


def _post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def test_list_and_today_are_scoped_to_me(rep_action, client_for):
    rep, action = rep_action
    other = UserFactory(role=Role.SALES)
    mine = client_for(rep).get("/api/actions").json()
    assert [row["id"] for row in mine] == [action.pk]
    assert mine[0]["driver"] == "knowledge"
    assert mine[0]["reason"]
    assert client_for(other).get("/api/actions").json() == []
    today = client_for(rep).get("/api/today").json()
    assert today["items"][0]["action_id"] == action.pk
    assert client_for(other).get("/api/today").json()["items"] == []
    assert client_for(rep).get("/api/actions?status=nonsense").status_code == 422


def test_done_snooze_dismiss_over_the_api(rep_action, client_for):
    rep, action = rep_action
    client = client_for(rep)
    answer = _post(client, f"/api/actions/{action.pk}/dismiss", {"reason": ""})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "reason"
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    answer = _post(client, f"/api/actions/{action.pk}/snooze", {"until": past})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "until"
    until = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    answer = _post(client, f"/api/actions/{action.pk}/snooze", {"until": until})
    assert answer.status_code == 200
    assert answer.json()["status"] == "snoozed"
    assert client.get("/api/actions").json() == []
    answer = _post(client, f"/api/actions/{action.pk}/done")
    assert answer.json()["status"] == "done"
    answer = _post(client, f"/api/actions/{action.pk}/done")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["code"] == "transition_not_allowed"
    report = client.get("/api/actions/report").json()
    assert report["done"] == 1


def test_someone_elses_action_is_404_and_unchanged(rep_action, client_for):
    _rep, action = rep_action
    other = UserFactory(role=Role.SALES)
    answer = _post(client_for(other), f"/api/actions/{action.pk}/done")
    assert answer.status_code == 404
    assert answer.json()["errors"][0]["code"] == "not_found"
    action.refresh_from_db()
    assert action.status == NextAction.Status.OPEN


def test_anonymous_gets_401(client):
    assert client.get("/api/today").status_code == 401
