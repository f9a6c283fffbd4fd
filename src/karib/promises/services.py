"""Writes of the promise ledger: capture a promise and move it through its allowed statuses.

Allowed moves (docs/adr/0020-promises-lifecycle.md):

    open          → kept | at risk | withdrawn
    at risk       → renegotiated | kept | broken
    renegotiated  → kept | at risk | withdrawn     (open again, under the new terms)

Every refused move raises `PromiseTransitionError` and changes nothing. Every accepted move
writes a `PromiseStatusChange` (the dated history) and an audit event, and bumps the promise's
`version`. Who may make each move is a rule in `access.py`, enforced here (`access.require`).
A caller that read the promise at an older `expected_version` gets a `conflict` naming who
changed it and when; nothing is overwritten.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib.core import access, versions
from karib.core.access import Action
from karib.core.audit import audit_record, snapshot
from karib.core.errors import ErrorCode
from karib.core.models import AuditEvent
from karib.core.services import notification_send
from karib.people.models import Interaction, Organization, Person

from . import selectors
from .access import transition_action
from .exceptions import PromiseError, PromiseTransitionError
from .models import Project, Promise, PromiseStatus, PromiseStatusChange
from .notifications import COMMUNICATION

ALLOWED_MOVES: dict[str, frozenset[str]] = {
    PromiseStatus.OPEN: frozenset(
        {PromiseStatus.KEPT, PromiseStatus.AT_RISK, PromiseStatus.WITHDRAWN}
    ),
    PromiseStatus.AT_RISK: frozenset(
        {PromiseStatus.RENEGOTIATED, PromiseStatus.KEPT, PromiseStatus.BROKEN}
    ),
    PromiseStatus.RENEGOTIATED: frozenset(
        {PromiseStatus.KEPT, PromiseStatus.AT_RISK, PromiseStatus.WITHDRAWN}
    ),
    PromiseStatus.KEPT: frozenset(),
    PromiseStatus.BROKEN: frozenset(),
    PromiseStatus.WITHDRAWN: frozenset(),
}


def allowed_moves(status: str) -> frozenset[str]:
    return ALLOWED_MOVES.get(status, frozenset())


def _now(at: datetime.datetime | None) -> datetime.datetime:
    if at is None:
        return timezone.now()
    if timezone.is_naive(at):
        raise ValueError("`at` must be timezone-aware")
    return at


def _required(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise PromiseError(ErrorCode.REQUIRED, _("This field is required."), field=field)
    return value


def _check_move(promise: Promise, to: str) -> None:
    if to not in allowed_moves(promise.status):
        raise PromiseTransitionError(
            _("A promise that is “%(current)s” cannot become “%(target)s”."),
            params={
                "current": PromiseStatus(promise.status).label,
                "target": PromiseStatus(to).label,
            },
        )


CONFLICT_MESSAGE = _(
    "%(user)s changed this promise at %(when)s, after you opened it (it is now "
    "“%(status)s”). Your input is kept: check the current values and save again."
)


def check_version(promise: Promise, expected_version: int | None) -> None:
    """Refuse a write based on an older read: a `conflict` naming who changed it and when."""
    versions.check_version(promise, expected_version, message=CONFLICT_MESSAGE)


def _locked(
    promise: Promise, *, by: User, action: str, expected_version: int | None = None
) -> Promise:
    """The promise re-read under a row lock, after checking `by` may do `action` on it and
    that nobody changed it since `expected_version`."""
    return versions.lock_for_change(
        Promise.objects.select_related("organization"),
        pk=promise.pk,
        by=by,
        action=action,
        expected_version=expected_version,
        message=CONFLICT_MESSAGE,
    )


def _move(promise: Promise, *, by: User, to: str, expected_version: int | None) -> Promise:
    locked = _locked(
        promise, by=by, action=transition_action(to), expected_version=expected_version
    )
    _check_move(locked, to)
    return locked


def _save(promise: Promise, by: User, fields: list[str]) -> None:
    versions.save_version(promise, by, fields)


def _record(
    *,
    promise: Promise,
    before: Mapping[str, Any],
    from_status: str,
    by: User,
    at: datetime.datetime,
    reason: str,
    details: dict[str, object] | None = None,
    old_text: str = "",
    new_text: str = "",
    old_due_date: datetime.date | None = None,
    new_due_date: datetime.date | None = None,
) -> PromiseStatusChange:
    change = PromiseStatusChange.objects.create(
        promise=promise,
        from_status=from_status,
        to_status=promise.status,
        reason=reason,
        changed_by=by,
        changed_at=at,
        old_text=old_text,
        new_text=new_text,
        old_due_date=old_due_date,
        new_due_date=new_due_date,
        details=details or {},
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE if from_status else AuditEvent.Action.CREATE,
        instance=promise,
        before=before,
        after=snapshot(promise),
        summary=f"promise {from_status or 'new'} → {promise.status}",
    )
    return change


def _interaction_concerns(interaction: Interaction, organization: Organization) -> bool:
    """Whether the interaction was with `organization` (or, without one, with its people)."""
    if interaction.organization_id is not None:
        return interaction.organization_id == organization.pk
    return interaction.participants.filter(organization=organization).exists()


def promise_url(promise: Promise) -> str:
    return reverse("promises:detail", args=[promise.pk])


# --- capture ---------------------------------------------------------------------------------


@transaction.atomic
def promise_create(
    *,
    organization: Organization,
    text: str,
    by: User,
    people: Iterable[Person] = (),
    made_on: datetime.date | None = None,
    interaction: Interaction | None = None,
    project: Project | None = None,
    due_date: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> Promise:
    """Record a promise `by` made to `organization` (and, optionally, some of its people).

    `by` must be allowed to record promises (Sales, Manager, admin) and see the organization."""
    access.require(user=by, action=Action.CREATE, obj=Promise)
    if not Organization.objects.visible_to(by).filter(pk=organization.pk).exists():
        raise PromiseError(ErrorCode.INVALID, _("Unknown organization."), field="organization")
    text = _required(text, "text")
    people = list(people)
    for person in people:
        if person.organization_id != organization.pk:
            raise PromiseError(
                ErrorCode.INVALID,
                _("%(person)s does not belong to %(organization)s."),
                field="people",
                params={"person": str(person), "organization": organization.name},
            )
    if project is not None and project.organization_id != organization.pk:
        raise PromiseError(
            ErrorCode.INVALID, _("The project belongs to another organization."), field="project"
        )
    if interaction is not None and not _interaction_concerns(interaction, organization):
        raise PromiseError(
            ErrorCode.INVALID,
            _("The interaction was with another organization."),
            field="interaction",
        )
    moment = _now(at)
    made_on = made_on or timezone.localdate(moment)
    if made_on > timezone.localdate():
        # a promise "made" in 2031 could never be kept before then (secprobe8, F3)
        raise PromiseError(
            ErrorCode.INVALID, _("A promise cannot be made in the future."), field="made_on"
        )
    if due_date is not None and due_date < made_on:
        raise PromiseError(
            ErrorCode.INVALID,
            _("The due date is before the day it was promised."),
            field="due_date",
        )
    promise = Promise.objects.create(
        text=text,
        organization=organization,
        made_by=by,
        made_on=made_on,
        interaction=interaction,
        project=project,
        due_date=due_date,
        status=PromiseStatus.OPEN,
        status_changed_at=moment,
        updated_by=by,
    )
    if people:
        promise.people.set(people)
    _record(
        promise=promise,
        before={},
        from_status="",
        by=by,
        at=moment,
        reason="",
        new_text=text,
        new_due_date=due_date,
    )
    return promise


@transaction.atomic
def promise_create_from_interaction(
    *,
    interaction: Interaction,
    text: str,
    by: User,
    due_date: datetime.date | None = None,
    people: Iterable[Person] | None = None,
    project: Project | None = None,
) -> Promise:
    """ "Promised in this meeting": organization, people and date come from the interaction.

    `by` must see the interaction and its organization (attending a meeting is not enough to
    record promises against an organization one cannot see).
    """
    access.require(user=by, action=Action.CREATE, obj=Promise)
    if not Interaction.objects.visible_to(by).filter(pk=interaction.pk).exists():
        raise PromiseError(ErrorCode.INVALID, _("Unknown interaction."), field="interaction")
    participants = list(interaction.participants.all()) if people is None else list(people)
    organization = interaction.organization
    if organization is None:
        if not participants:
            raise PromiseError(
                ErrorCode.INVALID,
                _("The interaction has no organization and no people to promise to."),
                field="interaction",
            )
        organization = next((p.organization for p in participants if p.organization), None)
        if organization is None:
            raise PromiseError(
                ErrorCode.INVALID,
                _("Record the organization of the people first: a promise is made to one."),
                field="interaction",
            )
    if not Organization.objects.visible_to(by).filter(pk=organization.pk).exists():
        raise PromiseError(ErrorCode.INVALID, _("Unknown interaction."), field="interaction")
    participants = [p for p in participants if p.organization_id == organization.pk]
    return promise_create(
        organization=organization,
        text=text,
        by=by,
        people=participants,
        made_on=timezone.localdate(interaction.occurred_at),
        interaction=interaction,
        project=project,
        due_date=due_date,
    )


# --- transitions -----------------------------------------------------------------------------


def _refuse(field: str, message: Any, **params: Any) -> PromiseError:
    return PromiseError(ErrorCode.INVALID, message, field=field, params=params)


@transaction.atomic
def promise_mark_kept(
    *,
    promise: Promise,
    by: User,
    kept_on: datetime.date | None = None,
    reason: str = "",
    at: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Promise:
    promise = _move(promise, by=by, to=PromiseStatus.KEPT, expected_version=expected_version)
    moment = _now(at)
    kept_on = kept_on or timezone.localdate(moment)
    if kept_on < promise.made_on:
        raise _refuse("kept_on", _("It cannot be kept before it was promised."))
    if kept_on > timezone.localdate(moment):
        raise _refuse("kept_on", _("The date is in the future."))
    before, from_status = snapshot(promise), promise.status
    promise.status = PromiseStatus.KEPT
    promise.kept_on = kept_on
    promise.status_changed_at = moment
    _save(promise, by, ["status", "kept_on", "status_changed_at"])
    on_time = promise.due_date is None or kept_on <= promise.due_date
    _record(
        promise=promise,
        before=before,
        from_status=from_status,
        by=by,
        at=moment,
        reason=reason.strip(),
        details={"kept_on": kept_on.isoformat(), "on_time": on_time},
    )
    return promise


@transaction.atomic
def promise_mark_at_risk(
    *,
    promise: Promise,
    by: User,
    reason: str,
    communication_message: str,
    communication_due: datetime.date | None,
    communication_owner: User | None,
    at: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Promise:
    """Say it may not be kept, and plan what we will tell the customer, by when, and who."""
    promise = _move(promise, by=by, to=PromiseStatus.AT_RISK, expected_version=expected_version)
    reason = _required(reason, "reason")
    message = _required(communication_message, "communication_message")
    if communication_due is None:
        raise PromiseError(
            ErrorCode.REQUIRED,
            _("Say by when the customer will be told."),
            field="communication_due",
        )
    if communication_owner is None:
        raise PromiseError(
            ErrorCode.REQUIRED, _("Say who will tell the customer."), field="communication_owner"
        )
    allowed_owners = selectors.communication_owner_options(promise=promise)
    if not allowed_owners.filter(pk=communication_owner.pk).exists():
        raise _refuse(
            "communication_owner",
            _("Choose someone who can see this organization to tell the customer."),
        )
    moment = _now(at)
    if communication_due < timezone.localdate(moment):
        raise _refuse("communication_due", _("The date is in the past."))
    before, from_status = snapshot(promise), promise.status
    promise.status = PromiseStatus.AT_RISK
    promise.at_risk_since = moment
    promise.communication_message = message
    promise.communication_due = communication_due
    promise.communication_owner = communication_owner
    promise.status_changed_at = moment
    _save(
        promise,
        by,
        [
            "status",
            "at_risk_since",
            "communication_message",
            "communication_due",
            "communication_owner",
            "status_changed_at",
        ],
    )
    _record(
        promise=promise,
        before=before,
        from_status=from_status,
        by=by,
        at=moment,
        reason=reason,
        details={
            "communication_message": message,
            "communication_due": communication_due.isoformat(),
            "communication_owner": communication_owner.get_username(),
        },
    )
    if communication_owner.pk != by.pk:
        promise_id, owner = promise.pk, communication_owner
        transaction.on_commit(
            lambda: notification_send(
                user=owner,
                kind=COMMUNICATION,
                code=COMMUNICATION,
                body=message,
                url=reverse("promises:detail", args=[promise_id]),
                due_on=communication_due,
                dedupe_key=f"promises:communication:{promise_id}:{moment.isoformat()}",
            )
        )
    return promise


@transaction.atomic
def promise_renegotiate(
    *,
    promise: Promise,
    by: User,
    new_text: str,
    new_due_date: datetime.date | None,
    reason: str,
    at: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Promise:
    """Agree new terms and a new due date with the customer; the old ones stay on record."""
    promise = _move(
        promise, by=by, to=PromiseStatus.RENEGOTIATED, expected_version=expected_version
    )
    new_text = _required(new_text, "new_text")
    reason = _required(reason, "reason")
    if new_due_date is None:
        raise PromiseError(
            ErrorCode.REQUIRED,
            _("A renegotiated promise needs a new due date."),
            field="new_due_date",
        )
    moment = _now(at)
    if new_due_date < timezone.localdate(moment):
        raise _refuse("new_due_date", _("The date is in the past."))
    before, from_status = snapshot(promise), promise.status
    old_text, old_due_date = promise.text, promise.due_date
    if not promise.was_renegotiated:
        promise.original_text = old_text
        promise.original_due_date = old_due_date
    promise.text = new_text
    promise.due_date = new_due_date
    promise.status = PromiseStatus.RENEGOTIATED
    promise.status_changed_at = moment
    _save(
        promise,
        by,
        ["text", "due_date", "original_text", "original_due_date", "status", "status_changed_at"],
    )
    _record(
        promise=promise,
        before=before,
        from_status=from_status,
        by=by,
        at=moment,
        reason=reason,
        old_text=old_text,
        new_text=new_text,
        old_due_date=old_due_date,
        new_due_date=new_due_date,
    )
    return promise


@transaction.atomic
def promise_mark_broken(
    *,
    promise: Promise,
    by: User,
    reason: str,
    at: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Promise:
    promise = _move(promise, by=by, to=PromiseStatus.BROKEN, expected_version=expected_version)
    reason = _required(reason, "reason")
    moment = _now(at)
    before, from_status = snapshot(promise), promise.status
    promise.status = PromiseStatus.BROKEN
    promise.broken_at = moment
    promise.status_changed_at = moment
    _save(promise, by, ["status", "broken_at", "status_changed_at"])
    _record(
        promise=promise, before=before, from_status=from_status, by=by, at=moment, reason=reason
    )
    return promise


@transaction.atomic
def promise_withdraw(
    *,
    promise: Promise,
    by: User,
    customer_agreement: str,
    agreed_by: Person | None = None,
    agreed_on: datetime.date | None = None,
    reason: str = "",
    at: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Promise:
    """Withdraw a promise the customer agreed to drop; their agreement is recorded."""
    promise = _move(promise, by=by, to=PromiseStatus.WITHDRAWN, expected_version=expected_version)
    agreement = _required(customer_agreement, "customer_agreement")
    if agreed_by is not None and agreed_by.organization_id != promise.organization_id:
        raise _refuse(
            "agreed_by", _("The person who agreed must belong to the promise's organization.")
        )
    if (
        agreed_by is not None
        and not selectors.agreed_by_options(user=by, promise=promise)
        .filter(pk=agreed_by.pk)
        .exists()
    ):
        raise _refuse("agreed_by", _("Unknown person."))
    moment = _now(at)
    agreed_on = agreed_on or timezone.localdate(moment)
    if agreed_on > timezone.localdate(moment):
        raise _refuse("agreed_on", _("The date is in the future."))
    before, from_status = snapshot(promise), promise.status
    promise.status = PromiseStatus.WITHDRAWN
    promise.customer_agreement = agreement
    promise.agreed_by = agreed_by
    promise.agreed_on = agreed_on
    promise.status_changed_at = moment
    _save(
        promise,
        by,
        ["status", "customer_agreement", "agreed_by", "agreed_on", "status_changed_at"],
    )
    _record(
        promise=promise,
        before=before,
        from_status=from_status,
        by=by,
        at=moment,
        reason=reason.strip(),
        details={
            "customer_agreement": agreement,
            "agreed_by": str(agreed_by) if agreed_by else "",
            "agreed_on": agreed_on.isoformat(),
        },
    )
    return promise


# Details and projects live in `editing.py` (re-exported: callers use `services.<name>`).
from .editing import UNSET, project_create, promise_update  # noqa: E402

__all__ = [
    "ALLOWED_MOVES",
    "UNSET",
    "allowed_moves",
    "check_version",
    "project_create",
    "promise_create",
    "promise_create_from_interaction",
    "promise_mark_at_risk",
    "promise_mark_broken",
    "promise_mark_kept",
    "promise_renegotiate",
    "promise_update",
    "promise_url",
    "promise_withdraw",
]
