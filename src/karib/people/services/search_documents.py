"""The stemmed search document of each person, rebuilt by every write that touches them."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from ..models import Person, PersonSearchDocument
from ..search import build_document


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


def rebuild_many(people: Iterable[Person]) -> None:
    for person in people:
        search_document_rebuild(person=person)


def organization_search_documents_rebuild_now(*, organization_id: int) -> int:
    """Rebuild the search documents of an organization's people; returns how many."""
    people = list(
        Person.objects.filter(organization_id=organization_id).select_related("organization")
    )
    rebuild_many(people)
    return len(people)
