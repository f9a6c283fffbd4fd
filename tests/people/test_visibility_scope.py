"""Per-object scoping of people and organizations, checked against an oracle.

The oracle below states the rule in plain Python over every row (people/querysets.py says it in
SQL, in a different shape per database: ADR 0013, 0014, 0015):

- an organization is visible to its owner, to the owners and envoys of its people, to managers
  of its owner's team or of its own team, and to admins;
- a person is visible to their owner and envoy, to whoever sees their organization, to managers
  of their owner's team and to admins; never while under a legal hold.

Every reader in a small world with each relation (an envoy from another team, an organization
of another team handed to a team, people without organization, a held person) must see exactly
the oracle's people and organizations through the querysets, a read by key, the people list
page, the search page, the API list and search, and the typeahead.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from karib.core.models import Team
from karib.core.roles import Role, has_role, is_admin
from karib.people import services
from karib.people.models import Organization, Person
from karib.privacy.models import Erasure, LegalHold
from tests.factories import TeamFactory, UserFactory
from tests.support.api import token_client

# Every person's name carries this word, so one search finds all the people a reader sees.
WORD = "Wayang"


@dataclass
class ScopeWorld:
    users: dict[str, User]
    organizations: dict[str, Organization]
    people: dict[str, Person]


def _person(by: User, name: str, organization: Organization | None, **fields) -> Person:
    return services.person_create(
        by=by, full_name=f"{name} {WORD}", organization=organization, **fields
    )


@pytest.fixture
def scope_world(db) -> ScopeWorld:
    government, cards, retail = (TeamFactory(name=n) for n in ("Government", "Cards", "Retail"))
    users = {
        "rudi": UserFactory(username="rudi", role=Role.SALES, team=government),
        "ani": UserFactory(username="ani", role=Role.SALES, team=government),
        "sari": UserFactory(username="sari", role=Role.SALES, team=cards),
        "tono": UserFactory(username="tono", role=Role.SALES, team=retail),
        "budi": UserFactory(username="budi", role=Role.MANAGER, team=government),
        "hendra": UserFactory(username="hendra", role=Role.MANAGER, team=cards),
        "admin": UserFactory(username="admin", role=Role.ADMIN),
        "agent": UserFactory(username="agent", role=Role.SERVICE_AGENT, team=government),
    }
    rudi, ani, sari = users["rudi"], users["ani"], users["sari"]
    kind = Organization.Kind.PRIVATE
    organizations = {
        "rudi's": services.organization_create(by=rudi, name="Bank Rudi", kind=kind),
        "sari's, team government": services.organization_create(
            by=sari, name="Bank Sari Satu", kind=kind, team=government
        ),
        "sari's": services.organization_create(by=sari, name="Bank Sari Dua", kind=kind),
        "sari's, empty": services.organization_create(by=sari, name="Bank Kosong", kind=kind),
        "ani's": services.organization_create(by=ani, name="Bank Ani", kind=kind),
    }
    org = organizations
    people = {
        "rudi's at rudi's": _person(rudi, "Satu", org["rudi's"]),
        "ani's at rudi's, sari envoy": _person(rudi, "Dua", org["rudi's"], owner=ani, envoy=sari),
        "sari's at sari's team government": _person(sari, "Tiga", org["sari's, team government"]),
        "sari's at sari's, rudi envoy": _person(sari, "Empat", org["sari's"], envoy=rudi),
        "sari's at sari's": _person(sari, "Lima", org["sari's"]),
        "ani's at ani's": _person(ani, "Enam", org["ani's"]),
        "rudi's without organization": _person(rudi, "Tujuh", None),
        "sari's without organization, ani envoy": _person(sari, "Delapan", None, envoy=ani),
        "rudi's at rudi's, held": _person(rudi, "Sembilan", org["rudi's"]),
    }
    erasure = Erasure.objects.create(reference="E-1", erased_by=users["admin"])
    LegalHold.objects.create(person=people["rudi's at rudi's, held"], erasure=erasure)
    return ScopeWorld(users, organizations, people)


# --- the oracle ---------------------------------------------------------------------------------


def _managed_teams(user: User) -> set[int]:
    if not has_role(user, Role.MANAGER):
        return set()
    return {team.pk for team in Team.objects.filter(profiles__user=user)}


def _team_of(user_id: int) -> int | None:
    return User.objects.get(pk=user_id).profile.team_id


def oracle_organizations(user: User) -> set[int]:
    everyone = list(Organization.objects.all())
    if is_admin(user):
        return {o.pk for o in everyone}
    managed = _managed_teams(user)
    through_people = {
        p.organization_id for p in Person.objects.all() if user.pk in (p.owner_id, p.envoy_id)
    }
    return {
        o.pk
        for o in everyone
        if o.owner_id == user.pk
        or o.pk in through_people
        or _team_of(o.owner_id) in managed
        or o.team_id in managed
    }


def oracle_people(user: User) -> set[int]:
    held = set(LegalHold.objects.values_list("person_id", flat=True))
    everyone = [p for p in Person.objects.all() if p.pk not in held]
    if is_admin(user):
        return {p.pk for p in everyone}
    organizations = oracle_organizations(user)
    managed = _managed_teams(user)
    return {
        p.pk
        for p in everyone
        if user.pk in (p.owner_id, p.envoy_id)
        or p.organization_id in organizations
        or _team_of(p.owner_id) in managed
    }


def _names(pks: set[int]) -> set[str]:
    return set(Person.objects.filter(pk__in=pks).values_list("full_name", flat=True))


READERS = ["rudi", "ani", "sari", "tono", "budi", "hendra", "admin", "agent"]


# --- the tests ----------------------------------------------------------------------------------


def test_the_world_covers_every_relation(scope_world):
    # given the world, then each reader sees some but not all of it (admins all but the held)
    everyone = set(Person.objects.values_list("pk", flat=True))
    for name in ["rudi", "ani", "sari", "budi", "hendra"]:
        seen = oracle_people(scope_world.users[name])
        assert seen, name
        assert seen < everyone - {scope_world.people["rudi's at rudi's, held"].pk}, name
    assert oracle_people(scope_world.users["tono"]) == set()


@pytest.mark.parametrize("reader", READERS)
def test_querysets_and_reads_by_key_follow_the_rule(scope_world, reader):
    # given
    user = scope_world.users[reader]
    # when / then
    assert set(Organization.objects.visible_to(user).values_list("pk", flat=True)) == (
        oracle_organizations(user)
    )
    expected = oracle_people(user)
    assert set(Person.objects.visible_to(user).values_list("pk", flat=True)) == expected
    for person in Person.objects.all():
        found = Person.objects.visible_row(user, person.pk).exists()
        assert found == (person.pk in expected), (reader, person.full_name)


@pytest.mark.parametrize("reader", READERS)
def test_the_pages_list_and_find_exactly_the_visible_people(scope_world, client_for, reader):
    # given
    user = scope_world.users[reader]
    expected = _names(oracle_people(user))
    hidden = _names(set(Person.objects.values_list("pk", flat=True))) - expected
    client = client_for(user)
    # when
    pages = {
        "list": client.get("/people/"),
        "filtered list": client.get("/people/?influence=3"),
        "search": client.get(f"/people/?q={WORD.lower()}"),
        "typeahead": client.get("/people/typeahead/?q=waya"),
    }
    # then
    for page, response in pages.items():
        if response.status_code == 403:  # a role without the people pages (the agent)
            assert not expected, (reader, page)
            continue
        text = response.content.decode()
        assert response.status_code == 200, (reader, page)
        assert all(name not in text for name in hidden), (reader, page)
        if page != "typeahead":  # the typeahead shows the first few only
            assert all(name in text for name in expected), (reader, page)


@pytest.mark.parametrize("reader", READERS)
def test_the_api_lists_and_finds_exactly_the_visible_people(scope_world, reader):
    # given
    user = scope_world.users[reader]
    expected = _names(oracle_people(user))
    client = token_client(user)
    # when
    answers = {
        "list": client.get("/api/people/persons?page_size=100"),
        "search": client.get(f"/api/people/persons?q={WORD}&page_size=100"),
    }
    typeahead = client.get("/api/people/typeahead?q=waya")
    # then
    for name, response in answers.items():
        if response.status_code == 403:
            assert not expected, (reader, name)
            continue
        assert response.status_code == 200, (reader, name)
        assert {item["full_name"] for item in response.json()["items"]} == expected, name
    if typeahead.status_code == 200:  # at most 8 suggestions: no reader sees more here
        assert {p["id"] for p in typeahead.json()["people"]} == oracle_people(user)


def test_an_envoy_change_moves_the_organization_and_its_people_in_and_out_of_sight(scope_world):
    # given tono sees nothing
    tono, sari = scope_world.users["tono"], scope_world.users["sari"]
    person = scope_world.people["sari's at sari's"]
    assert not Person.objects.visible_to(tono).exists()
    # when sari's manager makes tono (another team) envoy: through an admin, as colleagues_of
    # limits who may be sent; the rule is what is tested here
    services.person_update(person=person, by=scope_world.users["admin"], envoy=tono)
    # then tono sees the organization and all its people, in lists and search
    assert oracle_people(tono) == {
        p.pk for p in Person.objects.filter(organization_id=person.organization_id)
    }
    assert set(Person.objects.visible_to(tono).values_list("pk", flat=True)) == oracle_people(tono)
    assert Organization.objects.visible_to(tono).filter(pk=person.organization_id).exists()
    # when the envoy is cleared
    services.person_assign_envoy(person=Person.objects.get(pk=person.pk), envoy=None, by=sari)
    # then nothing is left in sight
    assert not Person.objects.visible_to(tono).exists()
    assert not Organization.objects.visible_to(tono).exists()
