"""Writes of people: stage and attitude changes keep a dated history with who and why, envoy
assignments are recorded, moves between organizations keep the membership history."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib.core import access
from karib.core.access import Action
from karib.core.audit import audit_record, snapshot
from karib.core.errors import ErrorCode
from karib.core.models import AuditEvent, Notification
from karib.core.roles import is_compliance_or_admin

from ..access import PersonAction, answers_for_organization
from ..models import EnvoyAssignment, Organization, Person, RelationshipChange
from .common import (
    PeopleError,
    audit,
    bump_version,
    check_fields,
    check_version,
    full_clean,
    invalid,
    protected,
    protecting_records,
    require,
)
from .search_documents import search_document_rebuild

PERSON_FIELDS = frozenset(
    {
        "full_name",
        "honorific",
        "custom_address",
        "job_title",
        "organization",
        "phones",
        "emails",
        "is_public_official",
        "influence",
        "attitude",
        "stage",
        "owner",
        "envoy",
        "refuses_to_meet_owner",
        "refusal_reason",
        "refusal_since",
    }
)
# Which transition a change of these fields is (any other field: a plain change).
TRANSITIONS = {
    "stage": PersonAction.CHANGE_RELATIONSHIP,
    "attitude": PersonAction.CHANGE_RELATIONSHIP,
    "refuses_to_meet_owner": PersonAction.FLAG_REFUSAL,
    "refusal_reason": PersonAction.FLAG_REFUSAL,
    "refusal_since": PersonAction.FLAG_REFUSAL,
    "envoy": PersonAction.ASSIGN_ENVOY,
    "owner": PersonAction.REASSIGN_OWNER,
    "organization": PersonAction.MOVE_ORGANIZATION,
}


def suggest_is_public_official(organization: Organization | None) -> bool:
    """People at a government institution or a state-owned enterprise are public officials
    unless someone says otherwise."""
    return bool(organization is not None and organization.is_public_sector)


def _record_relationship_changes(
    *, person: Person, before: dict[str, Any], by: User, reason: str, on: datetime.date
) -> None:
    for field in (RelationshipChange.Field.STAGE, RelationshipChange.Field.ATTITUDE):
        old, new = before.get(field.value, ""), getattr(person, field.value)
        if old != new:
            RelationshipChange.objects.create(
                person=person,
                field=field,
                old_value=old or "",
                new_value=new,
                reason=reason,
                changed_by=by,
                changed_on=on,
            )


@transaction.atomic
def person_create(
    *,
    by: User,
    full_name: str,
    organization: Organization | None = None,
    reason: str = "",
    **fields: Any,
) -> Person:
    """Add a person; the organization may come later (a quick add by name alone)."""
    require(user=by, action=Action.CREATE, obj=Person)
    check_fields(fields, PERSON_FIELDS)
    fields.setdefault("owner", by)
    if "is_public_official" not in fields or fields["is_public_official"] is None:
        fields["is_public_official"] = suggest_is_public_official(organization)
    if fields.get("refuses_to_meet_owner") and not fields.get("refusal_since"):
        fields["refusal_since"] = timezone.localdate()
    person = Person(full_name=full_name, organization=organization, **fields)
    full_clean(person)
    require_no_new_sight(person, None, by)
    person.save()
    if organization is not None:
        person.memberships.create(
            organization=organization, role=person.job_title, start_date=timezone.localdate()
        )
    if person.envoy_id:
        EnvoyAssignment.objects.create(
            person=person,
            envoy=person.envoy,
            assigned_by=by,
            assigned_on=timezone.localdate(),
            reason=reason,
        )
    audit(
        people=[person],
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=person,
        after=snapshot(person),
    )
    search_document_rebuild(person=person)
    return person


def _require_transitions(person: Person, before: dict[str, Any], by: User) -> None:
    """The rule of each transition the new values make (on the person as loaded: who may
    hand them over is decided by who looked after them)."""
    done: set[str] = set()
    for name, action in TRANSITIONS.items():
        if action in done or before.get(name) == _value(person, name):
            continue
        done.add(action)
        require(user=by, action=action, obj=as_loaded(person, before))


def require_no_new_sight(person: Person, before: dict[str, Any] | None, by: User) -> None:
    """A person's owner and envoy see the person's whole organization (through one). Naming
    as owner or envoy someone who does not see it yet, or moving the person with them into
    it, opens it to them: only who answers for the organization may do that (its owner, its
    managers, admins). Otherwise anyone who sees an organization through one person could
    open it to any colleague with a quick add (`before` is None for a new person)."""
    if person.organization_id is None:
        return
    named = {("owner", person.owner_id), ("envoy", person.envoy_id)}
    if before is not None and before["organization"] == person.organization_id:
        # Who was owner or envoy here already saw the organization through this person.
        named -= {("owner", before["owner"]), ("envoy", before["envoy"])}
    newcomers: list[tuple[str, int]] = sorted((f, pk) for f, pk in named if pk is not None)
    if not newcomers:
        return
    organization = person.organization
    if organization is None or answers_for_organization(by, organization):
        return
    for field, pk in newcomers:
        user = User.objects.get(pk=pk)
        if not Organization.objects.visible_to(user).filter(pk=organization.pk).exists():
            raise PeopleError(
                ErrorCode.FORBIDDEN,
                _(
                    "%(name)s does not see %(organization)s yet: only its owner, their manager "
                    "or an admin may open it to them."
                ),
                field=field,
                params={
                    "name": user.get_full_name() or user.get_username(),
                    "organization": organization.name,
                },
            )


def require_official_status_kept(person: Person, before: dict[str, Any], by: User) -> None:
    """The public-official flag decides the gift rules (approval, the KPK report): switching it
    off is for Compliance or an admin. A giver switched it off, proposed a gift with no KPK
    duty and switched it back (secprobe8, F1). A move out of a government institution stays
    open to who answers for the person (people leave their posts): the gift rules remember a
    year of memberships (`gifts.adapters.is_public_official`)."""
    lowered = before.get("is_public_official") and not person.is_public_official
    if lowered and not is_compliance_or_admin(by):
        raise PeopleError(
            ErrorCode.FORBIDDEN,
            _(
                "Only Compliance or an admin may take away a public official's status: it "
                "decides the gift rules."
            ),
            field="is_public_official",
        )


def _value(person: Person, name: str) -> Any:
    if name in {"owner", "envoy", "organization"}:
        return getattr(person, f"{name}_id")
    value = getattr(person, name)
    return value.isoformat() if isinstance(value, datetime.date) else value


def as_loaded(person: Person, before: dict[str, Any]) -> Person:
    """The person as it was before the change: a rule is about who looked after them."""
    loaded = Person(pk=person.pk, organization_id=before["organization"])
    loaded.owner_id, loaded.envoy_id = before["owner"], before["envoy"]
    return loaded


@transaction.atomic
def person_update(
    *, person: Person, by: User, reason: str = "", version: int | None = None, **fields: Any
) -> Person:
    """Change a person. Stage and attitude changes are kept as dated history with `reason`;
    a new envoy is recorded as an assignment; a move to another organization closes the old
    membership and opens a new one. `version` is the one the editor loaded: a stale one is
    refused (StaleVersion)."""
    check_fields(fields, PERSON_FIELDS)
    person = (
        Person.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=person.pk)
    )
    require(user=by, action=Action.CHANGE, obj=person)
    check_version(person, version)
    before = snapshot(person)
    for name, value in fields.items():
        setattr(person, name, value)
    if person.refuses_to_meet_owner and not person.refusal_since:
        person.refusal_since = timezone.localdate()
    if not person.refuses_to_meet_owner:
        person.refusal_reason, person.refusal_since = "", None
    _require_transitions(person, before, by)
    full_clean(person)
    require_no_new_sight(person, before, by)
    require_official_status_kept(person, before, by)
    bump_version(person)
    person.save()
    today = timezone.localdate()
    _record_relationship_changes(person=person, before=before, by=by, reason=reason, on=today)
    if before["envoy"] != person.envoy_id:
        EnvoyAssignment.objects.create(
            person=person, envoy=person.envoy, assigned_by=by, assigned_on=today, reason=reason
        )
    if before["organization"] != person.organization_id:
        person.memberships.filter(end_date__isnull=True).update(end_date=today)
        if person.organization is not None:
            person.memberships.create(
                organization=person.organization, role=person.job_title, start_date=today
            )
    audit(
        people=[person],
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=person,
        before=before,
        after=snapshot(person),
        summary=reason,
    )
    search_document_rebuild(person=person)
    _refresh_actions_of_those_moved(person, before)
    return person


def _refresh_actions_of_those_moved(person: Person, before: dict[str, Any]) -> None:
    """A new owner, envoy or organization changes who should act on the person, and who sees
    them: the Today of everyone concerned is refreshed after the commit (Today also hides at
    once what its owner no longer sees)."""
    from karib.steer.services import next_actions_refresh_later

    if (before["owner"], before["envoy"], before["organization"]) == (
        person.owner_id,
        person.envoy_id,
        person.organization_id,
    ):
        return
    concerned = (before["owner"], before["envoy"], person.owner_id, person.envoy_id)
    next_actions_refresh_later(user_ids=[pk for pk in concerned if pk is not None])
    _forget_notifications_of_those_who_lost_sight(person, before)


def _forget_notifications_of_those_who_lost_sight(person: Person, before: dict[str, Any]) -> None:
    """A former owner or envoy who no longer sees the person keeps no notification about them
    (an important date names the person, and the digest would repeat it daily; secprobe7 F5)."""
    former = {before["owner"], before["envoy"]} - {person.owner_id, person.envoy_id, None}
    if not former:
        return
    url = reverse("people:person-detail", args=[person.pk])
    for user in User.objects.filter(pk__in=former):
        if not Person.objects.visible_to(user).filter(pk=person.pk).exists():
            Notification.objects.filter(user=user, url=url).delete()


def person_assign_envoy(
    *, person: Person, envoy: User | None, by: User, reason: str = ""
) -> Person:
    """Send a colleague in the owner's place (recorded with who, when and why).

    The envoy must be one of `by`'s colleagues (their team(s) and the teams they manage; any
    Sales or Manager user for an admin); clearing the envoy is always allowed."""
    require(user=by, action=PersonAction.ASSIGN_ENVOY, obj=person)
    if envoy is not None and not access.colleagues_of(by).filter(pk=envoy.pk).exists():
        raise invalid("envoy", _("Choose an envoy among your colleagues."))
    return person_update(person=person, by=by, reason=reason, envoy=envoy)


@transaction.atomic
def person_delete(*, person: Person, by: User) -> None:
    """Delete a person nothing depends on; otherwise refuse (409) naming what depends on them
    (a gift they received, a promise made to them, …)."""
    require(user=by, action=Action.DELETE, obj=person)
    blockers = protecting_records(person)
    if blockers:
        raise protected(person.full_name, blockers)
    audit_record(
        actor=by, action=AuditEvent.Action.DELETE, instance=person, before=snapshot(person)
    )
    person.delete()
