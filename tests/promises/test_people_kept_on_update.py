"""Writing a promise's people back keeps those the editor cannot see (secprobe12, F3).

The owner's promise to Suryo and Wayan; Suryo moved to another team's organization and handed
to that team. The owner reads Wayan only (the id of Suryo is not given, secprobe12 F2) and a
PATCH of `people_ids` with the people they read, or with none, leaves Suryo on the promise, as
writing back an interaction's participants does."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from karib.core.models import AuditEvent
from karib.people import services as people_services
from karib.promises import services as promise_services
from karib.promises.models import Promise
from tests.core.access_world import seed_matrix_world

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def handed_away():
    """The probe's story: the owner's promise to Suryo and Wayan; an admin moves Suryo to
    another team's organization and hands him to that team, out of the owner's sight."""
    world = seed_matrix_world()
    owner, other = world.user("owner"), world.user("other_team")
    both = promise_services.promise_create(
        organization=world.organization,
        people=[world.person, world.colleague],
        text="Kirim draf MoU",
        by=owner,
    )
    elsewhere = people_services.organization_create(by=other, name="PT Kartu Lain")
    people_services.person_update(
        person=world.person, by=world.user("admin"), organization=elsewhere, owner=other
    )
    return world, both


def _people(promise: Promise) -> set[int]:
    return set(promise.people.values_list("pk", flat=True))


def test_writing_the_people_back_keeps_those_the_editor_cannot_see(handed_away):
    world, both = handed_away
    owner = _client(world.user("owner"))
    assert owner.get(reverse("people:person-detail", args=[world.person.pk])).status_code == 404
    read = owner.get(f"/api/promises/{both.pk}").json()
    assert (read["people"], read["people_not_shown"]) == ([world.colleague.pk], 1)
    # when the owner sends back the people they read
    response = owner.patch(
        f"/api/promises/{both.pk}",
        data=json.dumps({"people_ids": read["people"], "version": read["version"]}),
        content_type="application/json",
    )
    # then Suryo stays on the promise
    assert response.status_code == 200, response.content
    assert _people(both) == {world.person.pk, world.colleague.pk}
    assert response.json()["people"] == [world.colleague.pk]
    # and taking off the one they see takes off that one only
    response = owner.patch(
        f"/api/promises/{both.pk}",
        data=json.dumps({"people_ids": [], "version": response.json()["version"]}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert _people(both) == {world.person.pk}
    assert (response.json()["people"], response.json()["people_not_shown"]) == ([], 1)


def test_a_person_out_of_sight_cannot_be_sent_by_id(handed_away):
    world, both = handed_away
    owner = _client(world.user("owner"))
    read = owner.get(f"/api/promises/{both.pk}").json()
    response = owner.patch(
        f"/api/promises/{both.pk}",
        data=json.dumps({"people_ids": [world.person.pk], "version": read["version"]}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "people_ids"
    assert _people(both) == {world.person.pk, world.colleague.pk}


def test_the_service_keeps_them_and_records_them_in_the_audit(handed_away):
    world, both = handed_away
    promise_services.promise_update(promise=both, by=world.user("owner"), people=[])
    assert _people(both) == {world.person.pk}
    event = AuditEvent.objects.filter(summary="promise details changed").latest("pk")
    assert event.changes["people"]["after"] == [world.person.pk]
