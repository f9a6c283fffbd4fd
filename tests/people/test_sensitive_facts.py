"""Sensitive facts: only the person's owner, envoy, managers of the owner's team and admins see
them, on the page, in the API and in the audit log."""

from __future__ import annotations

from django.urls import reverse

from karib.core.roles import Role
from karib.people import selectors, services
from karib.people.models import PersonalFact
from tests.factories import UserFactory
from tests.support.api import token_client

API = "/api/people"


def _sensitive_world(world):
    """`other` (another team) is envoy for one person of the organization, so sees the
    organization and its second person, whose sensitive fact they must not see."""
    second = services.person_create(
        by=world.owner, full_name="Dewi Lain", organization=world.organization
    )
    services.fact_create(person=second, by=world.owner, category="interest", text="Suka golf")
    secret = services.fact_create(
        person=second,
        by=world.owner,
        category="other",
        text="Sedang berobat RAHASIAKESEHATAN",
        is_sensitive=True,
    )
    admin = UserFactory(role=Role.ADMIN)
    services.person_assign_envoy(person=world.person, envoy=world.other, by=admin)
    return second, secret


def test_envoy_of_a_colleague_sees_the_person_but_not_their_sensitive_facts(world, client_for):
    # given
    second, secret = _sensitive_world(world)
    # when
    page = client_for(world.other).get(reverse("people:person-detail", args=[second.pk]))
    api_list = token_client(world.other).get(f"{API}/facts", {"person": second.pk})
    api_get = token_client(world.other).get(f"{API}/facts/{secret.pk}")
    # then
    assert page.status_code == 200
    assert b"golf" in page.content
    assert b"RAHASIAKESEHATAN" not in page.content
    assert secret.pk not in [item["id"] for item in api_list.json()["items"]]
    assert api_get.status_code == 404
    assert secret not in PersonalFact.objects.visible_to(world.other)


def test_manager_of_another_team_does_not_see_sensitive_facts(world, client_for):
    # given: the organization belongs to the outsider manager's team too
    second, secret = _sensitive_world(world)
    world.organization.team = world.outsider_manager.profile.team
    world.organization.save()
    # when
    visible = list(selectors.fact_list(user=world.outsider_manager, person=second))
    page = client_for(world.outsider_manager).get(reverse("people:person-detail", args=[second.pk]))
    # then
    assert page.status_code == 200
    assert secret not in visible
    assert secret not in PersonalFact.objects.visible_to(world.outsider_manager)
    assert b"RAHASIAKESEHATAN" not in page.content


def test_manager_of_the_owners_team_and_admin_see_sensitive_facts(world, client_for):
    # given
    second, secret = _sensitive_world(world)
    admin = UserFactory(username="admin2", role=Role.ADMIN)
    # when / then
    for user in (world.manager, admin, world.owner):
        assert secret in PersonalFact.objects.visible_to(user)
        page = client_for(user).get(reverse("people:person-detail", args=[second.pk]))
        assert b"RAHASIAKESEHATAN" in page.content


def test_audit_of_a_sensitive_fact_hidden_from_a_manager_of_another_team(world, client_for):
    # given
    second, secret = _sensitive_world(world)
    world.organization.team = world.outsider_manager.profile.team
    world.organization.save()
    # when
    events = selectors.person_audit_events(user=world.outsider_manager, person=second)
    own_events = selectors.person_audit_events(user=world.manager, person=second)
    # then
    assert events is not None
    assert own_events is not None
    assert str(secret.pk) not in [
        e.object_id for e in events if e.content_type.model == "personalfact"
    ]
    assert str(secret.pk) in [
        e.object_id for e in own_events if e.content_type.model == "personalfact"
    ]


def test_audit_of_a_deleted_sensitive_fact_only_for_those_who_may_see_it(world):
    # given
    second, secret = _sensitive_world(world)
    world.organization.team = world.outsider_manager.profile.team
    world.organization.save()
    secret_id = str(secret.pk)
    services.fact_delete(fact=secret, by=world.owner)
    # when
    outsider = selectors.person_audit_events(user=world.outsider_manager, person=second)
    manager = selectors.person_audit_events(user=world.manager, person=second)
    # then
    assert outsider is not None
    assert manager is not None
    assert all(e.object_id != secret_id for e in outsider if e.content_type.model == "personalfact")
    assert any(e.object_id == secret_id and e.action == "delete" for e in manager)
