"""The person's health read from the stored row when it is current, live when it is not."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from karib.health.models import HealthDirtyPerson, PersonHealth
from karib.health.selectors import person_health
from karib.health.services import health_recompute_dirty

from .conftest import visit, visited_and_known

pytestmark = pytest.mark.django_db


def _read(person):
    with CaptureQueriesContext(connection) as captured:
        health = person_health(person=person)
    return health, len(captured.captured_queries)


def _live(person):
    """The figure computed from the inputs, whatever is stored."""
    PersonHealth.objects.filter(person=person).delete()
    return _read(person)


def test_a_current_stored_score_is_read_in_one_query_and_equals_the_live_one(world):
    # given a person with a visit and a fact, recomputed (no dirty marker left)
    visited_and_known(world)
    health_recompute_dirty()
    assert not HealthDirtyPerson.objects.filter(person=world.person).exists()
    # when the page reads it
    stored, stored_queries = _read(world.person)
    # then it is the live figure, drivers and all, with fewer queries
    live, live_queries = _live(world.person)
    assert (stored.score, stored.band, stored.sorted_drivers) == (
        live.score,
        live.band,
        live.sorted_drivers,
    )
    assert stored_queries < live_queries


def test_a_change_since_the_recompute_is_read_live(world):
    # given a stored score, then a site visit today (the person is marked dirty)
    today = timezone.localdate()
    health_recompute_dirty()
    stored_before = PersonHealth.objects.get(person=world.person).score
    visit(world, world.person, today)
    assert HealthDirtyPerson.objects.filter(person=world.person).exists()
    # when the page reads it before the incremental run
    health, _ = _read(world.person)
    # then it shows the visit already (computed live), and the stored row is untouched
    assert health.score > stored_before
    assert PersonHealth.objects.get(person=world.person).score == stored_before
