"""Capture and transitions: every allowed move works, every refused move changes nothing."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from karib.core.models import AuditEvent, Notification
from karib.promises import services
from karib.promises.exceptions import PromiseError, PromiseTransitionError
from karib.promises.models import Promise, PromiseStatus
from tests.factories import InteractionFactory, OrganizationFactory, PersonFactory

from .factories import ProjectFactory, make_promise, plan

S = PromiseStatus
FUTURE = datetime.date(2099, 1, 1)


def _to_at_risk(promise: Promise, by: Any) -> Promise:
    return services.promise_mark_at_risk(promise=promise, by=by, **plan(by))


def _build(state: str, organization: Any) -> Promise:
    """A promise brought to `state` through the services."""
    by = organization.owner
    promise = make_promise(organization=organization, due_date=FUTURE)
    if state == S.OPEN:
        return promise
    if state == S.KEPT:
        return services.promise_mark_kept(promise=promise, by=by)
    if state == S.WITHDRAWN:
        return services.promise_withdraw(
            promise=promise, by=by, customer_agreement="Pak Suryo agreed by phone"
        )
    promise = _to_at_risk(promise, by)
    if state == S.AT_RISK:
        return promise
    if state == S.BROKEN:
        return services.promise_mark_broken(promise=promise, by=by, reason="Not done")
    return services.promise_renegotiate(
        promise=promise,
        by=by,
        new_text="Half now, half later",
        new_due_date=FUTURE,
        reason="Agreed in a call",
    )


MOVES: dict[str, Callable[[Promise, Any], Promise]] = {
    S.KEPT: lambda p, by: services.promise_mark_kept(promise=p, by=by),
    S.AT_RISK: _to_at_risk,
    S.RENEGOTIATED: lambda p, by: services.promise_renegotiate(
        promise=p, by=by, new_text="New terms", new_due_date=FUTURE, reason="Agreed"
    ),
    S.BROKEN: lambda p, by: services.promise_mark_broken(promise=p, by=by, reason="Not done"),
    S.WITHDRAWN: lambda p, by: services.promise_withdraw(
        promise=p, by=by, customer_agreement="They no longer need it"
    ),
}

ALLOWED = {
    (S.OPEN, S.KEPT),
    (S.OPEN, S.AT_RISK),
    (S.OPEN, S.WITHDRAWN),
    (S.AT_RISK, S.RENEGOTIATED),
    (S.AT_RISK, S.KEPT),
    (S.AT_RISK, S.BROKEN),
    (S.RENEGOTIATED, S.KEPT),
    (S.RENEGOTIATED, S.AT_RISK),
    (S.RENEGOTIATED, S.WITHDRAWN),
}
CASES = [(source, target) for source in S.values for target in MOVES]


def _audit_count(promise: Promise) -> int:
    content_type = ContentType.objects.get_for_model(Promise)
    return AuditEvent.objects.filter(content_type=content_type, object_id=str(promise.pk)).count()


@pytest.mark.parametrize(("source", "target"), sorted(ALLOWED))
def test_allowed_move_changes_status_and_records_history(db, organization, source, target):
    # given a promise in the source status
    promise = _build(source, organization)
    history_before, audit_before = promise.history.count(), _audit_count(promise)

    # when it is moved to the target
    moved = MOVES[target](promise, organization.owner)

    # then the status changed, with one history entry and one audit event
    moved.refresh_from_db()
    assert moved.status == target
    assert promise.history.count() == history_before + 1
    last = promise.history.last()
    assert (last.from_status, last.to_status, last.changed_by) == (
        source,
        target,
        organization.owner,
    )
    assert _audit_count(promise) == audit_before + 1


@pytest.mark.parametrize(("source", "target"), [case for case in CASES if case not in ALLOWED])
def test_refused_move_raises_and_changes_nothing(db, organization, source, target):
    # given a promise in the source status
    promise = _build(source, organization)
    before = Promise.objects.filter(pk=promise.pk).values().get()
    history_before, audit_before = promise.history.count(), _audit_count(promise)

    # when a refused move is attempted, then it raises a clear, translated error
    with pytest.raises(PromiseTransitionError) as error:
        MOVES[target](promise, organization.owner)
    assert "cannot become" in str(error.value) or "tidak dapat menjadi" in str(error.value)

    # and nothing changed
    assert Promise.objects.filter(pk=promise.pk).values().get() == before
    assert promise.history.count() == history_before
    assert _audit_count(promise) == audit_before


@pytest.mark.parametrize(
    ("missing", "field"),
    [
        ({"communication_message": "  "}, "communication_message"),
        ({"communication_due": None}, "communication_due"),
        ({"communication_owner": None}, "communication_owner"),
        ({"reason": ""}, "reason"),
        ({"communication_due": datetime.date(2020, 1, 1)}, "communication_due"),
    ],
)
def test_at_risk_requires_a_communication_plan(db, organization, missing, field):
    # given an open promise
    promise = make_promise(organization=organization, due_date=FUTURE)

    # when it is marked at risk without a complete plan
    with pytest.raises(PromiseError) as error:
        services.promise_mark_at_risk(
            promise=promise, by=organization.owner, **plan(organization.owner, **missing)
        )

    # then the field is named and nothing changed
    assert error.value.field == field
    promise.refresh_from_db()
    assert promise.status == S.OPEN
    assert promise.at_risk_since is None
    assert promise.history.count() == 1


def test_at_risk_notifies_the_colleague_who_will_tell_the_customer(
    db, organization, manager, django_capture_on_commit_callbacks
):
    # given an open promise
    promise = make_promise(organization=organization, due_date=FUTURE)

    # when the owner marks it at risk and asks the manager to tell the customer
    with django_capture_on_commit_callbacks(execute=True):
        services.promise_mark_at_risk(promise=promise, by=organization.owner, **plan(manager))

    # then the manager has a notification with the date
    notification = Notification.objects.get(user=manager)
    assert notification.due_on == FUTURE
    assert notification.url == f"/promises/{promise.pk}/"


def test_renegotiation_keeps_the_old_terms_and_returns_to_a_trackable_state(db, organization):
    # given an at-risk promise
    promise = _to_at_risk(
        make_promise(organization=organization, text="Train 12 provinces", due_date=FUTURE),
        organization.owner,
    )

    # when it is renegotiated twice (at risk again in between)
    first = datetime.date(2099, 6, 1)
    services.promise_renegotiate(
        promise=promise,
        by=organization.owner,
        new_text="Train 6 provinces",
        new_due_date=first,
        reason="Agreed",
    )
    _to_at_risk(promise, organization.owner)
    services.promise_renegotiate(
        promise=promise,
        by=organization.owner,
        new_text="Train 6 provinces online",
        new_due_date=datetime.date(2099, 9, 1),
        reason="Agreed again",
    )

    # then the current terms are the latest, the originals are the first ones
    promise.refresh_from_db()
    assert (promise.text, promise.due_date) == (
        "Train 6 provinces online",
        datetime.date(2099, 9, 1),
    )
    assert (promise.original_text, promise.original_due_date) == ("Train 12 provinces", FUTURE)
    renegotiations = promise.history.filter(to_status=S.RENEGOTIATED)
    assert [(h.old_text, h.old_due_date, h.new_due_date) for h in renegotiations] == [
        ("Train 12 provinces", FUTURE, first),
        ("Train 6 provinces", first, datetime.date(2099, 9, 1)),
    ]

    # and it can still be kept against the new date
    services.promise_mark_kept(promise=promise, by=organization.owner)
    promise.refresh_from_db()
    assert promise.status == S.KEPT


def test_renegotiation_requires_new_terms_and_a_future_due_date(db, organization):
    # given an at-risk promise
    promise = _to_at_risk(make_promise(organization=organization), organization.owner)

    # when renegotiated without a new due date or with a past one, then the field is named
    for new_due_date in (None, datetime.date(2020, 1, 1)):
        with pytest.raises(PromiseError) as error:
            services.promise_renegotiate(
                promise=promise,
                by=organization.owner,
                new_text="x",
                new_due_date=new_due_date,
                reason="Agreed",
            )
        assert error.value.field == "new_due_date"
    with pytest.raises(PromiseError) as error:
        services.promise_renegotiate(
            promise=promise,
            by=organization.owner,
            new_text=" ",
            new_due_date=FUTURE,
            reason="Agreed",
        )
    assert error.value.field == "new_text"
    promise.refresh_from_db()
    assert promise.status == S.AT_RISK


def test_withdrawal_records_the_customers_agreement(db, organization, person):
    # given an open promise
    promise = make_promise(organization=organization, people=[person])

    # when it is withdrawn without agreement, then it is refused
    with pytest.raises(PromiseError) as error:
        services.promise_withdraw(promise=promise, by=organization.owner, customer_agreement="")
    assert error.value.field == "customer_agreement"

    # when a person of another organization is named as agreeing, then it is refused
    stranger = PersonFactory(organization=OrganizationFactory())
    with pytest.raises(PromiseError):
        services.promise_withdraw(
            promise=promise, by=organization.owner, customer_agreement="ok", agreed_by=stranger
        )

    # when it is withdrawn with the customer's agreement
    services.promise_withdraw(
        promise=promise,
        by=organization.owner,
        customer_agreement="Pak Suryo said the training is no longer needed",
        agreed_by=person,
        agreed_on=datetime.date(2025, 1, 10),
    )

    # then the agreement is on the promise and in its history
    promise.refresh_from_db()
    assert promise.status == S.WITHDRAWN
    assert promise.agreed_by == person
    assert promise.history.last().details["customer_agreement"].startswith("Pak Suryo")


def test_kept_on_cannot_be_in_the_future_or_before_the_promise(db, organization):
    promise = make_promise(organization=organization, made_on=datetime.date(2025, 1, 10))
    for kept_on in (timezone.localdate() + datetime.timedelta(days=1), datetime.date(2025, 1, 9)):
        with pytest.raises(PromiseError) as error:
            services.promise_mark_kept(promise=promise, by=organization.owner, kept_on=kept_on)
        assert error.value.field == "kept_on"
    promise.refresh_from_db()
    assert promise.status == S.OPEN


def test_create_validates_people_project_and_dates(db, organization, person):
    other = OrganizationFactory()
    with pytest.raises(PromiseError) as error:
        make_promise(organization=organization, people=[PersonFactory(organization=other)])
    assert error.value.field == "people"
    with pytest.raises(PromiseError) as error:
        services.promise_create(
            organization=organization,
            text="x",
            by=organization.owner,
            project=ProjectFactory(organization=other),
        )
    assert error.value.field == "project"
    with pytest.raises(PromiseError) as error:
        make_promise(
            organization=organization,
            made_on=datetime.date(2025, 5, 1),
            due_date=datetime.date(2025, 4, 1),
        )
    assert error.value.field == "due_date"
    with pytest.raises(PromiseError) as error:
        make_promise(organization=organization, text="   ")
    assert error.value.field == "text"
    assert not Promise.objects.exists()


def test_create_from_interaction_takes_organization_people_and_date(db, organization, person):
    # given a meeting with the official just after midnight in Jakarta (17:30 UTC)
    meeting = InteractionFactory(
        organization=organization,
        participants=[person],
        occurred_at=datetime.datetime(2025, 3, 3, 17, 30, tzinfo=datetime.UTC),
    )

    # when a promise is captured from it in one step
    promise = services.promise_create_from_interaction(
        interaction=meeting,
        text="Send the SLA draft",
        by=organization.owner,
        due_date=datetime.date(2025, 3, 10),
    )

    # then it is linked to the meeting, its organization and people, on the Jakarta date
    assert promise.interaction == meeting
    assert promise.organization == organization
    assert list(promise.people.all()) == [person]
    assert promise.made_on == datetime.date(2025, 3, 4)  # 00:30 WIB on 4 March


def test_a_promise_cannot_be_made_in_the_future(organization, owner):
    # when a promise is recorded as made next year (secprobe8, F3)
    with pytest.raises(PromiseError) as refused:
        services.promise_create(
            organization=organization,
            text="Deliver the training",
            by=owner,
            made_on=timezone.localdate() + datetime.timedelta(days=400),
        )
    # then it is refused on the field, and nothing is recorded
    assert refused.value.field == "made_on"
    assert not Promise.objects.exists()
