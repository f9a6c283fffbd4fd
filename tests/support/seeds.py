"""A seeded world of users in every relation to one organization and its people, for
permission tests (tests/core/test_access_matrix.py) and any test that needs the cast.

The organization "Direktorat Layanan Data" (team Government) is owned by `owner`; its
person Suryo has `envoy` as envoy; its person Wayan has `through_one` as envoy (they see the
organization through that one person only). Suryo has a fact, a sensitive fact, an important
date and an interaction; `empty_organization` (owner's, nobody in it) can be deleted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import User

from karib.core.roles import Role
from karib.people import services
from karib.people.models import (
    ImportantDate,
    Interaction,
    Organization,
    Person,
    PersonalFact,
)
from tests.factories import TeamFactory, UserFactory

# Every relation a user may have to the organization and its person Suryo.
RELATIONS = (
    "anonymous",
    "owner",  # owns the organization and Suryo
    "envoy",  # envoy for Suryo (another team)
    "same_team",  # Sales in the owner's team, no relation
    "other_team",  # Sales in another team
    "manager",  # manages the owner's team
    "other_manager",  # manages another team
    "admin",
    "compliance",
    "qa",
    "agent",
    "through_one",  # envoy for Wayan only: sees the organization through one person
)
SECRET_NAME = "Suryo Wibowo"
SENSITIVE_TEXT = "Dirawat karena sakit jantung"


@dataclass
class PeopleWorld:
    users: dict[str, User | None] = field(default_factory=dict)
    organization: Organization | None = None
    empty_organization: Organization | None = None
    person: Person | None = None
    colleague: Person | None = None
    fact: PersonalFact | None = None
    sensitive_fact: PersonalFact | None = None
    interaction: Interaction | None = None
    important_date: ImportantDate | None = None

    def user(self, relation: str) -> User | None:
        return self.users[relation]


def seed_people_world() -> PeopleWorld:
    government, cards = TeamFactory(name="Government"), TeamFactory(name="Cards")
    make = UserFactory
    users: dict[str, User | None] = {
        "anonymous": None,
        "owner": make(username="m_owner", first_name="Rudi", role=Role.SALES, team=government),
        "envoy": make(username="m_envoy", first_name="Dewi", role=Role.SALES, team=cards),
        "same_team": make(username="m_same", role=Role.SALES, team=government),
        "other_team": make(username="m_other", role=Role.SALES, team=cards),
        "manager": make(username="m_manager", role=Role.MANAGER, team=government),
        "other_manager": make(username="m_other_manager", role=Role.MANAGER, team=cards),
        "admin": make(username="m_admin", role=Role.ADMIN),
        "compliance": make(username="m_compliance", role=Role.COMPLIANCE_OFFICER),
        "qa": make(username="m_qa", role=Role.QA_REVIEWER, team=government),
        "agent": make(username="m_agent", role=Role.SERVICE_AGENT, team=government),
        "through_one": make(username="m_through", role=Role.SALES, team=cards),
    }
    owner, admin = users["owner"], users["admin"]
    assert owner is not None
    assert admin is not None
    organization = services.organization_create(
        by=owner, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    organization.team = government
    organization.save(update_fields=["team"])
    empty = services.organization_create(by=owner, name="Unit Kosong")
    person = services.person_create(
        by=owner, full_name=SECRET_NAME, organization=organization, job_title="Direktur"
    )
    colleague = services.person_create(
        by=owner, full_name="Wayan Sudirta", organization=organization
    )
    # envoys are sent by an admin (they come from another team than the owner's)
    services.person_assign_envoy(person=person, envoy=users["envoy"], by=admin)
    services.person_assign_envoy(person=colleague, envoy=users["through_one"], by=admin)
    person.refresh_from_db()
    fact = services.fact_create(
        person=person, by=owner, category="interest", text="Suka wayang, tokoh Bima"
    )
    sensitive = services.fact_create(
        person=person, by=owner, category="other", text=SENSITIVE_TEXT, is_sensitive=True
    )
    interaction = services.interaction_create(
        by=owner,
        kind="meal",
        occurred_at=datetime.datetime(2026, 1, 10, 7, 0, tzinfo=datetime.UTC),
        summary="Sarapan di Denpasar",
        participants=[person],
    )
    important_date = services.important_date_create(
        person=person, by=owner, kind="birthday", day=17, month=8
    )
    return PeopleWorld(
        users=users,
        organization=organization,
        empty_organization=empty,
        person=person,
        colleague=colleague,
        fact=fact,
        sensitive_fact=sensitive,
        interaction=interaction,
        important_date=important_date,
    )
