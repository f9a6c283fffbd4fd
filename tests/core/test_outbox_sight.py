"""An e-mail asks at delivery whether its reader may still read it (secprobe10, F5).

Regression: a notification's e-mail was rendered and sent at delivery without asking whether
its reader still saw the subject (``notifications.in_sight``, which Today and the digest apply)
or was still active: one that waited (the mail server down, retries) went out naming a promise
its reader had lost sight of, to a deactivated account too. A digest waited the same way for a
deactivated reader.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from karib.core import outbox
from karib.core.models import OutboundEmail
from karib.core.roles import Role
from karib.core.services import notification_send, profile_set_daily_digest
from karib.people import services as people
from karib.people.models import Organization
from tests.factories import TeamFactory, UserFactory
from tests.promises.factories import make_promise

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_promise_email():
    """rudi's e-mail about his overdue promise, waiting (not delivered yet)."""
    team = TeamFactory()
    rudi = UserFactory(username="rudi", role=Role.SALES, team=team, email="rudi@example.test")
    sari = UserFactory(username="sari", role=Role.SALES, team=team, email="sari@example.test")
    admin = UserFactory(username="admin1", role=Role.ADMIN, team=team)
    organization = people.organization_create(
        by=rudi, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    promise = make_promise(organization=organization, by=rudi, text="Kirim draf MoU rahasia")
    notification_send(
        user=rudi,
        kind="promises.overdue",
        dedupe_key="overdue-1",
        title="Promise overdue: Kirim draf MoU rahasia",
        url=reverse("promises:detail", args=[promise.pk]),
        email=True,
    )
    return rudi, sari, admin, organization


def test_a_waiting_email_about_a_subject_out_of_sight_is_closed_unsent(
    mailoutbox, waiting_promise_email
):
    # given rudi's waiting e-mail about a promise of an organization then handed to sari
    rudi, sari, admin, organization = waiting_promise_email
    people.organization_update(organization=organization, by=admin, owner=sari)
    # when the outbox is delivered
    sent = outbox.deliver_pending()
    # then nothing goes out, and the row is closed with its reason, never retried
    assert sent == 0
    assert mailoutbox == []
    row = OutboundEmail.objects.get(user=rudi)
    assert row.emailed_at is not None
    assert row.last_error == outbox.CLOSED_OUT_OF_SIGHT
    assert outbox.deliver_pending() == 0


def test_a_waiting_email_to_a_deactivated_user_is_closed_unsent(mailoutbox, waiting_promise_email):
    # given rudi's waiting e-mail about his own promise, and rudi deactivated
    rudi, _sari, _admin, _organization = waiting_promise_email
    rudi.is_active = False
    rudi.save(update_fields=["is_active"])
    # when the outbox is delivered
    outbox.deliver_pending()
    # then nothing goes out, and the row says why
    assert mailoutbox == []
    row = OutboundEmail.objects.get(user=rudi)
    assert row.emailed_at is not None
    assert row.last_error == outbox.CLOSED_INACTIVE


def test_a_waiting_email_still_in_sight_goes_out(mailoutbox, waiting_promise_email):
    # given rudi's waiting e-mail, rudi still active and owning the organization
    rudi, _sari, _admin, _organization = waiting_promise_email
    # when the outbox is delivered
    assert outbox.deliver_pending() == 1
    # then it goes out once
    assert [message.to for message in mailoutbox] == [["rudi@example.test"]]
    assert "Kirim draf MoU rahasia" in mailoutbox[0].subject
    assert OutboundEmail.objects.get(user=rudi).last_error == ""


def test_a_waiting_digest_to_a_deactivated_user_is_closed_unsent(mailoutbox):
    # given a digest queued for a user, then deactivated before it is delivered
    user = UserFactory(email="wants@example.test")
    notification_send(user=user, kind="t", title="Call Pak Suryo", dedupe_key="d")
    profile_set_daily_digest(user=user, enabled=True)
    assert outbox.digests_enqueue() == 1
    user.is_active = False
    user.save(update_fields=["is_active"])
    # when the outbox is delivered
    outbox.deliver_pending()
    # then no digest goes out, and the row says why
    assert mailoutbox == []
    row = OutboundEmail.objects.get(user=user, kind=OutboundEmail.Kind.DIGEST)
    assert row.emailed_at is not None
    assert row.last_error == outbox.CLOSED_INACTIVE
