"""Read what the engine needs from the other apps, in bulk: one query per kind of input for a
whole batch of people, never one per person. Dates are days in the site's time zone
(Asia/Jakarta).

The promises of an organization are read once per recompute however many of its people are in
the batch, or in later batches of the same run (`PromiseCache`)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.utils import timezone

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
from karib.service.models import Conversation

from .models import PersonCadence
from .scoring import Change, Contact, PersonFacts, PromiseFact, ServiceConversation

CHUNK = 2000
#: people per batch of the incremental recompute: every dirty person of a run at once, up to
#: this many (the longest `IN` list a query then carries)
BATCH = 10_000


def _day(value: datetime.datetime | datetime.date | None) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        # the site's zone (what `timezone.localtime` uses; Karib never activates another)
        return value.astimezone(timezone.get_default_timezone()).date()
    return value


def chunks(ids: Sequence[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def organization_promises(organization_ids: Iterable[int]) -> dict[int, list[PromiseFact]]:
    """The promises of these organizations, each with its dated status changes and the people
    it was promised to (`is_direct` is set per person by `person_facts`)."""
    organization_ids = list(set(organization_ids))
    if not organization_ids:
        return {}
    # `is_silent_break` is annotated by with_flags (the stubs cannot see annotations).
    columns = (
        "pk",
        "organization_id",
        "made_on",
        "due_date",
        "status",
        "status_changed_at",
        "kept_on",
        "is_silent_break",
    )
    flagged = Promise.objects.filter(organization_id__in=organization_ids).with_flags()
    rows = list(flagged.order_by().values_list(*columns))
    ids = [row[0] for row in rows]
    history: dict[int, list[tuple[datetime.date, str]]] = defaultdict(list)
    for promise_id, changed_at, to_status in (
        PromiseStatusChange.objects.filter(promise_id__in=ids)
        .order_by("changed_at", "pk")
        .values_list("promise_id", "changed_at", "to_status")
    ):
        history[promise_id].append((_day(changed_at), to_status))  # type: ignore[arg-type]
    result: dict[int, list[PromiseFact]] = defaultdict(list)
    for pk, organization_id, made_on, due, status, changed_at, kept_on, silent in rows:
        events = history.get(pk) or []
        if not events:
            # No recorded history (data loaded in bulk): made, then its current status.
            events = [(made_on, "open")]
            if status != "open":
                events.append((_day(changed_at) or made_on, status))
        events = sorted(events, key=lambda event: event[0])
        result[organization_id].append(
            PromiseFact(
                pk=pk,
                made_on=made_on,
                due_date=due,
                events=tuple(events),
                kept_on=kept_on,
                is_silent_break=bool(silent),
            )
        )
    return result


def _promised_people(promise_ids: Sequence[int]) -> dict[int, set[int]]:
    people: dict[int, set[int]] = defaultdict(set)
    for promise_id, person_id in Promise.people.through.objects.filter(
        promise_id__in=promise_ids
    ).values_list("promise_id", "person_id"):
        people[promise_id].add(person_id)
    return people


class PromiseCache:
    """The promises of organizations (and whom each was promised to), read once per run: an
    organization whose people span several batches is read with the first of them."""

    def __init__(self) -> None:
        self.promises: dict[int, list[PromiseFact]] = {}
        self.promised: dict[int, set[int]] = {}

    def load(self, organization_ids: Iterable[int | None]) -> None:
        missing = {pk for pk in organization_ids if pk is not None and pk not in self.promises}
        if not missing:
            return
        loaded = organization_promises(missing)
        for pk in missing:
            self.promises[pk] = loaded.get(pk, [])
        self.promised.update(
            _promised_people([promise.pk for pk in missing for promise in self.promises[pk]])
        )


def _contacts(ids: list[int], refusing: set[int]) -> dict[int, list[Contact]]:
    through = Interaction.participants.through
    rows = list(
        through.objects.filter(person_id__in=ids).values_list(
            "person_id",
            "interaction_id",
            "interaction__kind",
            "interaction__occurred_at",
            "interaction__created_by_id",
        )
    )
    # Who from our side was there matters only to tell whether an envoy met a person who
    # refuses the owner; load it for those people alone.
    users: dict[int, set[int]] = defaultdict(set)
    interaction_ids = [row[1] for row in rows if row[0] in refusing]
    for start in range(0, len(interaction_ids), CHUNK):
        for interaction_id, user_id in Interaction.users.through.objects.filter(
            interaction_id__in=interaction_ids[start : start + CHUNK]
        ).values_list("interaction_id", "user_id"):
            users[interaction_id].add(user_id)
    contacts: dict[int, list[Contact]] = defaultdict(list)
    for person_id, interaction_id, kind, occurred_at, created_by in rows:
        team = frozenset(users.get(interaction_id, set()) | {created_by})
        contacts[person_id].append(
            Contact(on=_day(occurred_at), kind=kind, user_ids=team)  # type: ignore[arg-type]
        )
    return contacts


def _grouped(rows: Iterable[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    grouped: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row[1:])
    return grouped


def _conversations(ids: list[int]) -> dict[int, list[ServiceConversation]]:
    rows = Conversation.objects.filter(customer_id__in=ids).values_list(
        "customer_id",
        "started_at",
        "analysis__tone_shift",
        "analysis__customer_cut_off",
        "analysis__breaks_playbook",
        "analysis__summary",
    )
    result: dict[int, list[ServiceConversation]] = defaultdict(list)
    for customer_id, started_at, shift, cut_off, playbook, summary in rows:
        trend = (summary or {}).get("customer_sentiment_trend") if summary else None
        result[customer_id].append(
            ServiceConversation(
                on=_day(started_at),  # type: ignore[arg-type]
                is_flagged=bool(shift or cut_off or playbook),
                sentiment_trend=float(trend) if isinstance(trend, int | float) else None,
            )
        )
    return result


def person_facts(
    person_ids: Sequence[int], *, size: int = CHUNK, cache: PromiseCache | None = None
) -> dict[int, PersonFacts]:
    """Everything the engine needs about these people: a dozen queries per `size` people."""
    result: dict[int, PersonFacts] = {}
    cache = cache if cache is not None else PromiseCache()
    for ids in chunks(person_ids, size):
        result.update(_person_facts_chunk(ids, cache))
    return result


def _person_facts_chunk(ids: list[int], cache: PromiseCache) -> dict[int, PersonFacts]:
    people = list(
        Person.objects.filter(pk__in=ids)
        .order_by()
        .values_list(
            "pk",
            "organization_id",
            "influence",
            "stage",
            "attitude",
            "refuses_to_meet_owner",
            "refusal_since",
            "envoy_id",
        )
    )
    refusing = {row[0] for row in people if row[5]}
    contacts = _contacts(ids, refusing)
    changes = _grouped(
        RelationshipChange.objects.filter(person_id__in=ids).values_list(
            "person_id", "changed_on", "field", "old_value", "new_value"
        )
    )
    # One score serves every viewer, so it counts only facts every viewer of the person may
    # read: a sensitive fact (health, religion…) is for its restricted readers, and counting
    # it told the others that one existed (secprobe6, F4).
    facts = _grouped(
        PersonalFact.objects.filter(person_id__in=ids, is_sensitive=False).values_list(
            "person_id", "learned_on"
        )
    )
    dates = _grouped(
        ImportantDate.objects.filter(person_id__in=ids).values_list("person_id", "created_at")
    )
    gestures = _grouped(
        Gift.objects.filter(recipient_id__in=ids, status=Gift.Status.GIVEN).values_list(
            "recipient_id", "given_on"
        )
    )
    assignments = _grouped(
        EnvoyAssignment.objects.filter(person_id__in=refusing, envoy__isnull=False).values_list(
            "person_id", "envoy_id", "assigned_on"
        )
    )
    cadences = dict(
        PersonCadence.objects.filter(person_id__in=ids).values_list("person_id", "days")
    )
    conversations = _conversations(ids)
    cache.load(row[1] for row in people)
    promises, promised = cache.promises, cache.promised

    result = {}
    for pk, organization_id, influence, stage, attitude, refuses, since, envoy_id in people:
        envoys = [(envoy, assigned_on) for envoy, assigned_on in assignments.get(pk, [])]
        if envoy_id is not None and not any(envoy == envoy_id for envoy, _on in envoys):
            envoys.append((envoy_id, since or datetime.date.min))
        result[pk] = PersonFacts(
            person_id=pk,
            influence=influence,
            stage=stage,
            attitude=attitude,
            changes=tuple(
                Change(on=on, field=field, old=old, new=new)
                for on, field, old, new in changes.get(pk, [])
            ),
            refuses_to_meet_owner=refuses,
            refusal_since=since,
            envoys=tuple(envoys) if envoy_id is not None or envoys else (),
            contacts=tuple(contacts.get(pk, [])),
            promises=tuple(
                _for_person(promise, pk, promised) for promise in promises.get(organization_id, [])
            ),
            facts_learned=tuple(row[0] for row in facts.get(pk, [])),
            dates_known=tuple(_day(row[0]) for row in dates.get(pk, [])),  # type: ignore[misc]
            gestures=tuple(row[0] for row in gestures.get(pk, []) if row[0] is not None),
            conversations=tuple(conversations.get(pk, [])),
            cadence_days=cadences.get(pk),
        )
    return result


def _for_person(promise: PromiseFact, person_id: int, promised: dict[int, set[int]]) -> PromiseFact:
    people = promised.get(promise.pk, set())
    is_direct = not people or person_id in people
    if is_direct == promise.is_direct:
        return promise
    return PromiseFact(
        pk=promise.pk,
        made_on=promise.made_on,
        due_date=promise.due_date,
        events=promise.events,
        kept_on=promise.kept_on,
        is_silent_break=promise.is_silent_break,
        is_direct=is_direct,
    )
