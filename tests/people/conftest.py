"""Fixtures of the people tests: two sales users in one team, their manager, an outsider."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from karib.core.roles import Role
from karib.people import services
from karib.people.models import Organization, Person
from tests.factories import TeamFactory, UserFactory


@dataclass
class World:
    owner: User
    other: User
    manager: User
    outsider_manager: User
    organization: Organization
    person: Person


@pytest.fixture
def world(db) -> World:
    team = TeamFactory(name="Government")
    other_team = TeamFactory(name="Cards")
    owner = UserFactory(username="rudi", first_name="Rudi", role=Role.SALES, team=team)
    other = UserFactory(username="sari", first_name="Sari", role=Role.SALES, team=other_team)
    manager = UserFactory(username="budi", first_name="Budi", role=Role.MANAGER, team=team)
    outsider_manager = UserFactory(username="hendra", role=Role.MANAGER, team=other_team)
    organization = services.organization_create(
        by=owner, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    person = services.person_create(
        by=owner,
        full_name="Suryo Wibowo",
        organization=organization,
        honorific=Person.Honorific.BAPAK,
        job_title="Direktur",
        influence=5,
    )
    return World(owner, other, manager, outsider_manager, organization, person)
