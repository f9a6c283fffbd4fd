"""The JSON API: same scoping and services as the pages; clear 4xx."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from karib.core.services import api_token_create
from karib.promises import services
from karib.promises.models import Promise, PromiseStatus
from tests.factories import InteractionFactory, OrganizationFactory

from .factories import make_promise, plan

FUTURE = datetime.date(2099, 1, 1)


def _token_client(user) -> tuple[Client, dict[str, str]]:
    issued = api_token_create(user=user, name="test")
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


@pytest.fixture
def promise(organization, person):
    return make_promise(organization=organization, people=[person], text="Train", due_date=FUTURE)


def test_anonymous_gets_401(db, promise):
    assert Client().get("/api/promises/").status_code == 401
    assert Client().get(f"/api/promises/{promise.pk}").status_code == 401
    response = Client().post(
        f"/api/promises/{promise.pk}/kept", {}, content_type="application/json"
    )
    assert response.status_code == 401
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.OPEN


@pytest.mark.parametrize(("who", "status"), [("owner", 200), ("manager", 200), ("outsider", 404)])
def test_detail_permission_matrix(request, promise, who, status):
    client, headers = _token_client(request.getfixturevalue(who))
    response = client.get(f"/api/promises/{promise.pk}", **headers)
    assert response.status_code == status
    if status == 200:
        assert response.json()["history"][0]["to_status"] == "open"


@pytest.mark.parametrize(("who", "status"), [("owner", 200), ("manager", 200), ("outsider", 404)])
def test_transition_permission_matrix(request, promise, who, status):
    client, headers = _token_client(request.getfixturevalue(who))
    response = client.post(
        f"/api/promises/{promise.pk}/kept",
        {"reason": "done"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == status
    promise.refresh_from_db()
    assert promise.status == (PromiseStatus.KEPT if status == 200 else PromiseStatus.OPEN)


def test_list_is_scoped_paginated_and_filterable(
    db, organization, owner, outsider, django_assert_max_num_queries
):
    # given 30 promises, one overdue, and another team's promise
    for index in range(29):
        make_promise(organization=organization, text=f"P{index}", due_date=FUTURE)
    make_promise(
        organization=organization,
        text="Late",
        made_on=datetime.date(2024, 1, 1),
        due_date=datetime.date(2024, 1, 2),
    )
    make_promise(organization=OrganizationFactory(owner=outsider), text="Other")
    client, headers = _token_client(owner)

    # when the owner lists them
    with django_assert_max_num_queries(8):
        response = client.get("/api/promises/", **headers)

    # then they get the first page of theirs
    data = response.json()
    assert data["count"] == 30
    assert len(data["items"]) == 25
    assert "Other" not in {item["text"] for item in data["items"]}

    # and the overdue filter keeps one
    data = client.get("/api/promises/?overdue=true", **headers).json()
    assert [(i["text"], i["is_overdue"]) for i in data["items"]] == [("Late", True)]


def test_create_and_capture_from_interaction(db, organization, person, owner):
    client, headers = _token_client(owner)
    response = client.post(
        "/api/promises/",
        {
            "organization_id": organization.pk,
            "people_ids": [person.pk],
            "text": "Send SLA",
            "due_date": "2099-01-01",
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    assert response.json()["people"] == [person.pk]

    meeting = InteractionFactory(organization=organization, participants=[person])
    response = client.post(
        "/api/promises/",
        {"interaction_id": meeting.pk, "text": "Visit the site"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    assert response.json()["interaction_id"] == meeting.pk
    assert response.json()["organization_id"] == organization.pk


def test_create_in_a_hidden_organization_is_refused(db, organization, outsider):
    client, headers = _token_client(outsider)
    response = client.post(
        "/api/promises/",
        {"organization_id": organization.pk, "text": "x"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "organization_id"
    assert not Promise.objects.exists()


def test_refused_move_is_409_and_bad_field_is_422(db, promise, owner):
    client, headers = _token_client(owner)
    # an open promise cannot be broken
    response = client.post(
        f"/api/promises/{promise.pk}/broken",
        {"reason": "x"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["message"]

    # at risk with an empty message names the field
    response = client.post(
        f"/api/promises/{promise.pk}/at-risk",
        {
            "reason": "ill",
            "communication_message": " ",
            "communication_due": "2099-01-01",
            "communication_owner": owner.username,
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "communication_message"
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.OPEN


def test_at_risk_renegotiate_and_withdraw_through_the_api(db, organization, person, owner):
    client, headers = _token_client(owner)
    promise = make_promise(organization=organization, due_date=FUTURE)
    response = client.post(
        f"/api/promises/{promise.pk}/at-risk",
        {
            "reason": "ill",
            "communication_message": "Call",
            "communication_due": "2099-01-01",
            "communication_owner": owner.username,
        },
        content_type="application/json",
        **headers,
    )
    assert response.json()["status"] == "at_risk"
    response = client.post(
        f"/api/promises/{promise.pk}/renegotiate",
        {"new_text": "Later", "new_due_date": "2099-03-01", "reason": "Agreed"},
        content_type="application/json",
        **headers,
    )
    assert (response.json()["status"], response.json()["original_due_date"]) == (
        "renegotiated",
        "2099-01-01",
    )
    response = client.post(
        f"/api/promises/{promise.pk}/withdraw",
        {"customer_agreement": "No longer needed", "agreed_by_id": person.pk},
        content_type="application/json",
        **headers,
    )
    assert response.json()["status"] == "withdrawn"


def test_export_is_scoped(db, organization, owner, outsider):
    make_promise(organization=organization, text="Ours")
    silent = make_promise(organization=organization, text="Silent")
    services.promise_mark_at_risk(promise=silent, by=owner, **plan(owner))
    services.promise_mark_broken(promise=silent, by=owner, reason="x")
    client, headers = _token_client(outsider)
    assert client.get("/api/promises/export.csv", **headers).content.decode().count("\n") == 1
    client, headers = _token_client(owner)
    body = client.get("/api/promises/export.csv?silent_break=true", **headers).content.decode()
    assert "Silent" in body
    assert "Ours" not in body


def test_list_filters_on_status_and_rejects_unknown_status(db, organization, owner):
    kept = make_promise(organization=organization, text="Kept one")
    services.promise_mark_kept(promise=kept, by=owner)
    make_promise(organization=organization, text="Open one")
    client, headers = _token_client(owner)
    data = client.get("/api/promises/?status=kept", **headers).json()
    assert [item["text"] for item in data["items"]] == ["Kept one"]
    assert client.get("/api/promises/?status=lost", **headers).status_code == 422
