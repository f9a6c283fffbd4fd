"""Dirty markers: which people's health to recompute, set when something about them changes.

Only markers, never domain logic: a handler records person ids in `HealthDirtyPerson` inside the
same transaction as the change (a rolled-back change leaves no marker); the incremental run
(`services.health_recompute_dirty`) does the work. Connected in `HealthConfig.ready()`, so no
other app has to know about health.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils import timezone


def mark_dirty(person_ids: Iterable[int | None]) -> None:
    from .models import HealthDirtyPerson

    ids = {pk for pk in person_ids if pk is not None}
    if not ids:
        return
    now = timezone.now()
    HealthDirtyPerson.objects.bulk_create(
        [HealthDirtyPerson(person_id=pk, marked_at=now) for pk in ids],
        update_conflicts=True,
        unique_fields=["person"],
        update_fields=["marked_at"],
    )


def _organization_people(organization_id: int | None) -> list[int]:
    from karib.people.models import Person

    if organization_id is None:
        return []
    return list(Person.objects.filter(organization_id=organization_id).values_list("pk", flat=True))


def _deleting_a_person(kwargs: dict[str, Any]) -> bool:
    """Whether this delete cascades from deleting people (their markers go with them)."""
    from karib.people.models import Person

    origin = kwargs.get("origin")
    if isinstance(origin, Person):
        return True
    return isinstance(origin, QuerySet) and origin.model is Person


def _person(sender: Any, instance: Any, **kwargs: Any) -> None:
    mark_dirty([instance.pk])


def _by_person_id(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not _deleting_a_person(kwargs):
        mark_dirty([instance.person_id])


def _gift(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not _deleting_a_person(kwargs):
        mark_dirty([instance.recipient_id])


def _conversation(sender: Any, instance: Any, **kwargs: Any) -> None:
    mark_dirty([instance.customer_id])


def _analysis(sender: Any, instance: Any, **kwargs: Any) -> None:
    from karib.service.models import Conversation

    mark_dirty(
        Conversation.objects.filter(pk=instance.conversation_id).values_list(
            "customer_id", flat=True
        )
    )


def _interaction(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not _deleting_a_person(kwargs):
        mark_dirty(instance.participants.values_list("pk", flat=True))


def _participants(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if reverse:  # person.interactions.add(...): the instance is the person
        mark_dirty([instance.pk])
    elif action == "pre_clear":
        mark_dirty(instance.participants.values_list("pk", flat=True))
    else:
        mark_dirty(pk_set or [])


def _promise(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not _deleting_a_person(kwargs):
        mark_dirty(_organization_people(instance.organization_id))


def _promise_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    from karib.promises.models import Promise

    organization_id = (
        Promise.objects.filter(pk=instance.promise_id)
        .values_list("organization_id", flat=True)
        .first()
    )
    mark_dirty(_organization_people(organization_id))


def _promise_people(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        mark_dirty([instance.pk])
    else:
        mark_dirty(_organization_people(instance.organization_id))


def connect() -> None:
    from karib.gifts.models import Gift
    from karib.people.models import (
        EnvoyAssignment,
        ImportantDate,
        Interaction,
        Person,
        PersonalFact,
        RelationshipChange,
    )
    from karib.promises.models import Promise, PromiseStatusChange
    from karib.service.models import Analysis, Conversation

    from .models import PersonCadence

    uid = "karib.health.dirty"
    post_save.connect(_person, sender=Person, dispatch_uid=f"{uid}.person")
    for model in (PersonalFact, ImportantDate, RelationshipChange, EnvoyAssignment, PersonCadence):
        post_save.connect(_by_person_id, sender=model, dispatch_uid=f"{uid}.{model.__name__}.save")
        post_delete.connect(
            _by_person_id, sender=model, dispatch_uid=f"{uid}.{model.__name__}.delete"
        )
    post_save.connect(_interaction, sender=Interaction, dispatch_uid=f"{uid}.interaction.save")
    pre_delete.connect(_interaction, sender=Interaction, dispatch_uid=f"{uid}.interaction.delete")
    m2m_changed.connect(
        _participants, sender=Interaction.participants.through, dispatch_uid=f"{uid}.participants"
    )
    post_save.connect(_promise, sender=Promise, dispatch_uid=f"{uid}.promise.save")
    post_delete.connect(_promise, sender=Promise, dispatch_uid=f"{uid}.promise.delete")
    post_save.connect(
        _promise_change, sender=PromiseStatusChange, dispatch_uid=f"{uid}.promise_change"
    )
    m2m_changed.connect(
        _promise_people, sender=Promise.people.through, dispatch_uid=f"{uid}.promise_people"
    )
    post_save.connect(_gift, sender=Gift, dispatch_uid=f"{uid}.gift.save")
    post_delete.connect(_gift, sender=Gift, dispatch_uid=f"{uid}.gift.delete")
    post_save.connect(_conversation, sender=Conversation, dispatch_uid=f"{uid}.conversation")
    post_save.connect(_analysis, sender=Analysis, dispatch_uid=f"{uid}.analysis")
