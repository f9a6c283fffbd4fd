"""Writes of the gifts app: propose (policy check), approve, reject, given, declined, returned."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy

from karib.core import access, versions
from karib.core.access import Action
from karib.core.audit import audit_record, snapshot
from karib.core.errors import ErrorCode
from karib.core.locking import lock_one
from karib.core.models import AuditEvent, Notification
from karib.core.services import notification_mark_read
from karib.people.models import Person, PersonalFact

from . import adapters, notifications, policy
from .access import GiftAction
from .exceptions import GiftError, GiftRefusedAtGiving, GiftSentBackForApproval
from .models import Gift, GiftDecision
from .reasons import ALLOWED_CODE

#: The largest value a gift may be estimated at (beyond any real gift; a database integer).
MAX_VALUE_IDR = 10**15

APPROVAL_OUTCOMES = frozenset({policy.Outcome.NEEDS_APPROVAL, policy.Outcome.FLAGGED})


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


#: Control characters (other than tab and line breaks) are dropped from text at the boundary:
#: PostgreSQL refuses NUL, and spreadsheets refuse the others.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _shown(day: datetime.date) -> Any:
    """A date for a message, formatted when the message is shown (in the reader's language)."""
    return lazy(date_format, str)(day, "j F Y")


def _plain(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text or "").strip()


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

    Sales and Managers propose gifts (`access.py`). `proposed_on` / `proposed_at` only to
    record a past proposal (imports, demo): the rules that fired are stamped with the
    proposal's time. The recipient's row is locked while the policy is evaluated, so two
    proposals at once cannot both pass the yearly total."""
    access.require(user=by, action=Action.CREATE, obj=Gift)
    description, business_purpose = _plain(description), _plain(business_purpose)
    occasion_note, place = _plain(occasion_note), _plain(place)
    if not description:
        raise GiftError(ErrorCode.REQUIRED, gettext_lazy("Describe the gift."), field="description")
    if not business_purpose:
        raise GiftError(
            ErrorCode.REQUIRED,
            gettext_lazy("Say what the business purpose is."),
            field="business_purpose",
        )
    if estimated_value <= 0 or estimated_value > MAX_VALUE_IDR:
        raise GiftError(
            ErrorCode.INVALID,
            gettext_lazy("Estimate the value in rupiah."),
            field="estimated_value",
        )
    if honours_fact is not None and honours_fact.person_id != recipient.pk:
        raise GiftError(
            ErrorCode.INVALID,
            gettext_lazy("That personal fact is about someone else."),
            field="honours_fact",
        )
    if proposed_at is not None:
        proposed_on = proposed_on or timezone.localdate(proposed_at)
    on = proposed_on or timezone.localdate()
    recipient = _lock_recipient(recipient.pk)
    organization_id = recipient.organization_id
    if organization_id is None:
        raise GiftError(
            ErrorCode.REQUIRED,
            gettext_lazy(
                "Set the organization of %(person)s first: the register names the recipient's "
                "institution."
            ),
            field="recipient",
            params={"person": recipient.full_name},
        )
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
        recipient_organization_id=organization_id,
        recipient_position=recipient.job_title,
        recipient_is_public_official=adapters.is_public_official(recipient),
        giver=by,
        kind=kind,
        is_cash_equivalent=evaluation.is_cash_equivalent,
        description=description,
        honours_fact=honours_fact,
        occasion=occasion,
        occasion_note=occasion_note,
        place=place,
        estimated_value=estimated_value,
        business_purpose=business_purpose,
        proposed_on=on,
        status=Gift.Status.REJECTED if evaluation.is_refused else Gift.Status.PROPOSED,
        requires_approval=evaluation.requires_approval,
        requires_kpk_report=evaluation.requires_kpk_report,
        updated_by=by,
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
        transaction.on_commit(lambda: notifications.notify_compliance(gift))
    return gift


def _lock_recipient(pk: int) -> Person:
    """The recipient, re-read and locked for the rest of the transaction (PostgreSQL; SQLite
    writes one at a time anyway): whoever evaluates a gift to them waits for the others."""
    return lock_one(Person.objects.select_related("organization"), pk=pk)


def _locked(gift: Gift, *, by: User, action: str, expected_version: int | None = None) -> Gift:
    """The gift re-read under a row lock, after checking `by` may do `action` and that nobody
    changed it since `expected_version`."""
    return versions.lock_for_change(
        Gift.objects.select_related("recipient", "giver"),
        pk=gift.pk,
        by=by,
        action=action,
        expected_version=expected_version,
        message=CONFLICT_MESSAGE,
    )


CONFLICT_MESSAGE = gettext_lazy(
    "%(user)s changed this gift at %(when)s, after you opened it (it is now "
    "“%(status)s”). Your input is kept: check the current values and send it again."
)


def check_version(gift: Gift, expected_version: int | None) -> None:
    """Refuse a write based on an older read: a `conflict` naming who changed it and when."""
    versions.check_version(gift, expected_version, message=CONFLICT_MESSAGE)


def _save(gift: Gift, by: User, fields: list[str]) -> None:
    versions.save_version(gift, by, fields)


def _decide(
    gift: Gift,
    *,
    by: User,
    action: GiftAction,
    outcome: str,
    note: str,
    status: str,
    decided_at: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Gift:
    gift = _locked(gift, by=by, action=action, expected_version=expected_version)
    if gift.status != Gift.Status.PROPOSED:
        raise GiftError(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            gettext_lazy("Only a proposed gift can be decided on; this one is %(status)s."),
            params={"status": gift.get_status_display()},
            status=409,
        )
    now = timezone.now()
    decided_at = decided_at or now
    if decided_at > now:
        raise GiftError(
            ErrorCode.INVALID,
            gettext_lazy("A decision cannot be dated in the future."),
            field="decided_at",
        )
    if decided_at < _start_of_day(gift.proposed_on):
        raise GiftError(
            ErrorCode.INVALID,
            gettext_lazy("A decision cannot be dated before the gift was proposed (%(date)s)."),
            field="decided_at",
            params={"date": _shown(gift.proposed_on)},
        )
    before = snapshot(gift)
    gift.status = status
    _save(gift, by, ["status"])
    key = notifications.approval_key(gift)
    for notification in Notification.objects.filter(
        Q(dedupe_key=key) | Q(dedupe_key__startswith=f"{key}:"), read_at__isnull=True
    ):
        notification_mark_read(notification=notification)
    decision = GiftDecision.objects.create(
        gift=gift,
        outcome=outcome,
        note=_plain(note),
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
    gift_id, decision_id = gift.pk, decision.pk
    transaction.on_commit(lambda: notifications.notify_giver_of_decision(gift_id, decision_id))
    return gift


@transaction.atomic
def gift_approve(
    *,
    gift: Gift,
    by: User,
    note: str = "",
    decided_at: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Gift:
    """Compliance approves (not their own gift); `decided_at` only for recording a past
    decision (imports, demo). The giver is told."""
    return _decide(
        gift,
        by=by,
        action=GiftAction.APPROVE,
        outcome=GiftDecision.Outcome.APPROVED,
        note=note,
        status=Gift.Status.APPROVED,
        decided_at=decided_at,
        expected_version=expected_version,
    )


@transaction.atomic
def gift_reject(*, gift: Gift, by: User, note: str, expected_version: int | None = None) -> Gift:
    """Compliance rejects, saying why; the giver is told."""
    access.require(user=by, action=GiftAction.REJECT, obj=gift)
    if not _plain(note):
        raise GiftError(
            ErrorCode.REQUIRED, gettext_lazy("Say why the gift is rejected."), field="note"
        )
    return _decide(
        gift,
        by=by,
        action=GiftAction.REJECT,
        outcome=GiftDecision.Outcome.REJECTED,
        note=note,
        status=Gift.Status.REJECTED,
        expected_version=expected_version,
    )


def _close(
    gift: Gift,
    *,
    by: User,
    action: GiftAction,
    allowed: set[str],
    status: str,
    note: str,
    expected_version: int | None,
) -> Gift:
    gift = _locked(gift, by=by, action=action, expected_version=expected_version)
    if gift.status not in allowed:
        raise GiftError(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            gettext_lazy("A gift that is %(status)s cannot change that way."),
            params={"status": gift.get_status_display()},
            status=409,
        )
    before = snapshot(gift)
    gift.status = status
    _save(gift, by, ["status"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=gift,
        before=before,
        after=snapshot(gift),
        summary=f"gift {status}: {_plain(note)}"[:255],
    )
    return gift


@transaction.atomic
def gift_mark_declined(
    *, gift: Gift, by: User, note: str = "", expected_version: int | None = None
) -> Gift:
    """The recipient declined the gift before receiving it."""
    return _close(
        gift,
        by=by,
        action=GiftAction.MARK_DECLINED,
        allowed={Gift.Status.PROPOSED, Gift.Status.APPROVED},
        status=Gift.Status.DECLINED,
        note=note,
        expected_version=expected_version,
    )


@transaction.atomic
def gift_mark_returned(
    *, gift: Gift, by: User, note: str = "", expected_version: int | None = None
) -> Gift:
    """The recipient gave the gift back after receiving it."""
    return _close(
        gift,
        by=by,
        action=GiftAction.MARK_RETURNED,
        allowed={Gift.Status.GIVEN},
        status=Gift.Status.RETURNED,
        note=note,
        expected_version=expected_version,
    )


# Giving and reporting live in `giving.py` (re-exported: callers use `services.<name>`).
from .giving import gift_mark_given, gift_record_kpk_report  # noqa: E402

__all__ = [
    "GiftError",
    "GiftRefusedAtGiving",
    "GiftSentBackForApproval",
    "gift_approve",
    "gift_evaluate",
    "gift_mark_declined",
    "gift_mark_given",
    "gift_mark_returned",
    "gift_propose",
    "gift_record_kpk_report",
    "gift_reject",
]
