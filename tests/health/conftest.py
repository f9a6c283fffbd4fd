"""Fixtures of the health tests: a rep, a colleague in the same team, their manager, an
outsider, and an organization with a key person."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from karib.core.roles import Role
from karib.people import services
from karib.people.models import Interaction, Organization, Person, PersonalFact
from tests.factories import TeamFactory, UserFactory

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


@dataclass
class World:
    owner: User
    colleague: User
    manager: User
    outsider: User
    admin: User
    organization: Organization
    person: Person


@pytest.fixture
def world(db) -> World:
    team = TeamFactory(name="Government")
    other_team = TeamFactory(name="Cards")
    owner = UserFactory(username="rudi", first_name="Rudi", role=Role.SALES, team=team)
    colleague = UserFactory(username="dewi", first_name="Dewi", role=Role.SALES, team=team)
    manager = UserFactory(username="budi", first_name="Budi", role=Role.MANAGER, team=team)
    outsider = UserFactory(username="sari", first_name="Sari", role=Role.SALES, team=other_team)
    admin = UserFactory(username="admin", role=Role.ADMIN)
    organization = services.organization_create(
        by=owner, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    person = services.person_create(
        by=owner,
        full_name="Suryo Wibowo",
        organization=organization,
        honorific=Person.Honorific.BAPAK,
        influence=5,
        stage=Person.Stage.CUSTOMER,
    )
    return World(owner, colleague, manager, outsider, admin, organization, person)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=JAKARTA)


def visit(
    world: World,
    person: Person,
    day: datetime.date,
    kind: str = Interaction.Kind.SITE_VISIT,
    by: User | None = None,
) -> Interaction:
    by = by or world.owner
    return services.interaction_create(
        by=by,
        kind=kind,
        occurred_at=at(day),
        summary="Kunjungan",
        participants=[person],
        users=[by],
        organization=person.organization,
    )


def visited_and_known(world: World, days_ago: int = 3) -> None:
    """The world's person: a site visit `days_ago` and one interest learned today."""
    today = datetime.datetime.now(JAKARTA).date()
    visit(world, world.person, today - datetime.timedelta(days=days_ago))
    services.fact_create(
        person=world.person,
        by=world.owner,
        text="Suka wayang",
        category=PersonalFact.Category.INTEREST,
        learned_on=today,
    )
