"""Bad input to the people API and pages is a 4xx in the one error shape, never a 500, and
nothing is written."""

from __future__ import annotations

import pytest
from django.urls import reverse

from karib.people import services
from karib.people.models import Organization, Person, PersonalFact
from tests.gifts.factories import GiftFactory
from tests.promises.factories import make_promise
from tests.support.api import error_fields, token_client

API = "/api/people"
HUGE = str(2**64)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/persons", {"page": HUGE}),
        ("/persons", {"page": "-1"}),
        ("/persons", {"page": "0"}),
        ("/persons", {"page_size": HUGE}),
        ("/persons", {"organization": HUGE}),
        ("/persons", {"owner": "-5"}),
        ("/persons", {"influence": "9"}),
        ("/persons", {"stage": "best friend"}),
        ("/organizations", {"owner": HUGE}),
        ("/organizations", {"kind": "bank"}),
        ("/facts", {"person": HUGE}),
        ("/facts", {"category": "gossip"}),
        ("/interactions", {"person": HUGE}),
        ("/interactions", {"kind": "dance"}),
    ],
)
def test_out_of_range_filters_and_pages_are_422_naming_the_input(world, path, params):
    response = token_client(world.owner).get(f"{API}{path}", params)
    assert response.status_code == 422
    assert set(error_fields(response)) == set(params)


@pytest.mark.parametrize("path", ["/persons/", "/organizations/", "/facts/", "/interactions/"])
def test_an_id_beyond_64_bits_is_422_not_a_crash(world, path):
    response = token_client(world.owner).get(f"{API}{path}{HUGE}")
    assert response.status_code == 422
    assert error_fields(response) == {"pk": "invalid"}


def test_a_missing_record_is_404_in_the_one_shape(world):
    response = token_client(world.owner).get(f"{API}/persons/987654")
    assert response.status_code == 404
    assert error_fields(response) == {None: "not_found"}


def test_no_token_is_401_in_the_one_shape(world):
    from django.test import Client

    response = Client().get(f"{API}/persons")
    assert response.status_code == 401
    assert error_fields(response) == {None: "unauthenticated"}


@pytest.mark.parametrize("body", ["12345", "[1, 2]", '"text"', "null", "{"])
def test_a_patch_body_that_is_not_an_object_is_refused(world, body):
    client = token_client(world.owner)
    response = client.patch_json(f"{API}/persons/{world.person.pk}", body)
    assert response.status_code in {400, 422}
    error_fields(response)
    world.person.refresh_from_db()
    assert world.person.version == 1


def test_explicit_null_clears_a_nullable_field(world):
    # given a person with an envoy and an organization with a parent
    services.person_update(person=world.person, by=world.owner, envoy=world.manager)
    parent = services.organization_create(by=world.owner, name="Kementerian")
    services.organization_update(organization=world.organization, by=world.owner, parent=parent)
    client = token_client(world.owner)
    # when null is sent for them
    person = client.patch_json(f"{API}/persons/{world.person.pk}", {"envoy_id": None})
    organization = client.patch_json(
        f"{API}/organizations/{world.organization.pk}", {"parent_id": None}
    )
    # then they are cleared
    assert (person.status_code, organization.status_code) == (200, 200)
    assert person.json()["envoy_id"] is None
    assert organization.json()["parent_id"] is None


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("persons", "full_name"),
        ("persons", "influence"),
        ("persons", "stage"),
        ("organizations", "name"),
        ("organizations", "kind"),
    ],
)
def test_explicit_null_on_a_required_field_is_422_by_field(world, path, field):
    pk = world.person.pk if path == "persons" else world.organization.pk
    response = token_client(world.owner).patch_json(f"{API}/{path}/{pk}", {field: None})
    assert response.status_code == 422
    assert error_fields(response) == {field: "required"}
    world.person.refresh_from_db()
    world.organization.refresh_from_db()
    assert (world.person.version, world.organization.version) == (1, 1)


def test_null_on_a_fact_text_is_422_and_null_birth_year_clears(world):
    fact = services.fact_create(
        person=world.person, by=world.owner, category="family", text="Anak", birth_year=2010
    )
    client = token_client(world.owner)
    refused = client.patch_json(f"{API}/facts/{fact.pk}", {"text": None})
    cleared = client.patch_json(f"{API}/facts/{fact.pk}", {"birth_year": None})
    assert refused.status_code == 422
    assert error_fields(refused) == {"text": "required"}
    assert cleared.status_code == 200
    assert cleared.json()["birth_year"] is None


def test_nul_and_control_characters_are_cut_at_the_boundary(world):
    client = token_client(world.owner)
    created = client.post_json(
        f"{API}/persons",
        {
            "full_name": "Ni\x00ken\x07 Sari",
            "organization_id": world.organization.pk,
            "job_title": "Kepala\tBagian",
        },
    )
    assert created.status_code == 201
    person = Person.objects.get(pk=created.json()["id"])
    assert (person.full_name, person.job_title) == ("Niken Sari", "Kepala\tBagian")
    search = client.get(f"{API}/persons", {"q": "Niken\x00"})
    assert search.status_code == 200
    assert search.json()["count"] == 1


def test_an_extreme_time_zone_offset_is_refused(world):
    response = token_client(world.owner).post_json(
        f"{API}/interactions",
        {
            "kind": "call",
            "occurred_at": "2024-10-16T07:00:00+23:59",
            "participant_ids": [world.person.pk],
            "summary": "Telepon",
        },
    )
    assert response.status_code == 422
    assert "occurred_at" in error_fields(response)


def test_deleting_a_person_who_received_a_gift_is_409_naming_it(world):
    # given a gift to the person
    GiftFactory(recipient=world.person)
    # when the owner deletes the person
    response = token_client(world.owner).delete(f"{API}/persons/{world.person.pk}")
    # then 409 protected, and the person is kept
    assert response.status_code == 409
    assert error_fields(response) == {None: "protected"}
    assert Person.objects.filter(pk=world.person.pk).exists()


def test_deleting_an_organization_with_a_promise_is_409_naming_it(world):
    # given an organization with a promise and no people
    organization = services.organization_create(by=world.owner, name="PT Janji")
    make_promise(organization=organization, by=world.owner)
    # when the owner deletes it
    response = token_client(world.owner).delete(f"{API}/organizations/{organization.pk}")
    # then 409 protected, and it is kept
    assert response.status_code == 409
    assert error_fields(response) == {None: "protected"}
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_the_person_page_refuses_a_delete_of_a_protected_item_without_a_crash(world, client_for):
    fact = services.fact_create(person=world.person, by=world.owner, category="interest", text="x")
    url = reverse("people:person-fact-delete", args=[world.person.pk, fact.pk])
    response = client_for(world.owner).post(url)
    assert response.status_code == 302
    assert not PersonalFact.objects.filter(pk=fact.pk).exists()


@pytest.mark.parametrize(
    ("name", "query"),
    [("Hans Müller", "Müller"), ("Ana García", "García"), ("Trần Nguyễn", "Nguyễn")],
)
def test_names_with_letters_beyond_ascii_are_found(world, client_for, name, query):
    # given a person whose name the Indonesian stemmer does not know
    person = services.person_create(by=world.owner, full_name=name, organization=world.organization)
    client = token_client(world.owner)
    # when searching for it, with and without its letters' case
    found = client.get(f"{API}/persons", {"q": query})
    lower = client.get(f"{API}/persons", {"q": query.lower()})
    # then the person is found, and the page search does not crash either
    assert [item["id"] for item in found.json()["items"]] == [person.pk]
    assert [item["id"] for item in lower.json()["items"]] == [person.pk]
    page = client_for(world.owner).get(reverse("people:index"), {"q": query})
    assert page.status_code == 200
    assert list(page.context["page_obj"]) == [person]
