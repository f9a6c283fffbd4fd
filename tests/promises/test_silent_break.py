"""A broken promise nobody told the customer about is a silent break, filterable in SQL."""

from __future__ import annotations

import datetime

import pytest

from karib.promises import services
from karib.promises.models import Promise
from karib.promises.selectors import promise_list
from tests.factories import InteractionFactory, OrganizationFactory, PersonFactory

from .factories import make_promise, plan

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))
RISK_AT = datetime.datetime(2025, 8, 1, 10, 0, tzinfo=JAKARTA)
BROKEN_AT = datetime.datetime(2025, 8, 30, 17, 0, tzinfo=JAKARTA)


def _broken(organization, people=()) -> Promise:
    promise = make_promise(
        organization=organization,
        people=people,
        made_on=datetime.date(2025, 3, 1),
        due_date=datetime.date(2025, 8, 15),
        at=datetime.datetime(2025, 3, 1, 9, 0, tzinfo=JAKARTA),
    )
    services.promise_mark_at_risk(
        promise=promise,
        by=organization.owner,
        at=RISK_AT,
        **plan(organization.owner, communication_due=datetime.date(2025, 8, 8)),
    )
    return services.promise_mark_broken(
        promise=promise, by=organization.owner, reason="Not done", at=BROKEN_AT
    )


def _flag(promise: Promise) -> bool:
    return Promise.objects.with_flags().get(pk=promise.pk).is_silent_break


def test_broken_without_any_interaction_is_a_silent_break(db, organization):
    promise = _broken(organization)
    assert _flag(promise) is True
    assert list(Promise.objects.silent_breaks()) == [promise]


@pytest.mark.parametrize(
    ("occurred_at", "expected"),
    [
        (datetime.datetime(2025, 7, 31, 10, 0, tzinfo=JAKARTA), True),  # before it went at risk
        (datetime.datetime(2025, 8, 5, 10, 0, tzinfo=JAKARTA), False),  # told while at risk
        (datetime.datetime(2025, 8, 31, 9, 0, tzinfo=JAKARTA), False),  # told the day after
        (datetime.datetime(2025, 10, 15, 10, 0, tzinfo=JAKARTA), True),  # months later
    ],
)
def test_only_an_interaction_between_risk_and_break_counts(db, organization, occurred_at, expected):
    # given an interaction with the organization at some moment
    InteractionFactory(organization=organization, occurred_at=occurred_at)

    # when the promise is broken
    promise = _broken(organization)

    # then it is a silent break unless the customer was told in the window
    assert _flag(promise) is expected


def test_an_interaction_with_one_of_the_people_counts_even_without_organization(
    db, organization, person
):
    # given a call with the person, logged without an organization
    InteractionFactory(
        organization=None,
        participants=[person],
        occurred_at=datetime.datetime(2025, 8, 10, 10, 0, tzinfo=JAKARTA),
        created_by=organization.owner,
    )

    # when the promise to that person is broken, then it is not silent
    assert _flag(_broken(organization, people=[person])) is False


def test_an_interaction_with_someone_else_does_not_count(db, organization, person):
    # given an interaction with another organization and its person during the window
    other = OrganizationFactory()
    InteractionFactory(
        organization=other,
        participants=[PersonFactory(organization=other)],
        occurred_at=datetime.datetime(2025, 8, 10, 10, 0, tzinfo=JAKARTA),
    )

    # then the break is still silent
    assert _flag(_broken(organization, people=[person])) is True


def test_lists_filter_on_silent_breaks(db, organization, owner):
    # given one silent break and one open promise
    silent = _broken(organization)
    make_promise(organization=organization)

    # when the list is filtered on silent breaks, then only the silent one comes back
    promises = promise_list(user=owner, filters={"silent_break": True})
    assert [p.pk for p in promises] == [silent.pk]
    assert promises[0].is_silent_break is True
