"""The gifts API: same scoping as the pages, proposals with the policy, Compliance decisions."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone

from karib.core.models import Team
from karib.core.roles import Role
from karib.core.services import api_token_create
from karib.gifts import adapters, services
from karib.gifts.models import Gift
from tests.factories import PersonFactory, UserFactory

from .factories import GiftFactory

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    token = api_token_create(user=user, name="test").secret
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def gift(giver, official):
    return services.gift_propose(
        by=giver,
        recipient=official,
        kind="goods",
        description="Buku wayang",
        estimated_value=300_000,
        business_purpose="Relationship",
        proposed_on=datetime.date(2026, 6, 1),
    )


def test_anonymous_gets_401(gift):
    assert Client().get("/api/gifts/").status_code == 401
    assert Client().post("/api/gifts/", {}, content_type="application/json").status_code == 401


def test_list_is_scoped_and_paginated(gift, giver, django_assert_max_num_queries):
    for _ in range(5):
        GiftFactory(recipient=gift.recipient, giver=giver)
    GiftFactory(description="Hidden")
    client = api(giver)
    with django_assert_max_num_queries(8):
        response = client.get("/api/gifts/")
    body = response.json()
    assert body["count"] == 6
    assert "Hidden" not in {item["description"] for item in body["items"]}
    assert api(UserFactory(role=Role.SALES)).get("/api/gifts/").json()["count"] == 0


def test_detail_and_decisions_permission_matrix(gift, giver, compliance):
    team = Team.objects.create(name="Government")
    giver.profile.team = team
    giver.profile.save()
    manager = UserFactory(role=Role.MANAGER, team=team)
    assert api(manager).get(f"/api/gifts/{gift.pk}").status_code == 200
    assert api(giver).get(f"/api/gifts/{gift.pk}").status_code == 200
    assert api(compliance).get(f"/api/gifts/{gift.pk}").status_code == 200
    assert api(UserFactory(role=Role.SALES)).get(f"/api/gifts/{gift.pk}").status_code == 404
    decisions = api(giver).get(f"/api/gifts/{gift.pk}/decisions").json()
    assert [d["rule_code"] for d in decisions] == ["official_approval", "kpk_report"]
    assert decisions[0]["reason"]


def test_propose_cash_equivalent_comes_back_rejected(giver, official):
    response = api(giver).post(
        "/api/gifts/",
        {
            "recipient_id": official.pk,
            "kind": "goods",
            "description": "Saldo e-money",
            "estimated_value": 200000,
            "business_purpose": "x",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "rejected"
    assert response.json()["is_cash_equivalent"] is True


def test_propose_validation_names_the_field(giver, official):
    client = api(giver)
    response = client.post(
        "/api/gifts/",
        {
            "recipient_id": official.pk,
            "kind": "goods",
            "description": "Book",
            "estimated_value": 0,
            "business_purpose": "x",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "estimated_value" in response.content.decode()
    response = client.post(
        "/api/gifts/",
        {
            "recipient_id": PersonFactory().pk,
            "kind": "goods",
            "description": "Book",
            "estimated_value": 10,
            "business_purpose": "x",
        },
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Gift.objects.filter(description="Book").exists()


def test_only_compliance_approves_and_given_needs_approval(gift, giver, compliance):
    assert (
        api(giver)
        .post(f"/api/gifts/{gift.pk}/given", {}, content_type="application/json")
        .status_code
        == 409
    )
    assert (
        api(giver)
        .post(f"/api/gifts/{gift.pk}/approve", {}, content_type="application/json")
        .status_code
        == 403
    )
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED
    response = api(compliance).post(
        f"/api/gifts/{gift.pk}/approve", {"note": "ok"}, content_type="application/json"
    )
    assert response.json()["status"] == "approved"
    # approved today: it cannot have been given in June, and the error names the field
    response = api(giver).post(
        f"/api/gifts/{gift.pk}/given", {"given_on": "2026-06-01"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "given_on"
    today = timezone.localdate()
    response = api(giver).post(
        f"/api/gifts/{gift.pk}/given",
        {"given_on": today.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200
    expected = adapters.report_deadline(today, 30)
    assert response.json()["report_deadline"] == expected.isoformat()


def test_exports_are_scoped(gift, giver):
    GiftFactory(description="Hidden")
    content = api(giver).get("/api/gifts/export.csv").content.decode()
    assert "Buku wayang" in content
    assert "Hidden" not in content
    workbook = openpyxl.load_workbook(io.BytesIO(api(giver).get("/api/gifts/export.xlsx").content))
    descriptions = [row[13] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
    assert descriptions == ["Buku wayang"]
