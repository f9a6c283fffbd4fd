"""Writes of personal facts and important dates (whoever looks after the person)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib.core.access import Action
from karib.core.audit import snapshot
from karib.core.models import AuditEvent

from ..models import ImportantDate, Person, PersonalFact, PersonAuditEvent
from .common import audit, bump_version, check_fields, check_version, full_clean, invalid, require
from .search_documents import search_document_rebuild

FACT_FIELDS = frozenset(
    {
        "category",
        "text",
        "topic",
        "specifics",
        "relation",
        "member_name",
        "birth_year",
        "source_interaction",
        "told_by_user",
        "told_by_person",
        "source_note",
        "learned_on",
        "confidence",
        "is_sensitive",
    }
)
DATE_FIELDS = frozenset({"kind", "holiday", "month", "day", "year", "label", "remind_days_before"})


def _check_fact_source(fact: PersonalFact) -> None:
    interaction = fact.source_interaction
    if interaction is not None and not interaction.participants.filter(pk=fact.person_id).exists():
        raise invalid("source_interaction", _("The person did not take part in this interaction."))
    if fact.told_by_person_id is not None and fact.told_by_person_id == fact.person_id:
        raise invalid("told_by_person", _("A person cannot be their own source."))


@transaction.atomic
def fact_create(
    *, person: Person, by: User, text: str, category: str, **fields: Any
) -> PersonalFact:
    check_fields(fields, FACT_FIELDS)
    require(user=by, action=Action.CREATE, obj=PersonalFact(person=person))
    if fields.get("source_interaction") is not None and not fields.get("learned_on"):
        fields["learned_on"] = timezone.localdate(fields["source_interaction"].occurred_at)
    fields.setdefault("learned_on", timezone.localdate())
    fact = PersonalFact(person=person, text=text, category=category, created_by=by, **fields)
    full_clean(fact)
    _check_fact_source(fact)
    fact.save()
    audit(
        people=[person],
        sensitive=fact.is_sensitive,
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=fact,
        after=snapshot(fact),
    )
    search_document_rebuild(person=person)
    return fact


@transaction.atomic
def fact_update(
    *, fact: PersonalFact, by: User, version: int | None = None, **fields: Any
) -> PersonalFact:
    check_fields(fields, FACT_FIELDS)
    fact = PersonalFact.objects.select_for_update().select_related("person").get(pk=fact.pk)
    require(user=by, action=Action.CHANGE, obj=fact)
    check_version(fact, version)
    before = snapshot(fact)
    for name, value in fields.items():
        setattr(fact, name, value)
    full_clean(fact)
    _check_fact_source(fact)
    bump_version(fact)
    fact.save()
    audit(
        people=[fact.person],
        sensitive=bool(before["is_sensitive"]) or fact.is_sensitive,
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=fact,
        before=before,
        after=snapshot(fact),
    )
    if fact.is_sensitive:
        fact_audit_mark_sensitive(fact_ids=[fact.pk])
    search_document_rebuild(person=fact.person)
    return fact


def fact_audit_mark_sensitive(*, fact_ids: list[int]) -> int:
    """Flag every audit event already written about these facts as sensitive, so a fact made
    sensitive after it was written (its creation event holds its text) is no longer shown to
    those who may not see it (secprobe9, F1). Never unflagged: a fact made non-sensitive again
    keeps its earlier events hidden, since what they hold was sensitive. Returns the links
    flagged."""
    content_type = ContentType.objects.get_for_model(PersonalFact, for_concrete_model=True)
    return PersonAuditEvent.objects.filter(
        event__content_type=content_type,
        event__object_id__in=[str(pk) for pk in fact_ids],
        is_sensitive=False,
    ).update(is_sensitive=True)


@transaction.atomic
def fact_delete(*, fact: PersonalFact, by: User) -> None:
    require(user=by, action=Action.DELETE, obj=fact)
    person = fact.person
    audit(
        people=[fact.person],
        sensitive=fact.is_sensitive,
        actor=by,
        action=AuditEvent.Action.DELETE,
        instance=fact,
        before=snapshot(fact),
    )
    fact.delete()
    search_document_rebuild(person=person)


@transaction.atomic
def important_date_create(*, person: Person, by: User, kind: str, **fields: Any) -> ImportantDate:
    check_fields(fields, DATE_FIELDS)
    require(user=by, action=Action.CREATE, obj=ImportantDate(person=person))
    important_date = ImportantDate(person=person, kind=kind, created_by=by, **fields)
    full_clean(important_date)
    important_date.save()
    audit(
        people=[person],
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=important_date,
        after=snapshot(important_date),
    )
    return important_date


@transaction.atomic
def important_date_delete(*, important_date: ImportantDate, by: User) -> None:
    require(user=by, action=Action.DELETE, obj=important_date)
    audit(
        people=[important_date.person],
        actor=by,
        action=AuditEvent.Action.DELETE,
        instance=important_date,
        before=snapshot(important_date),
    )
    important_date.delete()
