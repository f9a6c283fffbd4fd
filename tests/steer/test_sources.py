"""Actions from gifts and conversation QA: KPK report, a decided gift, a review to answer,
a dispute waiting, a flagged conversation with your customer."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from karib.core.roles import Role
from karib.gifts.models import Gift, GiftDecision
from karib.service import services as service_services
from karib.service.models import Dispute
from karib.steer import services
from karib.steer.models import ActionKind, NextAction
from tests.factories import OrganizationFactory, PersonFactory, UserFactory
from tests.gifts.factories import GiftFactory
from tests.service.factories import (
    DATA,
    agent_user,
    conversation_from_text,
    reviewer_user,
    service_team,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)


def _kinds(user) -> set[str]:
    return set(NextAction.objects.filter(owner=user, status="open").values_list("kind", flat=True))


def test_kpk_report_overdue_asks_the_giver_to_record_it():
    rep = UserFactory(role=Role.SALES)
    person = PersonFactory(owner=rep, organization=OrganizationFactory(owner=rep))
    gift = GiftFactory(
        recipient=person,
        status=Gift.Status.GIVEN,
        given_on=datetime.date(2025, 1, 20),
        requires_kpk_report=True,
        report_deadline=datetime.date(2025, 3, 6),
    )
    GiftFactory(  # a deadline far ahead waits
        recipient=person,
        status=Gift.Status.GIVEN,
        given_on=TODAY,
        requires_kpk_report=True,
        report_deadline=TODAY + datetime.timedelta(days=40),
    )
    services.next_actions_refresh(today=TODAY)
    action = NextAction.objects.get(kind=ActionKind.KPK_REPORT)
    assert action.gift == gift
    assert action.reason_code == "kpk_report_overdue"
    assert action.reason_params["days"] == (TODAY - datetime.date(2025, 3, 6)).days
    assert action.urgency == 5


def test_a_decided_gift_tells_the_giver_until_it_moves_on():
    rep = UserFactory(role=Role.SALES)
    compliance = UserFactory(role=Role.COMPLIANCE_OFFICER)
    person = PersonFactory(owner=rep, organization=OrganizationFactory(owner=rep))
    gift = GiftFactory(recipient=person, status=Gift.Status.APPROVED, requires_approval=True)
    GiftDecision.objects.create(
        gift=gift,
        outcome=GiftDecision.Outcome.APPROVED,
        decided_by=compliance,
        decided_at=timezone.now(),
    )
    services.next_actions_refresh()
    action = NextAction.objects.get(kind=ActionKind.GIFT_DECIDED)
    assert action.owner == rep
    assert action.reason_code == "gift_approved"
    Gift.objects.filter(pk=gift.pk).update(status=Gift.Status.GIVEN, given_on=timezone.localdate())
    services.next_actions_refresh()
    action.refresh_from_db()
    assert action.status == NextAction.Status.RESOLVED


def test_qa_loop_actions_for_agent_reviewer_and_relationship_owner():
    team = service_team()
    agent = agent_user(team)
    reviewer = reviewer_user(team)
    rep = UserFactory(role=Role.SALES)
    customer = PersonFactory(owner=rep, organization=OrganizationFactory(owner=rep))
    text = (DATA / "pushy_id.txt").read_text(encoding="utf-8")
    conversation = conversation_from_text(
        text, team=team, agent=agent, started_at=timezone.now() - datetime.timedelta(days=2)
    )
    conversation.customer = customer
    conversation.save(update_fields=["customer"])
    assert conversation.analysis.is_flagged
    # the reviewer reviews: the agent is asked to read and respond
    service_services.review_save(
        conversation=conversation, verdicts={}, comment="Pushy", qa_score=30, by=reviewer
    )
    services.next_actions_refresh()
    assert ActionKind.REVIEW_RESPOND in _kinds(agent)
    # the relationship owner of the customer is asked to follow up
    assert ActionKind.CONVERSATION_FOLLOW_UP in _kinds(rep)
    # the agent disputes: the reviewer is asked to answer, the agent's action settles
    dispute = service_services.dispute_open(
        conversation=conversation, kind=Dispute.Kind.DISPUTE, reason="The customer asked", by=agent
    )
    services.next_actions_refresh()
    assert ActionKind.DISPUTE_ANSWER in _kinds(reviewer)
    assert ActionKind.REVIEW_RESPOND not in _kinds(agent)
    service_services.dispute_answer(
        dispute=dispute, outcome=Dispute.Outcome.UPHELD, note="Finding stands", by=reviewer
    )
    services.next_actions_refresh()
    assert ActionKind.DISPUTE_ANSWER not in _kinds(reviewer)
