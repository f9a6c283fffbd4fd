"""What an envoy keeps of an interaction they logged or attended once the owner recalls them
(secprobe11 F3): nothing they would not have as anyone else. Being its creator or a listed
attendee counts for someone who came to it as an envoy (an envoy assignment names them for one
of its people) only while they are owner or envoy of one of its people or see its organization.
The owner, a listed colleague who was never sent (read only), a creator who still sees it, the
owner's manager and an admin keep what the rules give them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from karib.people import services
from karib.people.models import Interaction, Organization
from tests.support.api import token_client
from tests.support.seeds import seed_people_world

pytestmark = pytest.mark.django_db

API = "/api/people/interactions"
AT = datetime.datetime(2026, 2, 1, 7, tzinfo=datetime.UTC)
LOGGED = "Makan siang berdua"
OWNER_NOTE = "Catatan pemilik: minta diskon"
HTMX = {"HTTP_HX_REQUEST": "true"}
FORM = {"kind": "call", "occurred_at": "2026-02-02T09:00", "summary": "ubah", "mood": "neutral"}


@pytest.fixture
def world():
    return seed_people_world()


def _recall(world, person=None):
    """The owner clears the envoy of `person` (Suryo unless named)."""
    person = person or world.person
    person.refresh_from_db()
    services.person_assign_envoy(person=person, envoy=None, by=world.user("owner"))


def _owner_adds_a_note(world, interaction):
    interaction.refresh_from_db()
    services.interaction_update(
        interaction=interaction, by=world.user("owner"), summary=OWNER_NOTE, version=1
    )
    interaction.refresh_from_db()


def _logged_by_the_envoy_then_recalled(world):
    """Dewi, sent to Suryo, logs a lunch with him (her teammate `other_team` listed as
    attending); the owner recalls her, then writes his own note on it."""
    logged = services.interaction_create(
        by=world.user("envoy"),
        kind="meal",
        occurred_at=AT,
        summary=LOGGED,
        participants=[world.person],
        users=[world.user("other_team")],
    )
    _recall(world)
    _owner_adds_a_note(world, logged)
    return logged


def _ids(client):
    return [item["id"] for item in client.get(API).json()["items"]]


def _page(name, world, interaction):
    return reverse(f"people:person-interaction-{name}", args=[world.person.pk, interaction.pk])


def test_a_recalled_envoy_no_longer_lists_reads_changes_or_deletes_what_they_logged(world):
    # given
    logged = _logged_by_the_envoy_then_recalled(world)
    envoy = world.user("envoy")
    client = token_client(envoy)
    # when
    listed = _ids(client)
    read = client.get(f"{API}/{logged.pk}")
    patched = client.patch_json(f"{API}/{logged.pk}", {"summary": "ubah", "version": 2})
    deleted = client.delete(f"{API}/{logged.pk}")
    # then the interaction is not theirs any more: the same 404 as for a missing one
    assert logged.pk not in listed
    assert (read.status_code, patched.status_code, deleted.status_code) == (404, 404, 404)
    assert OWNER_NOTE not in read.text
    assert not Interaction.objects.visible_to(envoy).filter(pk=logged.pk).exists()
    assert not Interaction.objects.filter(pk=logged.pk).editable_by(envoy).exists()
    assert Interaction.objects.get(pk=logged.pk).summary == OWNER_NOTE


def test_a_recalled_envoy_reaches_it_through_no_page_either(world, client_for):
    # given
    logged = _logged_by_the_envoy_then_recalled(world)
    client = client_for(world.user("envoy"))
    # when
    answers = [
        client.get(reverse("people:person-detail", args=[world.person.pk])),
        client.get(_page("update", world, logged), **HTMX),
        client.post(_page("update", world, logged), {**FORM, "version": 2}, **HTMX),
        client.post(_page("update", world, logged), {**FORM, "version": 2}),
        client.get(_page("delete", world, logged)),
        client.post(_page("delete", world, logged), **HTMX),
        client.post(_page("delete", world, logged)),
        client.get(f"{API}/{logged.pk}"),  # the API with the session too
    ]
    # then
    assert [answer.status_code for answer in answers] == [404] * len(answers)
    assert Interaction.objects.get(pk=logged.pk).summary == OWNER_NOTE


def test_an_envoy_listed_as_attending_is_recalled_from_it_too(world):
    # given the owner logs a meeting Dewi attended while she was sent
    meeting = services.interaction_create(
        by=world.user("owner"),
        kind="meeting",
        occurred_at=AT,
        summary="Rapat bertiga",
        participants=[world.person],
        users=[world.user("envoy"), world.user("other_team")],
    )
    assert token_client(world.user("envoy")).get(f"{API}/{meeting.pk}").status_code == 200
    # when the owner recalls her
    _recall(world)
    # then she reads it no more; the colleague who was never sent still does
    assert token_client(world.user("envoy")).get(f"{API}/{meeting.pk}").status_code == 404
    assert token_client(world.user("other_team")).get(f"{API}/{meeting.pk}").status_code == 200


def test_the_owner_manager_admin_and_the_listed_colleague_keep_what_they_had(world, client_for):
    # given
    logged = _logged_by_the_envoy_then_recalled(world)
    colleague = token_client(world.user("other_team"))
    # then the colleague listed as attending (never sent) reads it, lists it, changes nothing
    assert logged.pk in _ids(colleague)
    read = colleague.get(f"{API}/{logged.pk}")
    assert read.status_code == 200
    assert read.json()["participant_ids"] == []  # they see none of its people
    assert colleague.patch_json(f"{API}/{logged.pk}", {"summary": "x"}).status_code == 403
    assert colleague.delete(f"{API}/{logged.pk}").status_code == 403
    # the owner, his team's manager and an admin read and change it
    for version, relation in enumerate(("owner", "manager", "admin"), start=2):
        client = token_client(world.user(relation))
        assert logged.pk in _ids(client), relation
        answer = client.patch_json(f"{API}/{logged.pk}", {"mood": "positive", "version": version})
        assert answer.status_code == 200, relation
    # the manager's person page (the editable rule for each row of the timeline) offers it
    page = client_for(world.user("manager")).get(
        reverse("people:person-detail", args=[world.person.pk])
    )
    assert page.status_code == 200
    assert _page("update", world, logged) in page.text
    # and the manager of Dewi's team, who sees none of it, still does not read it
    other_manager = token_client(world.user("other_manager"))
    assert other_manager.get(f"{API}/{logged.pk}").status_code == 404
    # the owner deletes it
    deleted = token_client(world.user("owner")).delete(f"{API}/{logged.pk}")
    assert deleted.status_code == 204


def test_a_recalled_envoy_who_still_sees_the_person_keeps_what_they_logged(world, client_for):
    # given Ketut (`through_one`, envoy for Wayan, so he sees the organization) is also sent
    # to Suryo, logs a call with him, and is recalled from Suryo only
    ketut = world.user("through_one")
    services.person_assign_envoy(person=world.person, envoy=ketut, by=world.user("admin"))
    call = services.interaction_create(
        by=ketut, kind="call", occurred_at=AT, summary="Telepon", participants=[world.person]
    )
    _recall(world)
    # then he still reads, changes and deletes it as its creator
    client = token_client(ketut)
    assert call.pk in _ids(client)
    assert client.patch_json(f"{API}/{call.pk}", {"mood": "positive"}).status_code == 200
    edit = client_for(ketut).get(_page("update", world, call), **HTMX)
    assert edit.status_code == 200
    assert client.delete(f"{API}/{call.pk}").status_code == 204


def test_an_envoy_recalled_from_one_of_its_people_but_sent_to_another_keeps_it(world):
    # given Dewi is also sent to Ayu, of an organization the owner keeps for himself
    owner, envoy = world.user("owner"), world.user("envoy")
    elsewhere = services.organization_create(by=owner, name="PT Lain", kind="private")
    ayu = services.person_create(by=owner, full_name="Ayu", organization=elsewhere)
    services.person_assign_envoy(person=ayu, envoy=envoy, by=world.user("admin"))
    # she logs a meeting with Suryo and Ayu, at Suryo's organization, and is recalled from Suryo
    meeting = services.interaction_create(
        by=envoy,
        kind="meeting",
        occurred_at=AT,
        summary="Rapat",
        participants=[world.person, ayu],
        organization=world.organization,
    )
    _recall(world)
    assert not Organization.objects.visible_to(envoy).filter(pk=world.organization.pk).exists()
    # then she still sees it (through Ayu) and changes it as its creator
    assert Interaction.objects.visible_to(envoy).filter(pk=meeting.pk).exists()
    assert Interaction.objects.filter(pk=meeting.pk).editable_by(envoy).exists()
    # until she is recalled from Ayu as well
    _recall(world, ayu)
    assert not Interaction.objects.visible_to(envoy).filter(pk=meeting.pk).exists()
    assert not Interaction.objects.filter(pk=meeting.pk).editable_by(envoy).exists()


def test_a_creator_never_sent_and_one_with_no_people_keep_theirs(world):
    # given a note with no people (e.g. they were deleted), by a recalled envoy
    envoy = world.user("envoy")
    _recall(world)
    note = Interaction.objects.create(kind="meal", occurred_at=AT, summary="x", created_by=envoy)
    note.users.add(envoy)
    # then it stays hers
    assert Interaction.objects.visible_to(envoy).filter(pk=note.pk).exists()
    assert Interaction.objects.filter(pk=note.pk).editable_by(envoy).exists()
    # and the seeded breakfast, logged by the owner, stays his (no envoy assignment names him)
    owner = world.user("owner")
    assert Interaction.objects.filter(pk=world.interaction.pk).editable_by(owner).exists()
