"""Writes of the privacy app: lawful basis, data subject requests and erasure (UU PDP)."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, models, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib.core import access
from karib.core.audit import audit_events_for, audit_record, snapshot
from karib.core.errors import DomainError, ErrorCode
from karib.core.models import AuditEvent
from karib.core.notifications import resolve_link
from karib.people.models import ChatUpload, Interaction, Person, PersonAuditEvent

from . import selectors
from .access import ERASE, REPORT
from .models import (
    RESPONSE_TIME,
    Erasure,
    LawfulBasis,
    LegalHold,
    ProcessingBasis,
    SubjectRequest,
    reference_text,
    stored_reference,
)
from .scrub import identifiers_of, scrub_everywhere


def person_reference(person: Person) -> str:
    """How a request or an erasure names the person without personal data, in the reader's
    language: what the erasure page shows and asks to type ("Kontak #4", "Person #4"). What is
    stored is the same in every language (`stored_reference`)."""
    return reference_text(stored_reference(person.pk))


@transaction.atomic
def processing_basis_set(
    *,
    person: Person,
    by: User,
    basis: str,
    purpose: str,
    consent_obtained_on: datetime.date | None = None,
) -> ProcessingBasis:
    access.require(user=by, action=REPORT, obj=person)
    if basis not in LawfulBasis.values:
        raise DomainError(ErrorCode.INVALID, field="basis")
    if not purpose.strip():
        raise DomainError(ErrorCode.REQUIRED, _("Say what the data is used for."), field="purpose")
    if basis == LawfulBasis.CONSENT and consent_obtained_on is None:
        raise DomainError(
            ErrorCode.REQUIRED,
            _("Say when the person gave their consent."),
            field="consent_obtained_on",
        )
    existing = ProcessingBasis.objects.select_for_update().filter(person=person).first()
    before = snapshot(existing) if existing else {}
    record, _created = ProcessingBasis.objects.update_or_create(
        person=person,
        defaults={
            "basis": basis,
            "purpose": purpose.strip(),
            "consent_obtained_on": consent_obtained_on if basis == LawfulBasis.CONSENT else None,
            "recorded_by": by,
        },
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE if existing else AuditEvent.Action.CREATE,
        instance=record,
        before=before,
        after=snapshot(record),
        summary="lawful basis",
    )
    return record


@transaction.atomic
def subject_request_open(
    *,
    person: Person,
    by: User,
    kind: str,
    note: str = "",
    received_at: datetime.datetime | None = None,
) -> SubjectRequest:
    """Record a request from the person; the 3 x 24-hour clock starts when it was received."""
    access.require(user=by, action=REPORT, obj=person)
    if kind not in SubjectRequest.Kind.values:
        raise DomainError(ErrorCode.INVALID, field="kind")
    received = received_at or timezone.now()
    if timezone.is_naive(received):
        raise DomainError(ErrorCode.INVALID, field="received_at")
    if received > timezone.now():
        raise DomainError(
            ErrorCode.INVALID, _("A request cannot be received in the future."), field="received_at"
        )
    request = SubjectRequest.objects.create(
        person=person,
        reference=stored_reference(person.pk),
        kind=kind,
        received_at=received,
        due_at=received + RESPONSE_TIME,
        note=note.strip(),
        opened_by=by,
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=request,
        after=snapshot(request, ["reference", "kind", "received_at", "due_at"]),
    )
    return request


@transaction.atomic
def person_report_export(*, person: Person, by: User, form: str) -> dict[str, Any]:
    """The access report of `person`, taken out of Karib (`form`: json, zip or api): who
    took everything held about a person is on their record, as changes are."""
    report = selectors.person_access_report(person=person, viewer=by)
    audit_record(
        actor=by,
        action=AuditEvent.Action.ACTION,
        instance=person,
        summary=f"access report exported ({form})",
    )
    return report


@transaction.atomic
def subject_request_complete(
    *, request: SubjectRequest, by: User, refused: bool = False, note: str = ""
) -> SubjectRequest:
    request = SubjectRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != SubjectRequest.Status.OPEN:
        raise DomainError(ErrorCode.TRANSITION_NOT_ALLOWED, _("This request is already closed."))
    if request.person is not None:
        access.require(user=by, action=REPORT, obj=request.person)
    elif not access.is_admin.test(by):
        raise DomainError(ErrorCode.FORBIDDEN)
    if refused and not note.strip():
        raise DomainError(ErrorCode.REQUIRED, _("Say why the request is refused."), field="note")
    before = snapshot(request, ["status", "completed_at"])
    request.status = SubjectRequest.Status.REFUSED if refused else SubjectRequest.Status.COMPLETED
    request.completed_at = timezone.now()
    request.completed_by = by
    if note.strip():
        request.note = f"{request.note}\n{note.strip()}".strip()
    request.save(update_fields=["status", "completed_at", "completed_by", "note"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=request,
        before=before,
        after=snapshot(request, ["status", "completed_at"]),
    )
    return request


def _audit_events_about(records: dict[type[models.Model], list[Any]]) -> set[int]:
    from django.contrib.contenttypes.models import ContentType

    query = models.Q(pk__in=[])
    for model, keys in records.items():
        if keys:
            content_type = ContentType.objects.get_for_model(model)
            query |= models.Q(content_type=content_type, object_id__in=[str(pk) for pk in keys])
    return set(AuditEvent.objects.filter(query).values_list("pk", flat=True))


def _linked_records(person: Person) -> dict[Any, list[Any]]:
    """The records about `person`, where even single name words are theirs to erase."""
    from karib.promises.models import Promise, PromiseStatusChange
    from karib.service.models import (
        Analysis,
        Conversation,
        Dispute,
        Finding,
        Reflection,
        Review,
    )

    interactions = list(person.interactions.values_list("pk", flat=True))
    promises = list(Promise.objects.filter(people=person).values_list("pk", flat=True))
    conversations = list(Conversation.objects.filter(customer=person).values_list("pk", flat=True))
    events = set(PersonAuditEvent.objects.filter(person=person).values_list("event_id", flat=True))
    events |= set(audit_events_for(person).values_list("pk", flat=True))
    by_conversation = {"conversation_id__in": conversations}
    about_linked = _audit_events_about(
        {Interaction: interactions, Promise: promises, Conversation: conversations}
    )
    return {
        "audit_about_linked": sorted(about_linked - events),
        Interaction: interactions,
        Promise: promises,
        PromiseStatusChange: list(
            PromiseStatusChange.objects.filter(promise_id__in=promises).values_list("pk", flat=True)
        ),
        Conversation: conversations,
        Analysis: list(Analysis.objects.filter(**by_conversation).values_list("pk", flat=True)),
        Finding: list(Finding.objects.filter(**by_conversation).values_list("pk", flat=True)),
        Review: list(Review.objects.filter(**by_conversation).values_list("pk", flat=True)),
        Dispute: list(Dispute.objects.filter(**by_conversation).values_list("pk", flat=True)),
        Reflection: list(Reflection.objects.filter(**by_conversation).values_list("pk", flat=True)),
        AuditEvent: sorted(events),
    }


#: The person's fields that identify them, whose former values their audit events hold.
_PERSON_NAMES = ("full_name", "emails", "phones")
_PERSON_TEXTS = ("custom_address", "refusal_reason")
#: The fields of their facts read as identifiers (as `person_erase` reads the current ones).
_FACT_FIELDS = ("text", "specifics", "member_name")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _former_values(person: Person) -> dict[str, list[str]]:
    """Every value the audit log recorded, before and after, of the person's name, e-mails,
    phones, form of address and refusal reason (events about the person) and of their facts'
    text, specifics and family member's name (events about a fact, linked to the person)."""
    from django.contrib.contenttypes.models import ContentType

    from karib.people.models import PersonalFact

    person_type = ContentType.objects.get_for_model(Person, for_concrete_model=True)
    fact_type = ContentType.objects.get_for_model(PersonalFact, for_concrete_model=True)
    fact_events = PersonAuditEvent.objects.filter(
        person=person, event__content_type=fact_type
    ).values("event_id")
    events = AuditEvent.objects.filter(
        models.Q(content_type=person_type, object_id=str(person.pk)) | models.Q(pk__in=fact_events)
    )
    found: dict[str, list[str]] = {
        name: [] for name in (*_PERSON_NAMES, *_PERSON_TEXTS, *_FACT_FIELDS)
    }
    for content_type_id, changes in events.values_list("content_type_id", "changes").iterator():
        names = (
            (*_PERSON_NAMES, *_PERSON_TEXTS) if content_type_id == person_type.pk else _FACT_FIELDS
        )
        for name in names:
            change = changes.get(name) if isinstance(changes, dict) else None
            if isinstance(change, dict):
                found[name] += _strings(change.get("before")) + _strings(change.get("after"))
    return {name: sorted(set(values)) for name, values in found.items()}


def _points_at(url: str, person: Person) -> bool:
    """Is `url` one of the person's pages (their detail page, a panel, one of its forms)?"""
    match = resolve_link(url)
    return (
        match is not None
        and match.namespace == "people"
        and (match.url_name or "").startswith("person-")
        and match.kwargs.get("pk") == person.pk
    )


def _pointing_at(model: type[models.Model], person: Person) -> list[int]:
    """The rows of `model` (a notification, a next action) whose link is the person's page."""
    rows = model._base_manager.filter(url__contains=f"/{person.pk}/").values_list("pk", "url")
    return [pk for pk, url in rows if _points_at(url, person)]


@transaction.atomic
def person_erase(*, person: Person, by: User, request: SubjectRequest | None = None) -> Erasure:
    """Erase `person`: every copy of their data is removed or anonymised, except the gift
    register rows a law requires to keep (then the person row keeps only the name, is marked
    with a legal hold and disappears from every list). A record of the erasure stays."""
    access.require(user=by, action=ERASE, obj=person)
    person = Person.objects.select_for_update(of=("self",)).get(pk=person.pk)
    reference = stored_reference(person.pk)
    facts = list(person.facts.values_list("text", "specifics", "member_name"))
    # What identified them before too (a rename, a phone replaced, a fact rewritten): read from
    # their audit events before those go, else a copy made under a former name stays.
    former = _former_values(person)
    found = identifiers_of(
        full_name=person.full_name,
        former_names=former["full_name"],
        emails=[*(person.emails or []), *former["emails"]],
        phones=[*(person.phones or []), *former["phones"]],
        texts=[text for row in facts for text in row]
        + [person.custom_address, person.refusal_reason]
        + [text for name in (*_PERSON_TEXTS, *_FACT_FIELDS) for text in former[name]],
    )
    linked = _linked_records(person)
    keep_for_law = person.gifts.exists()
    removed: Counter[str] = Counter()

    # Interactions with nobody else are about this person alone: they go.
    alone = Interaction.objects.filter(pk__in=linked[Interaction]).annotate(
        others=models.Count("participants", filter=~models.Q(participants=person))
    )
    alone_ids = list(alone.filter(others=0).values_list("pk", flat=True))
    removed["people.interaction"] += (
        Interaction.objects.filter(pk__in=alone_ids).delete()[1].get("people.Interaction", 0)
    )
    linked[Interaction] = [pk for pk in linked[Interaction] if pk not in set(alone_ids)]

    # The audit trail of their data: the events go, the erasure record below replaces them.
    events = AuditEvent.objects.filter(pk__in=linked.pop(AuditEvent))
    about_linked = linked.pop("audit_about_linked")
    removed["core.auditevent"] += events.count()
    events.delete()

    from karib.promises.models import Promise
    from karib.service.models import Conversation

    for promise in Promise.objects.filter(pk__in=linked[Promise]):
        promise.people.remove(person)
    Conversation.objects.filter(customer=person).update(customer=None, customer_name="")

    from karib.core.models import Notification
    from karib.steer.models import NextAction, RecoveryPlan

    for related in (
        person.facts,
        person.important_dates,
        person.envoy_assignments,
        person.changes,
        person.memberships,
        person.suggested_facts,
        person.chat_days,
        ProcessingBasis.objects.filter(person=person),
        ChatUpload.objects.filter(person=person),  # a chat waiting to be read onto them
        # Reminders and next actions about them (their page is the link), whatever name they
        # were written under; a person kept for the gift register keeps none either.
        Notification.objects.filter(pk__in=_pointing_at(Notification, person)),
        NextAction.objects.filter(
            models.Q(person=person) | models.Q(pk__in=_pointing_at(NextAction, person))
        ),
        RecoveryPlan.objects.filter(person=person),
    ):
        deleted = related.all().delete()[1]
        for label, count in deleted.items():
            removed[label.lower()] += count
    person.interactions.clear()

    if keep_for_law:
        person.phones, person.emails = [], []
        person.custom_address = person.job_title = person.refusal_reason = ""
        person.refuses_to_meet_owner = False
        person.envoy = None
        person.save()
        exclude = models.Q(pk=person.pk)
    else:
        exclude = None
    linked_rows = [(model, keys) for model, keys in linked.items()]
    linked_rows.append((AuditEvent, about_linked))
    anonymised = scrub_everywhere(found, linked=linked_rows, exclude=exclude)
    _rebuild_search_documents(person, keep_for_law=keep_for_law)

    erasure = Erasure.objects.create(
        reference=reference,
        request=request,
        erased_by=by,
        removed={key: value for key, value in removed.items() if value},
        anonymised=dict(anonymised),
        retained=(
            {"gifts.gift": sorted(person.gifts.values_list("pk", flat=True))}
            if keep_for_law
            else {}
        ),
    )
    # The person's other open requests are answered by the erasure too: their clocks stop
    # (nothing is left to copy or correct; the owner no longer sees them).
    others = SubjectRequest.objects.filter(person=person, status=SubjectRequest.Status.OPEN)
    if request is not None:
        others = others.exclude(pk=request.pk)
    others.update(
        status=SubjectRequest.Status.COMPLETED, completed_at=timezone.now(), completed_by=by
    )
    if keep_for_law:
        LegalHold.objects.create(person=person, erasure=erasure)
    else:
        try:
            person.delete()
        except ProtectedError as error:
            blocking = sorted({str(obj._meta.verbose_name) for obj in error.protected_objects})
            raise DomainError(
                ErrorCode.PROTECTED,
                _("The person cannot be erased while these depend on them: %(records)s."),
                params={"records": ", ".join(blocking)},
            ) from error
        removed["people.person"] += 1
        erasure.removed = dict(removed)
        erasure.save(update_fields=["removed"])
    if request is not None:
        SubjectRequest.objects.filter(pk=request.pk).update(
            status=SubjectRequest.Status.COMPLETED, completed_at=timezone.now(), completed_by=by
        )
    audit_record(
        actor=by,
        action=AuditEvent.Action.DELETE,
        instance=erasure,
        summary=f"erasure of {reference}",
    )
    return erasure


def _rebuild_search_documents(person: Person, *, keep_for_law: bool) -> None:
    """Rebuild the search documents the scrub touched; on SQLite also merge the FTS5 index,
    which otherwise keeps a deleted document's words in its segments."""
    from karib.people.models import PersonSearchDocument
    from karib.people.services import search_document_rebuild

    if keep_for_law:
        PersonSearchDocument.objects.filter(person=person).delete()
    for other in Person.objects.filter(
        pk__in=PersonSearchDocument.objects.filter(document__contains="[…]").values("person_id")
    ).exclude(pk=person.pk):
        search_document_rebuild(person=other)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO people_search_fts(people_search_fts) VALUES('optimize')")
