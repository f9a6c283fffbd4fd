"""The people rules enforced by the services, whoever calls them (page, API, import, job):
an envoy looks after their person only, roles decide who creates, a reader cannot write."""

from __future__ import annotations

import pytest

from karib.core import access
from karib.core.access import Action
from karib.core.errors import DomainError, ErrorCode
from karib.core.roles import Role
from karib.people import services
from karib.people.access import PersonAction
from karib.people.models import Organization, Person, PersonalFact
from tests.factories import UserFactory


@pytest.fixture
def envoy_world(world):
    """`other` (another team) is sent as envoy to Suryo; Wayan is another person of the same
    organization, owned by the owner."""
    admin = UserFactory(username="admin", role=Role.ADMIN)
    services.person_assign_envoy(person=world.person, envoy=world.other, by=admin)
    world.person.refresh_from_db()
    wayan = services.person_create(
        by=world.owner, full_name="Wayan Sudirta", organization=world.organization
    )
    return world, wayan


def _refused(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == ErrorCode.FORBIDDEN
    return caught.value


def test_an_envoy_changes_their_person_and_the_relationship_stage(envoy_world):
    world, _wayan = envoy_world
    # when the envoy records what they learned over breakfast
    services.person_update(
        person=world.person, by=world.other, stage="acquaintance", reason="Sarapan bersama"
    )
    services.fact_create(
        person=world.person, by=world.other, category="interest", text="Suka wayang, tokoh Bima"
    )
    # then it is saved, with who and why
    world.person.refresh_from_db()
    assert world.person.stage == "acquaintance"
    assert world.person.changes.get().changed_by == world.other


def test_an_envoy_does_not_change_the_rest_of_the_organization(envoy_world):
    world, wayan = envoy_world
    # when the envoy tries to edit or delete another contact, or rename the organization
    _refused(lambda: services.person_update(person=wayan, by=world.other, job_title="X"))
    _refused(lambda: services.person_delete(person=wayan, by=world.other))
    _refused(
        lambda: services.organization_update(
            organization=world.organization, by=world.other, name="X"
        )
    )
    _refused(
        lambda: services.fact_create(person=wayan, by=world.other, category="interest", text="x")
    )
    # then nothing changed
    wayan.refresh_from_db()
    assert (wayan.job_title, wayan.version) == ("", 1)
    assert Organization.objects.get(pk=world.organization.pk).name == "Direktorat Layanan Data"
    assert not PersonalFact.objects.filter(person=wayan).exists()


def test_an_envoy_neither_deletes_their_person_nor_hands_them_on(envoy_world):
    world, _wayan = envoy_world
    _refused(lambda: services.person_delete(person=world.person, by=world.other))
    _refused(lambda: services.person_update(person=world.person, by=world.other, envoy=None))
    _refused(lambda: services.person_update(person=world.person, by=world.other, owner=world.other))
    assert Person.objects.get(pk=world.person.pk).envoy == world.other


def test_an_envoy_does_not_move_their_person_to_another_organization(envoy_world, client_for):
    world, _wayan = envoy_world
    # given an organization of the envoy's own
    own = services.organization_create(by=world.other, name="Kantor Dewi")
    # when the envoy moves the person there, or out of any organization
    _refused(lambda: services.person_update(person=world.person, by=world.other, organization=own))
    _refused(lambda: services.person_update(person=world.person, by=world.other, organization=None))
    # then the person stays where the owner keeps them, and the edit form does not offer it
    assert Person.objects.get(pk=world.person.pk).organization == world.organization
    page = client_for(world.other).get(f"/people/{world.person.pk}/edit/")
    assert page.status_code == 200
    assert "organization" not in page.context["form"].fields
    # while the envoy's other edits still save
    services.person_update(person=world.person, by=world.other, job_title="Direktur")
    # and the owner may move them
    moved = services.organization_create(by=world.owner, name="Direktorat Baru")
    services.person_update(person=world.person, by=world.owner, organization=moved)
    assert Person.objects.get(pk=world.person.pk).organization == moved


def test_the_owner_and_the_team_manager_answer_for_the_person(envoy_world):
    world, wayan = envoy_world
    services.person_update(person=wayan, by=world.manager, job_title="Kepala Bagian")
    services.person_delete(person=wayan, by=world.owner)
    assert not Person.objects.filter(pk=wayan.pk).exists()
    # a manager of another team does not
    _refused(
        lambda: services.person_update(person=world.person, by=world.outsider_manager, influence=1)
    )


@pytest.mark.parametrize("role", [Role.SERVICE_AGENT, Role.QA_REVIEWER, Role.COMPLIANCE_OFFICER])
def test_roles_without_relationships_create_no_organizations_or_people(world, role):
    user = UserFactory(username=f"u_{role.value[:5]}", role=role)
    _refused(lambda: services.organization_create(by=user, name="PT Agen"))
    _refused(
        lambda: services.person_create(by=user, full_name="X", organization=world.organization)
    )
    assert not Organization.objects.filter(name="PT Agen").exists()
    assert not Person.objects.filter(full_name="X").exists()


def test_an_inactive_user_may_do_nothing(world):
    world.owner.is_active = False
    world.owner.save(update_fields=["is_active"])
    _refused(lambda: services.person_update(person=world.person, by=world.owner, job_title="X"))


def test_every_people_model_has_every_standard_rule_declared():
    from karib.people.models import EnvoyAssignment, ImportantDate, Interaction

    models = [Organization, Person, PersonalFact, ImportantDate, Interaction, EnvoyAssignment]
    for model in models:
        for action in Action:
            assert access.is_declared(model, action), (model, action)
    for action in (
        PersonAction.CHANGE_RELATIONSHIP,
        PersonAction.FLAG_REFUSAL,
        PersonAction.ASSIGN_ENVOY,
        PersonAction.REASSIGN_OWNER,
        PersonAction.MOVE_ORGANIZATION,
    ):
        assert access.is_declared(Person, action)


def test_buttons_follow_the_rules_on_the_person_page(envoy_world, client_for):
    world, wayan = envoy_world
    # the envoy on their person's page may edit but not reassign the envoy
    own = client_for(world.other).get(f"/people/{world.person.pk}/")
    assert own.context["can_change_person"] is True
    assert own.context["can_assign_envoy"] is False
    # on Wayan's page (seen through the organization) nothing may be changed
    other = client_for(world.other).get(f"/people/{wayan.pk}/")
    assert other.status_code == 200
    assert other.context["can_change_person"] is False
    assert other.context["can_add_fact"] is False
    assert f"/people/{wayan.pk}/edit/" not in other.text


def test_the_reverse_questions_name_active_users_only(world):
    # given a QA reviewer and a colleague in the owner's team who have left
    from karib.core.models import Team

    team = Team.objects.get(name="Government")
    reviewer = UserFactory(username="qa_gone", role=Role.QA_REVIEWER, team=team)
    active_reviewer = UserFactory(username="qa_here", role=Role.QA_REVIEWER, team=team)
    colleague = UserFactory(username="sales_gone", role=Role.SALES, team=team)
    for user in (reviewer, colleague):
        user.is_active = False
        user.save(update_fields=["is_active"])
    # then they are not offered as colleagues nor told of disputes
    assert list(access.team_reviewers(team)) == [active_reviewer]
    assert colleague not in access.colleagues_of(world.owner)
    assert world.manager in access.colleagues_of(world.owner)
    # and the old import path still answers
    from karib.core.selectors import colleagues_of, team_members, teams_managed_by

    assert list(colleagues_of(world.owner)) == list(access.colleagues_of(world.owner))
    assert list(teams_managed_by(world.manager)) == [team]
    assert world.owner in team_members(world.manager)
