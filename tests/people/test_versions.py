"""No lost updates: two editors of the same person, organization, fact or interaction.

The second save, made from a page or a read older than the first save, is refused: the page
says who changed it and when, shows both values and keeps what the second editor typed; the
API answers 409. Saving again from the refreshed form keeps the second editor's values."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from karib.people import services
from karib.people.models import Interaction, Organization, Person, PersonalFact
from tests.support.api import error_fields, token_client

API = "/api/people"


def _person_form(world, **changes):
    data = {
        "full_name": "Suryo Wibowo",
        "honorific": "Bapak",
        "job_title": "Direktur",
        "organization": world.organization.pk,
        "influence": 5,
        "attitude": "neutral",
        "stage": "stranger",
        "public_official": "yes",
        "version": 1,
    }
    return {**data, **changes}


def test_a_stale_person_form_shows_who_changed_it_and_keeps_both_changes(world, client_for):
    # given the manager and the owner both opened the edit page (version 1)
    url = reverse("people:person-update", args=[world.person.pk])
    manager, owner = client_for(world.manager), client_for(world.owner)
    assert 'name="version" value="1"' in owner.get(url).text
    # when the manager saves a new job title first
    first = manager.post(url, _person_form(world, job_title="Direktur Utama"))
    assert first.status_code == 302
    # and the owner then saves a new stage from the page they loaded before
    second = owner.post(url, _person_form(world, stage="acquaintance"))
    # then the owner's save is refused, naming the manager, with both values side by side
    assert second.status_code == 422
    conflict = second.context["conflict"]
    assert conflict.changed_by == "Budi " + world.manager.last_name
    shown = {f.label: (f.yours, f.theirs) for f in conflict.fields}
    assert ("Direktur", "Direktur Utama") in shown.values()
    assert ("acquaintance", "stranger") not in shown.values()  # choices shown by their label
    assert "Direktur Utama" in second.text
    # and nothing the manager saved is lost, nothing of the owner's is written yet
    person = Person.objects.get(pk=world.person.pk)
    assert (person.job_title, person.stage, person.version) == ("Direktur Utama", "stranger", 2)
    # and the owner's form keeps their stage and now carries version 2
    form = second.context["form"]
    assert form["stage"].value() == "acquaintance"
    assert form["version"].value() == "2"
    # when the owner saves again with the manager's title kept
    third = owner.post(
        url, _person_form(world, stage="acquaintance", job_title="Direktur Utama", version=2)
    )
    # then both changes are kept
    assert third.status_code == 302
    person.refresh_from_db()
    assert (person.job_title, person.stage, person.version) == (
        "Direktur Utama",
        "acquaintance",
        3,
    )


def test_a_stale_organization_form_is_refused(world, client_for):
    url = reverse("people:organization-update", args=[world.organization.pk])
    data = {"name": "Direktorat Layanan Data", "kind": "government", "version": 1}
    assert client_for(world.manager).post(url, {**data, "city": "Bandung"}).status_code == 302
    stale = client_for(world.owner).post(url, {**data, "city": "Surabaya"})
    assert stale.status_code == 422
    assert [(f.yours, f.theirs) for f in stale.context["conflict"].fields] == [
        ("Surabaya", "Bandung")
    ]
    assert Organization.objects.get(pk=world.organization.pk).city == "Bandung"


def test_a_stale_fact_edit_in_place_is_refused(world, client_for):
    fact = services.fact_create(
        person=world.person, by=world.owner, category="interest", text="suka wayang"
    )
    url = reverse("people:person-fact-update", args=[world.person.pk, fact.pk])
    data = {"category": "interest", "confidence": "sure", "version": 1}
    htmx = {"HTTP_HX_REQUEST": "true"}
    first = client_for(world.manager).post(url, {**data, "text": "suka Bima"}, **htmx)
    assert first.status_code == 200
    stale = client_for(world.owner).post(url, {**data, "text": "suka gamelan"}, **htmx)
    assert stale.status_code == 422
    assert "suka Bima" in stale.text
    assert "suka gamelan" in stale.text
    assert PersonalFact.objects.get(pk=fact.pk).text == "suka Bima"


def test_a_stale_interaction_edit_in_place_is_refused(world, client_for):
    interaction = services.interaction_create(
        by=world.owner,
        kind="meal",
        occurred_at=datetime.datetime(2026, 1, 10, 7, 0, tzinfo=datetime.UTC),
        summary="Sarapan",
        participants=[world.person],
    )
    url = reverse("people:person-interaction-update", args=[world.person.pk, interaction.pk])
    data = {"kind": "meal", "occurred_at": "2026-01-10T14:00", "mood": "neutral", "version": 1}
    assert (
        client_for(world.manager).post(url, {**data, "summary": "Sarapan pagi"}).status_code == 302
    )
    stale = client_for(world.owner).post(url, {**data, "summary": "Makan siang"})
    assert stale.status_code == 422
    assert Interaction.objects.get(pk=interaction.pk).summary == "Sarapan pagi"


@pytest.mark.parametrize("how", ["if-match", "version"])
def test_api_patch_from_a_stale_read_is_409_and_changes_nothing(world, how):
    client = token_client(world.owner)
    url = f"{API}/persons/{world.person.pk}"
    read = client.get(url)
    assert read["ETag"] == '"1"'
    assert read.json()["version"] == 1
    # someone else saves in between
    services.person_update(person=world.person, by=world.manager, job_title="Direktur Utama")
    if how == "if-match":
        stale = client.patch_json(url, {"job_title": "Kepala"}, headers={"If-Match": read["ETag"]})
    else:
        stale = client.patch_json(url, {"job_title": "Kepala", "version": 1})
    assert stale.status_code == 409
    assert error_fields(stale) == {"version": "conflict"}
    assert Person.objects.get(pk=world.person.pk).job_title == "Direktur Utama"
    # with the current version the change goes through and the ETag moves on
    fresh = client.get(url)
    saved = client.patch_json(url, {"job_title": "Kepala"}, headers={"If-Match": fresh["ETag"]})
    assert saved.status_code == 200
    assert saved["ETag"] == '"3"'


@pytest.mark.parametrize("path", ["organizations", "facts", "interactions"])
def test_api_patch_of_other_records_checks_the_version(world, path):
    fact = services.fact_create(person=world.person, by=world.owner, category="interest", text="x")
    interaction = services.interaction_create(
        by=world.owner,
        kind="call",
        occurred_at=datetime.datetime(2026, 1, 10, 7, 0, tzinfo=datetime.UTC),
        summary="Telepon",
        participants=[world.person],
    )
    pk = {"organizations": world.organization.pk, "facts": fact.pk}.get(path, interaction.pk)
    body = {"organizations": {"city": "Medan"}, "facts": {"text": "y"}}.get(path, {"summary": "z"})
    client = token_client(world.owner)
    assert client.patch_json(f"{API}/{path}/{pk}", {**body, "version": 1}).status_code == 200
    stale = client.patch_json(f"{API}/{path}/{pk}", {**body, "version": 1})
    assert stale.status_code == 409
    assert error_fields(stale) == {"version": "conflict"}


def test_a_malformed_if_match_is_422(world):
    response = token_client(world.owner).patch_json(
        f"{API}/persons/{world.person.pk}", {"job_title": "x"}, headers={"If-Match": "abc"}
    )
    assert response.status_code == 422
    assert error_fields(response) == {"If-Match": "invalid"}
