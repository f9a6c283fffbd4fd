"""Promise emails move to core's outbox: every row keeps what it knew, nothing is sent twice."""

from __future__ import annotations

import datetime

import pytest

from karib.core.models import OutboundEmail
from tests.migration_support import migrate_to

BEFORE = [("promises", "0003_promise_version"), ("core", "0004_notifications_to_codes")]
AFTER = [("promises", "0004_promise_email_to_core_outbox")]


@pytest.mark.django_db(transaction=True)
def test_promise_emails_become_outbox_rows_as_they_were(at_latest_afterwards):
    # given a sent and a failing promise email, as the previous version stored them
    old = migrate_to(BEFORE)
    user = old.get_model("auth", "User").objects.create(username="rudi", email="r@example.test")
    notification = old.get_model("core", "Notification")
    sent, failing = (
        notification.objects.create(user=user, kind="promise_overdue", title=title, dedupe_key=key)
        for title, key in (("Janji lewat tenggat: A", "k1"), ("Janji lewat tenggat: B", "k2"))
    )
    emailed_at = datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)
    promise_email = old.get_model("promises", "PromiseEmail")
    promise_email.objects.create(notification=sent, emailed_at=emailed_at, attempts=1)
    promise_email.objects.create(notification=failing, attempts=2, last_error="smtp down")

    # when the migration runs
    migrate_to(AFTER)

    # then both are in the outbox with their state: the sent one stays sent, the failing one
    # pending with its attempts, and neither will be enqueued again for its notification
    rows = {
        row.notification_id: (row.kind, row.emailed_at, row.attempts, row.last_error)
        for row in OutboundEmail.objects.all()
    }
    assert rows == {
        sent.pk: ("notification", emailed_at, 1, ""),
        failing.pk: ("notification", None, 2, "smtp down"),
    }
    assert set(OutboundEmail.objects.values_list("dedupe_key", flat=True)) == {
        f"notification:{sent.pk}",
        f"notification:{failing.pk}",
    }
