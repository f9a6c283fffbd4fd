"""Query budgets of the people pages: the person page, the organization page, the people list
and the organizations list each make a fixed number of queries, whatever the amount of data
(measured at 3 and at 30 facts, interactions, people or organizations).

The numbers are exact, so that a query added by a change (an N+1 above all) fails here and is
either removed or accepted by changing the budget in the same commit. The person page's panels
(the other apps' among them) are fetched by the page on their own and budgeted in
test_person_panel_budgets.py.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from karib.core import access
from karib.core.access import Action
from karib.core.roles import Role
from karib.health.services import health_recompute_dirty
from karib.people import selectors, services
from karib.people.access import PersonAction
from karib.people.models import Interaction, Organization, Person, PersonalFact
from tests.factories import UserFactory

SIZES = (3, 30)
# The request itself: the session, the user, the user's language and roles.
REQUEST_QUERIES = 4


def _add_records(person: Person, size: int) -> None:
    """`size` facts (every third sensitive) and `size` interactions with the person."""
    owner = person.owner
    PersonalFact.objects.bulk_create(
        PersonalFact(
            person=person,
            category=PersonalFact.Category.INTEREST,
            text=f"Suka wayang {i}",
            is_sensitive=i % 3 == 0,
            learned_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
            created_by=owner,
        )
        for i in range(size)
    )
    add_meetings(person, size)


def add_meetings(person: Person, size: int) -> None:
    """`size` meetings with the person, one a day back from now (shared with the panel budgets)."""
    interactions = Interaction.objects.bulk_create(
        Interaction(
            kind=Interaction.Kind.MEETING,
            occurred_at=timezone.now() - datetime.timedelta(days=i),
            organization=person.organization,
            summary=f"Rapat {i}",
            created_by=person.owner,
        )
        for i in range(size)
    )
    for interaction in interactions:
        interaction.participants.add(person)


def _add_people(organization: Organization, size: int) -> list[Person]:
    return Person.objects.bulk_create(
        Person(
            full_name=f"Orang {i:03}",
            organization=organization,
            owner=organization.owner,
            influence=i % 5 + 1,
        )
        for i in range(size)
    )


def _add_organizations(owner, size: int) -> None:
    Organization.objects.bulk_create(
        Organization(name=f"Instansi {i:03}", owner=owner, kind=Organization.Kind.PRIVATE)
        for i in range(size)
    )


def _queries(client, url: str, **extra) -> int:
    client.get(url, **extra)  # warm the per-process caches (content types, policies)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _counts_at_each_size(client, url: str, grow, **extra) -> list[int]:
    """The queries of reading `url` after growing its data to each of SIZES (`extra`: headers
    of the request, e.g. htmx's)."""
    counts = []
    grown = 0
    for size in SIZES:
        grow(size - grown)
        grown = size
        health_recompute_dirty()  # as the incremental run keeps stored health current
        counts.append(_queries(client, url, **extra))
    return counts


# The budgets. Each is the number measured when it was set; lower it when a change saves a query.
# The person page: 4 for the request, then the person (with a manager's rights in the same row),
# facts, interactions with their editability, dates, stage changes and envoy assignments. The
# panels (health, recovery plan, privacy, promises, gestures, envoy, roles, audit log) are
# fetched by the page on their own: their budgets are in test_person_panel_budgets.py.
PERSON_PAGE = {"owner": 10, "manager": 10}
# The organization page: 4 for the request, then the organization, its people (the map), the
# colleagues for the envoy forms and the units (a manager: 2 more for the rights to change it
# and to assign envoys). Its panels (health, promises) are fetched by the page on their own:
# test_organization_panel_budgets.py.
ORGANIZATION_PAGE = {"owner": 8, "manager": 10}
PERSON_LIST = {"owner": 8, "manager": 8}
ORGANIZATION_LIST = {"owner": 7, "manager": 7}


# Each page: its address and how to grow its data, given the people world.
PAGES = {
    "person page": (
        lambda w: reverse("people:person-detail", args=[w.person.pk]),
        lambda w, n: _add_records(w.person, n),
        PERSON_PAGE,
    ),
    "organization page": (
        lambda w: reverse("people:organization-detail", args=[w.organization.pk]),
        lambda w, n: _add_people(w.organization, n),
        ORGANIZATION_PAGE,
    ),
    "people list": (
        lambda w: reverse("people:index") + "?stage=stranger&influence=3",
        lambda w, n: _add_people(w.organization, n),
        PERSON_LIST,
    ),
    "organization list": (
        lambda w: reverse("people:organization-list"),
        lambda w, n: _add_organizations(w.owner, n),
        ORGANIZATION_LIST,
    ),
}


@pytest.mark.parametrize("reader", ["owner", "manager"])
@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_makes_a_fixed_number_of_queries(world, client_for, page, reader):
    # given
    make_url, grow, budget = PAGES[page]
    client = client_for(getattr(world, reader))
    # when the page is read at each data size
    counts = _counts_at_each_size(client, make_url(world), lambda n: grow(world, n))
    # then
    assert counts == [budget[reader]] * len(SIZES)


def test_the_person_rights_agree_with_the_access_rules(world):
    # given every kind of reader, the person with an envoy from the owner's team
    admin = UserFactory(username="admin", role=Role.ADMIN)
    team = world.owner.profile.team
    envoy = UserFactory(username="envoy", role=Role.SALES, team=team)
    services.person_assign_envoy(person=world.person, envoy=envoy, by=world.owner, reason="")
    person = Person.objects.get(pk=world.person.pk)
    readers = [world.owner, envoy, world.other, world.manager, world.outsider_manager, admin]
    for reader in readers:
        # when
        rights = selectors.person_rights(user=reader, person=person)
        # then
        assert rights.looks_after == access.can(reader, Action.CHANGE, person), reader
        assert rights.answers_for == access.can(reader, PersonAction.ASSIGN_ENVOY, person)
        may_add_fact = access.can(reader, Action.CREATE, PersonalFact(person=person))
        assert (rights.creates and rights.looks_after) == may_add_fact
        assert rights.looks_after == selectors.can_see_sensitive(reader, person)
        assert (rights.sees_audit or reader == admin) == selectors.can_see_audit(reader, person)
        assert selectors.answered_for_ids(user=reader, people=[person]) == (
            {person.pk} if rights.answers_for else set()
        )
