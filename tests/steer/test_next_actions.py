"""Next best actions: generated from the data, idempotent, closing by themselves, acted on."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from karib.core.errors import DomainError
from karib.core.models import AuditEvent
from karib.core.roles import Role
from karib.people.models import ImportantDate, Person
from karib.promises import services as promise_services
from karib.steer import services
from karib.steer.models import ActionKind, NextAction
from tests.factories import (
    InteractionFactory,
    OrganizationFactory,
    PersonalFactFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)
from tests.promises.factories import make_promise, plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _silent_break(rep, organization, person):
    promise = make_promise(
        organization=organization,
        by=rep,
        people=[person],
        due_date=datetime.date(2024, 8, 15),
        made_on=datetime.date(2024, 3, 1),
        at=_at(datetime.date(2024, 3, 1)),
    )
    promise_services.promise_mark_at_risk(
        promise=promise, by=rep, at=_at(datetime.date(2024, 8, 1)), **plan(rep)
    )
    promise_services.promise_mark_broken(
        promise=promise, by=rep, reason="Did not happen", at=_at(datetime.date(2024, 8, 30))
    )
    return promise


def test_a_silent_break_asks_its_maker_to_own_up_until_they_speak_with_the_customer():
    # given a rep whose promise broke and nobody told the customer
    rep = UserFactory(role=Role.SALES)
    organization = OrganizationFactory(owner=rep)
    person = PersonFactory(organization=organization, influence=5)
    promise = _silent_break(rep, organization, person)
    # when the actions are generated (twice)
    first = services.next_actions_refresh(today=TODAY)
    second = services.next_actions_refresh(today=TODAY)
    # then one "own up" action waits for the rep, with its reason and driver, once
    action = NextAction.objects.get(owner=rep, kind=ActionKind.OWN_UP)
    assert action.promise == promise
    assert action.driver == "promises"
    assert action.score == 25
    assert "nobody told" in action.reason or "tidak ada" in action.reason.lower()
    assert first.created >= 1
    assert second.created == 0
    assert second.updated == 0
    # when the rep talks to the customer after the break
    InteractionFactory(
        organization=organization, created_by=rep, participants=[person], occurred_at=_at(TODAY)
    )
    report = services.next_actions_refresh(today=TODAY)
    # then the action closes by itself
    action.refresh_from_db()
    assert action.status == NextAction.Status.RESOLVED
    assert report.resolved >= 1


def test_refusal_suggests_the_colleagues_who_know_the_organization_best():
    team = TeamFactory()
    rep = UserFactory(role=Role.SALES, team=team, first_name="Rudi")
    knows = UserFactory(role=Role.SALES, team=team, first_name="Dewi")
    stranger = UserFactory(role=Role.SALES, team=team, first_name="Zaki")
    outsider = UserFactory(role=Role.SALES, first_name="Other")  # another team
    organization = OrganizationFactory(owner=rep)
    person = PersonFactory(
        organization=organization,
        owner=rep,
        influence=5,
        refuses_to_meet_owner=True,
        refusal_reason="Broken promises",
        refusal_since=datetime.date(2024, 9, 2),
    )
    for _ in range(2):
        visit = InteractionFactory(organization=organization, created_by=knows)
        visit.users.add(outsider)
    services.next_actions_refresh(today=TODAY)
    action = NextAction.objects.get(owner=rep, kind=ActionKind.ASSIGN_ENVOY)
    assert action.reason_params["suggested_ids"][0] == knows.pk
    assert outsider.pk not in action.reason_params["suggested_ids"]
    assert stranger.pk not in action.reason_params["suggested_ids"][:1]
    assert action.person == person
    # and the blocked relationship asks for a recovery plan
    assert NextAction.objects.filter(owner=rep, kind=ActionKind.START_RECOVERY).exists()


def test_important_date_within_14_days_asks_for_a_greeting_and_disappears_after():
    rep = UserFactory(role=Role.SALES)
    person = PersonFactory(owner=rep, organization=OrganizationFactory(owner=rep))
    ImportantDate.objects.create(
        person=person, kind=ImportantDate.Kind.BIRTHDAY, month=12, day=12, created_by=rep
    )
    services.next_actions_refresh(today=TODAY)
    action = NextAction.objects.get(owner=rep, kind=ActionKind.IMPORTANT_DATE)
    assert action.due_on == datetime.date(2026, 12, 12)
    assert action.reason_params["days"] == 13
    # 20 days earlier it was not yet due
    NextAction.objects.all().delete()
    services.next_actions_refresh(today=datetime.date(2026, 11, 20))
    assert not NextAction.objects.filter(kind=ActionKind.IMPORTANT_DATE).exists()


def test_high_influence_person_without_facts_asks_for_an_informal_meeting_until_a_fact():
    rep = UserFactory(role=Role.SALES)
    person = PersonFactory(owner=rep, organization=OrganizationFactory(owner=rep), influence=4)
    PersonFactory(owner=rep, organization=person.organization, influence=2)  # not key
    services.next_actions_refresh(today=TODAY)
    actions = NextAction.objects.filter(kind=ActionKind.INFORMAL_MEETING)
    assert [action.person for action in actions] == [person]
    PersonalFactFactory(person=person)
    services.next_actions_refresh(today=TODAY)
    assert actions.get().status == NextAction.Status.RESOLVED


def test_cadence_lapsed_asks_to_reach_out():
    rep = UserFactory(role=Role.SALES)
    organization = OrganizationFactory(owner=rep)
    person = PersonFactory(
        owner=rep, organization=organization, influence=5, stage=Person.Stage.CUSTOMER
    )
    InteractionFactory(
        organization=organization,
        participants=[person],
        occurred_at=_at(TODAY - datetime.timedelta(days=40)),
    )
    services.next_actions_refresh(today=TODAY)
    action = NextAction.objects.get(kind=ActionKind.REACH_OUT)
    assert action.reason_params["days"] == 40
    assert action.driver == "recency"


def test_done_snooze_dismiss_are_audited_and_only_the_owner_may_act():
    rep = UserFactory(role=Role.SALES)
    organization = OrganizationFactory(owner=rep)
    person = PersonFactory(organization=organization, influence=5)
    _silent_break(rep, organization, person)
    services.next_actions_refresh(today=TODAY)
    action = NextAction.objects.get(kind=ActionKind.OWN_UP)
    other = UserFactory(role=Role.SALES)
    # someone else may not act on it, and nothing changes
    with pytest.raises(DomainError):
        services.next_action_done(action=action, by=other)
    action.refresh_from_db()
    assert action.status == NextAction.Status.OPEN
    # a dismissal needs a reason
    with pytest.raises(DomainError) as error:
        services.next_action_dismiss(action=action, by=rep, reason="  ")
    assert error.value.field == "reason"
    # snoozing until tomorrow hides it; the day after it comes back
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services.next_action_snooze(action=action, by=rep, until=tomorrow)
    action.refresh_from_db()
    assert action.status == NextAction.Status.SNOOZED
    services.next_actions_refresh(today=tomorrow)
    action.refresh_from_db()
    assert action.status == NextAction.Status.OPEN
    services.next_action_done(action=action, by=rep)
    action.refresh_from_db()
    assert action.status == NextAction.Status.DONE
    assert action.acted_by == rep
    summaries = list(
        AuditEvent.objects.filter(
            object_id=str(action.pk), content_type__app_label="steer"
        ).values_list("summary", flat=True)
    )
    assert sorted(summaries) == ["done", "snoozed"]
    # a done action does not come back
    services.next_actions_refresh(today=tomorrow)
    assert NextAction.objects.filter(kind=ActionKind.OWN_UP).count() == 1
    with pytest.raises(DomainError):
        services.next_action_done(action=action, by=rep)


def test_an_at_risk_promise_nobody_told_about_asks_its_communication_owner():
    team = TeamFactory()
    rep = UserFactory(role=Role.SALES, team=team)
    colleague = UserFactory(role=Role.SALES, team=team)
    organization = OrganizationFactory(owner=rep)
    person = PersonFactory(organization=organization, influence=4, envoy=colleague)
    promise = make_promise(
        organization=organization, by=rep, people=[person], due_date=TODAY + datetime.timedelta(30)
    )
    promise_services.promise_mark_at_risk(
        promise=promise,
        by=rep,
        **plan(colleague, communication_due=TODAY + datetime.timedelta(days=3)),
    )
    services.next_actions_refresh(today=TODAY)
    action = NextAction.objects.get(kind=ActionKind.TELL_CUSTOMER)
    assert action.owner == colleague
    assert action.reason_code == "promise_at_risk"
    assert action.urgency == 4
    # when the colleague calls the customer, the action settles by itself
    InteractionFactory(organization=organization, participants=[person], created_by=colleague)
    services.next_actions_refresh(today=TODAY)
    action.refresh_from_db()
    assert action.status == NextAction.Status.RESOLVED


def test_refresh_later_runs_after_the_commit_for_those_users(django_capture_on_commit_callbacks):
    rep = UserFactory(role=Role.SALES)
    PersonFactory(owner=rep, organization=OrganizationFactory(owner=rep), influence=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.next_actions_refresh_later(user_ids=[rep.pk])
        assert not NextAction.objects.exists()  # nothing before the commit
    assert NextAction.objects.filter(owner=rep, kind=ActionKind.INFORMAL_MEETING).exists()
