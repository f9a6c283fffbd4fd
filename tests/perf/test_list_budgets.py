"""Query budgets of the lists: the promise board, the promise list API, the gift register and
the conversation list (review queue) each read a fixed number of queries, whatever the number
of rows. A new N+1 (a relation read per row) fails here with both counts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from karib.core.roles import Role
from tests.factories import OrganizationFactory, PersonFactory, UserFactory
from tests.gifts.factories import GiftFactory
from tests.promises.factories import ProjectFactory, make_promise
from tests.service.factories import (
    POLITE_ID,
    PUSHY_ID,
    agent_user,
    conversation_from_text,
    manager_user,
    service_team,
)
from tests.support.api import token_headers

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 12


def _queries(client, url: str, **extra) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    assert response.status_code == 200, response.content[:500]
    return len(captured)


def _counts(add_rows: Callable[[int], None], read: Callable[[], int]) -> tuple[int, int]:
    """Queries to read the list with SMALL rows, then with LARGE rows (after a first read, so
    what is written once per session or token, e.g. its last use, is not counted)."""
    read()
    add_rows(SMALL)
    small = read()
    add_rows(LARGE - SMALL)
    return small, read()


@pytest.fixture
def sales():
    return UserFactory(role=Role.SALES)


def _promises(owner) -> Callable[[int], None]:
    def add(count: int) -> None:
        for _number in range(count):
            organization = OrganizationFactory(owner=owner)
            person = PersonFactory(organization=organization, owner=owner)
            promise = make_promise(organization=organization, by=owner, people=[person])
            promise.project = ProjectFactory(organization=organization)
            promise.save(update_fields=["project"])

    return add


#: The budgets: what each list reads at any size (sessions, user, roles, the filters' choices,
#: the rows and their related rows in bulk).
BUDGETS = {"board": 9, "promises_api": 7, "register": 10, "queue": 10}


def test_the_promise_board_reads_a_fixed_number_of_queries(sales, client_for):
    client = client_for(sales)
    counts = _counts(_promises(sales), lambda: _queries(client, "/promises/"))
    assert counts == (BUDGETS["board"], BUDGETS["board"])


def test_the_promise_list_api_reads_a_fixed_number_of_queries(sales, client):
    headers = token_headers(sales)
    counts = _counts(_promises(sales), lambda: _queries(client, "/api/promises/", headers=headers))
    assert counts == (BUDGETS["promises_api"], BUDGETS["promises_api"])


def test_the_gift_register_reads_a_fixed_number_of_queries(sales, client_for):
    def add(count: int) -> None:
        for _number in range(count):
            recipient = PersonFactory(organization=OrganizationFactory(owner=sales), owner=sales)
            GiftFactory(recipient=recipient, giver=sales)

    client = client_for(sales)
    counts = _counts(add, lambda: _queries(client, "/gifts/"))
    assert counts == (BUDGETS["register"], BUDGETS["register"])


def test_the_conversation_list_reads_a_fixed_number_of_queries(client_for):
    team = service_team()
    reviewer = manager_user(team)
    agents = [agent_user(team, username=f"agent{n}", first_name=f"Agent{n}") for n in range(3)]

    def add(count: int) -> None:
        for number in range(count):
            text = PUSHY_ID if number % 2 else POLITE_ID
            conversation_from_text(text, team=team, agent=agents[number % len(agents)])

    client = client_for(reviewer)
    counts = _counts(add, lambda: _queries(client, "/conversations/"))
    assert counts == (BUDGETS["queue"], BUDGETS["queue"])
