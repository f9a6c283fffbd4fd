"""What a former envoy keeps of the interactions they logged: nothing they no longer see
(secprobe11, F3). Its creator and the colleagues who attended see an interaction only while they
see its organization or one of its people, as a promise's maker (secprobe4, F5)."""

from __future__ import annotations

import datetime
import json

import pytest

from karib.people import services
from karib.people.models import Interaction
from tests.core.access_world import seed_matrix_world
from tests.support.api import ApiClient

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2026, 2, 1, 7, tzinfo=datetime.UTC)


def _logged_by_the_envoy_then_cleared():
    world = seed_matrix_world()
    envoy, owner, person = world.user("envoy"), world.user("owner"), world.person
    logged = services.interaction_create(
        by=envoy, kind="meal", occurred_at=AT, summary="Makan siang berdua", participants=[person]
    )
    services.person_assign_envoy(person=person, envoy=None, by=owner)
    logged.refresh_from_db()
    services.interaction_update(
        interaction=logged,
        by=owner,
        summary="Catatan pemilik: minta diskon",
        version=logged.version,
    )
    return world, envoy, logged


def test_a_former_envoy_no_longer_reads_changes_or_deletes_what_they_logged():
    world, envoy, logged = _logged_by_the_envoy_then_cleared()
    # while they were sent, they saw it; now neither the list nor the detail shows it
    assert not Interaction.objects.visible_to(envoy).filter(pk=logged.pk).exists()
    assert not Interaction.objects.editable_by(envoy).filter(pk=logged.pk).exists()
    api = ApiClient(envoy)
    listed = api.get("/api/people/interactions")
    assert "diskon" not in listed.content.decode()
    assert api.get(f"/api/people/interactions/{logged.pk}").status_code == 404
    patched = api.patch(
        f"/api/people/interactions/{logged.pk}",
        data=json.dumps({"summary": "ubah"}),
        content_type="application/json",
    )
    assert patched.status_code == 404
    assert api.delete(f"/api/people/interactions/{logged.pk}").status_code == 404
    logged.refresh_from_db()
    assert logged.summary == "Catatan pemilik: minta diskon"
    # and the owner still reads and changes it
    owner = world.user("owner")
    assert Interaction.objects.editable_by(owner).filter(pk=logged.pk).exists()


def test_an_interaction_left_with_no_organization_and_no_people_stays_its_creators():
    # (its people deleted, their organization unknown)
    world = seed_matrix_world()
    envoy = world.user("envoy")
    note = Interaction.objects.create(kind="meal", occurred_at=AT, summary="x", created_by=envoy)
    assert Interaction.objects.visible_to(envoy).filter(pk=note.pk).exists()
    assert Interaction.objects.editable_by(envoy).filter(pk=note.pk).exists()
