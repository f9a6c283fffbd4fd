"""Recompute, history, dirty markers and policy versions, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from karib.core.errors import DomainError
from karib.health.models import (
    HealthDirtyPerson,
    HealthPolicy,
    PersonCadence,
    PersonHealth,
    PersonHealthSnapshot,
)
from karib.health.selectors import person_health
from karib.health.services import (
    health_backfill,
    health_recompute,
    health_recompute_dirty,
    health_snapshot_daily,
    person_cadence_set,
)
from karib.people import services as people
from karib.people.models import Person, PersonalFact
from karib.promises import services as promises

from .conftest import at, visit, visited_and_known

pytestmark = pytest.mark.django_db


def _rows():
    return list(
        PersonHealthSnapshot.objects.order_by("person_id", "on").values_list(
            "person_id", "on", "score", "band", "drivers", "policy_version"
        )
    ) + list(
        PersonHealth.objects.order_by("person_id").values_list(
            "person_id", "on", "score", "band", "drivers", "policy_version"
        )
    )


def test_recomputing_twice_changes_nothing(world):
    # given a person with a contact, a fact and a broken promise, recomputed once
    visited_and_known(world)
    health_recompute()
    first = _rows()
    # when it is recomputed again, and the daily run runs twice
    second = health_recompute()
    health_snapshot_daily()
    health_snapshot_daily()
    # then no row changed and none was added
    assert _rows() == first
    assert second.snapshots == 0
    assert second.changed == 0


def test_a_change_marks_the_person_dirty_and_the_incremental_run_picks_it_up(world):
    # given everyone computed, nothing dirty
    health_snapshot_daily()
    assert not HealthDirtyPerson.objects.exists()
    before = PersonHealth.objects.get(person=world.person).score
    # when the rep records a site visit today
    visit(world, world.person, timezone.localdate())
    # then the person is marked, and the incremental run raises the score and clears the mark
    assert HealthDirtyPerson.objects.filter(person=world.person).exists()
    result = health_recompute_dirty()
    assert result.people == 1
    assert PersonHealth.objects.get(person=world.person).score > before
    assert not HealthDirtyPerson.objects.exists()


def test_a_promise_marks_every_person_of_its_organization(world):
    colleague = people.person_create(
        by=world.owner, full_name="Ratna Sari", organization=world.organization
    )
    HealthDirtyPerson.objects.all().delete()
    promises.promise_create(
        organization=world.organization, text="Pelatihan", by=world.owner, people=[world.person]
    )
    assert set(HealthDirtyPerson.objects.values_list("person_id", flat=True)) == {
        world.person.pk,
        colleague.pk,
    }


def test_a_rolled_back_change_leaves_no_marker(world):
    HealthDirtyPerson.objects.all().delete()

    def visit_then_fail():
        with transaction.atomic():
            visit(world, world.person, timezone.localdate())
            raise RuntimeError

    with pytest.raises(RuntimeError):
        visit_then_fail()
    assert not HealthDirtyPerson.objects.exists()


def test_a_new_policy_version_recomputes_everyone(world):
    # given today's health under version 1
    visit(world, world.person, timezone.localdate() - datetime.timedelta(days=2))
    health_snapshot_daily()
    assert PersonHealth.objects.get(person=world.person).policy_version == 1
    before = PersonHealth.objects.get(person=world.person).score
    # when version 2 (a higher base) comes into force
    HealthPolicy.objects.create(version=2, rules={"base": 40}, effective_from=timezone.localdate())
    health_snapshot_daily()
    # then the next daily run recomputed everyone with it and kept a history row for the change
    current = PersonHealth.objects.get(person=world.person)
    assert current.policy_version == 2
    assert current.score == before - 10
    assert PersonHealthSnapshot.objects.filter(person=world.person, policy_version=2).count() == 1
    assert HealthPolicy.objects.get(version=2).recomputed_at is not None


def test_a_policy_with_an_unknown_key_is_refused_with_its_path():
    from django.core.exceptions import ValidationError

    policy = HealthPolicy(
        version=9,
        rules={"promises": {"silent_brake": -30}},
        effective_from=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        policy.full_clean()
    assert "promises.silent_brake" in str(error.value)


def test_backfill_writes_history_as_of_each_day(world):
    # given a visit on 15 October 2024 and nothing before
    visit(world, world.person, datetime.date(2024, 10, 15))
    # when history is backfilled from 1 October
    health_backfill(
        person_ids=[world.person.pk],
        start=datetime.date(2024, 10, 1),
        end=datetime.date(2024, 10, 31),
    )
    rows = list(PersonHealthSnapshot.objects.filter(person=world.person).order_by("on"))
    # then the first row is before the visit (never contacted), a later one starts on the visit
    assert rows[0].on == datetime.date(2024, 10, 1)
    on_visit = next(r for r in rows if r.on == datetime.date(2024, 10, 15))
    assert on_visit.score > rows[0].score
    recency = next(d for d in on_visit.drivers if d["code"] == "recency")
    assert recency["on"] == "2024-10-15"
    # and the score of any day equals a fresh computation as of that day
    assert person_health(person=world.person, on=datetime.date(2024, 10, 20)).score == (
        PersonHealthSnapshot.objects.filter(
            person=world.person, on__lte=datetime.date(2024, 10, 20)
        )
        .order_by("-on")
        .first()
        .score
    )


def test_backfill_refuses_a_start_after_the_end(world):
    with pytest.raises(DomainError):
        health_backfill(
            person_ids=[world.person.pk],
            start=datetime.date(2025, 1, 2),
            end=datetime.date(2025, 1, 1),
        )


def test_a_silent_break_lowers_the_score_through_the_services(world):
    today = timezone.localdate()
    visit(world, world.person, today - datetime.timedelta(days=200))
    before = person_health(person=world.person).score
    promise = promises.promise_create(
        organization=world.organization,
        text="Pelatihan operator",
        by=world.owner,
        people=[world.person],
        made_on=today - datetime.timedelta(days=60),
        due_date=today - datetime.timedelta(days=20),
        at=at(today - datetime.timedelta(days=60)),
    )
    promise = promises.promise_mark_at_risk(
        promise=promise,
        by=world.owner,
        reason="Pelatih tidak ada",
        communication_message="Kabari",
        communication_due=today - datetime.timedelta(days=25),
        communication_owner=world.owner,
        at=at(today - datetime.timedelta(days=30)),
    )
    promises.promise_mark_broken(
        promise=promise,
        by=world.owner,
        reason="Tidak terlaksana",
        at=at(today - datetime.timedelta(days=10)),
    )
    after = person_health(person=world.person)
    assert after.score < before
    driver = next(d for d in after.drivers if d.code == "promises")
    assert driver.params["worst"] == "silent_break"


def test_the_cadence_override_changes_recency_and_is_limited_to_those_close(world):
    # given a contact 50 days ago, outside the default cadence of an influence-5 customer (30)
    visit(world, world.person, timezone.localdate() - datetime.timedelta(days=50))
    lapsed = next(d for d in person_health(person=world.person).drivers if d.code == "recency")
    # when an outsider tries to override it, nothing changes
    with pytest.raises(DomainError):
        person_cadence_set(person=world.person, by=world.outsider, days=90)
    assert not PersonCadence.objects.exists()
    # when the owner sets 90 days
    person_cadence_set(person=world.person, by=world.owner, days=90, reason="Quarterly is enough")
    recency = next(
        d
        for d in person_health(person=Person.objects.get(pk=world.person.pk)).drivers
        if d.code == "recency"
    )
    # then the contact is within cadence
    assert lapsed.points < recency.points
    assert recency.params["cadence_days"] == 90
    assert recency.params["overridden"] is True
    with pytest.raises(DomainError):
        person_cadence_set(person=world.person, by=world.owner, days=0)


def test_deleting_a_person_with_facts_and_dates_leaves_no_orphan_marker(world):
    # given a person with a fact, an important date and a cadence override
    person = people.person_create(by=world.owner, full_name="Andi", organization=world.organization)
    people.fact_create(
        person=person,
        by=world.owner,
        text="Suka kopi",
        category=PersonalFact.Category.INTEREST,
        learned_on=datetime.date(2025, 1, 1),
    )
    person_cadence_set(person=person, by=world.owner, days=60)
    # when the person is deleted
    people.person_delete(person=person, by=world.owner)
    # then no marker points at them (the foreign key would fail at commit)
    assert not HealthDirtyPerson.objects.filter(person_id=person.pk).exists()
    assert not HealthDirtyPerson.objects.exclude(person__in=Person.objects.all()).exists()


def test_stored_health_answers_many_people_at_once_and_only_visible_ones(world):
    from karib.health.selectors import stored_health_for_user

    # given two people computed, one of another rep's organization
    other_organization = people.organization_create(by=world.outsider, name="Bank Arunika")
    stranger = people.person_create(
        by=world.outsider, full_name="Nasabah", organization=other_organization
    )
    health_snapshot_daily()
    # when the owner asks for both
    answer = stored_health_for_user(user=world.owner, person_ids=[world.person.pk, stranger.pk])
    # then only the one they may see is answered, with its stored figures and drivers
    assert set(answer) == {world.person.pk}
    stored = answer[world.person.pk]
    assert stored.score == PersonHealth.objects.get(person=world.person).score
    assert stored.drivers[0].code == "recency"
