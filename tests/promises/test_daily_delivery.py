"""The daily sweep never loses an escalation or an email.

Regressions: an escalation was silently dropped when the owner had no manager; one failing
email skipped the rest of the sweep's emails, and a re-run sent nothing (the notifications
already existed).
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter

import pytest
from django.core import mail

from karib.core.models import Notification, OutboundEmail
from karib.core.outbox import MAX_EMAIL_ATTEMPTS
from karib.core.roles import Role
from karib.promises import services
from karib.promises.notifications import promises_daily_sweep
from tests.factories import OrganizationFactory, UserFactory

from .email_backends import FlakyEmailBackend
from .factories import make_promise, plan

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))
MADE_ON = datetime.date(2025, 6, 1)
TODAY = datetime.date(2025, 6, 10)


@pytest.fixture
def flaky_email(settings):
    settings.EMAIL_BACKEND = "tests.promises.email_backends.FlakyEmailBackend"
    FlakyEmailBackend.failures = FlakyEmailBackend.attempts = 0
    return FlakyEmailBackend


def _sweep(capture, today: datetime.date = TODAY):
    with capture(execute=True):
        return promises_daily_sweep(today=today)


def _overdue_promises(organization, count: int) -> None:
    for number in range(count):
        make_promise(
            organization=organization,
            text=f"Promise {number}",
            made_on=MADE_ON,
            due_date=MADE_ON + datetime.timedelta(days=1),
        )


def _sent() -> Counter[tuple[str, str]]:
    return Counter((message.to[0], message.subject) for message in mail.outbox)


# --- email delivery -------------------------------------------------------------------------


def test_a_failed_email_does_not_stop_the_others_and_is_retried_once(
    db, organization, owner, manager, flaky_email, django_capture_on_commit_callbacks
):
    # given three overdue promises (owner and manager notified for each: six emails)
    _overdue_promises(organization, 3)
    # and an email server that refuses the first email
    flaky_email.failures = 1

    # when the sweep runs
    first = _sweep(django_capture_on_commit_callbacks)

    # then the other five emails went out and the failed one waits, with its error
    assert (first.notifications, first.emails) == (6, 6)
    assert len(mail.outbox) == 5
    waiting = OutboundEmail.objects.get(emailed_at__isnull=True)
    assert (waiting.attempts, waiting.last_error) == (1, "ConnectionRefusedError: smtp down")

    # when the sweep runs again, then a third time
    second = _sweep(django_capture_on_commit_callbacks)
    third = _sweep(django_capture_on_commit_callbacks)

    # then the failed email was sent on the second run, and no email was ever sent twice
    assert (second.notifications, second.emails) == (0, 1)
    assert (third.notifications, third.emails) == (0, 0)
    notified = Notification.objects.select_related("user")
    expected = Counter((n.user.email, f"[Karib] {n.display_title}") for n in notified)
    assert len(expected) == 6
    assert _sent() == expected
    assert not OutboundEmail.objects.filter(emailed_at__isnull=True).exists()
    assert flaky_email.attempts == 7  # six emails, one of them twice


def test_an_email_that_keeps_failing_is_given_up_after_the_last_attempt(
    db, organization, owner, flaky_email, django_capture_on_commit_callbacks
):
    # given one overdue promise of an owner without a manager, and a server that is down
    _overdue_promises(organization, 1)
    flaky_email.failures = 100

    # when the sweep runs one more time than the attempts allowed
    for _run in range(MAX_EMAIL_ATTEMPTS + 1):
        report = _sweep(django_capture_on_commit_callbacks)

    # then it was tried the allowed number of times, then left on record as not sent
    assert flaky_email.attempts == MAX_EMAIL_ATTEMPTS
    email = OutboundEmail.objects.get()
    assert (email.attempts, email.emailed_at) == (MAX_EMAIL_ATTEMPTS, None)
    assert report.emails == 0
    assert mail.outbox == []


def test_a_user_without_an_email_address_gets_no_email_row(
    db, organization, owner, django_capture_on_commit_callbacks
):
    # given an overdue promise of an owner without an email address
    owner.email = ""
    owner.save(update_fields=["email"])
    _overdue_promises(organization, 1)

    # when the sweep runs
    report = _sweep(django_capture_on_commit_callbacks)

    # then they are notified in the app only
    assert (report.notifications, report.emails) == (1, 0)
    assert Notification.objects.filter(user=owner).exists()
    assert not OutboundEmail.objects.exists()
    assert mail.outbox == []


# --- escalation without a manager ----------------------------------------------------------


def _unannounced_risk(owner):
    organization = OrganizationFactory(owner=owner)
    at = datetime.datetime(2025, 6, 1, 10, tzinfo=JAKARTA)
    promise = make_promise(
        organization=organization, due_date=datetime.date(2025, 7, 30), made_on=MADE_ON, at=at
    )
    return services.promise_mark_at_risk(
        promise=promise,
        by=owner,
        at=at,
        **plan(owner, communication_due=datetime.date(2025, 6, 3)),
    )


def test_escalation_goes_to_the_admins_when_the_owner_has_no_manager(
    db, caplog, django_capture_on_commit_callbacks
):
    # given an owner with no team (so no manager), whose customer was not told in time
    lone = UserFactory(username="lone", role=Role.SALES)
    promise = _unannounced_risk(lone)
    # and an admin, a superuser, an admin who left and a sales colleague
    UserFactory(username="admin", role=Role.ADMIN)
    UserFactory(username="root", is_superuser=True)
    UserFactory(username="gone", role=Role.ADMIN, is_active=False)
    UserFactory(username="colleague", role=Role.SALES)

    # when the sweep runs, twice
    with caplog.at_level(logging.WARNING, logger="karib.promises.notifications"):
        first = _sweep(django_capture_on_commit_callbacks)
    second = _sweep(django_capture_on_commit_callbacks)

    # then the active admins were told once, by app and email, and it was logged
    assert (first.escalated, first.notifications) == (1, 2)
    assert (second.escalated, second.notifications) == (1, 0)
    escalations = Notification.objects.filter(kind="promise_escalation")
    assert sorted(n.user.username for n in escalations) == ["admin", "root"]
    assert {n.url for n in escalations} == {f"/promises/{promise.pk}/"}
    assert sorted(message.to[0] for message in mail.outbox) == [
        "admin@example.test",
        "root@example.test",
    ]
    assert any(
        "has no manager" in record.getMessage()
        and f"user {promise.made_by_id} " in record.getMessage()
        and "lone" not in record.getMessage()  # user ids only, never names, in the logs
        for record in caplog.records
    )


def test_escalation_with_no_manager_and_no_admin_is_logged_as_an_error(
    db, caplog, django_capture_on_commit_callbacks
):
    # given an owner with no manager, and no admin at all
    _unannounced_risk(UserFactory(username="lone", role=Role.SALES))

    # when the sweep runs
    with caplog.at_level(logging.WARNING, logger="karib.promises.notifications"):
        report = _sweep(django_capture_on_commit_callbacks)

    # then nobody could be told, and that is an error in the log
    assert (report.escalated, report.notifications) == (1, 0)
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert errors
    assert "nobody" in errors[0].getMessage()


def test_escalation_still_goes_to_the_manager_when_there_is_one(
    db, owner, manager, django_capture_on_commit_callbacks
):
    # given an owner with a manager, and an admin
    UserFactory(username="admin", role=Role.ADMIN)
    _unannounced_risk(owner)

    # when the sweep runs
    _sweep(django_capture_on_commit_callbacks)

    # then only the manager is told
    escalations = Notification.objects.filter(kind="promise_escalation")
    assert [n.user for n in escalations] == [manager]
