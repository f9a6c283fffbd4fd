"""Writes of the gifts app: propose (policy check), approve, reject, given, declined, returned."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from karib.core.audit import audit_record, snapshot
from karib.core.models import AuditEvent, Notification
from karib.core.roles import Role, has_role, is_admin
from karib.core.selectors import users_with_role
from karib.core.services import notification_mark_read, notification_send
from karib.people.models import Person, PersonalFact

from . import adapters, policy
from .formatting import idr
from .models import Gift, GiftDecision
from .reasons import ALLOWED_CODE


class GiftError(Exception):
    """A gift cannot change that way (wrong status, missing approval, bad input)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def is_compliance_officer(user: User) -> bool:
    return has_role(user, Role.COMPLIANCE_OFFICER)


def can_handle_gift(user: User, gift: Gift) -> bool:
    """The giver, Compliance and admins record what happened to a gift."""
    return gift.giver_id == user.pk or is_compliance_officer(user) or is_admin(user)


def _record_hits(gift: Gift, evaluation: policy.Evaluation) -> None:
    now = timezone.now()
    decisions = [
        GiftDecision(
            gift=gift,
            rule_code=str(hit.code),
            outcome=str(hit.outcome),
            params=dict(hit.params),
            legal_source=hit.legal_source,
            decided_at=now,
        )
        for hit in evaluation.hits
    ]
    if not decisions:
        decisions.append(
            GiftDecision(
                gift=gift, rule_code=ALLOWED_CODE, outcome=policy.Outcome.ALLOWED, decided_at=now
            )
        )
    GiftDecision.objects.bulk_create(decisions)


def _notify_compliance(gift: Gift) -> None:
    gift = Gift.objects.select_related("recipient", "giver").get(pk=gift.pk)
    if not gift.is_awaiting_approval:  # decided already, in the same transaction
        return
    url = reverse("gifts:detail", args=[gift.pk])
    for officer in users_with_role(Role.COMPLIANCE_OFFICER):
        if officer.pk == gift.giver_id:
            continue
        notification_send(
            user=officer,
            kind="gifts.approval",
            title=_("Gift awaiting approval: %(description)s for %(recipient)s")
            % {"description": gift.description[:80], "recipient": gift.recipient.full_name},
            body=_("Proposed by %(giver)s, estimated value %(value)s.")
            % {
                "giver": gift.giver.get_full_name() or gift.giver.get_username(),
                "value": idr(gift.estimated_value),
            },
            url=url,
            dedupe_key=f"gifts:approval:{gift.pk}",
        )


def _notify_kpk_report(gift: Gift) -> None:
    assert gift.report_deadline is not None  # noqa: S101 - set by gift_mark_given just before
    url = reverse("gifts:detail", args=[gift.pk])
    people = {gift.giver_id: gift.giver}
    people.update({officer.pk: officer for officer in users_with_role(Role.COMPLIANCE_OFFICER)})
    title = _("KPK report due %(deadline)s: %(recipient)s must report %(description)s") % {
        "deadline": gift.report_deadline.strftime("%d-%m-%Y"),
        "recipient": gift.recipient.full_name,
        "description": gift.description[:80],
    }
    body = _(
        "The gift was received on %(given_on)s. A public official must report gratification to "
        "the KPK within %(days)s working days of receipt (UU 31/1999 jo. UU 20/2001 Pasal 12C): "
        "by %(deadline)s. Remind the recipient and keep the evidence."
    ) % {
        "given_on": gift.given_on.strftime("%d-%m-%Y") if gift.given_on else "",
        "days": adapters.kpk_working_days(gift.given_on or gift.proposed_on),
        "deadline": gift.report_deadline.strftime("%d-%m-%Y"),
    }
    for user in people.values():
        notification_send(
            user=user,
            kind="gifts.kpk_report",
            title=title,
            body=body,
            url=url,
            due_on=gift.report_deadline,
            dedupe_key=f"gifts:kpk-report:{gift.pk}",
        )


def gift_evaluate(
    *,
    recipient: Person,
    kind: str,
    description: str,
    estimated_value: int,
    occasion: str,
    on: datetime.date,
    exclude_gift_id: int | None = None,
) -> policy.Evaluation:
    """What the policy says about a gift (reads only)."""
    facts = adapters.gift_facts(
        recipient_id=recipient.pk,
        recipient_is_public_official=adapters.is_public_official(recipient),
        organization_id=recipient.organization_id,
        kind=kind,
        description=description,
        value_idr=estimated_value,
        on=on,
        occasion=occasion,
        exclude_gift_id=exclude_gift_id,
    )
    return policy.evaluate(facts, adapters.rules_in_force(on))


@transaction.atomic
def gift_propose(
    *,
    by: User,
    recipient: Person,
    kind: str,
    description: str,
    estimated_value: int,
    business_purpose: str,
    occasion: str = policy.Occasion.BUSINESS,
    occasion_note: str = "",
    place: str = "",
    honours_fact: PersonalFact | None = None,
    proposed_on: datetime.date | None = None,
) -> Gift:
    """Record a proposed gift and check it against the policy; refused gifts are rejected."""
    description = description.strip()
    if not description:
        raise GiftError(_("Describe the gift."), field="description")
    if not business_purpose.strip():
        raise GiftError(_("Say what the business purpose is."), field="business_purpose")
    if estimated_value <= 0:
        raise GiftError(_("Estimate the value in rupiah."), field="estimated_value")
    if honours_fact is not None and honours_fact.person_id != recipient.pk:
        raise GiftError(_("That personal fact is about someone else."), field="honours_fact")
    on = proposed_on or timezone.localdate()
    evaluation = gift_evaluate(
        recipient=recipient,
        kind=kind,
        description=description,
        estimated_value=estimated_value,
        occasion=occasion,
        on=on,
    )
    gift = Gift.objects.create(
        recipient=recipient,
        recipient_organization_id=recipient.organization_id,
        recipient_position=recipient.job_title,
        recipient_is_public_official=adapters.is_public_official(recipient),
        giver=by,
        kind=kind,
        is_cash_equivalent=evaluation.is_cash_equivalent,
        description=description,
        honours_fact=honours_fact,
        occasion=occasion,
        occasion_note=occasion_note.strip(),
        place=place.strip(),
        estimated_value=estimated_value,
        business_purpose=business_purpose.strip(),
        proposed_on=on,
        status=Gift.Status.REJECTED if evaluation.is_refused else Gift.Status.PROPOSED,
        requires_approval=evaluation.requires_approval,
        requires_kpk_report=evaluation.requires_kpk_report,
    )
    _record_hits(gift, evaluation)
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=gift,
        after=snapshot(gift),
        summary=f"gift proposed: {evaluation.outcome}",
    )
    if gift.is_awaiting_approval:
        transaction.on_commit(lambda: _notify_compliance(gift))
    return gift


def _locked(gift: Gift) -> Gift:
    return Gift.objects.select_for_update().select_related("recipient", "giver").get(pk=gift.pk)


def _decide(
    gift: Gift,
    *,
    by: User,
    outcome: str,
    note: str,
    status: str,
    decided_at: datetime.datetime | None = None,
) -> Gift:
    if not is_compliance_officer(by):
        raise PermissionDenied(_("Only a Compliance officer may approve or reject gifts."))
    gift = _locked(gift)
    if gift.giver_id == by.pk:
        raise PermissionDenied(_("You cannot decide on a gift you propose yourself."))
    if gift.status != Gift.Status.PROPOSED:
        raise GiftError(
            _("Only a proposed gift can be decided on; this one is %(status)s.")
            % {"status": gift.get_status_display()}
        )
    before = snapshot(gift)
    gift.status = status
    gift.save(update_fields=["status", "updated_at"])
    for notification in Notification.objects.filter(
        dedupe_key=f"gifts:approval:{gift.pk}", read_at__isnull=True
    ):
        notification_mark_read(notification=notification)
    GiftDecision.objects.create(
        gift=gift,
        outcome=outcome,
        note=note.strip(),
        decided_by=by,
        decided_at=decided_at or timezone.now(),
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=gift,
        before=before,
        after=snapshot(gift),
        summary=f"gift {outcome}",
    )
    return gift


@transaction.atomic
def gift_approve(
    *, gift: Gift, by: User, note: str = "", decided_at: datetime.datetime | None = None
) -> Gift:
    """Compliance approves; `decided_at` only for recording a past decision (imports, demo)."""
    return _decide(
        gift,
        by=by,
        outcome=GiftDecision.Outcome.APPROVED,
        note=note,
        status=Gift.Status.APPROVED,
        decided_at=decided_at,
    )


@transaction.atomic
def gift_reject(*, gift: Gift, by: User, note: str) -> Gift:
    if not note.strip():
        raise GiftError(_("Say why the gift is rejected."), field="note")
    return _decide(
        gift, by=by, outcome=GiftDecision.Outcome.REJECTED, note=note, status=Gift.Status.REJECTED
    )


def _check_handler(gift: Gift, by: User) -> None:
    if not can_handle_gift(by, gift):
        raise PermissionDenied(_("Only the giver or Compliance may record this."))


@transaction.atomic
def gift_mark_given(
    *, gift: Gift, by: User, given_on: datetime.date | None = None, place: str = ""
) -> Gift:
    """Record that the gift was handed over; a public official's gift gets a KPK deadline."""
    _check_handler(gift, by)
    gift = _locked(gift)
    if gift.status == Gift.Status.PROPOSED and gift.requires_approval:
        raise GiftError(_("This gift needs Compliance approval before it is given."))
    if not gift.can_be_given:
        raise GiftError(
            _("A gift that is %(status)s cannot be marked as given.")
            % {"status": gift.get_status_display()}
        )
    given_on = given_on or timezone.localdate()
    if given_on < gift.proposed_on:
        raise GiftError(_("The gift cannot be given before it was proposed."), field="given_on")
    before = snapshot(gift)
    gift.status = Gift.Status.GIVEN
    gift.given_on = given_on
    if place.strip():
        gift.place = place.strip()
    fields = ["status", "given_on", "place", "updated_at"]
    if gift.recipient_is_public_official:
        gift.requires_kpk_report = True
        gift.report_deadline = adapters.report_deadline(
            given_on, adapters.kpk_working_days(given_on)
        )
        fields += ["requires_kpk_report", "report_deadline"]
    gift.save(update_fields=fields)
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=gift,
        before=before,
        after=snapshot(gift),
        summary="gift given",
    )
    if gift.report_deadline is not None:
        transaction.on_commit(lambda: _notify_kpk_report(gift))
    return gift


def _close(gift: Gift, *, by: User, allowed: set[str], status: str, note: str) -> Gift:
    _check_handler(gift, by)
    gift = _locked(gift)
    if gift.status not in allowed:
        raise GiftError(
            _("A gift that is %(status)s cannot change that way.")
            % {"status": gift.get_status_display()}
        )
    before = snapshot(gift)
    gift.status = status
    gift.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=gift,
        before=before,
        after=snapshot(gift),
        summary=f"gift {status}: {note.strip()}"[:255],
    )
    return gift


@transaction.atomic
def gift_mark_declined(*, gift: Gift, by: User, note: str = "") -> Gift:
    """The recipient declined the gift before receiving it."""
    return _close(
        gift,
        by=by,
        allowed={Gift.Status.PROPOSED, Gift.Status.APPROVED},
        status=Gift.Status.DECLINED,
        note=note,
    )


@transaction.atomic
def gift_mark_returned(*, gift: Gift, by: User, note: str = "") -> Gift:
    """The recipient gave the gift back after receiving it."""
    return _close(gift, by=by, allowed={Gift.Status.GIVEN}, status=Gift.Status.RETURNED, note=note)
