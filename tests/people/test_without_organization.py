"""A person quick-added by name alone has no organization until someone knows it (issue #15).
Every app that reads a person must work for them: visibility through owner, envoy and manager
only, the API, health, next actions, gestures, gifts and the access report."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from karib.core.access import users_who_may_see_person
from karib.core.errors import DomainError
from karib.core.roles import Role
from karib.gifts.services import gift_propose
from karib.health.selectors import person_health_for_user
from karib.health.services import health_recompute
from karib.people import services
from karib.people.models import Interaction, Person
from karib.privacy.selectors import person_access_report
from karib.steer.generators.people import envoy_suggestions
from tests.factories import UserFactory
from tests.support.api import error_fields, token_client

API = "/api/people"


@pytest.fixture
def loner(world) -> Person:
    return services.person_create(by=world.owner, full_name="Laras Wening", job_title="Kurator")


def test_only_the_owner_the_envoy_the_owners_manager_and_admins_see_them(world, loner):
    # given a colleague of the owner's team sent as envoy
    envoy = UserFactory(username="wati", team=world.owner.profile.team)
    loner = services.person_update(person=loner, by=world.owner, envoy=envoy)
    # then the same rule holds for lists, single rows and the access report's "who may see"
    for user, sees in [
        (world.owner, True),
        (envoy, True),
        (world.manager, True),
        (world.other, False),
        (world.outsider_manager, False),
    ]:
        assert Person.objects.visible_to(user).filter(pk=loner.pk).exists() is sees, user
        assert Person.objects.visible_row(user, loner.pk).exists() is sees, user
    report = {user.get_username() for user in users_who_may_see_person(person=loner)}
    assert {"rudi", "wati", "budi"} <= report
    assert not report & {"sari", "hendra"}


def test_the_api_creates_them_without_an_organization_and_sets_and_clears_it_later(world):
    client = token_client(world.owner)
    # when created by name alone
    created = client.post_json(f"{API}/persons", {"full_name": "Laras Wening"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["organization_id"] is None
    # when the organization is set, then cleared again
    url = f"{API}/persons/{body['id']}"
    moved = client.patch_json(url, {"organization_id": world.organization.pk})
    assert moved.status_code == 200, moved.content
    assert moved.json()["organization_id"] == world.organization.pk
    cleared = client.patch_json(url, {"organization_id": None})
    assert cleared.status_code == 200, cleared.content
    assert cleared.json()["organization_id"] is None
    # then the membership history says when they were there
    person = Person.objects.get(pk=body["id"])
    membership = person.memberships.get()
    assert membership.organization == world.organization
    assert membership.end_date == timezone.localdate()


def test_an_organization_you_may_not_see_is_refused_by_name(world):
    response = token_client(world.other).post_json(
        f"{API}/persons", {"full_name": "Laras", "organization_id": world.organization.pk}
    )
    assert response.status_code == 422
    assert error_fields(response) == {"organization_id": "invalid"}
    assert not Person.objects.filter(full_name="Laras").exists()


def test_their_pages_open_for_the_owner(world, loner, client_for):
    client = client_for(world.owner)
    page = client.get(f"/people/{loner.pk}/")
    assert page.status_code == 200
    assert "Laras Wening" in page.content.decode()
    assert 'class="muted no-organization"' in page.content.decode()
    for panel in ("health", "recovery", "privacy", "promises", "gestures", "envoy", "roles"):
        response = client.get(f"/people/{loner.pk}/panels/{panel}/")
        assert response.status_code == 200, panel
    assert client.get(f"/gifts/ideas/{loner.pk}/").status_code == 200
    assert client.get("/people/", {"q": "Laras"}).status_code == 200


def test_health_is_computed_from_what_is_known_of_them(world, loner):
    # given a meal with them last week
    interaction = Interaction.objects.create(
        kind=Interaction.Kind.MEAL,
        occurred_at=timezone.now() - datetime.timedelta(days=7),
        created_by=world.owner,
        summary="Makan siang",
    )
    interaction.participants.add(loner)
    # when recomputed
    health_recompute(person_ids=[loner.pk])
    health = person_health_for_user(user=world.owner, person=loner)
    # then the meal counts (recency, depth) and no promise weighs (no organization)
    assert 0 <= health.score <= 100
    assert any(driver.points > 0 for driver in health.drivers)
    drivers = {driver.code: driver.points for driver in health.drivers}
    assert drivers["depth"] > 0
    assert drivers["recency"] > 0
    assert drivers["promises"] == 0


def test_an_envoy_is_suggested_from_who_met_them_not_from_other_loners(world, loner):
    # given two colleagues of the owner: one met Laras, the other met another loner
    team = world.owner.profile.team
    met = UserFactory(username="dewi", first_name="Dewi", role=Role.SALES, team=team)
    stranger = UserFactory(username="eko", first_name="Aan", role=Role.SALES, team=team)
    other_loner = services.person_create(by=world.owner, full_name="Tono")
    for user, person in [(met, loner), (stranger, other_loner), (stranger, other_loner)]:
        interaction = Interaction.objects.create(
            kind=Interaction.Kind.MEETING,
            occurred_at=timezone.now(),
            created_by=user,
        )
        interaction.participants.add(person)
    # then the colleague who met Laras ranks first
    assert envoy_suggestions(loner)[0] == met


def test_a_gift_asks_for_their_organization_first_and_stores_nothing(world, loner):
    with pytest.raises(DomainError) as raised:
        gift_propose(
            by=world.owner,
            recipient=loner,
            kind="goods",
            description="Buku wayang",
            estimated_value=250_000,
            business_purpose="Hubungan baik",
        )
    assert raised.value.field == "recipient"
    assert "Laras Wening" in str(raised.value.message)
    assert not loner.gifts.exists()


def test_the_access_report_names_no_organization(world, loner):
    report = person_access_report(person=loner, viewer=world.owner)
    assert report["organization"] is None
    assert "rudi" in {user["username"] for user in report["shared_with"]}


def test_exports_leave_the_organization_empty_and_a_vcard_with_one_sets_it(world, loner):
    from karib.people import transfer

    # given the loner with an e-mail, exported as CSV and vCard
    loner = services.person_update(person=loner, by=world.owner, emails=["laras@contoh.id"])
    csv_text = transfer.people_csv([loner])
    card = transfer.people_vcard([loner])
    assert "Laras Wening,,Kurator,," in csv_text
    assert "ORG" not in card
    # when a card from their phone names their organization, matched by the e-mail
    phone_card = card.replace("END:VCARD", "ORG:Direktorat Layanan Data\r\nEND:VCARD")
    result = transfer.vcard_import(
        raw=phone_card.encode(), user=world.owner, commit=True, organization=None
    )
    # then the same person now has the organization, and a membership from today
    assert not result.has_errors, result.rows
    loner.refresh_from_db()
    assert loner.organization == world.organization
    assert loner.memberships.filter(organization=world.organization, end_date=None).exists()
    assert Person.objects.filter(full_name="Laras Wening").count() == 1
