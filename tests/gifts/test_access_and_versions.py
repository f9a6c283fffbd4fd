"""Who may do what with a gift (karib/gifts/access.py), the decision reaching the giver, and the
version that keeps a decision from landing on a gift that changed meanwhile."""

from __future__ import annotations

import pytest

from karib.core import access
from karib.core.access import Action
from karib.core.errors import DomainError, ErrorCode
from karib.core.models import Notification
from karib.core.roles import Role
from karib.gifts import services
from karib.gifts.access import GiftAction
from karib.gifts.models import Gift
from tests.factories import UserFactory
from tests.promises.support import api_client, error_of

from .support import JUNE, approve_on, propose


def test_every_gift_action_has_a_rule():
    for action in [*Action, *GiftAction]:
        assert access.is_declared(Gift, action), action


@pytest.mark.parametrize("role", [Role.SERVICE_AGENT, Role.QA_REVIEWER], ids=str)
def test_an_agent_or_reviewer_cannot_propose_a_gift(role, official, client_for):
    # given a service agent who owns the official's organization (so sees the official)
    agent = UserFactory(role=role)
    official.organization.owner = agent
    official.organization.save(update_fields=["owner"])

    # then the service, the API and the page refuse, and nothing is recorded
    with pytest.raises(DomainError) as refused:
        propose(agent, official)
    assert refused.value.code == ErrorCode.FORBIDDEN
    response = api_client(agent).post(
        "/api/gifts/",
        {
            "recipient_id": official.pk,
            "kind": "goods",
            "description": "Buku",
            "estimated_value": 100_000,
            "business_purpose": "x",
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    assert error_of(response)["code"] == "forbidden"
    assert client_for(agent).get("/gifts/new/").status_code == 403
    assert not Gift.objects.exists()


def test_compliance_decides_and_the_giver_gives(giver, compliance, official):
    gift = propose(giver, official)
    # the giver may not approve; Compliance may not hand the gift over
    with pytest.raises(DomainError) as refused:
        services.gift_approve(gift=gift, by=giver)
    assert refused.value.code == ErrorCode.FORBIDDEN
    approve_on(gift, compliance)
    with pytest.raises(DomainError) as refused:
        services.gift_mark_given(gift=gift, by=compliance, given_on=JUNE)
    assert refused.value.code == ErrorCode.FORBIDDEN
    gift.refresh_from_db()
    assert gift.status == Gift.Status.APPROVED
    assert services.gift_mark_given(gift=gift, by=giver, given_on=JUNE).status == Gift.Status.GIVEN


def test_the_giver_is_told_once_when_compliance_decides(
    giver, compliance, official, django_capture_on_commit_callbacks
):
    # given two proposals of Dewi's waiting for approval
    approved, rejected = propose(giver, official), propose(giver, official, description="Batik")

    # when Maya approves one and rejects the other
    with django_capture_on_commit_callbacks(execute=True):
        services.gift_approve(gift=approved, by=compliance, note="Sesuai kebijakan")
        services.gift_reject(gift=rejected, by=compliance, note="Tender berjalan")

    # then Dewi has one notification per decision, with the reason
    notes = Notification.objects.filter(user=giver, kind="gifts.decision").order_by("pk")
    assert [note.url for note in notes] == [
        f"/gifts/{approved.pk}/",
        f"/gifts/{rejected.pk}/",
    ]
    assert "Sesuai kebijakan" in notes[0].body
    assert "Tender berjalan" in notes[1].body
    assert all(note.dedupe_key.startswith("gifts:decision:") for note in notes)


def test_a_decision_on_a_gift_that_changed_meanwhile_is_a_conflict(giver, compliance, official):
    # given Maya opened the gift at version 1, then Dewi recorded that it was declined
    gift = propose(giver, official)
    services.gift_mark_declined(gift=gift, by=giver, note="Pak Suryo declined")

    # when Maya approves from what she read
    response = api_client(compliance).post(
        f"/api/gifts/{gift.pk}/approve",
        {"note": "ok"},
        content_type="application/json",
        headers={"If-Match": '"1"'},
    )

    # then it is a conflict naming Dewi, and the gift stays declined
    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "conflict"
    assert "Dewi" in error["message"]
    gift.refresh_from_db()
    assert (gift.status, gift.version) == (Gift.Status.DECLINED, 2)


def test_a_stale_page_decision_keeps_the_note(giver, compliance, official, client_for):
    gift = propose(giver, official)
    services.gift_mark_declined(gift=gift, by=giver)
    response = client_for(compliance).post(
        f"/gifts/{gift.pk}/approve/", {"version": "1", "note": "Checked the tender dates"}
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert "Dewi" in content
    assert "Checked the tender dates" in content
    gift.refresh_from_db()
    assert gift.status == Gift.Status.DECLINED
