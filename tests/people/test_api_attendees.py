"""The users named as attendees of an interaction through the API: the caller and their
colleagues only."""

from __future__ import annotations

import json

import pytest

from karib.core.roles import Role
from karib.people.models import Interaction
from tests.factories import UserFactory
from tests.support.api import error_fields

URL = "/api/people/interactions"


def _post(client, world, user_ids):
    body = {
        "kind": "meal",
        "occurred_at": "2024-10-16T07:00:00+08:00",
        "participant_ids": [world.person.pk],
        "user_ids": user_ids,
        "summary": "Sarapan di Denpasar",
    }
    return client.post(URL, data=json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("who", ["other", "outsider_manager"])
def test_a_user_of_another_team_is_refused_naming_the_field(world, client_for, who):
    # when the owner names a user of another team as attendee
    response = _post(client_for(world.owner), world, [getattr(world, who).pk])
    # then 422 names user_ids and nothing is written
    assert response.status_code == 422
    assert error_fields(response) == {"user_ids": "invalid"}
    assert not Interaction.objects.exists()


def test_an_unknown_user_is_refused(world, client_for):
    response = _post(client_for(world.owner), world, [987654])
    assert response.status_code == 422
    assert "user_ids" in response.text
    assert not Interaction.objects.exists()


def test_colleagues_and_the_caller_are_accepted(world, client_for):
    colleague = UserFactory(role=Role.SALES, team=world.owner.profile.team)
    response = _post(client_for(world.owner), world, [world.owner.pk, colleague.pk])
    assert response.status_code == 201
    assert response.json()["user_ids"] == sorted([world.owner.pk, colleague.pk])


def test_an_admin_may_name_any_sales_or_manager_user(world, client_for):
    admin = UserFactory(role=Role.ADMIN)
    response = _post(client_for(admin), world, [world.other.pk, world.manager.pk])
    assert response.status_code == 201
    assert set(response.json()["user_ids"]) == {admin.pk, world.other.pk, world.manager.pk}
