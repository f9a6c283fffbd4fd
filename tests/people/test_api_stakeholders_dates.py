"""The stakeholder map and upcoming important dates in the API (issue #10, API parity): the
same people as the pages, never one the caller may not see."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from karib.core.roles import Role
from karib.people import services
from karib.people.models import ImportantDate, Person
from tests.factories import UserFactory
from tests.support.api import error_fields, token_client

API = "/api/people"


def _date_in(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _birthday(person: Person, by, days: int, label: str = "") -> ImportantDate:
    day = _date_in(days)
    return services.important_date_create(
        person=person, by=by, kind="birthday", month=day.month, day=day.day, label=label
    )


# --- the stakeholder map ------------------------------------------------------------------------


def test_stakeholder_map_lists_each_person_with_influence_attitude_owner_envoy_refusal(world):
    # given a blocker who refuses to meet the owner, with an envoy, beside the director
    blocker = services.person_create(
        by=world.owner,
        full_name="Ketut Arsana",
        organization=world.organization,
        influence=4,
        attitude=Person.Attitude.BLOCKER,
        refuses_to_meet_owner=True,
        refusal_reason="Kecewa janji data",
        envoy=world.manager,
    )
    # when the owner reads the map
    response = token_client(world.owner).get(
        f"{API}/organizations/{world.organization.pk}/stakeholders"
    )
    # then both are there, highest influence first, with what the page shows
    assert response.status_code == 200
    body = response.json()
    assert body["organization_id"] == world.organization.pk
    assert [item["person_id"] for item in body["stakeholders"]] == [world.person.pk, blocker.pk]
    ketut = body["stakeholders"][1]
    assert ketut["influence"] == 4
    assert ketut["attitude"] == "blocker"
    assert ketut["is_blocker"] is True
    assert ketut["refuses_to_meet_owner"] is True
    assert ketut["owner_id"] == world.owner.pk
    assert ketut["envoy_id"] == world.manager.pk
    assert ketut["envoy_name"] == "Budi " + world.manager.last_name
    assert body["blocker_ids"] == [blocker.pk]
    assert body["refusing_ids"] == [blocker.pk]
    assert {item["value"] for item in body["attitudes"]} == set(Person.Attitude.values)
    assert body["stakeholders"][0]["envoy_id"] is None


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("manager", 200), ("other", 404), ("outsider_manager", 404)],
)
def test_stakeholder_map_has_the_page_scoping(world, client_for, who, status):
    # given a user in some relation to the organization
    user = getattr(world, who)
    # when they ask the API and the page
    response = token_client(user).get(f"{API}/organizations/{world.organization.pk}/stakeholders")
    page = client_for(user).get(f"/people/organizations/{world.organization.pk}/")
    # then both answer alike, and a refusal shows no name
    assert response.status_code == page.status_code == status
    if status == 404:
        assert "Suryo" not in response.content.decode()
        assert error_fields(response)


def test_stakeholder_map_of_a_missing_organization_is_the_same_404(world):
    client = token_client(world.other)
    forbidden = client.get(f"{API}/organizations/{world.organization.pk}/stakeholders")
    missing = client.get(f"{API}/organizations/999999/stakeholders")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()


def test_stakeholder_map_needs_a_login_and_a_valid_id(world):
    assert (
        Client().get(f"{API}/organizations/{world.organization.pk}/stakeholders").status_code == 401
    )
    response = token_client(world.owner).get(f"{API}/organizations/0/stakeholders")
    assert response.status_code == 422
    assert "pk" in error_fields(response)


def test_stakeholder_map_queries_do_not_grow_with_people(world, django_assert_max_num_queries):
    for number in range(12):
        services.person_create(
            by=world.owner, full_name=f"Staf {number}", organization=world.organization
        )
    client = token_client(world.owner)
    client.get(f"{API}/organizations/{world.organization.pk}/stakeholders")  # warm caches
    with django_assert_max_num_queries(12):
        response = client.get(f"{API}/organizations/{world.organization.pk}/stakeholders")
    assert len(response.json()["stakeholders"]) == 13


# --- upcoming important dates ------------------------------------------------------------------


def test_upcoming_dates_within_the_window_soonest_first(world):
    # given birthdays in 3 and 10 days and one in 40 days
    later = _birthday(world.person, world.owner, 10, label="Ulang tahun istri")
    soon = _birthday(world.person, world.owner, 3)
    _birthday(world.person, world.owner, 40, label="Jauh")
    # when the owner asks for the next 14 days
    response = token_client(world.owner).get(f"{API}/important-dates?within_days=14")
    # then the two within the window, soonest first, with the day they fall on
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == [soon.pk, later.pk]
    assert items[0]["days_until"] == 3
    assert items[0]["falls_on"] == _date_in(3).isoformat()
    assert items[0]["person_id"] == world.person.pk
    assert items[1]["title"] == "Ulang tahun istri"
    # a wider window includes the third
    wide = token_client(world.owner).get(f"{API}/important-dates?within_days=45")
    assert wide.json()["count"] == 3


def test_upcoming_dates_never_show_a_person_the_caller_may_not_see(world):
    # given a date of Suryo (the owner's team) and one of a person of another team
    _birthday(world.person, world.owner, 2)
    their_organization = services.organization_create(by=world.other, name="PT Lain")
    theirs = services.person_create(
        by=world.other, full_name="Rahasia Orang", organization=their_organization
    )
    _birthday(theirs, world.other, 2)
    # when each asks
    mine = token_client(world.owner).get(f"{API}/important-dates")
    other = token_client(world.other).get(f"{API}/important-dates")
    outsider = token_client(world.outsider_manager).get(f"{API}/important-dates")
    # then each sees only their own people
    assert [item["person_id"] for item in mine.json()["items"]] == [world.person.pk]
    assert [item["person_id"] for item in other.json()["items"]] == [theirs.pk]
    assert "Rahasia" not in mine.content.decode()
    assert "Suryo" not in other.content.decode()
    # the other team's manager sees the other team's person, not Suryo
    assert [item["person_id"] for item in outsider.json()["items"]] == [theirs.pk]


def test_mine_lists_what_today_lists(world):
    # given Suryo (owned by Rudi) and Ketut, who refuses Rudi and has Sari as envoy
    from karib.steer.generators.people import upcoming_dates

    ketut = services.person_create(
        by=world.owner,
        full_name="Ketut Arsana",
        organization=world.organization,
        refuses_to_meet_owner=True,
        refusal_reason="Kecewa",
        envoy=world.other,
    )
    _birthday(world.person, world.owner, 4)
    _birthday(ketut, world.owner, 5)
    today = timezone.localdate()
    for user in (world.owner, world.other):
        # when each asks for their own dates in Today's window
        items = token_client(user).get(f"{API}/important-dates?mine=true").json()["items"]
        # then the API lists exactly Today's dates: Suryo for Rudi, Ketut for his envoy Sari
        on_today = {date.pk for date, _falls, _keeper in upcoming_dates(today, {user.pk})}
        assert {item["id"] for item in items} == on_today
    rudi = token_client(world.owner).get(f"{API}/important-dates?mine=true").json()["items"]
    sari = token_client(world.other).get(f"{API}/important-dates?mine=true").json()["items"]
    assert [item["person_id"] for item in rudi] == [world.person.pk]
    assert [item["person_id"] for item in sari] == [ketut.pk]


def test_mine_keeps_only_the_people_the_caller_looks_after(world):
    # given the manager sees Suryo (his team) but owns a person of his own
    _birthday(world.person, world.owner, 5)
    own = services.person_create(
        by=world.manager, full_name="Dewi Lestari", organization=world.organization
    )
    _birthday(own, world.manager, 6)
    client = token_client(world.manager)
    # when he asks for all he sees, then for his own only
    everything = client.get(f"{API}/important-dates").json()["items"]
    mine = client.get(f"{API}/important-dates?mine=true").json()["items"]
    # then
    assert [item["person_id"] for item in everything] == [world.person.pk, own.pk]
    assert [item["person_id"] for item in mine] == [own.pk]


@pytest.mark.parametrize("value", ["-1", "367", "abc", "99999999999999999999"])
def test_within_days_is_bounded(world, value):
    response = token_client(world.owner).get(f"{API}/important-dates?within_days={value}")
    assert response.status_code == 422
    assert "within_days" in error_fields(response)


def test_upcoming_dates_need_a_login(db):
    assert Client().get(f"{API}/important-dates").status_code == 401


def test_an_agent_sees_no_dates_of_people_they_may_not_see(world):
    _birthday(world.person, world.owner, 1)
    agent = UserFactory(username="agen", role=Role.SERVICE_AGENT)
    response = token_client(agent).get(f"{API}/important-dates")
    assert response.status_code == 200
    assert response.json()["items"] == []
