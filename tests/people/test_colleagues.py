"""Envoys, owners and colleagues come from the actor's team(s) only; a current envoy of another
team is kept when other fields are edited."""

from __future__ import annotations

import re

from django.urls import reverse

from karib.core.roles import Role
from karib.core.selectors import colleagues_of
from karib.people import services
from karib.people.forms import PersonForm
from tests.factories import UserFactory
from tests.support.api import token_client

API = "/api/people"


def test_colleagues_of_a_sales_user_are_their_team(world):
    # given
    compliance = UserFactory(
        username="comp", role=Role.COMPLIANCE_OFFICER, team=world.owner.profile.team
    )
    admin = UserFactory(username="admin4", role=Role.ADMIN)
    # when
    colleagues = set(colleagues_of(world.owner))
    everyone = set(colleagues_of(admin))
    # then
    assert colleagues == {world.owner, world.manager}
    assert compliance not in everyone
    assert {world.other, world.outsider_manager} <= everyone


def test_api_refuses_an_envoy_from_another_team_or_role(world):
    # given
    compliance = UserFactory(
        username="comp", role=Role.COMPLIANCE_OFFICER, team=world.owner.profile.team
    )
    client = token_client(world.owner)
    url = f"{API}/persons/{world.person.pk}"
    # when
    other_team = client.patch_json(url, {"envoy_id": world.other.pk})
    wrong_role = client.patch_json(url, {"envoy_id": compliance.pk})
    colleague = client.patch_json(url, {"envoy_id": world.manager.pk})
    # then
    assert other_team.status_code == 422
    assert "envoy_id" in other_team.content.decode()
    assert wrong_role.status_code == 422
    assert colleague.status_code == 200
    world.person.refresh_from_db()
    assert world.person.envoy == world.manager


def test_envoy_form_refuses_a_user_of_another_team(world, client_for):
    # when
    client_for(world.owner).post(
        reverse("people:person-envoy-assign", args=[world.person.pk]), {"envoy": world.other.pk}
    )
    # then
    world.person.refresh_from_db()
    assert world.person.envoy is None


def test_pages_list_only_colleagues_of_the_viewers_team(world, client_for):
    # given
    client = client_for(world.owner)
    # when
    pages = [
        client.get(reverse("people:index")),
        # the person page's envoy form, in its panel
        client.get(reverse("people:person-panel", args=[world.person.pk, "envoy"])),
        client.get(reverse("people:organization-detail", args=[world.organization.pk])),
        client.get(reverse("people:person-fact-create", args=[world.person.pk])),
    ]
    # then
    listed: list[set[str]] = []
    for page in pages:
        assert page.status_code == 200
        for select in re.findall(
            r'<select name="(?:owner|envoy|told_by_user)".*?</select>', page.content.decode(), re.S
        ):
            listed.append(set(re.findall(r'<option value="(\d+)"', select)))
    assert len(listed) >= 4
    for users in listed:
        assert str(world.other.pk) not in users
        assert str(world.outsider_manager.pk) not in users
        assert str(world.manager.pk) in users


def test_editing_a_person_keeps_an_envoy_of_another_team_already_assigned(world, client_for):
    # given: an admin sent a colleague of another team
    admin = UserFactory(username="admin6", role=Role.ADMIN)
    services.person_assign_envoy(person=world.person, envoy=world.other, by=admin)
    world.person.refresh_from_db()
    # when
    form = PersonForm(instance=world.person, user=world.owner)
    # then
    assert world.other in form.fields["envoy"].queryset
    assert world.outsider_manager not in form.fields["envoy"].queryset
