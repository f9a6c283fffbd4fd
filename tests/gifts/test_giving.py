"""Marking a gift given: the date's bounds and the policy checked again for the day of giving.

Regression tests for the review of the gifts app (given_on was barely checked; the policy was
never re-evaluated at giving time; yearly totals counted by the proposal year).
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from karib.core.models import AuditEvent, Notification
from karib.core.roles import Role
from karib.gifts import adapters, services
from karib.gifts.models import Gift
from tests.factories import OrganizationFactory, PersonFactory, UserFactory

from .factories import OpenTenderFactory
from .support import JUNE, approve_on, propose

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def rule_codes(gift: Gift) -> list[str]:
    return list(gift.decisions.order_by("pk").values_list("rule_code", flat=True))


# given_on: approval date (else proposal date) <= given_on <= today


def test_a_gift_cannot_be_given_in_the_future(giver, private_contact):
    # given a small gift that needs no approval
    gift = propose(giver, private_contact, estimated_value=100_000)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    # when it is marked given tomorrow
    with pytest.raises(services.GiftError) as error:
        services.gift_mark_given(gift=gift, by=giver, given_on=tomorrow)
    # then the error names the field and nothing changed
    assert error.value.field == "given_on"
    assert "future" in error.value.message
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED
    assert gift.given_on is None


def test_a_gift_can_be_given_today(giver, private_contact):
    gift = propose(giver, private_contact, estimated_value=100_000)
    gift = services.gift_mark_given(gift=gift, by=giver, given_on=timezone.localdate())
    assert gift.status == Gift.Status.GIVEN


def test_a_gift_cannot_be_given_before_its_approval(giver, compliance, official):
    # given a gift proposed on 1 June and approved on 10 June
    gift = approve_on(propose(giver, official), compliance, datetime.date(2026, 6, 10))
    # when it is marked given on 2 June
    with pytest.raises(services.GiftError) as error:
        services.gift_mark_given(gift=gift, by=giver, given_on=datetime.date(2026, 6, 2))
    # then the error names the field and the approval date; nothing changed
    assert error.value.field == "given_on"
    assert "10 June 2026" in error.value.message
    gift.refresh_from_db()
    assert gift.status == Gift.Status.APPROVED
    assert gift.report_deadline is None
    # and on the day of the approval it can be given
    gift = services.gift_mark_given(gift=gift, by=giver, given_on=datetime.date(2026, 6, 10))
    assert gift.status == Gift.Status.GIVEN


def test_an_approval_cannot_be_dated_in_the_future_or_before_the_proposal(
    giver, compliance, official
):
    gift = propose(giver, official)
    for decided_at in (
        timezone.now() + datetime.timedelta(hours=1),
        datetime.datetime(2026, 5, 31, 23, tzinfo=datetime.UTC) - datetime.timedelta(days=1),
    ):
        with pytest.raises(services.GiftError) as error:
            services.gift_approve(gift=gift, by=compliance, decided_at=decided_at)
        assert error.value.field == "decided_at"
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED


# The policy is checked again for the day of giving


def test_a_recipient_who_became_an_official_sends_the_gift_back_for_approval(
    giver, compliance, django_capture_on_commit_callbacks
):
    # given a small gift to a private-sector contact, allowed without approval
    person = PersonFactory(organization=OrganizationFactory(owner=giver))
    gift = propose(giver, person, estimated_value=500_000)
    assert not gift.requires_approval
    # and the contact has since become a public official
    person.is_public_official = True
    person.save()
    # when Dewi marks it given
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.GiftSentBackForApproval) as error,
    ):
        services.gift_mark_given(gift=gift, by=giver, given_on=JUNE)
    # then it was not given: it is back in the approval queue, with the new reasons recorded
    assert "approval" in error.value.message
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED
    assert gift.requires_approval
    assert gift.requires_kpk_report
    assert gift.recipient_is_public_official
    assert gift.given_on is None
    assert rule_codes(gift) == ["allowed", "recheck_approval", "official_approval", "kpk_report"]
    marker = gift.decisions.get(rule_code="recheck_approval")
    assert "1 June 2026" in marker.reason
    assert Notification.objects.filter(user=compliance, kind="gifts.approval").count() == 1
    assert AuditEvent.objects.filter(
        object_id=str(gift.pk), summary__startswith="gift not given"
    ).exists()
    # when Compliance approves it, it can be given, with the KPK deadline
    gift = services.gift_approve(gift=gift, by=compliance)
    gift = services.gift_mark_given(gift=gift, by=giver)
    assert gift.status == Gift.Status.GIVEN
    assert gift.report_deadline is not None


def test_an_approved_gift_with_a_new_reason_goes_back_to_the_queue(
    giver, compliance, private_contact, django_capture_on_commit_callbacks
):
    # given a gift approved above the company threshold (Compliance was told once)
    with django_capture_on_commit_callbacks(execute=True):
        gift = propose(giver, private_contact, estimated_value=1_500_000)
    gift = approve_on(gift, compliance)
    # and a tender with the contact's organization opened before it is given
    OpenTenderFactory(organization=private_contact.organization, name="Tender ERP")
    # when it is marked given during the tender
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.GiftSentBackForApproval),
    ):
        services.gift_mark_given(gift=gift, by=giver, given_on=datetime.date(2026, 6, 3))
    # then it waits for Compliance again, and Compliance is told
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED
    assert gift.is_awaiting_approval
    assert "open_tender" in rule_codes(gift)
    assert list(services_queue(compliance)) == [gift]
    assert Notification.objects.filter(user=compliance, kind="gifts.approval").count() == 2


def services_queue(user):
    from karib.gifts.selectors import gift_approval_queue

    return gift_approval_queue(user=user)


def test_an_approval_covers_the_reasons_it_was_given_for(giver, compliance, private_contact):
    # given a gift approved above the company threshold, nothing new since
    gift = approve_on(propose(giver, private_contact, estimated_value=1_500_000), compliance)
    # when it is given, the threshold still fires at giving time but was approved
    gift = services.gift_mark_given(gift=gift, by=giver, given_on=datetime.date(2026, 6, 2))
    # then it is given and no re-check was recorded
    assert gift.status == Gift.Status.GIVEN
    assert "recheck_approval" not in rule_codes(gift)


def test_the_yearly_total_of_the_year_of_giving_is_checked_again(
    giver, private_contact, compliance
):
    # given a Rp900,000 gift proposed without approval (nothing else this year)
    gift = propose(giver, private_contact, estimated_value=900_000)
    assert not gift.requires_approval
    # and meanwhile colleagues' gifts to the same contact reached Rp2,500,000
    colleague = UserFactory(role=Role.SALES)
    for _ in range(5):
        propose(colleague, private_contact, estimated_value=500_000)
    # when it is marked given: 2,500,000 + 900,000 is above the Rp3,000,000 cap
    with pytest.raises(services.GiftSentBackForApproval):
        services.gift_mark_given(gift=gift, by=giver, given_on=datetime.date(2026, 6, 5))
    # then it needs approval for the yearly total
    gift.refresh_from_db()
    assert gift.is_awaiting_approval
    cap = gift.decisions.get(rule_code="yearly_cap")
    assert cap.params["total_idr"] == 3_400_000


def test_a_gift_the_policy_now_refuses_is_rejected_not_given(giver, compliance):
    # given a phone-credit top-up approved for a private-sector contact (cash equivalent)
    person = PersonFactory(organization=OrganizationFactory(owner=giver))
    gift = approve_on(
        propose(giver, person, description="Pulsa Rp200.000", estimated_value=200_000),
        compliance,
    )
    # who then became a public official
    person.is_public_official = True
    person.save()
    # when it is marked given
    with pytest.raises(services.GiftRefusedAtGiving) as error:
        services.gift_mark_given(gift=gift, by=giver, given_on=datetime.date(2026, 6, 2))
    # then the policy refuses it: rejected with the rule, never given
    assert "refuses" in error.value.message
    gift.refresh_from_db()
    assert gift.status == Gift.Status.REJECTED
    assert gift.given_on is None
    assert gift.report_deadline is None
    assert rule_codes(gift)[-2:] == ["recheck_refused", "cash_to_official"]


def test_given_to_an_official_still_gets_the_deadline(giver, compliance, official):
    gift = approve_on(propose(giver, official), compliance)
    gift = services.gift_mark_given(gift=gift, by=giver, given_on=JUNE)
    assert gift.status == Gift.Status.GIVEN
    assert gift.report_deadline == datetime.date(2026, 7, 14)


# Yearly totals count each gift in the year it was given (else proposed)


def test_yearly_total_counts_a_gift_in_the_year_it_was_given(giver, private_contact):
    # given a gift proposed in December 2025 and given in January 2026
    december = propose(
        giver, private_contact, estimated_value=900_000, proposed_on=datetime.date(2025, 12, 20)
    )
    december = services.gift_mark_given(
        gift=december, by=giver, given_on=datetime.date(2026, 1, 10)
    )
    # and two more proposed in January 2026
    propose(giver, private_contact, estimated_value=900_000, proposed_on=datetime.date(2026, 1, 5))
    propose(giver, private_contact, estimated_value=900_000, proposed_on=datetime.date(2026, 1, 6))
    # then 2026 holds all three and 2025 none
    assert adapters.recipient_year_total(recipient_id=private_contact.pk, year=2026) == 2_700_000
    assert adapters.recipient_year_total(recipient_id=private_contact.pk, year=2025) == 0
    assert december.year == 2026
    # when one more Rp900,000 is proposed in February 2026: 3,600,000 is above the cap
    february = propose(
        giver, private_contact, estimated_value=900_000, proposed_on=datetime.date(2026, 2, 6)
    )
    # then it is flagged
    assert february.requires_approval
    assert february.decisions.get(rule_code="yearly_cap").params["total_idr"] == 3_600_000


# Decisions are stamped with the time of their action


def test_rules_of_a_past_proposal_come_before_its_approval(giver, compliance, official):
    # given a proposal recorded afterwards for 13 January 2025, approved on 15 January
    gift = propose(giver, official, proposed_on=datetime.date(2025, 1, 13))
    approve_on(gift, compliance, datetime.date(2025, 1, 15))
    # then the rules that fired at the proposal are dated that day and listed first
    decisions = list(gift.decisions.all())
    assert [d.rule_code or d.outcome for d in decisions] == [
        "official_approval",
        "kpk_report",
        "approved",
    ]
    assert timezone.localdate(decisions[0].decided_at) == datetime.date(2025, 1, 13)
    assert decisions[0].decided_at < decisions[-1].decided_at


def test_rules_of_a_proposal_today_are_stamped_now(giver, official):
    before = timezone.now()
    gift = propose(giver, official, proposed_on=None)
    assert all(before <= d.decided_at <= timezone.now() for d in gift.decisions.all())


# Cash equivalents to a private-sector recipient need approval (docs/gifts-policy.md)


def test_cash_to_a_private_contact_needs_approval(giver, private_contact):
    # when Rp500,000 in cash is proposed for a private-sector contact
    gift = propose(
        giver, private_contact, kind="cash", description="Amplop", estimated_value=500_000
    )
    # then it is not refused but waits for Compliance, and cannot be given before
    assert gift.status == Gift.Status.PROPOSED
    assert gift.is_cash_equivalent
    assert gift.requires_approval
    assert gift.decisions.get(rule_code="cash_equivalent").outcome == "flagged"
    with pytest.raises(services.GiftError, match="approval"):
        services.gift_mark_given(gift=gift, by=giver, given_on=JUNE)
