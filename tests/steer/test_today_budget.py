"""Today's query budget: the page and `/api/today` run the same number of queries whatever
the size of the data (a rep with 2 organizations or with 15; a manager whose team has at-risk
relationships, silent breaks and stored health), and never recompute health on the way."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from karib.core.roles import Role
from karib.core.services import notification_send
from karib.health.models import PersonHealth
from karib.people.models import ImportantDate, Person
from karib.promises.models import PromiseStatus
from karib.steer import services
from tests.factories import OrganizationFactory, PersonFactory, TeamFactory, UserFactory
from tests.promises.factories import make_promise

pytestmark = pytest.mark.django_db

#: what one Today may cost, whatever the role (a manager's team section included)
BUDGET = 25
URLS = ["/today/", "/api/today"]


def _add_work(rep, start: int, count: int) -> None:
    """`count` organizations for `rep`, each with a key person without facts (an action), a
    blocker (at risk for the manager), a birthday in five days, a promise due this week, a
    silently broken promise, stored health in the at-risk band and a notification."""
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=5)
    for number in range(start, start + count):
        organization = OrganizationFactory(owner=rep, name=f"Dinas {number}")
        person = PersonFactory(
            organization=organization, owner=rep, influence=4, stage=Person.Stage.CUSTOMER
        )
        blocker = PersonFactory(
            organization=organization, owner=rep, influence=5, attitude=Person.Attitude.BLOCKER
        )
        ImportantDate.objects.create(
            person=person,
            kind=ImportantDate.Kind.BIRTHDAY,
            month=soon.month,
            day=soon.day,
            created_by=rep,
        )
        make_promise(organization=organization, by=rep, due_date=today + datetime.timedelta(days=3))
        broken = make_promise(
            organization=organization,
            by=rep,
            made_on=today - datetime.timedelta(days=60),
            due_date=today - datetime.timedelta(days=30),
        )
        broken.status = PromiseStatus.BROKEN
        broken.broken_at = timezone.now() - datetime.timedelta(days=20)
        broken.save(update_fields=["status", "broken_at"])
        for who in (person, blocker):
            PersonHealth.objects.update_or_create(
                person=who,
                defaults={
                    "on": today,
                    "score": 20,
                    "band": "at_risk",
                    "drivers": [{"code": "recency", "points": -10, "on": None, "params": {}}],
                    "policy_version": 1,
                    "computed_at": timezone.now(),
                },
            )
        notification_send(user=rep, kind="t", title=f"Call {number}", dedupe_key=f"n{number}")
    services.next_actions_refresh(owner_ids=[rep.pk])


def _queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("role", [Role.SALES, Role.MANAGER])
def test_today_runs_a_fixed_number_of_queries(role, url, client_for, django_assert_num_queries):
    team = TeamFactory()
    user = UserFactory(role=role, team=team)
    rep = user if role == Role.SALES else UserFactory(role=Role.SALES, team=team)
    _add_work(rep, 0, 2)
    client = client_for(user)
    client.get(url)  # warm what is cached per process (content types, holidays)
    small = _queries(client, url)
    assert len(small) <= BUDGET, small
    small_size = len(client.get(url).content)

    _add_work(rep, 2, 13)
    # the larger data shows up: more rows, not more queries
    assert len(client.get(url).content) > small_size
    with django_assert_num_queries(len(small)):
        client.get(url)


@pytest.mark.parametrize("url", URLS)
def test_today_reads_stored_health_and_never_recomputes_it(url, client_for):
    team = TeamFactory()
    manager = UserFactory(role=Role.MANAGER, team=team)
    rep = UserFactory(role=Role.SALES, team=team)
    _add_work(rep, 0, 3)
    client = client_for(manager)
    client.get(url)
    sql = " ".join(_queries(client, url)).lower()
    # stored health is read; what only a recompute reads (facts, attitude changes, promise
    # status history, cadences) is not
    assert "health_personhealth" in sql
    for table in (
        "people_personalfact",
        "people_relationshipchange",
        "promises_promisestatuschange",
        "health_personcadence",
    ):
        assert table not in sql, table
