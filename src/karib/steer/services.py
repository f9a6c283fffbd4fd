"""Writes of next actions: generate them from the data (idempotent), act on them (audited)."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib.core import access
from karib.core.audit import audit_record, snapshot
from karib.core.errors import DomainError, ErrorCode
from karib.core.models import AuditEvent
from karib.people.models import Person

from .access import ACT
from .generators import GENERATORS, Candidate
from .models import NextAction

logger = logging.getLogger(__name__)

#: Fields a refresh keeps up to date on an action still waiting.
_REFRESHED = (
    "reason_code",
    "reason_params",
    "driver",
    "urgency",
    "impact",
    "score",
    "due_on",
    "url",
)
_WAITING = (NextAction.Status.OPEN, NextAction.Status.SNOOZED)
MAX_SNOOZE_DAYS = 365


@dataclass(frozen=True)
class RefreshReport:
    created: int
    updated: int
    resolved: int
    reopened: int


def _fields(candidate: Candidate) -> dict[str, object]:
    return {
        "kind": candidate.kind,
        "reason_code": candidate.reason_code,
        "reason_params": candidate.reason_params,
        "driver": candidate.driver,
        "urgency": candidate.urgency,
        "impact": candidate.impact,
        "score": candidate.score,
        "due_on": candidate.due_on,
        "url": candidate.url[:500],
        "person_id": candidate.person_id,
        "organization_id": candidate.organization_id,
        "promise_id": candidate.promise_id,
        "gift_id": candidate.gift_id,
        "conversation_id": candidate.conversation_id,
    }


def _about_people_on_hold(candidates: dict[tuple[int, str], Candidate]) -> list[tuple[int, str]]:
    """The candidates about a person kept only under a legal hold after an erasure (the
    recipient of gifts in the KPK register): no one reaches out to them, meets them or marks
    their dates any more. A gift's own duty (its KPK report) stays."""
    people = {c.person_id for c in candidates.values() if c.person_id and c.gift_id is None}
    if not people:
        return []
    held = set(
        Person.objects.filter(pk__in=people, legal_hold__isnull=False).values_list("pk", flat=True)
    )
    return [
        identity
        for identity, candidate in candidates.items()
        if candidate.person_id in held and candidate.gift_id is None
    ]


@transaction.atomic
def next_actions_refresh(
    *,
    today: datetime.date | None = None,
    owner_ids: Iterable[int] | None = None,
    kinds: Iterable[str] | None = None,
) -> RefreshReport:
    """Bring the next actions in line with the data: create what is new, update what changed,
    close (resolved) what waits for a cause that is gone, reopen what was snoozed until today.

    Idempotent: running it twice changes nothing the second time. Done and dismissed actions
    stay as they are; their cause (the dedupe key) does not come back as a new action.
    `owner_ids` narrows the refresh to some users (after a write that concerns them).
    """
    today = today or timezone.localdate()
    owners = set(owner_ids) if owner_ids is not None else None
    wanted_kinds = list(kinds) if kinds is not None else list(GENERATORS)
    candidates: dict[tuple[int, str], Candidate] = {}
    for kind in wanted_kinds:
        for candidate in GENERATORS[kind](today, owners):
            candidates.setdefault((candidate.owner_id, candidate.dedupe_key), candidate)
    for identity in _about_people_on_hold(candidates):
        del candidates[identity]

    existing = NextAction.objects.filter(kind__in=wanted_kinds)
    if owners is not None:
        existing = existing.filter(owner__in=owners)
    known = {(row.owner_id, row.dedupe_key): row for row in existing.order_by("pk")}

    created = [
        NextAction(owner_id=owner_id, dedupe_key=key, **_fields(candidate))
        for (owner_id, key), candidate in candidates.items()
        if (owner_id, key) not in known
    ]
    NextAction.objects.bulk_create(created, batch_size=500, ignore_conflicts=True)

    now = timezone.now()
    updated: list[NextAction] = []
    resolved: list[NextAction] = []
    reopened = 0
    for identity, action in known.items():
        if action.status not in _WAITING:
            continue
        found = candidates.get(identity)
        if found is None:
            action.status = NextAction.Status.RESOLVED
            action.resolved_at = now
            action.snoozed_until = None
            resolved.append(action)
            continue
        fields = _fields(found)
        changed = any(getattr(action, name) != fields[name] for name in _REFRESHED)
        snoozed_until = action.snoozed_until
        if action.status == NextAction.Status.SNOOZED and snoozed_until and snoozed_until <= today:
            action.status = NextAction.Status.OPEN
            action.snoozed_until = None
            reopened += 1
            changed = True
        if changed:
            for name in _REFRESHED:
                setattr(action, name, fields[name])
            updated.append(action)
    NextAction.objects.bulk_update(
        updated, [*_REFRESHED, "status", "snoozed_until"], batch_size=500
    )
    NextAction.objects.bulk_update(
        resolved, ["status", "resolved_at", "snoozed_until"], batch_size=500
    )
    return RefreshReport(
        created=len(created), updated=len(updated), resolved=len(resolved), reopened=reopened
    )


def next_actions_refresh_later(*, user_ids: Iterable[int]) -> None:
    """After the current transaction commits, refresh the actions of these users (a task).

    Other apps call this after a write that may create or settle an action (a promise marked
    at risk, an envoy assigned, a gift decided), so Today is right without waiting for the
    daily job and without any write in a page view."""
    from .tasks import next_actions_refresh_task

    ids = sorted({int(pk) for pk in user_ids if pk})
    if not ids:
        return
    transaction.on_commit(lambda: next_actions_refresh_task.enqueue(user_ids=ids), robust=True)


def _locked(action: NextAction, by: User) -> NextAction:
    access.require(user=by, action=ACT, obj=action)
    return NextAction.objects.select_for_update().get(pk=action.pk)


def _not_waiting() -> DomainError:
    return DomainError(
        ErrorCode.TRANSITION_NOT_ALLOWED,
        _("This action is already closed."),
        field="status",
    )


def _act(
    action: NextAction, *, by: User, status: str, summary: str, **fields: object
) -> NextAction:
    before = snapshot(action)
    action.status = status
    action.acted_at = timezone.now()
    action.acted_by = by
    for name, value in fields.items():
        setattr(action, name, value)
    action.save(update_fields=["status", "acted_at", "acted_by", "updated_at", *fields.keys()])
    audit_record(
        actor=by,
        action=AuditEvent.Action.ACTION,
        instance=action,
        before=before,
        after=snapshot(action),
        summary=summary,
    )
    return action


@transaction.atomic
def next_action_done(*, action: NextAction, by: User) -> NextAction:
    action = _locked(action, by)
    if action.status not in _WAITING:
        raise _not_waiting()
    return _act(action, by=by, status=NextAction.Status.DONE, summary="done", snoozed_until=None)


@transaction.atomic
def next_action_snooze(*, action: NextAction, by: User, until: datetime.date) -> NextAction:
    action = _locked(action, by)
    if action.status not in _WAITING:
        raise _not_waiting()
    today = timezone.localdate()
    if until <= today:
        raise DomainError(ErrorCode.INVALID, _("Snooze until a day after today."), field="until")
    if until > today + datetime.timedelta(days=MAX_SNOOZE_DAYS):
        raise DomainError(
            ErrorCode.INVALID,
            _("Snooze for at most %(days)s days."),
            field="until",
            params={"days": MAX_SNOOZE_DAYS},
        )
    return _act(
        action, by=by, status=NextAction.Status.SNOOZED, summary="snoozed", snoozed_until=until
    )


@transaction.atomic
def next_action_dismiss(*, action: NextAction, by: User, reason: str) -> NextAction:
    action = _locked(action, by)
    if action.status not in _WAITING:
        raise _not_waiting()
    reason = reason.strip()
    if not reason:
        raise DomainError(ErrorCode.REQUIRED, _("Say why you dismiss this action."), field="reason")
    return _act(
        action,
        by=by,
        status=NextAction.Status.DISMISSED,
        summary="dismissed",
        dismiss_reason=reason[:2000],
        snoozed_until=None,
    )
