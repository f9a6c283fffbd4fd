"""Writes of the people app. Every change is audited; stage and attitude changes keep a dated
history with who and why; every write rebuilds the stemmed search document of the people
it touches."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from karib.core.audit import audit_record, snapshot
from karib.core.models import AuditEvent
from karib.core.selectors import colleagues_of
from karib.core.services import notification_send

from .dates import next_occurrence
from .models import (
    EnvoyAssignment,
    ImportantDate,
    Interaction,
    Organization,
    Person,
    PersonalFact,
    PersonAuditEvent,
    PersonSearchDocument,
    RelationshipChange,
)
from .search import build_document

ORGANIZATION_FIELDS = frozenset(
    {"name", "kind", "sector", "parent", "city", "province", "address", "notes", "owner", "team"}
)
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
INTERACTION_FIELDS = frozenset(
    {"kind", "occurred_at", "location", "organization", "summary", "mood"}
)
DATE_FIELDS = frozenset({"kind", "holiday", "month", "day", "year", "label", "remind_days_before"})


def _audit(
    *, people: Iterable[Person], sensitive: bool = False, **record: Any
) -> AuditEvent | None:
    """Record a change (audit_record) and link it to the people it is about."""
    event = audit_record(**record)
    if event is not None:
        PersonAuditEvent.objects.bulk_create(
            [
                PersonAuditEvent(person_id=pk, event=event, is_sensitive=sensitive)
                for pk in {person.pk for person in people}
            ],
            ignore_conflicts=True,
        )
    return event


def _check_fields(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})


def suggest_is_public_official(organization: Organization | None) -> bool:
    """People at a government institution or a state-owned enterprise are public officials
    unless someone says otherwise."""
    return bool(organization is not None and organization.is_public_sector)


# --- search documents -------------------------------------------------------------------------


def search_document_text(person: Person) -> str:
    parts: list[str] = [
        person.full_name,
        person.form_of_address,
        person.job_title,
        person.refusal_reason,
        person.organization.name,
        " ".join(str(item) for item in person.emails or []),
    ]
    for fact in person.facts.filter(is_sensitive=False):
        parts += [fact.text, fact.topic, fact.specifics, fact.relation, fact.member_name]
    for interaction in person.interactions.all():
        parts += [interaction.summary, interaction.location]
    return build_document(parts)


@transaction.atomic
def search_document_rebuild(*, person: Person) -> PersonSearchDocument:
    # Lock the person so two concurrent fact writes rebuild one after the other: each reads
    # the facts the other committed, and no update of the index is lost.
    person = (
        Person.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=person.pk)
    )
    document, _created = PersonSearchDocument.objects.update_or_create(
        person=person,
        defaults={
            "document": search_document_text(person),
            "owner_id_copy": person.owner_id,
            "envoy_id_copy": person.envoy_id,
            "organization_id_copy": person.organization_id,
        },
    )
    return document


def _rebuild_many(people: Iterable[Person]) -> None:
    for person in people:
        search_document_rebuild(person=person)


# --- organizations ----------------------------------------------------------------------------


@transaction.atomic
def organization_create(*, by: User, name: str, **fields: Any) -> Organization:
    _check_fields(fields, ORGANIZATION_FIELDS)
    fields.setdefault("owner", by)
    organization = Organization(name=name, **fields)
    organization.full_clean()
    organization.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=organization,
        after=snapshot(organization),
    )
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, by: User, **fields: Any) -> Organization:
    _check_fields(fields, ORGANIZATION_FIELDS)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    before = snapshot(organization)
    for name, value in fields.items():
        setattr(organization, name, value)
    if organization.parent_id is not None and organization.parent_id == organization.pk:
        raise ValidationError({"parent": _("An organization cannot be its own parent.")})
    _check_no_parent_cycle(organization)
    organization.full_clean()
    organization.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=organization,
        before=before,
        after=snapshot(organization),
    )
    if before["name"] != organization.name:
        # The name is in every member's search document: rebuilt in the background, once the
        # rename is committed (a big organization would otherwise hold this request).
        from .tasks import organization_search_documents_rebuild

        organization_id = organization.pk
        transaction.on_commit(
            lambda: organization_search_documents_rebuild.enqueue(organization_id)
        )
    return organization


def _check_no_parent_cycle(organization: Organization) -> None:
    """Refuse a parent that is the organization itself or one of its own units."""
    seen = {organization.pk}
    parent_id = organization.parent_id
    while parent_id is not None:
        if parent_id in seen:
            raise ValidationError(
                {"parent": _("This parent is one of the organization's own units.")}
            )
        seen.add(parent_id)
        parent_id = (
            Organization.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
        )


def organization_search_documents_rebuild_now(*, organization_id: int) -> int:
    """Rebuild the search documents of an organization's people; returns how many."""
    people = list(
        Person.objects.filter(organization_id=organization_id).select_related("organization")
    )
    _rebuild_many(people)
    return len(people)


@transaction.atomic
def organization_delete(*, organization: Organization, by: User) -> None:
    if organization.people.exists():
        raise ValidationError(
            {"organization": _("The organization still has people; move or delete them first.")}
        )
    audit_record(
        actor=by,
        action=AuditEvent.Action.DELETE,
        instance=organization,
        before=snapshot(organization),
    )
    organization.delete()


# --- people -----------------------------------------------------------------------------------


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
    *, by: User, full_name: str, organization: Organization, reason: str = "", **fields: Any
) -> Person:
    _check_fields(fields, PERSON_FIELDS)
    fields.setdefault("owner", by)
    if "is_public_official" not in fields or fields["is_public_official"] is None:
        fields["is_public_official"] = suggest_is_public_official(organization)
    if fields.get("refuses_to_meet_owner") and not fields.get("refusal_since"):
        fields["refusal_since"] = timezone.localdate()
    person = Person(full_name=full_name, organization=organization, **fields)
    person.full_clean()
    person.save()
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
    _audit(
        people=[person],
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=person,
        after=snapshot(person),
    )
    search_document_rebuild(person=person)
    return person


@transaction.atomic
def person_update(*, person: Person, by: User, reason: str = "", **fields: Any) -> Person:
    """Change a person. Stage and attitude changes are kept as dated history with `reason`;
    a new envoy is recorded as an assignment; a move to another organization closes the old
    membership and opens a new one."""
    _check_fields(fields, PERSON_FIELDS)
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    before = snapshot(person)
    for name, value in fields.items():
        setattr(person, name, value)
    if person.refuses_to_meet_owner and not person.refusal_since:
        person.refusal_since = timezone.localdate()
    if not person.refuses_to_meet_owner:
        person.refusal_reason, person.refusal_since = "", None
    person.full_clean()
    person.save()
    today = timezone.localdate()
    _record_relationship_changes(person=person, before=before, by=by, reason=reason, on=today)
    if before["envoy"] != person.envoy_id:
        EnvoyAssignment.objects.create(
            person=person, envoy=person.envoy, assigned_by=by, assigned_on=today, reason=reason
        )
    if before["organization"] != person.organization_id:
        person.memberships.filter(end_date__isnull=True).update(end_date=today)
        person.memberships.create(
            organization=person.organization, role=person.job_title, start_date=today
        )
    _audit(
        people=[person],
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=person,
        before=before,
        after=snapshot(person),
        summary=reason,
    )
    search_document_rebuild(person=person)
    return person


def person_assign_envoy(
    *, person: Person, envoy: User | None, by: User, reason: str = ""
) -> Person:
    """Send a colleague in the owner's place (recorded with who, when and why).

    The envoy must be one of `by`'s colleagues (their team(s) and the teams they manage; any
    Sales or Manager user for an admin); clearing the envoy is always allowed."""
    if envoy is not None and not colleagues_of(by).filter(pk=envoy.pk).exists():
        raise ValidationError({"envoy": _("Choose an envoy among your colleagues.")})
    return person_update(person=person, by=by, reason=reason, envoy=envoy)


@transaction.atomic
def person_delete(*, person: Person, by: User) -> None:
    audit_record(
        actor=by, action=AuditEvent.Action.DELETE, instance=person, before=snapshot(person)
    )
    person.delete()


# --- personal facts ---------------------------------------------------------------------------


def _check_fact_source(fact: PersonalFact) -> None:
    interaction = fact.source_interaction
    if interaction is not None and not interaction.participants.filter(pk=fact.person_id).exists():
        raise ValidationError(
            {"source_interaction": _("The person did not take part in this interaction.")}
        )
    if fact.told_by_person_id is not None and fact.told_by_person_id == fact.person_id:
        raise ValidationError({"told_by_person": _("A person cannot be their own source.")})


@transaction.atomic
def fact_create(
    *, person: Person, by: User, text: str, category: str, **fields: Any
) -> PersonalFact:
    _check_fields(fields, FACT_FIELDS)
    if fields.get("source_interaction") is not None and not fields.get("learned_on"):
        fields["learned_on"] = timezone.localdate(fields["source_interaction"].occurred_at)
    fields.setdefault("learned_on", timezone.localdate())
    fact = PersonalFact(person=person, text=text, category=category, created_by=by, **fields)
    fact.full_clean()
    _check_fact_source(fact)
    fact.save()
    _audit(
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
def fact_update(*, fact: PersonalFact, by: User, **fields: Any) -> PersonalFact:
    _check_fields(fields, FACT_FIELDS)
    fact = PersonalFact.objects.select_for_update().get(pk=fact.pk)
    before = snapshot(fact)
    for name, value in fields.items():
        setattr(fact, name, value)
    fact.full_clean()
    _check_fact_source(fact)
    fact.save()
    _audit(
        people=[fact.person],
        sensitive=bool(before["is_sensitive"]) or fact.is_sensitive,
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=fact,
        before=before,
        after=snapshot(fact),
    )
    search_document_rebuild(person=fact.person)
    return fact


@transaction.atomic
def fact_delete(*, fact: PersonalFact, by: User) -> None:
    person = fact.person
    _audit(
        people=[fact.person],
        sensitive=fact.is_sensitive,
        actor=by,
        action=AuditEvent.Action.DELETE,
        instance=fact,
        before=snapshot(fact),
    )
    fact.delete()
    search_document_rebuild(person=person)


# --- interactions -----------------------------------------------------------------------------


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
    _check_fields(fields, INTERACTION_FIELDS)
    people = list(participants)
    if not people:
        raise ValidationError({"participants": _("Name at least one person who took part.")})
    if fields.get("organization") is None:
        fields["organization"] = people[0].organization
    interaction = Interaction(
        kind=kind, occurred_at=occurred_at, summary=summary, created_by=by, **fields
    )
    interaction.full_clean()
    interaction.save()
    interaction.participants.set(people)
    interaction.users.set({by, *users})
    _audit(
        people=people,
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=interaction,
        after=_interaction_snapshot(interaction),
    )
    _rebuild_many(people)
    return interaction


@transaction.atomic
def interaction_update(
    *,
    interaction: Interaction,
    by: User,
    participants: Iterable[Person] | None = None,
    **fields: Any,
) -> Interaction:
    _check_fields(fields, INTERACTION_FIELDS)
    interaction = Interaction.objects.select_for_update().get(pk=interaction.pk)
    before = _interaction_snapshot(interaction)
    touched = set(interaction.participants.all())
    for name, value in fields.items():
        setattr(interaction, name, value)
    interaction.full_clean()
    interaction.save()
    if participants is not None:
        people = list(participants)
        if not people:
            raise ValidationError({"participants": _("Name at least one person who took part.")})
        interaction.participants.set(people)
        touched |= set(people)
    _audit(
        people=touched,
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=interaction,
        before=before,
        after=_interaction_snapshot(interaction),
    )
    _rebuild_many(touched)
    return interaction


@transaction.atomic
def interaction_delete(*, interaction: Interaction, by: User) -> None:
    people = list(interaction.participants.all())
    _audit(
        people=people,
        actor=by,
        action=AuditEvent.Action.DELETE,
        instance=interaction,
        before=_interaction_snapshot(interaction),
    )
    interaction.delete()
    _rebuild_many(people)


# --- important dates and reminders ------------------------------------------------------------


@transaction.atomic
def important_date_create(*, person: Person, by: User, kind: str, **fields: Any) -> ImportantDate:
    _check_fields(fields, DATE_FIELDS)
    important_date = ImportantDate(person=person, kind=kind, created_by=by, **fields)
    important_date.full_clean()
    important_date.save()
    _audit(
        people=[person],
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=important_date,
        after=snapshot(important_date),
    )
    return important_date


@transaction.atomic
def important_date_delete(*, important_date: ImportantDate, by: User) -> None:
    _audit(
        people=[important_date.person],
        actor=by,
        action=AuditEvent.Action.DELETE,
        instance=important_date,
        before=snapshot(important_date),
    )
    important_date.delete()


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
        person = important_date.person
        title = _("%(date)s of %(person)s on %(day)s") % {
            "date": important_date,
            "person": person.addressed_name,
            "day": day.strftime("%d-%m-%Y"),
        }
        url = reverse("people:person-detail", args=[person.pk])
        for user in {person.owner, person.envoy} - {None}:
            if user is None:  # pragma: no cover - narrowed for mypy
                continue
            notification = notification_send(
                user=user,
                kind="people.important_date",
                title=title,
                url=url,
                due_on=day,
                dedupe_key=f"people:date:{important_date.pk}:{day.isoformat()}",
            )
            sent += notification is not None
    return sent
