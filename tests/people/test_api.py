from __future__ import annotations

import json

import pytest
from django.test import Client

from karib.people import services
from karib.people.models import Person, PersonalFact
from tests.support.api import error_fields, token_client

API = "/api/people"


def test_anonymous_gets_401(world):
    assert Client().get(f"{API}/persons/{world.person.pk}").status_code == 401
    assert Client().get(f"{API}/persons").status_code == 401


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("manager", 200), ("other", 404), ("outsider_manager", 404)],
)
def test_person_detail_permission_matrix(world, who, status):
    client = token_client(getattr(world, who))
    assert client.get(f"{API}/persons/{world.person.pk}").status_code == status
    assert client.get(f"{API}/organizations/{world.organization.pk}").status_code == status


def test_missing_and_forbidden_look_the_same(world):
    client = token_client(world.other)
    forbidden = client.get(f"{API}/persons/{world.person.pk}")
    missing = client.get(f"{API}/persons/999999")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()


def test_other_user_cannot_edit_or_delete_and_nothing_changes(world):
    client = token_client(world.other)
    patch = client.patch_json(f"{API}/persons/{world.person.pk}", {"full_name": "X"})
    delete = client.delete(f"{API}/persons/{world.person.pk}")
    fact = client.post_json(
        f"{API}/facts",
        {"person_id": world.person.pk, "category": "interest", "text": "x"},
    )
    assert (patch.status_code, delete.status_code, fact.status_code) == (404, 404, 422)
    assert error_fields(fact) == {"person_id": "invalid"}
    world.person.refresh_from_db()
    assert world.person.full_name == "Suryo Wibowo"
    assert not PersonalFact.objects.exists()


def test_lists_are_scoped_filtered_and_paginated(world, django_assert_max_num_queries):
    for number in range(30):
        services.person_create(
            by=world.owner, full_name=f"Kontak {number:02d}", organization=world.organization
        )
    owner = token_client(world.owner)
    with django_assert_max_num_queries(8):
        page = owner.get(f"{API}/persons", {"page": 2})
    assert page.status_code == 200
    assert page.json()["count"] == 31
    assert len(page.json()["items"]) == 6
    filtered = owner.get(f"{API}/persons", {"influence": 5}).json()
    assert [item["full_name"] for item in filtered["items"]] == ["Suryo Wibowo"]
    assert token_client(world.other).get(f"{API}/persons").json()["count"] == 0
    other_search = token_client(world.other).get(f"{API}/persons", {"q": "Suryo"})
    assert other_search.json()["count"] == 0
    assert owner.get(f"{API}/persons", {"q": "Suryo"}).json()["count"] == 1
    manager = token_client(world.manager).get(f"{API}/persons", {"q": "Suryo"})
    assert manager.json()["count"] == 1


def test_create_update_delete_person_fact_interaction(world):
    client = token_client(world.owner)
    created = client.post_json(
        f"{API}/persons",
        {"full_name": "Ratna Sari", "organization_id": world.organization.pk, "honorific": "Ibu"},
    )
    assert created.status_code == 201
    person_id = created.json()["id"]
    assert created.json()["is_public_official"] is True

    interaction = client.post_json(
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
    fact = client.post_json(
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

    updated = client.patch_json(
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
    client = token_client(world.owner)
    bad_choice = client.post_json(
        f"{API}/persons",
        {"full_name": "X", "organization_id": world.organization.pk, "stage": "best friend"},
    )
    assert bad_choice.status_code == 422
    assert error_fields(bad_choice) == {"stage": "invalid"}
    out_of_range = client.post_json(
        f"{API}/persons",
        {"full_name": "X", "organization_id": world.organization.pk, "influence": 7},
    )
    assert out_of_range.status_code == 422
    assert "influence" in json.dumps(out_of_range.json())
    foreign_org = services.organization_create(by=world.other, name="Other org")
    hidden = client.post_json(
        f"{API}/persons", {"full_name": "X", "organization_id": foreign_org.pk}
    )
    assert hidden.status_code == 422
    assert error_fields(hidden) == {"organization_id": "invalid"}
    assert Person.objects.filter(full_name="X").count() == 0


def test_organizations_crud(world):
    client = token_client(world.owner)
    created = client.post_json(f"{API}/organizations", {"name": "PT Baru", "kind": "private"})
    assert created.status_code == 201
    pk = created.json()["id"]
    assert (
        client.patch_json(f"{API}/organizations/{pk}", {"city": "Bandung"}).json()["city"]
        == "Bandung"
    )
    busy = client.delete(f"{API}/organizations/{world.organization.pk}")
    # an organization with people is protected: 409 naming what depends on it
    assert busy.status_code == 409
    assert error_fields(busy) == {None: "protected"}
    assert "1 " in busy.json()["errors"][0]["message"]  # "1 people" (kontak) depend on it
    assert client.delete(f"{API}/organizations/{pk}").status_code == 204


def test_openapi_schema_lists_people_operations(world, client_for):
    schema = client_for(world.owner).get("/api/openapi.json").json()
    operations = {
        operation["operationId"] for path in schema["paths"].values() for operation in path.values()
    }
    assert {"person_list", "person_create", "fact_update", "interaction_delete"} <= operations


def test_every_people_error_response_is_documented_with_the_one_shape(world, client_for):
    schema = client_for(world.owner).get("/api/openapi.json").json()
    people = {
        (path, method): operation
        for path, item in schema["paths"].items()
        if path.startswith("/api/people/")
        for method, operation in item.items()
    }
    assert people
    for (path, method), operation in people.items():
        errors = {code: body for code, body in operation["responses"].items() if code >= "400"}
        assert "422" in errors, (method, path)
        for body in errors.values():
            reference = body["content"]["application/json"]["schema"]["$ref"]
            assert reference.endswith("/ErrorsOut"), (method, path)
