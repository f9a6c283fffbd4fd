"""Who reads and who changes an interaction, and interaction lists scoped to the reader."""

from __future__ import annotations

from django.utils import timezone

from karib.core.roles import Role
from karib.people import services
from karib.people.models import Interaction
from tests.factories import UserFactory
from tests.support.api import token_client

API = "/api/people"


def _attended(world) -> Interaction:
    hidden = services.person_create(
        by=world.owner, full_name="Tersembunyi", organization=world.organization
    )
    return services.interaction_create(
        by=world.owner,
        kind="meeting",
        occurred_at=timezone.now(),
        summary="rahasia",
        participants=[world.person, hidden],
        users=[world.other],
    )


def test_a_listed_colleague_reads_but_cannot_edit_or_delete_an_interaction(world):
    # given
    interaction = _attended(world)
    client = token_client(world.other)
    # when
    read = client.get(f"{API}/interactions/{interaction.pk}")
    patched = client.patch_json(f"{API}/interactions/{interaction.pk}", {"summary": "x"})
    deleted = client.delete(f"{API}/interactions/{interaction.pk}")
    # then
    assert read.status_code == 200
    assert read.json()["participant_ids"] == []  # the reader sees none of the participants
    assert patched.status_code == 403
    assert deleted.status_code == 403
    interaction.refresh_from_db()
    assert interaction.summary == "rahasia"


def test_creator_and_team_manager_may_edit_an_interaction(world):
    # given
    interaction = _attended(world)
    # when
    by_owner = token_client(world.owner).patch_json(
        f"{API}/interactions/{interaction.pk}",
        {"mood": "positive"},
    )
    by_manager = token_client(world.manager).patch_json(
        f"{API}/interactions/{interaction.pk}",
        {"summary": "diubah"},
    )
    # then
    assert by_owner.status_code == 200
    assert by_manager.status_code == 200
    interaction.refresh_from_db()
    assert interaction.summary == "diubah"
    assert sorted(by_owner.json()["participant_ids"]) == sorted(
        p.pk for p in interaction.participants.all()
    )


def test_outsider_manager_cannot_see_an_interaction(world):
    # given
    interaction = _attended(world)
    # when
    response = token_client(world.outsider_manager).get(f"{API}/interactions/{interaction.pk}")
    # then
    assert response.status_code == 404


def test_interaction_list_is_scoped(world, client_for, django_assert_max_num_queries):
    # given
    mine = _attended(world)
    secret_org = services.organization_create(by=world.other, name="Rahasia Corp")
    theirs_person = services.person_create(
        by=world.other, full_name="Orang Lain", organization=secret_org
    )
    theirs = services.interaction_create(
        by=world.other,
        kind="call",
        occurred_at=timezone.now(),
        summary="bukan urusanmu",
        participants=[theirs_person],
    )
    # when
    with django_assert_max_num_queries(16):
        owner_ids = [
            item["id"]
            for item in token_client(world.owner).get(f"{API}/interactions").json()["items"]
        ]
    outsider_ids = [
        item["id"]
        for item in token_client(world.outsider_manager).get(f"{API}/interactions").json()["items"]
    ]
    # then
    assert mine.pk in owner_ids
    assert theirs.pk not in owner_ids
    assert mine.pk not in outsider_ids


def test_writing_back_the_participants_as_read_keeps_the_ones_the_editor_cannot_see(world):
    # given Sari (another team), envoy of Suryo, logs a meeting with Suryo and her own contact
    admin = UserFactory(username="root1", role=Role.ADMIN)
    services.person_assign_envoy(person=world.person, envoy=world.other, by=admin)
    own = services.organization_create(by=world.other, name="PT Kartu", kind="private")
    hers = services.person_create(by=world.other, full_name="Orang Kartu", organization=own)
    interaction = services.interaction_create(
        by=world.other,
        kind="meeting",
        occurred_at=timezone.now(),
        summary="Rapat bersama",
        participants=[world.person, hers],
    )
    client = token_client(world.owner)
    # when Rudi, who sees only Suryo, writes the list back as he read it
    seen = client.get(f"{API}/interactions/{interaction.pk}").json()["participant_ids"]
    assert seen == [world.person.pk]
    answer = client.patch_json(f"{API}/interactions/{interaction.pk}", {"participant_ids": seen})
    # then both took part still
    assert answer.status_code == 200
    kept = set(Interaction.objects.get(pk=interaction.pk).participants.values_list("pk", flat=True))
    assert kept == {world.person.pk, hers.pk}
