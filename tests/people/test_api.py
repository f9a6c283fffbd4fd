from __future__ import annotations

import json

import pytest
from django.test import Client

from karib.core.services import api_token_create
from karib.people import services
from karib.people.models import Person, PersonalFact

API = "/api/people"


def _json(client: Client, method: str, url: str, data: dict | None = None):
    return getattr(client, method)(
        url, data=json.dumps(data or {}), content_type="application/json"
    )


def _token_client(user) -> Client:
    issued = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {issued.secret}")


def test_anonymous_gets_401(world):
    assert Client().get(f"{API}/persons/{world.person.pk}").status_code == 401
    assert Client().get(f"{API}/persons").status_code == 401


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("manager", 200), ("other", 404), ("outsider_manager", 404)],
)
def test_person_detail_permission_matrix(world, who, status):
    client = _token_client(getattr(world, who))
    assert client.get(f"{API}/persons/{world.person.pk}").status_code == status
    assert client.get(f"{API}/organizations/{world.organization.pk}").status_code == status


def test_missing_and_forbidden_look_the_same(world):
    client = _token_client(world.other)
    forbidden = client.get(f"{API}/persons/{world.person.pk}")
    missing = client.get(f"{API}/persons/999999")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()


def test_other_user_cannot_edit_or_delete_and_nothing_changes(world):
    client = _token_client(world.other)
    patch = _json(client, "patch", f"{API}/persons/{world.person.pk}", {"full_name": "X"})
    delete = client.delete(f"{API}/persons/{world.person.pk}")
    fact = _json(
        client,
        "post",
        f"{API}/facts",
        {"person_id": world.person.pk, "category": "interest", "text": "x"},
    )
    assert (patch.status_code, delete.status_code, fact.status_code) == (404, 404, 422)
    world.person.refresh_from_db()
    assert world.person.full_name == "Suryo Wibowo"
    assert not PersonalFact.objects.exists()


def test_lists_are_scoped_filtered_and_paginated(world, django_assert_max_num_queries):
    for number in range(30):
        services.person_create(
            by=world.owner, full_name=f"Kontak {number:02d}", organization=world.organization
        )
    owner = _token_client(world.owner)
    with django_assert_max_num_queries(8):
        page = owner.get(f"{API}/persons", {"page": 2})
    assert page.status_code == 200
    assert page.json()["count"] == 31
    assert len(page.json()["items"]) == 6
    filtered = owner.get(f"{API}/persons", {"influence": 5}).json()
    assert [item["full_name"] for item in filtered["items"]] == ["Suryo Wibowo"]
    assert _token_client(world.other).get(f"{API}/persons").json()["count"] == 0
    other_search = _token_client(world.other).get(f"{API}/persons", {"q": "Suryo"})
    assert other_search.json()["count"] == 0
    assert owner.get(f"{API}/persons", {"q": "Suryo"}).json()["count"] == 1
    manager = _token_client(world.manager).get(f"{API}/persons", {"q": "Suryo"})
    assert manager.json()["count"] == 1


def test_create_update_delete_person_fact_interaction(world):
    client = _token_client(world.owner)
    created = _json(
        client,
        "post",
        f"{API}/persons",
        {"full_name": "Ratna Sari", "organization_id": world.organization.pk, "honorific": "Ibu"},
    )
    assert created.status_code == 201
    person_id = created.json()["id"]
    assert created.json()["is_public_official"] is True

    interaction = _json(
        client,
        "post",
        f"{API}/interactions",
        {
            "kind": "meal",
            "occurred_at": "2024-10-16T07:00:00+08:00",
            "participant_ids": [person_id],
            "user_ids": [world.manager.pk],
            "summary": "Sarapan di Denpasar",
        },
    )
    assert interaction.status_code == 201
    assert interaction.json()["user_ids"] == sorted([world.owner.pk, world.manager.pk])
    fact = _json(
        client,
        "post",
        f"{API}/facts",
        {
            "person_id": person_id,
            "category": "interest",
            "text": "Suka wayang",
            "source_interaction_id": interaction.json()["id"],
        },
    )
    assert fact.status_code == 201
    assert fact.json()["learned_on"] == "2024-10-16"

    updated = _json(
        client,
        "patch",
        f"{API}/persons/{person_id}",
        {"stage": "customer", "reason": "Signed"},
    )
    assert updated.status_code == 200
    assert Person.objects.get(pk=person_id).changes.get().reason == "Signed"
    search = client.get(f"{API}/persons", {"q": "pewayangan"}).json()
    assert [item["id"] for item in search["items"]] == [person_id]

    assert client.delete(f"{API}/facts/{fact.json()['id']}").status_code == 204
    assert client.delete(f"{API}/interactions/{interaction.json()['id']}").status_code == 204
    assert client.delete(f"{API}/persons/{person_id}").status_code == 204
    assert not Person.objects.filter(pk=person_id).exists()


def test_bad_input_names_the_field(world):
    client = _token_client(world.owner)
    bad_choice = _json(
        client,
        "post",
        f"{API}/persons",
        {"full_name": "X", "organization_id": world.organization.pk, "stage": "best friend"},
    )
    assert bad_choice.status_code == 422
    assert bad_choice.json()["detail"][0]["loc"] == ["body", "stage"]
    out_of_range = _json(
        client,
        "post",
        f"{API}/persons",
        {"full_name": "X", "organization_id": world.organization.pk, "influence": 7},
    )
    assert out_of_range.status_code == 422
    assert "influence" in json.dumps(out_of_range.json())
    foreign_org = services.organization_create(by=world.other, name="Other org")
    hidden = _json(
        client, "post", f"{API}/persons", {"full_name": "X", "organization_id": foreign_org.pk}
    )
    assert hidden.status_code == 422
    assert hidden.json()["detail"][0]["loc"] == ["body", "organization_id"]
    assert Person.objects.filter(full_name="X").count() == 0


def test_organizations_crud(world):
    client = _token_client(world.owner)
    created = _json(client, "post", f"{API}/organizations", {"name": "PT Baru", "kind": "private"})
    assert created.status_code == 201
    pk = created.json()["id"]
    assert (
        _json(client, "patch", f"{API}/organizations/{pk}", {"city": "Bandung"}).json()["city"]
        == "Bandung"
    )
    busy = client.delete(f"{API}/organizations/{world.organization.pk}")
    assert busy.status_code == 422
    assert client.delete(f"{API}/organizations/{pk}").status_code == 204


def test_openapi_schema_lists_people_operations(world):
    schema = Client().get("/api/openapi.json").json()
    operations = {
        operation["operationId"] for path in schema["paths"].values() for operation in path.values()
    }
    assert {"person_list", "person_create", "fact_update", "interaction_delete"} <= operations
