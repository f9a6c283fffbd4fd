"""Reads of the privacy app: the access report (everything held about one person) and requests."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from karib.core import access
from karib.core.audit import JsonValue, snapshot
from karib.core.errors import DomainError, ErrorCode
from karib.core.models import AuditEvent
from karib.core.roles import Role, has_role, is_admin
from karib.core.selectors import team_members
from karib.core.types import AnyUser
from karib.people.models import Person, PersonAuditEvent
from karib.people.selectors import person_get_for_user

from .access import ERASE, REPORT
from .models import Erasure, LegalHold, SubjectRequest, stored_reference


def person_for_privacy(*, user: AnyUser, pk: Any) -> Person:
    """The person, if `user` sees them and is accountable for their data (404 / 403 else)."""
    person = person_get_for_user(user=user, pk=pk)
    access.require(user=user, action=REPORT, obj=person)
    return person


def may_erase(user: AnyUser, person: Person) -> bool:
    return access.can(user, ERASE, person)


def subject_request_list(*, user: AnyUser) -> QuerySet[SubjectRequest]:
    """The requests `user` answers for; ``person_held``: its person was erased and is kept only
    under a legal hold, so the request names them by its reference, as when the person is gone
    (secprobe11, F2), and only an admin sees it, as then."""
    held = LegalHold.objects.filter(person_id=OuterRef("person_id"))
    requests = SubjectRequest.objects.select_related(
        "person", "opened_by", "completed_by"
    ).annotate(person_held=Exists(held))
    if is_admin(user):
        return requests
    accountable = Q(person__owner=user)
    if has_role(user, Role.MANAGER):
        accountable |= Q(person__owner__in=team_members(user))
    return requests.filter(accountable).filter(person_held=False)


def subject_request_get_for_user(*, user: AnyUser, pk: Any) -> SubjectRequest:
    request = subject_request_list(user=user).filter(pk=pk).first()
    if request is None:
        raise DomainError(ErrorCode.NOT_FOUND)
    return request


def erasure_list(*, user: AnyUser) -> QuerySet[Erasure]:
    return Erasure.objects.select_related("erased_by") if is_admin(user) else Erasure.objects.none()


def _users(ids: set[Any]) -> dict[Any, str]:
    return dict(User.objects.filter(pk__in=ids).values_list("pk", "username"))


def _records(queryset: QuerySet[Any], *, exclude: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every concrete field of each row, users named by username, for the report."""
    rows = [snapshot(obj) for obj in queryset]
    model = queryset.model
    user_fields = [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is User
    ]
    names = _users({row[name] for row in rows for name in user_fields if row.get(name)})
    for row in rows:
        for name in user_fields:
            if row.get(name) is not None:
                row[name] = names.get(row[name], row[name])
        for name in exclude:
            row.pop(name, None)
    return rows


def _unless_hidden(
    record: Any, seen: set[Any], shown: Callable[[Any], str], hidden: str
) -> str | None:
    if record is None:
        return None
    return shown(record) if record.pk in seen else hidden


def person_access_report(*, person: Person, viewer: AnyUser) -> dict[str, Any]:
    """All data held about `person`, where it came from, who changed what and who may see it
    (UU PDP art. 7 and 32). The caller has checked REPORT on the person. A fact's source is
    another person's data: the contact who told it, or the meeting it was learned in, is named
    only when `viewer` may see them (secprobe4, F3)."""
    from karib.core.access import users_who_may_see_person
    from karib.gifts.models import Gift
    from karib.people.models import Interaction
    from karib.promises.models import Promise
    from karib.service.models import Conversation

    person_row = snapshot(person)
    facts = person.facts.select_related("source_interaction", "told_by_person")
    told_by = {f.told_by_person_id for f in facts if f.told_by_person_id is not None}
    learned_in = {f.source_interaction_id for f in facts if f.source_interaction_id is not None}
    seen_people = set(
        Person.objects.visible_to(viewer).filter(pk__in=told_by).values_list("pk", flat=True)
    )
    seen_interactions = set(
        Interaction.objects.visible_to(viewer)
        .filter(pk__in=learned_in)
        .values_list("pk", flat=True)
    )
    interactions = person.interactions.prefetch_related("users")
    events = AuditEvent.objects.filter(
        pk__in=PersonAuditEvent.objects.filter(person=person).values("event_id")
    ).select_related("actor") | AuditEvent.objects.filter(
        content_type__app_label="people",
        content_type__model="person",
        object_id=str(person.pk),
    ).select_related("actor")
    history = [
        {
            "at": event.at.isoformat(),
            "by": event.actor.get_username() if event.actor else None,
            "action": event.action,
            "record": event.object_repr,
            "summary": event.summary,
            "changes": event.changes,
        }
        for event in events.order_by("at", "pk")
    ]
    seen_by = users_who_may_see_person(person=person)
    shared_with = [
        {"username": user.get_username(), "name": user.get_full_name()} for user in seen_by
    ]
    basis = getattr(person, "processing_basis", None)
    # Service conversations with the person: the transcripts only of those the reader may
    # open (the agent, the team's overseers, admins), the others counted (secprobe5, F2).
    conversations = Conversation.objects.filter(customer=person)
    readable = conversations.visible_to(viewer)
    # Promises made to the person: only those of organizations the reader sees (a person
    # handed to another team keeps the owner's promises at the organization the new team
    # cannot open), the others counted (secprobe12, F1). An admin sees them all.
    promises = Promise.objects.filter(people=person)
    readable_promises = promises.visible_to(viewer)
    return {
        # as the requests and erasures store it: the same in every language, like the keys
        "reference": stored_reference(person.pk),
        "generated_at": timezone.now().isoformat(),
        "person": person_row,
        "organization": person.organization.name if person.organization else None,
        "lawful_basis": snapshot(basis, ["basis", "purpose", "consent_obtained_on", "recorded_at"])
        if basis
        else None,
        "memberships": _records(person.memberships.select_related("organization")),
        "facts": [
            {
                **row,
                "source": {
                    "interaction": _unless_hidden(
                        fact.source_interaction,
                        seen_interactions,
                        lambda i: i.summary[:200],
                        _("a meeting you cannot see"),
                    ),
                    "told_by_person": _unless_hidden(
                        fact.told_by_person,
                        seen_people,
                        lambda p: p.full_name,
                        _("a contact you cannot see"),
                    ),
                },
            }
            for fact, row in zip(facts, _records(facts), strict=True)
        ],
        "important_dates": _records(person.important_dates.all()),
        "interactions": [
            {**row, "users": [user.get_username() for user in interaction.users.all()]}
            for interaction, row in zip(interactions, _records(interactions), strict=True)
        ],
        "relationship_changes": _records(person.changes.all()),
        "envoy_assignments": _records(person.envoy_assignments.all()),
        "promises": _records(readable_promises),
        "promises_not_shown": promises.count() - readable_promises.count(),
        "gifts_received": _records(Gift.objects.filter(recipient=person)),
        "conversations": _records(readable, exclude=("transcript_text", "content_hash")),
        "conversations_not_shown": conversations.count() - readable.count(),
        "history": history,
        "shared_with": shared_with,
        "requests": _records(SubjectRequest.objects.filter(person=person)),
    }


def _json_default(value: object) -> JsonValue:
    return str(value)


def person_access_report_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, default=_json_default)


def person_access_report_zip(report: dict[str, Any]) -> bytes:
    """report.json plus one readable transcript per conversation."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.json", person_access_report_json(report))
        for conversation in report["conversations"]:
            lines = [
                f"{turn.get('speaker', '')}: {turn.get('text', '')}"
                for turn in conversation.get("turns") or []
                if isinstance(turn, dict)
            ]
            archive.writestr(f"conversations/{conversation['id']}.txt", "\n".join(lines))
    return buffer.getvalue()
