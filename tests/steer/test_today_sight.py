"""Today names only what its owner still sees (secprobe6, F3).

Regression: after an owner cleared their colleague as envoy, the colleague's Today and
`/api/actions` still listed the person's birthday, titled with the person's current name,
until the daily refresh; nothing refreshed it sooner.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from karib.core.roles import Role
from karib.people import services as people
from karib.people.models import ImportantDate, Person
from karib.steer import selectors, services
from karib.steer.models import NextAction
from karib.steer.today import today_for_user
from tests.factories import OrganizationFactory, PersonFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def suryo_with_envoy():
    team = TeamFactory()
    rudi = UserFactory(username="rudi", role=Role.SALES, team=team)
    dewi = UserFactory(username="dewi", role=Role.SALES, team=team)
    organization = OrganizationFactory(owner=rudi, name="Direktorat")
    suryo = PersonFactory(
        organization=organization,
        owner=rudi,
        envoy=dewi,
        refuses_to_meet_owner=True,  # the envoy keeps the relationship: the actions are hers
        refusal_reason="Janji yang tidak ditepati",
        full_name="Suryo Wibowo",
        influence=5,
        stage=Person.Stage.CUSTOMER,
    )
    soon = timezone.localdate() + datetime.timedelta(days=3)
    ImportantDate.objects.create(
        person=suryo,
        kind=ImportantDate.Kind.BIRTHDAY,
        month=soon.month,
        day=soon.day,
        created_by=rudi,
    )
    services.next_actions_refresh()
    return rudi, dewi, suryo


def _names(user):
    titles = [item.title for item in today_for_user(user=user).items]
    listed = [str(action.subject) for action in selectors.next_action_list(user=user)]
    return titles, listed


def test_a_former_envoy_no_longer_sees_the_person_in_today(suryo_with_envoy, client_for):
    rudi, dewi, suryo = suryo_with_envoy
    # given dewi, as envoy, has an action about Suryo
    action = NextAction.objects.filter(owner=dewi, person=suryo).first()
    assert action is not None
    assert any("Suryo" in title for title in _names(dewi)[0])
    # when rudi clears her as envoy and renames him, and no refresh has run yet
    people.person_assign_envoy(person=suryo, envoy=None, by=rudi)
    people.person_update(person=suryo, by=rudi, full_name="Suryo W. (renamed)")
    # then neither her Today, her action list nor the API names him, nor opens the action
    titles, listed = _names(dewi)
    assert not [t for t in titles + listed if "Suryo" in t]
    client = client_for(dewi)
    assert "Suryo" not in client.get("/api/actions").content.decode()
    assert "Suryo" not in client.get("/today/").content.decode()
    assert client.get(f"/api/actions/{action.pk}").status_code == 404
    # while rudi, who still sees him, reads his name in his own Today
    assert "Suryo W. (renamed)" in client_for(rudi).get("/people/").content.decode()


def test_clearing_an_envoy_refreshes_their_actions_after_the_commit(
    suryo_with_envoy, django_capture_on_commit_callbacks
):
    rudi, dewi, suryo = suryo_with_envoy
    # when rudi clears dewi as envoy and the transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        people.person_assign_envoy(person=suryo, envoy=None, by=rudi)
    # then her action about Suryo closed by itself (its cause is gone for her)
    statuses = set(
        NextAction.objects.filter(owner=dewi, person=suryo).values_list("status", flat=True)
    )
    assert statuses == {NextAction.Status.RESOLVED}


def test_a_managers_today_lists_only_silent_breaks_they_may_see():
    # given budi, who manages dewi's team, and another team's organization dewi made a
    # promise at (as envoy of one of its people), broken without telling the customer
    from karib.promises.models import Promise, PromiseStatus
    from tests.promises.factories import make_promise

    team, other = TeamFactory(), TeamFactory()
    budi = UserFactory(username="budi", role=Role.MANAGER, team=team)
    dewi = UserFactory(username="dewi", role=Role.SALES, team=team)
    stranger = UserFactory(username="ox", role=Role.SALES, team=other)
    hidden_org = OrganizationFactory(owner=stranger, name="PT Rahasia Tim Lain")
    PersonFactory(organization=hidden_org, owner=stranger, envoy=dewi)
    own_org = OrganizationFactory(owner=dewi, name="Dinas Terbuka")
    hidden = make_promise(organization=hidden_org, by=dewi, text="Diskon rahasia")
    shown = make_promise(organization=own_org, by=dewi, text="Pelatihan")
    Promise.objects.filter(pk__in=[hidden.pk, shown.pk]).update(
        status=PromiseStatus.BROKEN, broken_at=timezone.now()
    )
    # when budi reads his Today
    listed = today_for_user(user=budi).team_silent_breaks
    # then he sees his team's silent break where he may, and not the other team's promise
    assert [promise.pk for promise in listed] == [shown.pk]


def test_a_former_envoy_keeps_no_notification_about_the_person(suryo_with_envoy):
    from karib.core.models import Notification
    from karib.people.dates import important_date_notify

    rudi, dewi, suryo = suryo_with_envoy
    # given dewi was reminded of Suryo's birthday as his envoy
    important_date_notify(important_date=suryo.important_dates.get(), day=timezone.localdate())
    assert Notification.objects.filter(user=dewi).exists()
    # when rudi clears her as envoy
    people.person_assign_envoy(person=suryo, envoy=None, by=rudi)
    # then she keeps no notification naming him (her Today and digest read them), rudi his own
    assert not Notification.objects.filter(user=dewi).exists()
    assert Notification.objects.filter(user=rudi).exists()
    assert not [item for item in today_for_user(user=dewi).items if "Suryo" in item.title]


def test_notifications_show_only_while_their_subject_is_in_sight():
    # secprobe6/7 follow-up: a notification names its subject by URL only; one about a promise
    # at an organization its reader no longer saw stayed on Today and in the digest
    from django.urls import reverse

    from karib.core.services import notification_send
    from tests.promises.factories import make_promise

    team = TeamFactory()
    rudi = UserFactory(username="rudi", role=Role.SALES, team=team)
    dewi = UserFactory(username="dewi", role=Role.SALES, team=team)
    organization = OrganizationFactory(owner=rudi, name="Dinas Tertutup")
    wati = PersonFactory(organization=organization, owner=rudi, envoy=dewi)
    promise = make_promise(organization=organization, by=rudi, text="Pelatihan operator")
    for key, url in (
        ("promise", reverse("promises:detail", args=[promise.pk])),
        ("profile", reverse("core:profile")),
        ("gone", reverse("promises:detail", args=[promise.pk + 1000])),
    ):
        notification_send(user=dewi, kind="test", dedupe_key=key, title=f"About {key}", url=url)

    def titles():
        return {item.title for item in today_for_user(user=dewi).items}

    # given dewi sees the organization as envoy: all but the missing subject show
    assert {"About promise", "About profile"} <= titles()
    assert "About gone" not in titles()
    # when she loses sight of it (any way: here the envoy is cleared behind the services)
    Person.objects.filter(pk=wati.pk).update(envoy=None)
    # then the promise's notification no longer shows (it stays stored), the profile's does
    assert "About promise" not in titles()
    assert "About profile" in titles()
    # and it shows again when she is sent again
    Person.objects.filter(pk=wati.pk).update(envoy=dewi)
    assert "About promise" in titles()


def test_no_action_is_made_about_a_person_kept_only_under_a_legal_hold(suryo_with_envoy):
    # secprobe9 follow-up: after an erasure kept Suryo for the gift register, the daily job
    # made a new "informal meeting" action naming him
    from karib.privacy import services as privacy
    from tests.gifts.factories import GiftFactory

    rudi, _dewi, suryo = suryo_with_envoy
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    GiftFactory(recipient=suryo, giver=rudi, description="Wayang kulit Bima")
    assert NextAction.objects.filter(person=suryo).exclude(gift__isnull=False).exists()
    privacy.person_erase(person=suryo, by=admin)
    # when the daily refresh runs
    services.next_actions_refresh()
    # then no open action is about him, save a gift's own duty
    waiting = NextAction.objects.filter(person=suryo, gift__isnull=True).exclude(
        status=NextAction.Status.RESOLVED
    )
    assert not waiting.exists()
