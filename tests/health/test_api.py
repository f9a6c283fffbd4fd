"""`GET /api/people/persons/{pk}/health` and `/api/people/organizations/{pk}/health`:
scoped like the people API (404 for missing and invisible), errors in the one shape."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from karib.health.services import health_backfill

from .conftest import visit

pytestmark = pytest.mark.django_db


def _get(user, path):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(path)


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("outsider", 404), ("owner", 200), ("manager", 200), ("admin", 200)],
)
def test_person_health_permission_matrix(world, who, status):
    user = None if who == "anonymous" else getattr(world, who)
    response = _get(user, f"/api/people/persons/{world.person.pk}/health")
    assert response.status_code == status
    if status == 404:
        assert response.json()["errors"][0]["code"] == "not_found"


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("outsider", 404), ("owner", 200), ("manager", 200), ("admin", 200)],
)
def test_organization_health_permission_matrix(world, who, status):
    user = None if who == "anonymous" else getattr(world, who)
    response = _get(user, f"/api/people/organizations/{world.organization.pk}/health")
    assert response.status_code == status


def test_missing_is_the_same_404_as_invisible(world):
    response = _get(world.owner, "/api/people/persons/999999/health")
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"
    assert _get(world.owner, "/api/people/organizations/999999/health").status_code == 404


def test_person_health_has_score_band_drivers_and_history(world):
    # given a site visit 10 days ago and a backfilled history
    today = timezone.localdate()
    visit(world, world.person, today - datetime.timedelta(days=10))
    health_backfill(person_ids=[world.person.pk], start=today - datetime.timedelta(days=30))
    # when the owner asks (in English)
    client = Client()
    client.force_login(world.owner)
    client.post("/language/", {"language": "en"})
    data = client.get(f"/api/people/persons/{world.person.pk}/health").json()
    # then it answers the contract
    assert 0 <= data["score"] <= 100
    assert data["band"] in {"healthy", "attention", "at_risk"}
    codes = [d["code"] for d in data["drivers"]]
    assert codes == [
        "recency",
        "frequency",
        "depth",
        "reciprocity",
        "promises",
        "attitude",
        "refusal",
        "knowledge",
        "gestures",
        "tone",
    ]
    depth = next(d for d in data["drivers"] if d["code"] == "depth")
    assert depth["points"] > 0
    assert depth["params"] == {"kind": "site_visit"}
    assert depth["on"] == (today - datetime.timedelta(days=10)).isoformat()
    assert depth["text"].startswith("site visit")
    assert data["history"][0]["on"] == (today - datetime.timedelta(days=30)).isoformat()
    assert data["history"][-1] == {
        "on": today.isoformat(),
        "score": data["score"],
        "band": data["band"],
    }
    assert len(data["history"]) >= 2


def test_health_as_of_another_day_and_a_bad_range(world):
    visit(world, world.person, datetime.date(2024, 10, 15))
    client = Client()
    client.force_login(world.owner)
    before = client.get(f"/api/people/persons/{world.person.pk}/health?on=2024-10-14").json()
    after = client.get(f"/api/people/persons/{world.person.pk}/health?on=2024-10-16").json()
    assert after["score"] > before["score"]
    bad = client.get(f"/api/people/persons/{world.person.pk}/health?on=2024-10-14&since=2024-11-01")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "since"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("on=9999-12-31&since=2000-01-01", "on"),  # a day to come: no history walks to it
        ("on=2024-10-14&since=1900-01-01", "since"),  # more than ten years of history
        ("since=0001-01-01", "since"),
    ],
)
def test_far_off_days_are_refused_for_people_and_organizations(world, query, field):
    client = Client()
    client.force_login(world.owner)
    for path in (
        f"/api/people/persons/{world.person.pk}/health",
        f"/api/people/organizations/{world.organization.pk}/health",
    ):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 422, path
        assert response.json()["errors"][0]["field"] == field


def test_openapi_lists_both_routers_on_people_and_people_endpoints_still_work(world):
    client = Client()
    client.force_login(world.owner)
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/people/persons/{pk}/health" in paths
    assert "/api/people/organizations/{pk}/health" in paths
    assert "/api/people/persons/{pk}" in paths
    assert client.get(f"/api/people/persons/{world.person.pk}").status_code == 200
    assert client.get("/api/people/organizations").status_code == 200
