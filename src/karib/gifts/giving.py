"""Giving a gift and recording its report to the KPK (re-exported by `services`).

The policy is checked again on the day of giving (docs/adr/0032); a public official's gift gets
a KPK reporting deadline, and the report is recorded with its date and evidence.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from karib.core import access
from karib.core.audit import audit_record, snapshot
from karib.core.errors import ErrorCode
from karib.core.models import AuditEvent, Notification
from karib.core.roles import is_compliance_or_admin
from karib.core.services import notification_mark_read
from karib.people.models import Person

from . import adapters, notifications, policy
from .access import GiftAction
from .exceptions import GiftError, GiftRefusedAtGiving, GiftSentBackForApproval
from .models import Gift, GiftDecision
from .reasons import RECHECK_APPROVAL_CODE, RECHECK_REFUSED_CODE
from .services import (
    APPROVAL_OUTCOMES,
    _lock_recipient,
    _locked,
    _plain,
    _record_hits,
    _save,
    _shown,
    gift_evaluate,
)


def _check_given_on(gift: Gift, given_on: datetime.date) -> None:
    """approval date (else proposal date) <= given_on <= today, else a GiftError on given_on."""
    today = timezone.localdate()
    if given_on > today:
        raise GiftError(
            ErrorCode.INVALID,
            gettext_lazy("The date given cannot be in the future (today is %(today)s)."),
            field="given_on",
            params={"today": _shown(today)},
        )
    if given_on < gift.proposed_on:
        raise GiftError(
            ErrorCode.INVALID,
            gettext_lazy("The gift cannot be given before it was proposed."),
            field="given_on",
        )
    approval = gift.decisions.filter(outcome=GiftDecision.Outcome.APPROVED).order_by("-pk").first()
    if approval is not None and given_on < timezone.localdate(approval.decided_at):
        raise GiftError(
            ErrorCode.INVALID,
            gettext_lazy("The gift cannot be given before Compliance approved it on %(date)s."),
            field="given_on",
            params={"date": _shown(timezone.localdate(approval.decided_at))},
        )


def _approved_codes(gift: Gift) -> set[str]:
    """The rules that asked for approval and that Compliance had before it when it last
    approved (nothing if it never did)."""
    approval = gift.decisions.filter(outcome=GiftDecision.Outcome.APPROVED).order_by("-pk").first()
    if approval is None or gift.status != Gift.Status.APPROVED:
        return set()
    return set(
        gift.decisions.filter(pk__lt=approval.pk, outcome__in=APPROVAL_OUTCOMES).values_list(
            "rule_code", flat=True
        )
    )


def _recheck(
    gift: Gift, recipient: Person, given_on: datetime.date
) -> tuple[policy.Evaluation, bool]:
    """The policy for the day of giving, with the recipient's status now; and whether an
    approval is now needed that Compliance has not given (for these reasons)."""
    evaluation = gift_evaluate(
        recipient=recipient,
        kind=gift.kind,
        description=gift.description,
        estimated_value=gift.estimated_value,
        occasion=gift.occasion,
        on=given_on,
        exclude_gift_id=gift.pk,
    )
    needed = {str(hit.code) for hit in evaluation.hits if hit.outcome in APPROVAL_OUTCOMES}
    return evaluation, bool(needed - _approved_codes(gift))


def _hold_back(
    gift: Gift,
    *,
    by: User,
    recipient: Person,
    evaluation: policy.Evaluation,
    given_on: datetime.date,
) -> GiftError:
    """Record why the gift cannot be given now: rejected when refused, else back to the
    approval queue. Returns the error to raise once this is stored."""
    before = snapshot(gift)
    refused = evaluation.is_refused
    marker = RECHECK_REFUSED_CODE if refused else RECHECK_APPROVAL_CODE
    decisions = _record_hits(gift, evaluation, at=timezone.now(), marker=marker, given_on=given_on)
    gift.recipient_is_public_official = adapters.is_public_official(recipient)
    gift.recipient_position = recipient.job_title
    gift.is_cash_equivalent = evaluation.is_cash_equivalent
    gift.requires_kpk_report = evaluation.requires_kpk_report
    if refused:
        gift.status = Gift.Status.REJECTED
    else:
        gift.status = Gift.Status.PROPOSED
        gift.requires_approval = True
    _save(
        gift,
        by,
        [
            "status",
            "requires_approval",
            "requires_kpk_report",
            "recipient_is_public_official",
            "recipient_position",
            "is_cash_equivalent",
        ],
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=gift,
        before=before,
        after=snapshot(gift),
        summary=f"gift not given: policy {evaluation.outcome} on {given_on.isoformat()}",
    )
    reasons = "; ".join(decision.reason for decision in decisions[1:])
    if refused:
        return GiftRefusedAtGiving(
            gettext_lazy(
                "Not given: the policy now refuses this gift, so it was rejected. %(reasons)s"
            ),
            params={"reasons": reasons},
        )
    dedupe_key = f"{notifications.approval_key(gift)}:{decisions[0].pk}"
    transaction.on_commit(lambda: notifications.notify_compliance(gift, dedupe_key=dedupe_key))
    return GiftSentBackForApproval(
        gettext_lazy(
            "Not given: checked again for %(date)s, this gift now needs Compliance approval. "
            "It is back in the approval queue. %(reasons)s"
        ),
        params={"date": _shown(given_on), "reasons": reasons},
    )


@transaction.atomic
def _give(
    gift: Gift,
    *,
    by: User,
    given_on: datetime.date | None,
    place: str,
    expected_version: int | None,
) -> tuple[Gift, GiftError | None]:
    recipient = _lock_recipient(gift.recipient_id)
    gift = _locked(gift, by=by, action=GiftAction.GIVE, expected_version=expected_version)
    if gift.status == Gift.Status.PROPOSED and gift.requires_approval:
        raise GiftError(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            gettext_lazy("This gift needs Compliance approval before it is given."),
            status=409,
        )
    if not gift.can_be_given:
        raise GiftError(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            gettext_lazy("A gift that is %(status)s cannot be marked as given."),
            params={"status": gift.get_status_display()},
            status=409,
        )
    given_on = given_on or timezone.localdate()
    _check_given_on(gift, given_on)
    evaluation, needs_new_approval = _recheck(gift, recipient, given_on)
    if evaluation.is_refused or needs_new_approval:
        error = _hold_back(
            gift, by=by, recipient=recipient, evaluation=evaluation, given_on=given_on
        )
        return gift, error
    before = snapshot(gift)
    gift.status = Gift.Status.GIVEN
    gift.given_on = given_on
    if _plain(place):
        gift.place = _plain(place)
    # once treated as an official's gift, it stays one (the report is the official's duty)
    gift.recipient_is_public_official = (
        gift.recipient_is_public_official or adapters.is_public_official(recipient)
    )
    fields = ["status", "given_on", "place", "recipient_is_public_official"]
    if gift.recipient_is_public_official:
        gift.requires_kpk_report = True
        gift.report_deadline = adapters.report_deadline(
            given_on, adapters.kpk_working_days(given_on)
        )
        fields += ["requires_kpk_report", "report_deadline"]
    _save(gift, by, fields)
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=gift,
        before=before,
        after=snapshot(gift),
        summary="gift given",
    )
    if gift.report_deadline is not None:
        given = gift
        transaction.on_commit(lambda: notifications.notify_kpk_report(given))
    return gift, None


def gift_mark_given(
    *,
    gift: Gift,
    by: User,
    given_on: datetime.date | None = None,
    place: str = "",
    expected_version: int | None = None,
) -> Gift:
    """Record that the giver handed the gift over; a public official's gift gets a KPK
    deadline.

    `given_on` (default today) must lie between the approval (else the proposal) and today.
    The policy is checked again for that day, with the recipient's status now (public
    official, open tenders, the yearly total of the year of giving; the recipient's row is
    locked meanwhile). If it now refuses the gift, the gift is rejected; if it needs an
    approval Compliance has not given for these reasons, the gift goes back to the approval
    queue. Either way the decisions are stored (in their own transaction) and then
    `GiftRefusedAtGiving` or `GiftSentBackForApproval` is raised: the gift was not given.
    """
    access.require(user=by, action=GiftAction.GIVE, obj=gift)
    given, error = _give(
        gift, by=by, given_on=given_on, place=place, expected_version=expected_version
    )
    if error is not None:
        raise error
    return given


@transaction.atomic
def gift_record_kpk_report(
    *,
    gift: Gift,
    by: User,
    reported_on: datetime.date | None,
    reference: str,
    note: str = "",
    expected_version: int | None = None,
) -> Gift:
    """Record that the recipient reported the gift to the KPK: the day and the evidence (the
    KPK's receipt number, a note). Only for a given gift with a reporting deadline; the day
    lies between the day given and today (a late report is recorded, and stays late). The
    giver records it once (Compliance or an admin may correct it), and the day it is recorded
    is kept: one recorded after the deadline says so, whatever day it claims."""
    gift = _locked(
        gift, by=by, action=GiftAction.RECORD_KPK_REPORT, expected_version=expected_version
    )
    if gift.report_deadline is None or gift.status != Gift.Status.GIVEN:
        raise GiftError(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            gettext_lazy("Only a given gift with a KPK reporting deadline can be reported."),
            status=409,
        )
    if gift.kpk_reported_on is not None and not is_compliance_or_admin(by):
        # a recorded report is evidence: the giver records it once, Compliance corrects it
        raise GiftError(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            gettext_lazy(
                "The KPK report is already recorded; Compliance or an admin may correct it."
            ),
            status=409,
        )
    reference = _plain(reference)
    if not reference:
        raise GiftError(
            ErrorCode.REQUIRED,
            gettext_lazy("Give the KPK's receipt or reference number as evidence."),
            field="reference",
        )
    if reported_on is None:
        raise GiftError(
            ErrorCode.REQUIRED, gettext_lazy("Say when it was reported."), field="reported_on"
        )
    if reported_on > timezone.localdate():
        raise GiftError(
            ErrorCode.INVALID, gettext_lazy("The date is in the future."), field="reported_on"
        )
    if gift.given_on is not None and reported_on < gift.given_on:
        raise GiftError(
            ErrorCode.INVALID,
            gettext_lazy("It cannot be reported before it was given."),
            field="reported_on",
        )
    before = snapshot(gift)
    gift.kpk_reported_on = reported_on
    gift.kpk_report_reference = reference[:120]
    gift.kpk_report_note = _plain(note)
    gift.kpk_report_recorded_on = timezone.localdate()
    _save(
        gift,
        by,
        ["kpk_reported_on", "kpk_report_reference", "kpk_report_note", "kpk_report_recorded_on"],
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=gift,
        before=before,
        after=snapshot(gift),
        summary="gift reported to the KPK",
    )
    key = f"gifts:kpk-report:{gift.pk}"
    for notification in Notification.objects.filter(dedupe_key=key, read_at__isnull=True):
        notification_mark_read(notification=notification)
    return gift
