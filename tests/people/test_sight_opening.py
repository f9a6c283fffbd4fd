"""Who sees an organization through one person may not open it to a colleague.

A person's owner and envoy see the person's whole organization. Naming someone who does not
see it yet as owner or envoy (at creation or later), or moving a person with their envoy into
it, opens it to them: only who answers for the organization (its owner, their manager, an
admin) may do that. Found by an attacker's probe: an envoy of one person quick-added a dummy
with a teammate as envoy, and the teammate read every person of the organization.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from karib.core.models import AuditEvent
from karib.core.roles import Role
from karib.people import services
from karib.people.imports import Source, contacts_import
from karib.people.models import EnvoyAssignment, Organization, Person
from karib.people.services.common import PeopleError
from tests.factories import TeamFactory, UserFactory
from tests.support.api import token_client


@dataclass
class Sight:
    rudi: User  # owns the organization and Suryo (Government)
    ani: User  # Rudi's teammate
    budi: User  # Government's manager
    sari: User  # Cards: envoy of Wayan only, so she sees the organization through one
    dewi: User  # Sari's teammate, who sees nothing of it
    organization: Organization
    suryo: Person
    wayan: Person


@pytest.fixture
def sight(db) -> Sight:
    government, cards = TeamFactory(name="Government"), TeamFactory(name="Cards")
    rudi = UserFactory(username="rudi", first_name="Rudi", role=Role.SALES, team=government)
    ani = UserFactory(username="ani", role=Role.SALES, team=government)
    budi = UserFactory(username="budi", role=Role.MANAGER, team=government)
    sari = UserFactory(username="sari", role=Role.SALES, team=cards)
    dewi = UserFactory(username="dewi", first_name="Dewi", role=Role.SALES, team=cards)
    admin = UserFactory(username="admin", role=Role.ADMIN)
    organization = services.organization_create(
        by=rudi, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    suryo = services.person_create(by=rudi, full_name="Suryo Wibowo", organization=organization)
    wayan = services.person_create(by=rudi, full_name="Wayan Sudarma", organization=organization)
    services.person_assign_envoy(person=wayan, envoy=sari, by=admin)
    return Sight(rudi, ani, budi, sari, dewi, organization, suryo, wayan)


def _sees_suryo(world: Sight, user: User) -> bool:
    return Person.objects.visible_to(user).filter(pk=world.suryo.pk).exists()


def _refused(error: pytest.ExceptionInfo[PeopleError], field: str) -> None:
    (item,) = error.value.items
    assert (item.code, item.field) == ("forbidden", field)
    assert "Dewi" in item.text()
    assert "Direktorat Layanan Data" in item.text()


def test_a_quick_add_with_a_teammate_as_envoy_is_refused_and_nothing_is_stored(sight):
    # given Sari sees the organization through Wayan, Dewi does not
    assert _sees_suryo(sight, sight.sari)
    assert not _sees_suryo(sight, sight.dewi)
    people, events = Person.objects.count(), AuditEvent.objects.count()
    # when Sari adds a person there with Dewi as envoy
    with pytest.raises(PeopleError) as error:
        services.person_create(
            by=sight.sari, full_name="Dummy", organization=sight.organization, envoy=sight.dewi
        )
    # then it is refused on the envoy, nothing is stored and Dewi still sees nothing
    _refused(error, "envoy")
    assert (Person.objects.count(), AuditEvent.objects.count()) == (people, events)
    assert not EnvoyAssignment.objects.filter(envoy=sight.dewi).exists()
    assert not _sees_suryo(sight, sight.dewi)


def test_her_own_new_person_may_not_be_handed_or_given_an_envoy_outside_the_sight(sight):
    # given Sari adds a person of her own there (she sees it already)
    dummy = services.person_create(
        by=sight.sari, full_name="Dummy", organization=sight.organization
    )
    # when she hands them to Dewi, or sends Dewi as envoy
    with pytest.raises(PeopleError) as handed:
        services.person_update(person=dummy, by=sight.sari, owner=sight.dewi)
    with pytest.raises(PeopleError) as sent:
        services.person_assign_envoy(person=dummy, envoy=sight.dewi, by=sight.sari)
    # then both are refused and the person is as it was
    _refused(handed, "owner")
    _refused(sent, "envoy")
    dummy = Person.objects.get(pk=dummy.pk)
    assert (dummy.owner, dummy.envoy) == (sight.sari, None)
    assert not _sees_suryo(sight, sight.dewi)
    # and a plain change of her own person is still hers to make
    services.person_update(person=dummy, by=sight.sari, job_title="Kepala Seksi")
    assert Person.objects.get(pk=dummy.pk).job_title == "Kepala Seksi"


def test_moving_a_person_with_their_envoy_into_the_organization_is_refused(sight):
    # given Sari's own person elsewhere, with Dewi as envoy
    own = services.organization_create(by=sight.sari, name="Bank Sari", kind="private")
    person = services.person_create(by=sight.sari, full_name="Lina", organization=own)
    services.person_assign_envoy(person=person, envoy=sight.dewi, by=sight.sari)
    # when Sari moves Lina into the organization she sees through Wayan
    with pytest.raises(PeopleError) as error:
        services.person_update(
            person=Person.objects.get(pk=person.pk), by=sight.sari, organization=sight.organization
        )
    # then the move is refused on the envoy and Lina stays where she was
    _refused(error, "envoy")
    assert Person.objects.get(pk=person.pk).organization == own


@pytest.mark.parametrize("sender", ["rudi", "budi"])
def test_who_answers_for_the_organization_opens_it_to_a_colleague(sight, sender):
    # given Rudi owns the organization and Budi manages his team; Ani sees nothing of it
    assert not _sees_suryo(sight, sight.ani)
    # when one of them sends Ani as envoy of Suryo
    services.person_assign_envoy(person=sight.suryo, envoy=sight.ani, by=getattr(sight, sender))
    # then Ani sees the organization through Suryo
    assert _sees_suryo(sight, sight.ani)


def test_the_api_answers_403_on_the_envoy_and_stores_nothing(sight):
    # given
    people = Person.objects.count()
    # when Sari posts the quick add through the API
    response = token_client(sight.sari).post_json(
        "/api/people/persons",
        {
            "full_name": "Dummy",
            "organization_id": sight.organization.pk,
            "envoy_id": sight.dewi.pk,
        },
    )
    # then
    assert response.status_code == 403
    (error,) = response.json()["errors"]
    assert (error["code"], error["field"]) == ("forbidden", "envoy")
    assert Person.objects.count() == people
    assert token_client(sight.dewi).get(f"/api/people/persons/{sight.suryo.pk}").status_code == 404


# --- the same rules through the contacts import (its bulk path; secprobe5, F1) ---


def _import(user: User, rows: str):
    csv = ("Name,E-mail Address,Organization\n" + rows).encode()
    return contacts_import(sources=[Source(name="kontak.csv", raw=csv)], user=user, commit=True)


def test_an_import_does_not_move_a_contact_for_the_envoy(sight):
    # given Sari is envoy of Wayan (Rudi's), whom she may not move
    services.person_update(person=sight.wayan, by=sight.rudi, emails=["wayan@data.go.id"])
    services.organization_create(by=sight.sari, name="PT Sari Jaya", kind="private")
    # when her contacts file names Wayan at her own organization
    report = _import(sight.sari, "Wayan Sudarma,wayan@data.go.id,PT Sari Jaya\n")
    # then the row is refused and Wayan stays where he was
    (row,) = report.rows
    assert row.action == "error"
    assert not report.committed
    assert Person.objects.get(pk=sight.wayan.pk).organization == sight.organization


def test_an_import_does_not_open_the_organization_to_an_envoy(sight):
    # given Sari's own contact elsewhere, with Dewi as envoy
    own = services.organization_create(by=sight.sari, name="Bank Sari", kind="private")
    lina = services.person_create(
        by=sight.sari, full_name="Lina", organization=own, emails=["lina@sari.co.id"]
    )
    services.person_assign_envoy(person=lina, envoy=sight.dewi, by=sight.sari)
    # when her contacts file moves Lina into the organization she sees through Wayan
    report = _import(sight.sari, "Lina,lina@sari.co.id,Direktorat Layanan Data\n")
    # then the row is refused on the envoy, Lina stays, Dewi sees nothing of it
    (row,) = report.rows
    assert row.action == "error"
    assert [field for field, _message in row.errors] == ["envoy"]
    assert Person.objects.get(pk=lina.pk).organization == own
    assert not _sees_suryo(sight, sight.dewi)
