"""The daily sweep: overdue promises notify owner and manager once; silent risks escalate."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus

from karib.core.models import Notification, Profile
from karib.promises import services
from karib.promises.tasks import promises_daily
from tests.factories import InteractionFactory

from .factories import make_promise, plan

UTC = datetime.UTC


def _freeze(monkeypatch, moment: datetime.datetime) -> None:
    """Make `timezone.now()` (and so `timezone.localdate()`) return `moment`."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def _run():
    result = promises_daily.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL, result.errors
    return result.return_value


def test_overdue_promise_notifies_owner_and_manager_once(
    db, monkeypatch, organization, owner, manager, outsider, django_capture_on_commit_callbacks
):
    # given a promise due yesterday (Jakarta), and one due today
    _freeze(monkeypatch, datetime.datetime(2025, 6, 10, 5, 0, tzinfo=UTC))  # 12:00 WIB
    late = make_promise(
        organization=organization,
        due_date=datetime.date(2025, 6, 9),
        made_on=datetime.date(2025, 6, 1),
    )
    make_promise(
        organization=organization,
        due_date=datetime.date(2025, 6, 10),
        made_on=datetime.date(2025, 6, 1),
    )

    # when the daily task runs twice
    with django_capture_on_commit_callbacks(execute=True):
        first = _run()
    with django_capture_on_commit_callbacks(execute=True):
        second = _run()

    # then the owner and the manager were notified once, by app and by email
    assert (first["overdue"], first["notifications"], first["emails"]) == (1, 2, 2)
    assert (second["overdue"], second["notifications"], second["emails"]) == (1, 0, 0)
    notified = Notification.objects.filter(kind="promise_overdue")
    assert sorted(n.user.username for n in notified) == ["budi", "rudi"]
    assert {n.url for n in notified} == {f"/promises/{late.pk}/"}
    assert sorted(m.to[0] for m in mail.outbox) == ["budi@example.test", "rudi@example.test"]
    assert not Notification.objects.filter(user=outsider).exists()


@pytest.mark.parametrize(
    ("utc_moment", "overdue"),
    [
        # 16:59 UTC on 9 June is 23:59 on 9 June in Jakarta: due 9 June is due today
        (datetime.datetime(2025, 6, 9, 16, 59, tzinfo=UTC), 0),
        # 17:01 UTC on 9 June is 00:01 on 10 June in Jakarta: it is now overdue,
        # although the date in UTC is still 9 June
        (datetime.datetime(2025, 6, 9, 17, 1, tzinfo=UTC), 1),
    ],
)
def test_today_is_the_date_in_jakarta(db, monkeypatch, organization, utc_moment, overdue):
    # given a promise due on 9 June
    _freeze(monkeypatch, datetime.datetime(2025, 6, 1, 3, 0, tzinfo=UTC))
    make_promise(organization=organization, due_date=datetime.date(2025, 6, 9))

    # when the task runs just before or just after midnight in Jakarta
    _freeze(monkeypatch, utc_moment)
    report = _run()

    # then it is overdue only once the Jakarta day is over
    assert report["overdue"] == overdue
    assert Notification.objects.filter(kind="promise_overdue").exists() is bool(overdue)


def test_renegotiated_due_date_is_a_new_deadline(db, monkeypatch, organization, owner):
    # given an overdue promise the owner was notified about
    _freeze(monkeypatch, datetime.datetime(2025, 6, 1, 3, 0, tzinfo=UTC))
    promise = make_promise(organization=organization, due_date=datetime.date(2025, 6, 5))
    _freeze(monkeypatch, datetime.datetime(2025, 6, 10, 3, 0, tzinfo=UTC))
    _run()
    assert Notification.objects.filter(user=owner, kind="promise_overdue").count() == 1

    # when it is renegotiated to a new date that passes too
    services.promise_mark_at_risk(promise=promise, by=owner, **plan(owner))
    services.promise_renegotiate(
        promise=promise,
        by=owner,
        new_text="Later",
        new_due_date=datetime.date(2025, 6, 20),
        reason="Agreed",
    )
    _freeze(monkeypatch, datetime.datetime(2025, 6, 15, 3, 0, tzinfo=UTC))
    assert _run()["overdue"] == 0
    _freeze(monkeypatch, datetime.datetime(2025, 6, 21, 3, 0, tzinfo=UTC))
    _run()

    # then the owner is notified again, once, for the new deadline
    assert Notification.objects.filter(user=owner, kind="promise_overdue").count() == 2


def _at_risk(organization, owner, communication_due: datetime.date):
    promise = make_promise(organization=organization, due_date=datetime.date(2025, 7, 30))
    return services.promise_mark_at_risk(
        promise=promise, by=owner, **plan(owner, communication_due=communication_due)
    )


def test_at_risk_without_telling_the_customer_escalates_to_the_manager(
    db, monkeypatch, organization, owner, manager
):
    # given a promise at risk, to be told to the customer by 5 June
    _freeze(monkeypatch, datetime.datetime(2025, 6, 1, 3, 0, tzinfo=UTC))
    _at_risk(organization, owner, datetime.date(2025, 6, 5))

    # when the task runs on the 5th, nothing escalates yet
    _freeze(monkeypatch, datetime.datetime(2025, 6, 5, 3, 0, tzinfo=UTC))
    assert _run()["escalated"] == 0

    # when it runs on the 6th and 7th with no interaction logged
    _freeze(monkeypatch, datetime.datetime(2025, 6, 6, 3, 0, tzinfo=UTC))
    assert _run()["escalated"] == 1
    _freeze(monkeypatch, datetime.datetime(2025, 6, 7, 3, 0, tzinfo=UTC))
    _run()

    # then the manager got one escalation; the owner got none
    escalations = Notification.objects.filter(kind="promise_escalation")
    assert [n.user.username for n in escalations] == ["budi"]


def test_a_logged_interaction_prevents_the_escalation(
    db, monkeypatch, organization, owner, manager
):
    # given a promise at risk, and a call with the organization logged after that
    _freeze(monkeypatch, datetime.datetime(2025, 6, 1, 3, 0, tzinfo=UTC))
    _at_risk(organization, owner, datetime.date(2025, 6, 5))
    InteractionFactory(
        organization=organization, occurred_at=datetime.datetime(2025, 6, 3, 3, 0, tzinfo=UTC)
    )

    # when the task runs after the communication date
    _freeze(monkeypatch, datetime.datetime(2025, 6, 8, 3, 0, tzinfo=UTC))

    # then nothing escalates
    assert _run()["escalated"] == 0
    assert not Notification.objects.filter(kind="promise_escalation").exists()


def test_management_command_runs_the_sweep_and_rejects_bad_dates(db, organization):
    make_promise(
        organization=organization,
        made_on=datetime.date(2025, 1, 1),
        due_date=datetime.date(2025, 1, 2),
    )
    out = io.StringIO()
    call_command("promises_daily", "--today", "2025-01-03", stdout=out)
    assert "2025-01-03: 1 overdue" in out.getvalue()
    with pytest.raises(Exception, match="not a date"):
        call_command("promises_daily", "--today", "tomorrow")


def test_each_recipient_is_notified_in_their_language(
    db, monkeypatch, organization, owner, manager
):
    # given an owner who chose English and a manager on the default (Indonesian)
    Profile.objects.filter(user=owner).update(language="en")
    _freeze(monkeypatch, datetime.datetime(2025, 6, 10, 5, 0, tzinfo=UTC))
    make_promise(
        organization=organization,
        text="Send the SLA",
        made_on=datetime.date(2025, 6, 1),
        due_date=datetime.date(2025, 6, 9),
    )

    # when the task runs
    _run()

    # then each got the title in their own language
    assert Notification.objects.get(user=owner).title == "Promise overdue: Send the SLA"
    assert Notification.objects.get(user=manager).title == "Janji terlambat: Send the SLA"


def test_management_command_can_enqueue_the_task(db, organization):
    # given an overdue promise (the test settings run tasks immediately)
    make_promise(
        organization=organization,
        made_on=datetime.date(2020, 1, 1),
        due_date=datetime.date(2020, 1, 2),
    )
    out = io.StringIO()

    # when the command enqueues the task
    call_command("promises_daily", "--enqueue", stdout=out)

    # then it was enqueued and (immediately) ran
    assert "Enqueued promises_daily" in out.getvalue()
    assert Notification.objects.filter(kind="promise_overdue").exists()
