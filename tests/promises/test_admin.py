"""The admin shows promises but cannot rewrite them: changes go through the services.

Regression: the admin let anyone with access rewrite the terms, the due date, the original
terms, the communication plan and the customer's agreement, with no history.
"""

from __future__ import annotations

import datetime

import pytest

from karib.core.models import AuditEvent, OutboundEmail
from karib.promises import services
from karib.promises.models import Promise
from tests.factories import UserFactory

from .factories import make_promise, plan

FUTURE = datetime.date(2099, 1, 1)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def renegotiated(organization, owner):
    promise = make_promise(organization=organization, text="Train them", due_date=FUTURE)
    services.promise_mark_at_risk(promise=promise, by=owner, **plan(owner))
    return services.promise_renegotiate(
        promise=promise,
        by=owner,
        new_text="Train them online",
        new_due_date=datetime.date(2099, 2, 1),
        reason="Agreed",
    )


def test_the_change_page_shows_the_promise_read_only(client_for, superuser, renegotiated):
    # when a superuser opens the promise in the admin
    response = client_for(superuser).get(f"/admin/promises/promise/{renegotiated.pk}/change/")

    # then it is shown, with no input for the terms, the plan or the agreement
    body = response.content.decode()
    assert response.status_code == 200
    assert "Train them online" in body
    for field in (
        "text",
        "due_date",
        "original_text",
        "original_due_date",
        "communication_message",
        "communication_due",
        "communication_owner",
        "customer_agreement",
    ):
        assert f'name="{field}"' not in body


def test_a_posted_change_rewrites_nothing(client_for, superuser, renegotiated):
    # given the promise as recorded
    before = Promise.objects.values().get(pk=renegotiated.pk)
    history = renegotiated.history.all()
    recorded = history.count()

    # when a superuser posts a complete change form with new terms, plan and agreement
    changes = history.values_list("pk", flat=True)
    client_for(superuser).post(
        f"/admin/promises/promise/{renegotiated.pk}/change/",
        {
            "text": "Nothing at all",
            "organization": before["organization_id"],
            "made_by": before["made_by_id"],
            "made_on": "2025-01-01",
            "due_date": "2030-01-01",
            "original_text": "Forged",
            "original_due_date": "2030-01-01",
            "communication_message": "Forged",
            "communication_due": "2030-01-01",
            "communication_owner": superuser.pk,
            "customer_agreement": "Forged",
            "history-TOTAL_FORMS": str(len(changes)),
            "history-INITIAL_FORMS": str(len(changes)),
            **{f"history-{i}-id": pk for i, pk in enumerate(changes)},
            **{f"history-{i}-promise": renegotiated.pk for i in range(len(changes))},
        },
    )

    # then the recorded terms and plan are unchanged, and the history too
    after = Promise.objects.values().get(pk=renegotiated.pk)
    changed = {key for key in before if key != "updated_at" and before[key] != after[key]}
    assert changed == set()
    assert after["text"] == "Train them online"
    assert after["original_text"] == "Train them"
    assert renegotiated.history.count() == recorded


def test_promises_cannot_be_added_in_the_admin(client_for, superuser, organization):
    # when a superuser tries to add a promise in the admin
    response = client_for(superuser).post(
        "/admin/promises/promise/add/",
        {"text": "Sneaked in", "organization": organization.pk, "made_on": "2025-01-01"},
    )

    # then it is forbidden and nothing was recorded
    assert response.status_code == 403
    assert not Promise.objects.exists()


def test_the_email_outbox_is_read_only(client_for, superuser):
    # when a superuser opens the outbox
    client = client_for(superuser)
    listing = client.get("/admin/core/outboundemail/")
    add = client.get("/admin/core/outboundemail/add/")

    # then it can be listed, not added to
    assert listing.status_code == 200
    assert add.status_code == 403
    assert not OutboundEmail.objects.exists()


def test_a_promise_deleted_in_the_admin_stays_in_the_audit_log(client_for, superuser, renegotiated):
    # given a renegotiated promise with its status history
    recorded = list(renegotiated.history.values_list("to_status", flat=True))
    pk = renegotiated.pk
    # when a superuser deletes it in the admin (the ledger's only delete)
    response = client_for(superuser).post(f"/admin/promises/promise/{pk}/delete/", {"post": "yes"})
    # then it is gone, and the audit log keeps its terms and its whole history
    assert response.status_code == 302
    assert not Promise.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.DELETE, object_id=str(pk))
    assert event.actor == superuser
    assert event.changes["text"]["before"] == "Train them online"
    kept = [change["to_status"] for change in event.changes["history"]["before"]]
    assert kept == recorded
    assert len(kept) >= 2
