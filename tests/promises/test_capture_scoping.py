"""Capture and withdrawal see only what the user may see.

Regressions: a user who made a promise kept reading and changing it after the organization
went out of their sight (secprobe4, F5); the withdraw form offered every person of the
organization; a user who attended an interaction could capture
a promise against an organization they cannot see; the API linked a promise to an interaction
with another organization.
"""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from karib.core.errors import DomainError
from karib.core.services import api_token_create
from karib.promises import services
from karib.promises.exceptions import PromiseError
from karib.promises.forms import WithdrawForm
from karib.promises.models import Promise, PromiseStatus
from tests.factories import InteractionFactory, OrganizationFactory, PersonFactory

from .factories import make_promise

FUTURE = datetime.date(2099, 1, 1)


def _token_client(user) -> tuple[Client, dict[str, str]]:
    issued = api_token_create(user=user, name="test")
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


@pytest.fixture
def hidden_person(organization):
    return PersonFactory(full_name="Hidden Person Zed", organization=organization)


@pytest.fixture
def outsiders_promise(organization, outsider):
    """A promise the outsider recorded before the organization went to another team."""
    return make_promise(organization=organization, by=outsider, due_date=FUTURE)


@pytest.fixture
def elsewhere_person(outsider):
    """A person of the outsider's own organization, whom the owner cannot see."""
    return PersonFactory(
        full_name="Hidden Person Zed", organization=OrganizationFactory(owner=outsider)
    )


@pytest.fixture
def attended_meeting(organization, person, outsider):
    """A meeting with the organization that the outsider attended (so they see it)."""
    meeting = InteractionFactory(organization=organization, participants=[person])
    meeting.users.add(outsider)
    return meeting


# --- withdraw: "agreed by" ----------------------------------------------------------------


def test_a_maker_who_no_longer_sees_the_organization_opens_nothing_of_the_promise(
    client_for, outsiders_promise, outsider, person
):
    # given the outsider made the promise, then the organization went to another team
    client, headers = _token_client(outsider)
    # when they open it, withdraw it on the page and through the API
    page = client_for(outsider).get(f"/promises/{outsiders_promise.pk}/")
    withdraw_page = client_for(outsider).post(
        f"/promises/{outsiders_promise.pk}/withdraw/",
        {"withdraw-customer_agreement": "Agreed by phone", "withdraw-agreed_by": person.pk},
    )
    api = client.get(f"/api/promises/{outsiders_promise.pk}", **headers)
    broken = client.post(
        f"/api/promises/{outsiders_promise.pk}/broken",
        {"reason": "x"},
        content_type="application/json",
        **headers,
    )
    # then each is the 404 of a missing promise, and nothing changed
    assert [r.status_code for r in (page, withdraw_page, api, broken)] == [404] * 4
    outsiders_promise.refresh_from_db()
    assert outsiders_promise.status == PromiseStatus.OPEN
    # and the service refuses them too
    with pytest.raises(DomainError):
        services.promise_withdraw(
            promise=outsiders_promise, by=outsider, customer_agreement="Agreed by phone"
        )


def test_withdraw_form_offers_the_people_the_owner_sees(db, organization, owner, hidden_person):
    promise = make_promise(organization=organization, due_date=FUTURE)
    choices = WithdrawForm(promise=promise, user=owner).fields["agreed_by"]
    assert hidden_person in choices.queryset


def test_withdraw_service_refuses_a_hidden_person(db, organization, owner, elsewhere_person):
    # given the owner's promise
    promise = make_promise(organization=organization, due_date=FUTURE)
    # when the owner withdraws it naming a person they cannot see
    with pytest.raises(PromiseError) as refused:
        services.promise_withdraw(
            promise=promise,
            by=owner,
            customer_agreement="Agreed by phone",
            agreed_by=elsewhere_person,
        )

    # then it is refused on that field and nothing changed
    assert refused.value.field == "agreed_by"
    promise.refresh_from_db()
    assert (promise.status, promise.agreed_by) == (PromiseStatus.OPEN, None)


def test_withdraw_api_answers_the_same_for_hidden_and_missing_people(
    db, organization, owner, elsewhere_person
):
    # given the owner's promise and API client
    promise = make_promise(organization=organization, due_date=FUTURE)
    client, headers = _token_client(owner)

    def withdraw(person_id: int):
        return client.post(
            f"/api/promises/{promise.pk}/withdraw",
            {"customer_agreement": "Agreed by phone", "agreed_by_id": person_id},
            content_type="application/json",
            **headers,
        )

    # when they name a hidden person, then one that does not exist
    hidden, missing = withdraw(elsewhere_person.pk), withdraw(999_999)

    # then both get the same 422 naming the field, and nothing changed
    assert hidden.status_code == missing.status_code == 422
    assert hidden.json() == missing.json()
    assert hidden.json()["errors"][0]["field"] == "agreed_by_id"
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.OPEN


def test_withdraw_api_accepts_a_person_the_owner_sees(db, organization, owner, hidden_person):
    # given the owner's promise
    promise = make_promise(organization=organization, due_date=FUTURE)
    client, headers = _token_client(owner)

    # when the owner withdraws it with the person who agreed
    response = client.post(
        f"/api/promises/{promise.pk}/withdraw",
        {"customer_agreement": "Agreed by phone", "agreed_by_id": hidden_person.pk},
        content_type="application/json",
        **headers,
    )

    # then it is withdrawn with that person's agreement
    assert response.status_code == 200
    promise.refresh_from_db()
    assert (promise.status, promise.agreed_by) == (PromiseStatus.WITHDRAWN, hidden_person)


# --- capture from an interaction ------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_capture_page_is_404_when_the_organization_is_hidden(
    client_for, attended_meeting, outsider, method
):
    # when the outsider, who attended the meeting, captures a promise from it
    client = client_for(outsider)
    url = f"/promises/new/?interaction={attended_meeting.pk}"
    response = client.get(url) if method == "get" else client.post(url, {"text": "We will do X"})

    # then it is the same 404 as a missing interaction, and nothing was recorded
    assert response.status_code == 404
    assert client.get("/promises/new/?interaction=999999").status_code == 404
    assert not Promise.objects.exists()


def test_capture_service_refuses_a_hidden_organization(db, attended_meeting, outsider):
    # when the outsider captures a promise from the meeting through the service
    with pytest.raises(PromiseError) as refused:
        services.promise_create_from_interaction(
            interaction=attended_meeting, text="We will do X", by=outsider
        )

    # then it is refused on the interaction and nothing was recorded
    assert refused.value.field == "interaction"
    assert not Promise.objects.exists()


def test_capture_service_refuses_an_interaction_the_user_does_not_see(db, organization, outsider):
    # given a meeting the outsider neither attended nor can see
    meeting = InteractionFactory(organization=organization)

    # when they capture a promise from it through the service
    with pytest.raises(PromiseError) as refused:
        services.promise_create_from_interaction(
            interaction=meeting, text="We will do X", by=outsider
        )

    # then it is refused and nothing was recorded
    assert refused.value.field == "interaction"
    assert not Promise.objects.exists()


def test_capture_api_answers_the_same_for_hidden_and_missing_interactions(
    db, attended_meeting, outsider
):
    # given the outsider's API client
    client, headers = _token_client(outsider)

    def capture(interaction_id: int):
        return client.post(
            "/api/promises/",
            {"interaction_id": interaction_id, "text": "We will do X"},
            content_type="application/json",
            **headers,
        )

    # when they capture from the meeting they attended, then from one that does not exist
    hidden, missing = capture(attended_meeting.pk), capture(999_999)

    # then both get the same 4xx naming the field, and nothing was recorded
    assert hidden.status_code == missing.status_code == 422
    assert hidden.json() == missing.json()
    assert hidden.json()["errors"][0]["field"] == "interaction_id"
    assert not Promise.objects.exists()


# --- an interaction with another organization ----------------------------------------------


def test_api_refuses_an_interaction_with_another_organization(db, organization, owner):
    # given a meeting the owner had with another of their organizations
    other = OrganizationFactory(owner=owner)
    meeting = InteractionFactory(organization=other)
    client, headers = _token_client(owner)

    # when they record a promise to the first organization "promised in" that meeting
    response = client.post(
        "/api/promises/",
        {"organization_id": organization.pk, "interaction_id": meeting.pk, "text": "x"},
        content_type="application/json",
        **headers,
    )

    # then it is a 422 naming the field, and nothing was recorded
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "interaction_id"
    with translation.override(settings.LANGUAGE_CODE):
        assert response.json()["errors"][0]["message"] == gettext(
            "The interaction was with another organization."
        )
    assert not Promise.objects.exists()


def test_create_service_refuses_an_interaction_with_another_organization(db, organization, owner):
    # given a meeting with another organization
    meeting = InteractionFactory(organization=OrganizationFactory(owner=owner))

    # when a promise to the first organization is linked to it
    with pytest.raises(PromiseError) as refused:
        services.promise_create(organization=organization, text="x", by=owner, interaction=meeting)

    # then it is refused on the interaction and nothing was recorded
    assert refused.value.field == "interaction"
    assert not Promise.objects.exists()


def test_create_service_accepts_an_interaction_with_its_people_only(
    db, organization, owner, person
):
    # given a call logged with the organization's person but without an organization
    call = InteractionFactory(organization=None, created_by=owner, participants=[person])

    # when a promise to the organization is linked to it
    promise = services.promise_create(
        organization=organization, text="Send the figures", by=owner, interaction=call
    )

    # then it is recorded with the call
    assert promise.interaction == call
