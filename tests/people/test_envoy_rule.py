"""The envoy must be a colleague of whoever assigns them (service level)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from karib.core.models import AuditEvent
from karib.core.roles import Role
from karib.people import services
from karib.people.models import EnvoyAssignment, Person
from tests.factories import UserFactory


@pytest.mark.parametrize("outsider", ["other", "outsider_manager"])
def test_an_envoy_outside_the_colleagues_is_refused_and_nothing_changes(world, outsider):
    # given a sales user and a user of another team
    events = AuditEvent.objects.count()
    # when the owner sends them as envoy
    with pytest.raises(ValidationError) as error:
        services.person_assign_envoy(
            person=world.person, envoy=getattr(world, outsider), by=world.owner
        )
    # then the error names the envoy and nothing is recorded
    assert "envoy" in error.value.message_dict
    assert Person.objects.get(pk=world.person.pk).envoy is None
    assert not EnvoyAssignment.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_colleague_of_the_same_team_may_be_sent(world):
    colleague = UserFactory(role=Role.SALES, team=world.owner.profile.team)
    person = services.person_assign_envoy(person=world.person, envoy=colleague, by=world.owner)
    assert person.envoy == colleague
    assert EnvoyAssignment.objects.get().assigned_by == world.owner


def test_an_admin_may_send_any_sales_or_manager_user_but_not_others(world):
    admin = UserFactory(role=Role.ADMIN)
    person = services.person_assign_envoy(person=world.person, envoy=world.other, by=admin)
    assert person.envoy == world.other
    # a user without the Sales or Manager role is no envoy, even for an admin
    nobody = UserFactory(username="tamu")
    with pytest.raises(ValidationError):
        services.person_assign_envoy(person=world.person, envoy=nobody, by=admin)


def test_clearing_the_envoy_is_always_allowed(world):
    admin = UserFactory(role=Role.ADMIN)
    services.person_assign_envoy(person=world.person, envoy=world.other, by=admin)
    person = services.person_assign_envoy(person=world.person, envoy=None, by=world.owner)
    assert person.envoy is None


def test_the_envoy_page_reports_a_refused_envoy_without_change(world, client_for):
    response = client_for(world.owner).post(
        reverse("people:person-envoy-assign", args=[world.person.pk]),
        {"envoy": world.other.pk},
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=world.person.pk).envoy is None
