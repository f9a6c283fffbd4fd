"""Query budgets of the organization page's panels: each panel the page fetches on its own
(health, promises) makes a fixed number of queries whatever the amount of data (3 and 30
people, with their meetings, facts, a blocker and a refusal, and a promise per three people
with its history, every other one kept). Exact, as in test_people_budgets.py."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from karib.health.models import HealthDirtyPerson
from karib.health.services import health_recompute
from karib.people.models import Organization, Person, PersonalFact
from karib.people.panel_views import ORGANIZATION_PANELS
from karib.promises import services as promise_services
from tests.perf.test_people_budgets import (
    SIZES,
    _add_people,
    _counts_at_each_size,
    _queries,
    add_meetings,
)
from tests.promises.factories import make_promise

# 4 for the request and 1 for the organization in each; the rest is the panel's own. Health:
# the visible people with their stored health (the organization's scoped check in the same
# query), the policy versions, the promises, their history, the people's health history, and
# the policy again for the chart (the template tag's own read).
PANELS = {
    "health": {"owner": 11, "manager": 11},
    "promises": {"owner": 8, "manager": 8},
}
# The health panel when something about every person changed since the last recompute (all
# marked dirty): their inputs are read live, one query per kind for all of them.
HEALTH_CHANGED = {"owner": 22, "manager": 22}


def _grow(organization: Organization, size: int) -> None:
    """`size` people of every kind the health reads (meetings, a fact, a blocker who refuses
    the owner, every third with a promise, every other one kept), scored as the daily run
    does."""
    people = _add_people(organization, size)
    owner = organization.owner
    today = timezone.localdate()
    for number, person in enumerate(people):
        add_meetings(person, 2)
        PersonalFact.objects.create(
            person=person,
            category=PersonalFact.Category.INTEREST,
            text="Golf",
            learned_on=today,
            created_by=owner,
        )
        if number % 3 == 0:
            promise = make_promise(
                organization=organization,
                by=owner,
                people=[person],
                made_on=today - datetime.timedelta(days=30),
                due_date=today - datetime.timedelta(days=10),
            )
            if number % 2 == 0:
                promise_services.promise_mark_kept(promise=promise, by=owner)
    Person.objects.filter(pk=people[0].pk).update(
        attitude=Person.Attitude.BLOCKER, refuses_to_meet_owner=True, refusal_since=today
    )
    health_recompute(person_ids=[person.pk for person in people])


def test_every_panel_has_a_budget():
    assert set(PANELS) == set(ORGANIZATION_PANELS)


def _url(world, panel: str) -> str:
    return reverse("people:organization-detail", args=[world.organization.pk]) + f"?panel={panel}"


@pytest.mark.parametrize("reader", ["owner", "manager"])
@pytest.mark.parametrize("panel", list(PANELS))
def test_each_panel_makes_a_fixed_number_of_queries(world, client_for, panel, reader):
    # given
    client = client_for(getattr(world, reader))
    # when the panel is read at each data size (as htmx fetches it)
    counts = _counts_at_each_size(
        client,
        _url(world, panel),
        lambda n: _grow(world.organization, n),
        HTTP_HX_REQUEST="true",
    )
    # then
    assert counts == [PANELS[panel][reader]] * len(SIZES)


@pytest.mark.parametrize("reader", ["owner", "manager"])
def test_the_health_panel_reads_changed_people_in_one_batch(world, client_for, reader):
    # given
    client = client_for(getattr(world, reader))
    counts = []
    grown = 0
    for size in SIZES:
        _grow(world.organization, size - grown)
        grown = size
        # every person changed since the last recompute (marked dirty)
        HealthDirtyPerson.objects.bulk_create(
            [HealthDirtyPerson(person=person) for person in world.organization.people.all()],
            ignore_conflicts=True,
        )
        # when the panel is read
        counts.append(_queries(client, _url(world, "health"), HTTP_HX_REQUEST="true"))
    # then
    assert counts == [HEALTH_CHANGED[reader]] * len(SIZES)
