"""Writes of interactions (meetings, calls, visits) and the reminders of important dates."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from karib.core.access import Action
from karib.core.audit import snapshot
from karib.core.models import AuditEvent

from ..dates import important_date_notify, next_occurrence
from ..models import ImportantDate, Interaction, Person
from .common import audit, bump_version, check_fields, check_version, full_clean, invalid, require
from .search_documents import rebuild_many

INTERACTION_FIELDS = frozenset(
    {"kind", "occurred_at", "location", "organization", "summary", "mood"}
)


def _interaction_snapshot(interaction: Interaction) -> dict[str, Any]:
    values: dict[str, Any] = snapshot(interaction)
    values["participants"] = sorted(interaction.participants.values_list("pk", flat=True))
    values["users"] = sorted(interaction.users.values_list("pk", flat=True))
    return values


@transaction.atomic
def interaction_create(
    *,
    by: User,
    kind: str,
    occurred_at: datetime.datetime,
    summary: str,
    participants: Iterable[Person],
    users: Iterable[User] = (),
    **fields: Any,
) -> Interaction:
    require(user=by, action=Action.CREATE, obj=Interaction)
    check_fields(fields, INTERACTION_FIELDS)
    people = list(participants)
    if not people:
        raise invalid("participants", _("Name at least one person who took part."))
    if fields.get("organization") is None:
        fields["organization"] = people[0].organization
    interaction = Interaction(
        kind=kind, occurred_at=occurred_at, summary=summary, created_by=by, **fields
    )
    full_clean(interaction)
    interaction.save()
    interaction.participants.set(people)
    interaction.users.set({by, *users})
    audit(
        people=people,
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=interaction,
        after=_interaction_snapshot(interaction),
    )
    rebuild_many(people)
    return interaction


@transaction.atomic
def interaction_update(
    *,
    interaction: Interaction,
    by: User,
    participants: Iterable[Person] | None = None,
    version: int | None = None,
    **fields: Any,
) -> Interaction:
    check_fields(fields, INTERACTION_FIELDS)
    interaction = Interaction.objects.select_for_update().get(pk=interaction.pk)
    require(user=by, action=Action.CHANGE, obj=interaction)
    check_version(interaction, version)
    before = _interaction_snapshot(interaction)
    touched = set(interaction.participants.all())
    for name, value in fields.items():
        setattr(interaction, name, value)
    full_clean(interaction)
    bump_version(interaction)
    interaction.save()
    if participants is not None:
        # Who took part and is hidden from the editor stays: the editor neither saw them in
        # the list nor could name them, so leaving them out removes no one (secprobe4, F4).
        people = list(participants)
        visible = Person.objects.visible_to(by).values("pk")
        people += [p for p in interaction.participants.exclude(pk__in=visible) if p not in people]
        if not people:
            raise invalid("participants", _("Name at least one person who took part."))
        interaction.participants.set(people)
        touched |= set(people)
    audit(
        people=touched,
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=interaction,
        before=before,
        after=_interaction_snapshot(interaction),
    )
    rebuild_many(touched)
    return interaction


@transaction.atomic
def interaction_delete(*, interaction: Interaction, by: User) -> None:
    require(user=by, action=Action.DELETE, obj=interaction)
    people = list(interaction.participants.all())
    audit(
        people=people,
        actor=by,
        action=AuditEvent.Action.DELETE,
        instance=interaction,
        before=_interaction_snapshot(interaction),
    )
    interaction.delete()
    rebuild_many(people)


def important_date_reminders_send(*, today: datetime.date) -> int:
    """Remind the owner (and the envoy) of each date due within its reminder window.

    Idempotent: one reminder per date, occurrence and user (the notification's dedupe key).
    """
    sent = 0
    dates = ImportantDate.objects.select_related("person__owner", "person__envoy").order_by("pk")
    for important_date in dates.iterator(chunk_size=500):
        day = next_occurrence(important_date, today)
        if day is None or (day - today).days > important_date.remind_days_before:
            continue
        sent += important_date_notify(important_date=important_date, day=day)
    return sent
