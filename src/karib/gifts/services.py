"""Writes of the gifts app: propose (policy check), approve, reject, given, declined, returned."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
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
from .reasons import ALLOWED_CODE, RECHECK_APPROVAL_CODE, RECHECK_REFUSED_CODE

APPROVAL_OUTCOMES = frozenset({policy.Outcome.NEEDS_APPROVAL, policy.Outcome.FLAGGED})


class GiftError(Exception):
    """A gift cannot change that way (wrong status, missing approval, bad input)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class GiftSentBackForApproval(GiftError):
    """Checked again when it was to be given, the gift needs an approval it does not have: it
    was NOT given, and it is back in the approval queue (that change is kept)."""


class GiftRefusedAtGiving(GiftError):
    """Checked again when it was to be given, the policy refuses the gift: it was NOT given and
    is now rejected (that change is kept)."""


def is_compliance_officer(user: User) -> bool:
    return has_role(user, Role.COMPLIANCE_OFFICER)


def can_handle_gift(user: User, gift: Gift) -> bool:
    """The giver, Compliance and admins record what happened to a gift."""
    return gift.giver_id == user.pk or is_compliance_officer(user) or is_admin(user)


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _proposal_time(on: datetime.date) -> datetime.datetime:
    """When a proposal made on `on` happened: now for today, else the start of that day (so a
    proposal recorded afterwards still comes before the decisions that followed it)."""
    now = timezone.now()
    return now if on == timezone.localdate() else min(now, _start_of_day(on))


def _record_hits(
    gift: Gift,
    evaluation: policy.Evaluation,
    *,
    at: datetime.datetime,
    marker: str = "",
    given_on: datetime.date | None = None,
) -> list[GiftDecision]:
    """Store the rules that fired (or "allowed"), stamped with the time of their action;
    `marker` first when the policy is checked again as the gift is marked `given_on`."""
    now = at
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
    if marker:
        decisions.insert(
            0,
            GiftDecision(
                gift=gift,
                rule_code=marker,
                outcome=policy.Outcome.NOTE,
                params={"given_on": given_on.isoformat() if given_on else ""},
                decided_at=now,
            ),
        )
    # one by one, not bulk_create: the order of the ids is the order of the decisions
    for decision in decisions:
        decision.save()
    return decisions


def _approval_key(gift: Gift) -> str:
    return f"gifts:approval:{gift.pk}"


def _notify_compliance(gift: Gift, dedupe_key: str = "") -> None:
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
            dedupe_key=dedupe_key or _approval_key(gift),
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
    """What the policy says about a gift (reads only): the recipient's status now, the rules in
    force on `on`, the recipient's total for the year of `on` and the tenders open on `on`."""
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
    proposed_at: datetime.datetime | None = None,
) -> Gift:
    """Record a proposed gift and check it against the policy; refused gifts are rejected.

    `proposed_on` / `proposed_at` only to record a past proposal (imports, demo): the rules
    that fired are stamped with the proposal's time. The recipient's row is locked while the
    policy is evaluated, so two proposals at once cannot both pass the yearly total."""
    description = description.strip()
    if not description:
        raise GiftError(_("Describe the gift."), field="description")
    if not business_purpose.strip():
        raise GiftError(_("Say what the business purpose is."), field="business_purpose")
    if estimated_value <= 0:
        raise GiftError(_("Estimate the value in rupiah."), field="estimated_value")
    if honours_fact is not None and honours_fact.person_id != recipient.pk:
        raise GiftError(_("That personal fact is about someone else."), field="honours_fact")
    if proposed_at is not None:
        proposed_on = proposed_on or timezone.localdate(proposed_at)
    on = proposed_on or timezone.localdate()
    recipient = _lock_recipient(recipient.pk)
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
    _record_hits(gift, evaluation, at=proposed_at or _proposal_time(on))
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


def _lock_recipient(pk: int) -> Person:
    """The recipient, re-read and locked for the rest of the transaction (PostgreSQL; SQLite
    writes one at a time anyway): whoever evaluates a gift to them waits for the others."""
    return Person.objects.select_for_update(of=("self",)).select_related("organization").get(pk=pk)


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
    now = timezone.now()
    decided_at = decided_at or now
    if decided_at > now:
        raise GiftError(_("A decision cannot be dated in the future."), field="decided_at")
    if decided_at < _start_of_day(gift.proposed_on):
        raise GiftError(
            _("A decision cannot be dated before the gift was proposed (%(date)s).")
            % {"date": gift.proposed_on.strftime("%d-%m-%Y")},
            field="decided_at",
        )
    before = snapshot(gift)
    gift.status = status
    gift.save(update_fields=["status", "updated_at"])
    key = _approval_key(gift)
    for notification in Notification.objects.filter(
        Q(dedupe_key=key) | Q(dedupe_key__startswith=f"{key}:"), read_at__isnull=True
    ):
        notification_mark_read(notification=notification)
    GiftDecision.objects.create(
        gift=gift,
        outcome=outcome,
        note=note.strip(),
        decided_by=by,
        decided_at=decided_at,
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


def _check_given_on(gift: Gift, given_on: datetime.date) -> None:
    """approval date (else proposal date) <= given_on <= today, else a GiftError on given_on."""
    today = timezone.localdate()
    if given_on > today:
        raise GiftError(
            _("The date given cannot be in the future (today is %(today)s).")
            % {"today": today.strftime("%d-%m-%Y")},
            field="given_on",
        )
    if given_on < gift.proposed_on:
        raise GiftError(_("The gift cannot be given before it was proposed."), field="given_on")
    approval = gift.decisions.filter(outcome=GiftDecision.Outcome.APPROVED).order_by("-pk").first()
    if approval is not None and given_on < timezone.localdate(approval.decided_at):
        raise GiftError(
            _("The gift cannot be given before Compliance approved it on %(date)s.")
            % {"date": timezone.localdate(approval.decided_at).strftime("%d-%m-%Y")},
            field="given_on",
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
    gift.save(
        update_fields=[
            "status",
            "requires_approval",
            "requires_kpk_report",
            "recipient_is_public_official",
            "recipient_position",
            "is_cash_equivalent",
            "updated_at",
        ]
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
            _("Not given: the policy now refuses this gift, so it was rejected. %(reasons)s")
            % {"reasons": reasons}
        )
    dedupe_key = f"{_approval_key(gift)}:{decisions[0].pk}"
    transaction.on_commit(lambda: _notify_compliance(gift, dedupe_key=dedupe_key))
    return GiftSentBackForApproval(
        _(
            "Not given: checked again for %(date)s, this gift now needs Compliance approval. "
            "It is back in the approval queue. %(reasons)s"
        )
        % {"date": given_on.strftime("%d-%m-%Y"), "reasons": reasons}
    )


@transaction.atomic
def _give(
    gift: Gift, *, by: User, given_on: datetime.date | None, place: str
) -> tuple[Gift, GiftError | None]:
    recipient = _lock_recipient(gift.recipient_id)
    gift = _locked(gift)
    if gift.status == Gift.Status.PROPOSED and gift.requires_approval:
        raise GiftError(_("This gift needs Compliance approval before it is given."))
    if not gift.can_be_given:
        raise GiftError(
            _("A gift that is %(status)s cannot be marked as given.")
            % {"status": gift.get_status_display()}
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
    if place.strip():
        gift.place = place.strip()
    # once treated as an official's gift, it stays one (the report is the official's duty)
    gift.recipient_is_public_official = (
        gift.recipient_is_public_official or adapters.is_public_official(recipient)
    )
    fields = ["status", "given_on", "place", "recipient_is_public_official", "updated_at"]
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
        given = gift
        transaction.on_commit(lambda: _notify_kpk_report(given))
    return gift, None


def gift_mark_given(
    *, gift: Gift, by: User, given_on: datetime.date | None = None, place: str = ""
) -> Gift:
    """Record that the gift was handed over; a public official's gift gets a KPK deadline.

    `given_on` (default today) must lie between the approval (else the proposal) and today.
    The policy is checked again for that day, with the recipient's status now (public
    official, open tenders, the yearly total of the year of giving; the recipient's row is
    locked meanwhile). If it now refuses the gift, the gift is rejected; if it needs an
    approval Compliance has not given for these reasons, the gift goes back to the approval
    queue. Either way the decisions are stored (in their own transaction) and then
    `GiftRefusedAtGiving` or `GiftSentBackForApproval` is raised: the gift was not given.
    """
    _check_handler(gift, by)
    given, error = _give(gift, by=by, given_on=given_on, place=place)
    if error is not None:
        raise error
    return given


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
