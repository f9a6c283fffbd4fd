"""Who may tell the customer: only users who can see the promise's organization.

Regression: the communication plan offered every active user, the API took any username, and
the service then sent the plan's text to that user, an outsider from another team included.
"""

from __future__ import annotations

import datetime

import pytest

from karib.core.models import Notification
from karib.core.roles import Role
from karib.people.models import Organization
from karib.promises import services
from karib.promises.exceptions import PromiseError
from karib.promises.forms import AtRiskForm
from karib.promises.models import PromiseStatus
from karib.promises.selectors import (
    admin_users,
    communication_owner_options,
    users_who_may_see_organization,
)
from tests.factories import OrganizationFactory, PersonFactory, TeamFactory, UserFactory
from tests.support.api import token_client

from .factories import make_promise, plan

FUTURE = datetime.date(2099, 1, 1)
SECRET = "Offer them a 20% price cut"


@pytest.fixture
def promise(organization):
    return make_promise(organization=organization, due_date=FUTURE)


def test_users_who_may_see_an_organization_mirror_people_scoping(db):
    # given an organization and users in every position people's scoping knows about
    sales_team, other_team, organization_team = (
        TeamFactory(name="Sales"),
        TeamFactory(name="Other"),
        TeamFactory(name="Account team"),
    )
    owner = UserFactory(username="owner", role=Role.SALES, team=sales_team)
    organization = OrganizationFactory(owner=owner, team=organization_team)
    person_owner = UserFactory(username="person_owner", role=Role.SALES, team=other_team)
    envoy = UserFactory(username="envoy", role=Role.SALES, team=other_team)
    PersonFactory(organization=organization, owner=person_owner, envoy=envoy)
    cast = [
        owner,
        person_owner,
        envoy,
        UserFactory(username="owner_manager", role=Role.MANAGER, team=sales_team),
        UserFactory(username="account_manager", role=Role.MANAGER, team=organization_team),
        UserFactory(username="other_manager", role=Role.MANAGER, team=other_team),
        UserFactory(username="teammate", role=Role.SALES, team=sales_team),
        UserFactory(username="admin", role=Role.ADMIN),
        UserFactory(username="root", is_superuser=True),
        UserFactory(username="outsider", role=Role.SALES, team=other_team),
        UserFactory(username="no_team_manager", role=Role.MANAGER),
    ]
    # and another organization whose owner must not count
    cast.append(OrganizationFactory(owner=UserFactory(username="elsewhere")).owner)

    # when we ask who may see the organization
    may_see = set(users_who_may_see_organization(organization=organization))

    # then it is exactly the users for whom Organization.visible_to includes it
    expected = {
        user
        for user in cast
        if Organization.objects.visible_to(user).filter(pk=organization.pk).exists()
    }
    assert may_see == expected
    assert {user.username for user in may_see} == {
        "owner",
        "person_owner",
        "envoy",
        "owner_manager",
        "account_manager",
        "admin",
        "root",
    }


def test_inactive_users_are_not_offered(db, organization, manager):
    # given the owner's manager has left
    manager.is_active = False
    manager.save(update_fields=["is_active"])

    # when we ask who may see the organization
    may_see = users_who_may_see_organization(organization=organization)

    # then the manager is not among them
    assert manager not in may_see
    assert organization.owner in may_see


def test_admin_users_are_the_admin_role_and_superusers(db, owner):
    # given an admin, a superuser, an inactive admin and a sales user
    admin = UserFactory(username="admin", role=Role.ADMIN)
    root = UserFactory(username="root", is_superuser=True)
    UserFactory(username="gone", role=Role.ADMIN, is_active=False)

    # when we list the admins
    admins = list(admin_users())

    # then only the active admins are listed
    assert admins == [admin, root]


def test_at_risk_form_offers_only_users_who_see_the_organization(
    db, promise, owner, manager, outsider
):
    # when the at-risk form is built
    form = AtRiskForm(promise=promise, user=owner)

    # then the owner and their manager are offered, the outsider is not
    choices = set(form.fields["communication_owner"].queryset)
    assert {owner, manager} <= choices
    assert outsider not in choices


def test_detail_page_does_not_list_the_outsider(client_for, promise, owner, outsider):
    # when the owner opens the promise
    body = client_for(owner).get(f"/promises/{promise.pk}/").content.decode()

    # then the outsider is not among the people who could tell the customer
    assert f'value="{outsider.pk}"' not in body
    assert f'value="{owner.pk}"' in body


def test_service_refuses_an_outsider_and_notifies_nobody(
    db, promise, owner, outsider, django_capture_on_commit_callbacks
):
    # when the owner names an outsider to tell the customer
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(PromiseError) as refused,
    ):
        services.promise_mark_at_risk(
            promise=promise, by=owner, **plan(outsider, communication_message=SECRET)
        )

    # then it is refused on that field, nothing changed, and the outsider got nothing
    assert refused.value.field == "communication_owner"
    promise.refresh_from_db()
    assert (promise.status, promise.communication_message) == (PromiseStatus.OPEN, "")
    assert not Notification.objects.filter(user=outsider).exists()
    assert promise.history.count() == 1


def test_service_notifies_a_manager_who_sees_the_organization(
    db, promise, owner, manager, django_capture_on_commit_callbacks
):
    # when the owner asks their manager to tell the customer
    with django_capture_on_commit_callbacks(execute=True):
        services.promise_mark_at_risk(
            promise=promise, by=owner, **plan(manager, communication_message=SECRET)
        )

    # then the manager is notified with the plan
    notification = Notification.objects.get(user=manager, kind="promise_communication")
    assert notification.body == SECRET


def test_page_post_with_an_outsider_is_an_error_by_the_field(client_for, promise, owner, outsider):
    # when the owner forges the form with the outsider's id
    response = client_for(owner).post(
        f"/promises/{promise.pk}/at-risk/",
        {
            "at-risk-reason": "Trainer ill",
            "at-risk-communication_message": SECRET,
            "at-risk-communication_due": "2099-01-01",
            "at-risk-communication_owner": outsider.pk,
        },
        HTTP_HX_REQUEST="true",
    )

    # then the choice is refused and nothing changed
    assert response.status_code == 422
    assert "field-error" in response.content.decode()
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.OPEN
    assert not Notification.objects.filter(user=outsider).exists()


def test_api_answers_the_same_for_an_unknown_and_a_forbidden_username(db, promise, owner, outsider):
    # given the owner's API client
    client = token_client(owner)

    def at_risk(username: str):
        return client.post(
            f"/api/promises/{promise.pk}/at-risk",
            {
                "reason": "ill",
                "communication_message": SECRET,
                "communication_due": "2099-01-01",
                "communication_owner": username,
            },
            content_type="application/json",
        )

    # when they name an outsider, then a username that does not exist
    forbidden, unknown = at_risk(outsider.username), at_risk("nobody-by-that-name")

    # then both get the same 422 naming the field, and nothing changed
    assert forbidden.status_code == unknown.status_code == 422
    assert forbidden.json() == unknown.json()
    assert forbidden.json()["errors"][0]["field"] == "communication_owner"
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.OPEN
    assert not Notification.objects.filter(user=outsider).exists()


def test_api_accepts_the_owners_manager(db, promise, owner, manager):
    # given the owner's API client
    client = token_client(owner)

    # when they name their manager
    response = client.post(
        f"/api/promises/{promise.pk}/at-risk",
        {
            "reason": "ill",
            "communication_message": "Call them",
            "communication_due": "2099-01-01",
            "communication_owner": manager.username,
        },
        content_type="application/json",
    )

    # then the promise is at risk with the manager to tell the customer
    assert response.status_code == 200
    promise.refresh_from_db()
    assert (promise.status, promise.communication_owner) == (PromiseStatus.AT_RISK, manager)


def test_options_follow_the_promise_organization(db, promise, owner, outsider):
    # given the outsider is made envoy of one of the organization's people
    PersonFactory(organization=promise.organization, envoy=outsider)

    # when we ask who may tell the customer
    options = communication_owner_options(promise=promise)

    # then the outsider, who now sees the organization, may
    assert outsider in options
