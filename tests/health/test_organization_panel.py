"""The organization's health panel: what it shows is the same whether its people's stored
health is current (read in one query) or must be computed live, and only someone who sees the
organization gets it."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from karib.health.models import HealthDirtyPerson
from karib.health.selectors import organization_health_for_user
from karib.health.services import health_backfill, health_recompute_dirty
from karib.people import services as people
from karib.people.models import Organization, Person, PersonalFact
from karib.promises import services as promises
from tests.promises.factories import make_promise

from .conftest import JAKARTA, visit

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    return datetime.datetime.now(JAKARTA).date()


def _organization_with_history(world) -> None:
    """Three people of every kind the score reads (visits, a fact, a blocker who refuses the
    owner, a key person never met), a promise kept late and one overdue, and 60 days of stored
    history; then the incremental run, so every stored figure is current."""
    today = _today()
    blocker = people.person_create(
        by=world.owner,
        full_name="Agus Salim",
        organization=world.organization,
        influence=4,
        attitude=Person.Attitude.BLOCKER,
    )
    people.person_update(
        person=blocker,
        by=world.owner,
        refuses_to_meet_owner=True,
        refusal_reason="Prefers the manager",
        refusal_since=today - datetime.timedelta(days=20),
    )
    people.person_create(
        by=world.owner, full_name="Rina Lestari", organization=world.organization, influence=5
    )
    visit(world, world.person, today - datetime.timedelta(days=40))
    visit(world, world.person, today - datetime.timedelta(days=3))
    visit(world, blocker, today - datetime.timedelta(days=10), by=world.colleague)
    people.fact_create(
        person=world.person,
        by=world.owner,
        text="Suka wayang",
        category=PersonalFact.Category.INTEREST,
        learned_on=today - datetime.timedelta(days=30),
    )
    kept = make_promise(
        organization=world.organization,
        by=world.owner,
        people=[world.person],
        made_on=today - datetime.timedelta(days=50),
        due_date=today - datetime.timedelta(days=20),
    )
    promises.promise_mark_kept(promise=kept, by=world.owner)
    make_promise(
        organization=world.organization,
        by=world.owner,
        made_on=today - datetime.timedelta(days=45),
        due_date=today - datetime.timedelta(days=15),
    )
    ids = list(world.organization.people.values_list("pk", flat=True))
    health_backfill(person_ids=ids, start=today - datetime.timedelta(days=60))
    health_recompute_dirty()


def _panel(client, organization: Organization) -> tuple[str, int]:
    url = reverse("people:organization-detail", args=[organization.pk]) + "?panel=health"
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


def _mark_everyone_changed(organization: Organization) -> None:
    HealthDirtyPerson.objects.bulk_create(
        [HealthDirtyPerson(person=person) for person in organization.people.all()],
        ignore_conflicts=True,
    )


@pytest.mark.parametrize("reader", ["owner", "manager"])
def test_the_panel_shows_the_same_from_stored_health_as_computed_live(world, client_for, reader):
    # given an organization with history, every stored figure current
    _organization_with_history(world)
    client = client_for(getattr(world, reader))
    _panel(client, world.organization)  # per-process caches (content types)
    # when the panel is read from the stored figures, then with everyone changed since
    stored, stored_queries = _panel(client, world.organization)
    _mark_everyone_changed(world.organization)
    live, live_queries = _panel(client, world.organization)
    # then it shows the same (score, drivers, chart and table), from fewer queries
    assert 'id="health-panel"' in stored
    assert 'class="line"' in stored  # the trend is drawn (history of several weeks)
    assert stored == live
    assert stored_queries < live_queries


def test_the_selector_gives_the_same_health_from_stored_and_live_figures(world):
    # given
    _organization_with_history(world)
    stored = organization_health_for_user(user=world.owner, organization=world.organization)
    # when everyone changed since the last run (their figures are read live)
    _mark_everyone_changed(world.organization)
    live = organization_health_for_user(user=world.owner, organization=world.organization)
    # then
    assert stored == live
    assert [driver.code for driver in stored.drivers] == [
        "stakeholders",
        "coverage",
        "blockers",
        "reliability",
        "single_threaded",
    ]
    assert dict(stored.drivers[0].params)["people"] == 3


def test_a_person_the_viewer_sees_does_not_open_an_organization_they_do_not_see(world):
    # given a colleague's person (the manager sees them) in an outsider's organization (the
    # manager does not see it)
    elsewhere = Organization.objects.create(
        name="Dinas Lain", owner=world.outsider, kind=Organization.Kind.GOVERNMENT
    )
    Person.objects.create(full_name="Dedi", organization=elsewhere, owner=world.colleague)
    assert Person.objects.visible_to(world.manager).filter(organization=elsewhere).exists()
    # when / then
    with pytest.raises(Http404):
        organization_health_for_user(user=world.manager, organization=elsewhere)


def test_an_organization_without_people_has_a_health_for_those_who_see_it_only(world):
    # given
    empty = people.organization_create(
        by=world.owner, name="Biro Kosong", kind=Organization.Kind.GOVERNMENT
    )
    # when
    health = organization_health_for_user(user=world.owner, organization=empty)
    # then
    assert dict(health.drivers[0].params) == {"people": 0, "average": None}
    with pytest.raises(Http404):
        organization_health_for_user(user=world.outsider, organization=empty)
