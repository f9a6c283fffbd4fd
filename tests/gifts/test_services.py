"""Services: propose (policy), approve/reject (Compliance only), given/declined/returned."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from karib.core.errors import DomainError, ErrorCode
from karib.core.models import AuditEvent, Notification
from karib.core.roles import Role
from karib.gifts import services
from karib.gifts.models import CollectiveLeaveDay, Gift, GiftDecision, PolicyRule
from tests.factories import PersonalFactFactory, PersonFactory, UserFactory

from .factories import OpenTenderFactory
from .support import approve_on

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


JUNE = datetime.date(2026, 6, 1)


def propose(by, recipient, **kwargs):
    values = {
        "kind": "goods",
        "description": "Buku cerita wayang",
        "estimated_value": 250_000,
        "business_purpose": "Relationship",
        "proposed_on": JUNE,
    }
    values.update(kwargs)
    return services.gift_propose(by=by, recipient=recipient, **values)


def test_proposing_a_gift_to_an_official_needs_approval_and_notifies_compliance(
    giver, compliance, official, django_capture_on_commit_callbacks
):
    # when Dewi proposes a book for the official
    with django_capture_on_commit_callbacks(execute=True):
        gift = propose(giver, official)
    # then it waits for approval, with the rules that fired recorded and audited
    assert gift.status == Gift.Status.PROPOSED
    assert gift.requires_approval
    assert gift.requires_kpk_report
    rules = list(gift.decisions.values_list("rule_code", "outcome"))
    assert rules == [("official_approval", "needs_approval"), ("kpk_report", "note")]
    assert "public official" in gift.decisions.first().reason
    assert gift.decisions.first().legal_source.startswith("UU 31/1999")
    assert AuditEvent.objects.filter(object_id=str(gift.pk), action="create").exists()
    assert Notification.objects.filter(user=compliance, kind="gifts.approval").count() == 1


def test_cash_equivalent_to_an_official_is_rejected_with_the_rule(giver, official):
    # when a voucher is proposed for an official
    gift = propose(giver, official, description="Voucher belanja Rp500.000")
    # then it is stored as rejected, flagged as cash equivalent, with the rule and the reason
    assert gift.status == Gift.Status.REJECTED
    assert gift.is_cash_equivalent
    decision = gift.decisions.get()
    assert decision.rule_code == "cash_to_official"
    assert decision.outcome == GiftDecision.Outcome.REFUSED
    assert "voucher" in decision.reason


def test_small_private_gift_needs_no_approval_and_can_be_given(giver, private_contact):
    gift = propose(giver, private_contact, estimated_value=1_000_000)
    assert gift.status == Gift.Status.PROPOSED
    assert not gift.requires_approval
    assert gift.decisions.get().rule_code == "allowed"
    gift = services.gift_mark_given(gift=gift, by=giver, given_on=JUNE)
    assert gift.status == Gift.Status.GIVEN
    assert gift.report_deadline is None


def test_company_threshold_comes_from_the_data(giver, private_contact):
    # given Compliance lowered the company threshold from June 2026
    PolicyRule.objects.create(
        code="private_threshold",
        threshold_idr=200_000,
        legal_source="memo",
        effective_from=datetime.date(2026, 5, 1),
    )
    # then a Rp250,000 gift now needs approval, but one proposed before May did not
    assert propose(giver, private_contact).requires_approval
    earlier = propose(giver, private_contact, proposed_on=datetime.date(2026, 4, 1))
    assert not earlier.requires_approval


def test_yearly_total_counts_every_giver_and_ignores_rejected_and_other_years(
    giver, private_contact
):
    # given two colleagues already gave Rp2,800,000 to the contact this year
    colleague = UserFactory(role=Role.SALES)
    returned = propose(giver, private_contact, estimated_value=900_000)
    services.gift_mark_given(gift=returned, by=giver, given_on=JUNE)
    services.gift_mark_returned(gift=returned, by=giver)
    propose(giver, private_contact, estimated_value=900_000)
    propose(colleague, private_contact, estimated_value=900_000)
    propose(colleague, private_contact, estimated_value=1_000_000)
    propose(giver, private_contact, estimated_value=900_000, proposed_on=datetime.date(2025, 6, 1))
    # when another Rp200,000 is proposed: 2,800,000 + 200,000 = 3,000,000, at the cap
    at_cap = propose(giver, private_contact, estimated_value=200_000)
    # then it is not flagged; one rupiah more is
    assert "yearly_cap" not in set(at_cap.decisions.values_list("rule_code", flat=True))
    above = propose(colleague, private_contact, estimated_value=1)
    decision = above.decisions.get(rule_code="yearly_cap")
    assert decision.outcome == "flagged"
    assert decision.params["total_idr"] == 3_000_001
    assert above.requires_approval


def test_gift_during_an_open_tender_is_flagged(giver, private_contact):
    OpenTenderFactory(organization=private_contact.organization, name="Tender ERP")
    gift = propose(giver, private_contact)
    decision = gift.decisions.get(rule_code="open_tender")
    assert "Tender ERP" in decision.reason
    assert gift.requires_approval


def test_tender_of_another_organization_or_closed_is_not_flagged(giver, private_contact):
    OpenTenderFactory(name="Elsewhere")
    OpenTenderFactory(
        organization=private_contact.organization,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31),
    )
    assert not propose(giver, private_contact).requires_approval


def test_only_a_compliance_officer_approves(giver, compliance, official):
    gift = propose(giver, official)
    manager = UserFactory(role=Role.MANAGER)
    admin = UserFactory(role=Role.ADMIN, is_superuser=True)
    for user in (giver, manager, admin):
        with pytest.raises(DomainError) as refused:
            services.gift_approve(gift=gift, by=user)
        assert refused.value.code == ErrorCode.FORBIDDEN
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED
    assert not gift.decisions.filter(outcome="approved").exists()
    # when Maya approves
    gift = services.gift_approve(gift=gift, by=compliance, note="OK")
    # then who and why are recorded
    assert gift.status == Gift.Status.APPROVED
    decision = gift.decisions.get(outcome="approved")
    assert decision.decided_by == compliance
    assert decision.reason == "OK"


def test_a_compliance_officer_cannot_approve_their_own_gift(compliance, official):
    # given a compliance officer who also sells (so may propose) and proposed a gift
    compliance.groups.add(Group.objects.get(name=Role.SALES.value))
    compliance = type(compliance).objects.get(pk=compliance.pk)  # roles are cached per object
    gift = propose(compliance, official)
    # then they cannot approve it themself
    with pytest.raises(DomainError) as refused:
        services.gift_approve(gift=gift, by=compliance)
    assert refused.value.code == ErrorCode.FORBIDDEN
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED


def test_reject_needs_a_reason_and_ends_the_gift(giver, compliance, official):
    gift = propose(giver, official)
    with pytest.raises(services.GiftError):
        services.gift_reject(gift=gift, by=compliance, note=" ")
    gift = services.gift_reject(gift=gift, by=compliance, note="Tender berjalan")
    assert gift.status == Gift.Status.REJECTED
    with pytest.raises(services.GiftError):
        services.gift_mark_given(gift=gift, by=giver)
    with pytest.raises(services.GiftError):
        services.gift_approve(gift=gift, by=compliance)


def test_cannot_be_given_without_the_required_approval(giver, official):
    gift = propose(giver, official)
    with pytest.raises(services.GiftError, match="approval"):
        services.gift_mark_given(gift=gift, by=giver, given_on=JUNE)
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED
    assert gift.given_on is None


def test_given_to_an_official_sets_the_kpk_deadline_and_reminds_giver_and_compliance(
    giver, compliance, official, django_capture_on_commit_callbacks
):
    # given a gift approved the day it was proposed
    gift = approve_on(propose(giver, official), compliance)
    # when Dewi gives it on Monday 1 June 2026 (Pancasila Day, a holiday)
    with django_capture_on_commit_callbacks(execute=True):
        gift = services.gift_mark_given(gift=gift, by=giver, given_on=JUNE, place="Jakarta")
    # then the deadline is 30 working days later, skipping 16 June (Islamic New Year)
    assert gift.report_deadline == datetime.date(2026, 7, 14)
    reminders = Notification.objects.filter(kind="gifts.kpk_report")
    assert {n.user for n in reminders} == {giver, compliance}
    assert all(n.due_on == datetime.date(2026, 7, 14) for n in reminders)
    assert reminders.first().params["deadline"] == "2026-07-14"  # shown per reader
    audit = AuditEvent.objects.filter(object_id=str(gift.pk), summary="gift given").get()
    assert audit.changes["status"] == {"before": "approved", "after": "given"}


def test_other_users_cannot_mark_a_gift_given(giver, private_contact):
    gift = propose(giver, private_contact)
    stranger = UserFactory(role=Role.SALES)
    with pytest.raises(DomainError) as refused:
        services.gift_mark_given(gift=gift, by=stranger)
    assert refused.value.code == ErrorCode.FORBIDDEN
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED


def test_declined_and_returned(giver, compliance, official):
    declined = services.gift_mark_declined(gift=propose(giver, official), by=giver, note="no")
    assert declined.status == Gift.Status.DECLINED
    gift = approve_on(propose(giver, official), compliance)
    with pytest.raises(services.GiftError):
        services.gift_mark_returned(gift=gift, by=giver)
    gift = services.gift_mark_given(gift=gift, by=giver, given_on=JUNE)
    with pytest.raises(services.GiftError):
        services.gift_mark_declined(gift=gift, by=giver)
    assert services.gift_mark_returned(gift=gift, by=compliance).status == Gift.Status.RETURNED


def test_bad_input_names_the_field(giver, private_contact):
    other_fact = PersonalFactFactory(person=PersonFactory())
    cases = [
        ({"description": " "}, "description"),
        ({"business_purpose": ""}, "business_purpose"),
        ({"estimated_value": 0}, "estimated_value"),
        ({"honours_fact": other_fact}, "honours_fact"),
    ]
    for overrides, field in cases:
        with pytest.raises(services.GiftError) as error:
            propose(giver, private_contact, **overrides)
        assert error.value.field == field
    assert not Gift.objects.exists()


def test_gift_given_before_it_was_proposed_is_refused(giver, private_contact):
    gift = propose(giver, private_contact)
    with pytest.raises(services.GiftError):
        services.gift_mark_given(gift=gift, by=giver, given_on=JUNE - datetime.timedelta(days=1))


def test_collective_leave_days_move_the_deadline(giver, compliance, official):
    # given a collective leave day is configured inside the reporting window
    CollectiveLeaveDay.objects.create(date=datetime.date(2026, 7, 1), name="Cuti bersama (test)")
    gift = approve_on(propose(giver, official), compliance)
    gift = services.gift_mark_given(gift=gift, by=giver, given_on=JUNE)
    # then the deadline moves one working day later
    assert gift.report_deadline == datetime.date(2026, 7, 15)


def test_deciding_clears_the_approval_reminders(
    giver, compliance, official, django_capture_on_commit_callbacks
):
    other_officer = UserFactory(role=Role.COMPLIANCE_OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        gift = propose(giver, official)
    assert Notification.objects.filter(kind="gifts.approval", read_at__isnull=True).count() == 2
    services.gift_approve(gift=gift, by=other_officer)
    assert not Notification.objects.filter(kind="gifts.approval", read_at__isnull=True).exists()


def test_policy_rule_validation_names_the_field():
    from django.core.exceptions import ValidationError

    rule = PolicyRule(code="yearly_cap", legal_source="x", effective_from=JUNE)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "threshold_idr" in error.value.message_dict
    rule = PolicyRule(code="kpk_report", legal_source="x", effective_from=JUNE)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "working_days" in error.value.message_dict


def test_default_rules_are_seeded_with_their_sources():
    rules = {rule.code: rule for rule in PolicyRule.objects.all()}
    assert rules["private_threshold"].threshold_idr == 1_000_000
    assert rules["burden_of_proof"].threshold_idr == 10_000_000
    assert rules["ceremony_exemption"].threshold_idr == 1_500_000
    assert rules["kpk_report"].working_days == 30
    assert "Pasal 12C" in rules["kpk_report"].legal_source
    assert "Peraturan KPK 1/2026" in rules["ceremony_exemption"].legal_source


def test_staff_of_a_state_owned_enterprise_count_as_public_officials(giver):
    # given a contact at a BUMN who is not flagged as a public official
    from karib.people.models import Organization
    from tests.factories import OrganizationFactory

    bumn = OrganizationFactory(kind=Organization.Kind.STATE_OWNED, owner=giver)
    contact = PersonFactory(organization=bumn, is_public_official=False)
    # when a small gift is proposed
    gift = propose(giver, contact, estimated_value=100_000)
    # then the public-official rules apply
    assert gift.recipient_is_public_official
    assert gift.requires_approval
    assert gift.requires_kpk_report
