"""The stemmed search document of each person, rebuilt by every write that touches them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Prefetch

from ..models import Interaction, Person, PersonalFact, PersonSearchDocument
from ..search import build_document

BULK_CHUNK = 500
# One order for the parts of a document, whichever path builds it (ties by pk: a database
# returns equal rows in any order, and the two import paths must write the same text).
FACT_ORDER = ("category", "-learned_on", "pk")
INTERACTION_ORDER = ("-occurred_at", "pk")


def search_document_text(person: Person) -> str:
    return _text(
        person,
        person.facts.filter(is_sensitive=False).order_by(*FACT_ORDER),
        person.interactions.order_by(*INTERACTION_ORDER),
    )


def _text(
    person: Person, facts: Iterable[PersonalFact], interactions: Iterable[Interaction]
) -> str:
    parts: list[str] = [
        person.full_name,
        person.form_of_address,
        person.job_title,
        person.refusal_reason,
        person.organization.name if person.organization else "",
        " ".join(str(item) for item in person.emails or []),
    ]
    for fact in facts:
        parts += [fact.text, fact.topic, fact.specifics, fact.relation, fact.member_name]
    for interaction in interactions:
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


def search_documents_rebuild_bulk(*, person_ids: Sequence[int]) -> None:
    """Rebuild the search documents of many people in a few queries per 500 (the bulk writes
    of an import; the caller's transaction holds the people)."""
    for start in range(0, len(person_ids), BULK_CHUNK):
        chunk = list(person_ids[start : start + BULK_CHUNK])
        people = (
            Person.objects.filter(pk__in=chunk)
            .select_related("organization")
            .prefetch_related(
                Prefetch(
                    "facts",
                    queryset=PersonalFact.objects.filter(is_sensitive=False).order_by(*FACT_ORDER),
                    to_attr="open_facts",
                ),
                Prefetch(
                    "interactions",
                    queryset=Interaction.objects.order_by(*INTERACTION_ORDER),
                    to_attr="all_met",
                ),
            )
        )
        documents = [
            PersonSearchDocument(
                person=person,
                document=_text(person, person.open_facts, person.all_met),  # type: ignore[attr-defined]
                owner_id_copy=person.owner_id,
                envoy_id_copy=person.envoy_id,
                organization_id_copy=person.organization_id,
            )
            for person in people
        ]
        PersonSearchDocument.objects.filter(person_id__in=chunk).delete()
        PersonSearchDocument.objects.bulk_create(documents)


def search_documents_create_bulk(*, people: Iterable[tuple[Person, list[PersonalFact]]]) -> None:
    """The search documents of people just created with their facts (no interactions yet),
    built from the objects in hand: the same text a rebuild reads back from the database."""
    documents = []
    for person, facts in people:
        shown = [fact for fact in facts if not fact.is_sensitive]
        shown.sort(key=lambda fact: fact.pk)  # FACT_ORDER, by stable sorts: pk last
        shown.sort(key=lambda fact: fact.learned_on, reverse=True)
        shown.sort(key=lambda fact: fact.category)
        documents.append(
            PersonSearchDocument(
                person=person,
                document=_text(person, shown, ()),
                owner_id_copy=person.owner_id,
                envoy_id_copy=person.envoy_id,
                organization_id_copy=person.organization_id,
            )
        )
    PersonSearchDocument.objects.bulk_create(documents, batch_size=BULK_CHUNK)


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
