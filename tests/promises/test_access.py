"""Who may act on a promise: seeing it is not changing it (karib/promises/access.py).

Matrix: the maker, the organization's owner, the envoy sent to the person it was made to, an
envoy for another person of the organization, a manager of the team, an admin, and users of
roles that record no promises (service agent, QA reviewer, compliance officer). Denied moves
change nothing."""

from __future__ import annotations

import pytest

from karib.core import access
from karib.core.access import Action
from karib.core.errors import DomainError, ErrorCode
from karib.core.roles import Role
from karib.promises import services
from karib.promises.access import PromiseAction
from karib.promises.models import Project, Promise, PromiseStatus
from tests.factories import PersonFactory, UserFactory

from .factories import make_promise
from .support import api_client, error_of


@pytest.fixture
def envoy(team):
    return UserFactory(username="dewi", first_name="Dewi", role=Role.SALES, team=team)


@pytest.fixture
def official(organization, envoy):
    return PersonFactory(full_name="Suryo Wibowo", organization=organization, envoy=envoy)


@pytest.fixture
def other_envoy(organization):
    """Envoy for another contact of the same organization (sees the organization)."""
    user = UserFactory(username="sari", role=Role.SALES)
    PersonFactory(full_name="Rina", organization=organization, envoy=user)
    return user


@pytest.fixture
def promise_to_official(organization, owner, official):
    return make_promise(organization=organization, by=owner, people=[official])


@pytest.fixture
def promise_to_organization(organization, owner):
    return make_promise(organization=organization, by=owner)


def _kept(promise: Promise, user) -> ErrorCode | None:
    try:
        services.promise_mark_kept(promise=promise, by=user)
    except DomainError as error:
        return error.code
    return None


def test_every_promise_action_has_a_rule():
    for action in [*Action, *PromiseAction]:
        assert access.is_declared(Promise, action), action
    for action in Action:
        assert access.is_declared(Project, action), action


def test_an_envoy_for_another_person_sees_but_cannot_keep_the_owners_promise(
    promise_to_official, other_envoy
):
    # given Sari, envoy for another contact of the organization: she sees the promise
    assert Promise.objects.visible_to(other_envoy).filter(pk=promise_to_official.pk).exists()

    # when she marks the owner's promise kept
    refused = _kept(promise_to_official, other_envoy)

    # then it is forbidden and nothing changed
    assert refused == ErrorCode.FORBIDDEN
    promise_to_official.refresh_from_db()
    assert (promise_to_official.status, promise_to_official.version) == (PromiseStatus.OPEN, 1)
    assert promise_to_official.history.count() == 1


def test_the_envoy_keeps_promises_made_to_the_person_they_were_sent_to(
    promise_to_official, promise_to_organization, envoy
):
    # when Dewi, envoy to Pak Suryo, keeps the promise made to him: allowed
    assert _kept(promise_to_official, envoy) is None
    # but not one made to the organization as a whole
    assert _kept(promise_to_organization, envoy) == ErrorCode.FORBIDDEN
    promise_to_organization.refresh_from_db()
    assert promise_to_organization.status == PromiseStatus.OPEN


@pytest.mark.parametrize("who", ["owner", "manager", "admin"])
def test_the_people_who_answer_for_a_promise_may_move_it(who, promise_to_organization, request):
    user = (
        UserFactory(role=Role.ADMIN, is_superuser=True)
        if who == "admin"
        else request.getfixturevalue(who)
    )
    assert _kept(promise_to_organization, user) is None
    promise_to_organization.refresh_from_db()
    assert promise_to_organization.status == PromiseStatus.KEPT


@pytest.mark.parametrize(
    "role", [Role.SERVICE_AGENT, Role.QA_REVIEWER, Role.COMPLIANCE_OFFICER], ids=str
)
def test_roles_that_record_no_promises_cannot_create_one(role, organization, client_for):
    # given a user of the role who nevertheless sees the organization (its owner, say)
    user = UserFactory(role=role)
    organization.owner = user
    organization.save(update_fields=["owner"])

    # then the service, the API and the page all refuse, and nothing is recorded
    with pytest.raises(DomainError) as refused:
        services.promise_create(organization=organization, text="x", by=user)
    assert refused.value.code == ErrorCode.FORBIDDEN
    response = api_client(user).post(
        "/api/promises/",
        {"organization_id": organization.pk, "text": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert error_of(response)["code"] == "forbidden"
    assert client_for(user).get("/promises/new/").status_code == 403
    assert not Promise.objects.exists()


def test_the_api_answers_403_in_the_one_shape_when_seeing_is_not_acting(
    promise_to_official, other_envoy
):
    response = api_client(other_envoy).post(
        f"/api/promises/{promise_to_official.pk}/kept", {}, content_type="application/json"
    )
    assert response.status_code == 403
    assert error_of(response) == {
        "code": "forbidden",
        "field": None,
        "message": error_of(response)["message"],
    }
    promise_to_official.refresh_from_db()
    assert promise_to_official.status == PromiseStatus.OPEN


def test_the_page_offers_no_transition_to_who_may_not_make_it(
    promise_to_official, other_envoy, owner, client_for
):
    page = client_for(other_envoy).get(f"/promises/{promise_to_official.pk}/")
    assert page.status_code == 200
    assert page.context["transition_forms"] == []
    owner_page = client_for(owner).get(f"/promises/{promise_to_official.pk}/")
    assert {form.action for form in owner_page.context["transition_forms"]} == {
        "kept",
        "at-risk",
        "withdraw",
    }
    # and posting anyway changes nothing
    client_for(other_envoy).post(f"/promises/{promise_to_official.pk}/kept/", {"kept-reason": "x"})
    promise_to_official.refresh_from_db()
    assert promise_to_official.status == PromiseStatus.OPEN


def test_an_envoy_cannot_move_the_owners_promise_onto_a_contact_they_were_not_sent_to(
    promise_to_official, official, envoy, organization, owner
):
    # given dewi, envoy to Suryo, who may change the promise made to him
    ratna = PersonFactory(full_name="Ratna Sari", organization=organization, owner=owner)
    # when she moves it onto Ratna, whom she was not sent to (or onto the organization)
    for people in ([ratna], [official, ratna], []):
        with pytest.raises(DomainError) as refused:
            services.promise_update(promise=promise_to_official, by=envoy, people=people)
        # then it is refused and the promise is still made to Suryo alone
        assert refused.value.code == ErrorCode.FORBIDDEN
        assert list(promise_to_official.people.all()) == [official]
    # while the owner may move it
    services.promise_update(promise=promise_to_official, by=owner, people=[official, ratna])
    assert set(promise_to_official.people.all()) == {official, ratna}
