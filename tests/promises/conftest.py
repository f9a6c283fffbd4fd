"""Fixtures of the promise ledger's tests: a team with an owner, a manager and an outsider."""

from __future__ import annotations

import pytest

from karib.core.roles import Role
from tests.factories import OrganizationFactory, PersonFactory, TeamFactory, UserFactory


@pytest.fixture
def team(db):
    return TeamFactory(name="Government sales")


@pytest.fixture
def owner(team):
    return UserFactory(username="rudi", first_name="Rudi", role=Role.SALES, team=team)


@pytest.fixture
def manager(team):
    return UserFactory(username="budi", first_name="Budi", role=Role.MANAGER, team=team)


@pytest.fixture
def outsider(db):
    return UserFactory(username="eko", role=Role.SALES, team=TeamFactory(name="Other team"))


@pytest.fixture
def organization(owner, team):
    return OrganizationFactory(name="Direktorat Layanan Data", owner=owner, team=team)


@pytest.fixture
def person(organization):
    return PersonFactory(full_name="Suryo Wibowo", organization=organization)
