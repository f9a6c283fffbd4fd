"""Actions from people: send an envoy, start a recovery plan, plan an informal meeting, greet
on an important date, reach out when the cadence lapsed."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator

from django.contrib.auth.models import User
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from karib.core.selectors import colleagues_of
from karib.people.dates import next_occurrence
from karib.people.models import ImportantDate, Interaction, Person, PersonalFact

from ..models import ActionKind, RecoveryPlan
from .base import Candidate, clamp, day, urgency_for_days

#: Days between contacts we aim for, by influence (people below 3 have no cadence).
CADENCE_DAYS = {5: 30, 4: 45, 3: 90}
#: A skeptic or blocker from this influence on is a blocked relationship.
BLOCKED_INFLUENCE = 4
#: A person from this influence on deserves an informal meeting when we know nothing personal.
KEY_INFLUENCE = 4
DATE_WINDOW_DAYS = 14
ENVOY_SUGGESTIONS = 3


def person_url(person: Person | int) -> str:
    pk = person if isinstance(person, int) else person.pk
    return reverse("people:person-detail", args=[pk])


def _caretaker(person: Person) -> int | None:
    """Who keeps the relationship now: the envoy while the person refuses the owner."""
    if person.refuses_to_meet_owner:
        return person.envoy_id
    return person.owner_id


def _people(owner_ids: set[int] | None) -> Q:
    if owner_ids is None:
        return Q(owner__is_active=True)
    return Q(owner__in=owner_ids) | Q(envoy__in=owner_ids)


def envoy_suggestions(person: Person, *, limit: int = ENVOY_SUGGESTIONS) -> list[User]:
    """Colleagues of the owner who know the person's organization best: most interactions
    with it (as creator or attendee), the owner left out. For a person without an
    organization yet: those who met the person."""
    colleagues = {
        user.pk: user for user in colleagues_of(person.owner) if user.pk != person.owner_id
    }
    if not colleagues:
        return []
    counts: Counter[int] = Counter()
    known = Q(participants=person)
    if person.organization_id is not None:
        known = Q(organization=person.organization_id) | Q(
            participants__organization=person.organization_id
        )
    interactions = Interaction.objects.filter(known).distinct()
    for creator, attendee in interactions.values_list("created_by", "users"):
        for user_id in {creator, attendee} - {None}:
            if user_id in colleagues:
                counts[user_id] += 1
    ranked = sorted(colleagues.values(), key=lambda user: (-counts[user.pk], user.get_full_name()))
    return [user for user in ranked if counts[user.pk]][:limit] or ranked[:limit]


def assign_envoy(today: datetime.date, owner_ids: set[int] | None) -> Iterator[Candidate]:
    refusing = Person.objects.filter(
        refuses_to_meet_owner=True, envoy__isnull=True, owner__is_active=True
    ).select_related("owner", "organization")
    if owner_ids is not None:
        refusing = refusing.filter(owner__in=owner_ids)
    for person in refusing.order_by("pk"):
        suggestions = envoy_suggestions(person)
        names = ", ".join(user.get_full_name() or user.get_username() for user in suggestions)
        yield Candidate(
            owner_id=person.owner_id,
            kind=ActionKind.ASSIGN_ENVOY,
            dedupe_key=f"envoy:{person.pk}:{day(person.refusal_since)}",
            reason_code="refuses_owner" if names else "refuses_owner_alone",
            reason_params={
                "person": person.addressed_name,
                "owner": person.owner.get_full_name() or person.owner.get_username(),
                # "colleagues who know … best": the organization, or the person without one
                "organization": (
                    person.organization.name if person.organization else person.addressed_name
                ),
                "since": day(person.refusal_since),
                "suggestions": names,
                "suggested_ids": [user.pk for user in suggestions],
            },
            driver="refusal",
            urgency=5,
            impact=clamp(person.influence),
            url=person_url(person) + "#envoy",
            person_id=person.pk,
            organization_id=person.organization_id,
        )


def blocked_people() -> Q:
    """Refuses to meet the owner, or a skeptic or blocker with high influence."""
    return Q(refuses_to_meet_owner=True) | Q(
        attitude__in=[Person.Attitude.SKEPTIC, Person.Attitude.BLOCKER],
        influence__gte=BLOCKED_INFLUENCE,
    )


def start_recovery(today: datetime.date, owner_ids: set[int] | None) -> Iterator[Candidate]:
    # a plan in progress or completed answers it (an abandoned one does not)
    active_plan = RecoveryPlan.objects.filter(person=OuterRef("pk")).exclude(
        status=RecoveryPlan.Status.ABANDONED
    )
    blocked = (
        Person.objects.filter(blocked_people(), owner__is_active=True)
        .exclude(Exists(active_plan))
        .select_related("organization")
    )
    if owner_ids is not None:
        blocked = blocked.filter(owner__in=owner_ids)
    for person in blocked.order_by("pk"):
        refusing = person.refuses_to_meet_owner
        yield Candidate(
            owner_id=person.owner_id,
            kind=ActionKind.START_RECOVERY,
            dedupe_key=f"recovery:{person.pk}:{person.attitude}:{int(refusing)}",
            reason_code="blocked_refusal" if refusing else "blocked_relationship",
            reason_params={
                "person": person.addressed_name,
                "attitude": person.attitude,
                "influence": person.influence,
            },
            driver="refusal" if refusing else "attitude",
            urgency=4,
            impact=clamp(person.influence),
            url=reverse("steer:recovery-start", args=[person.pk]),
            person_id=person.pk,
            organization_id=person.organization_id,
        )


def informal_meeting(today: datetime.date, owner_ids: set[int] | None) -> Iterator[Candidate]:
    known = PersonalFact.objects.filter(person=OuterRef("pk"))
    unknown = (
        Person.objects.filter(_people(owner_ids), influence__gte=KEY_INFLUENCE)
        .exclude(Exists(known))
        .exclude(refuses_to_meet_owner=True, envoy__isnull=True)
    )
    for person in unknown.order_by("pk"):
        owner_id = _caretaker(person)
        if owner_id is None or (owner_ids is not None and owner_id not in owner_ids):
            continue
        yield Candidate(
            owner_id=owner_id,
            kind=ActionKind.INFORMAL_MEETING,
            dedupe_key=f"informal:{person.pk}",
            reason_code="no_personal_facts",
            reason_params={"person": person.addressed_name, "influence": person.influence},
            driver="knowledge",
            urgency=2,
            impact=clamp(person.influence),
            url=reverse("people:person-interaction-create", args=[person.pk]),
            person_id=person.pk,
            organization_id=person.organization_id,
        )


def reach_out(today: datetime.date, owner_ids: set[int] | None) -> Iterator[Candidate]:
    people = (
        Person.objects.filter(_people(owner_ids), influence__gte=min(CADENCE_DAYS))
        .exclude(stage=Person.Stage.STRANGER)
        .exclude(refuses_to_meet_owner=True, envoy__isnull=True)
        .annotate(last_contact=Max("interactions__occurred_at"))
    )
    for person in people.order_by("pk"):
        owner_id = _caretaker(person)
        if owner_id is None or (owner_ids is not None and owner_id not in owner_ids):
            continue
        cadence = CADENCE_DAYS[min(person.influence, 5)]
        last: datetime.datetime | None = getattr(person, "last_contact", None)
        if last is not None:
            days = (today - timezone.localtime(last).date()).days
            if days <= cadence:
                continue
        else:
            days = (today - timezone.localtime(person.created_at).date()).days
            if days <= cadence:
                continue
        yield Candidate(
            owner_id=owner_id,
            kind=ActionKind.REACH_OUT,
            dedupe_key=f"cadence:{person.pk}:{day(last)}",
            reason_code="cadence_lapsed" if last else "never_contacted",
            reason_params={
                "person": person.addressed_name,
                "days": days,
                "influence": person.influence,
                "cadence": cadence,
            },
            driver="recency",
            urgency=4 if days > 2 * cadence else 3,
            impact=clamp(person.influence),
            url=reverse("people:person-interaction-create", args=[person.pk]),
            person_id=person.pk,
            organization_id=person.organization_id,
        )


def _days_within(today: datetime.date, days: int) -> Q:
    """Calendar dates (month, day) that can fall within `days` of `today`: a superset that
    the database checks, `next_occurrence` decides. 29 February counts where 28 February is in
    the window (it is celebrated then outside leap years)."""
    ranges: dict[int, list[int]] = {}
    for offset in range(days + 1):
        day = today + datetime.timedelta(days=offset)
        ranges.setdefault(day.month, []).append(day.day)
        if (day.month, day.day) == (2, 28):
            ranges[2].append(29)
    condition = Q()
    for month, numbers in ranges.items():
        condition |= Q(month=month, day__gte=min(numbers), day__lte=max(numbers))
    return condition


def upcoming_dates(
    today: datetime.date, owner_ids: set[int] | None
) -> Iterator[tuple[ImportantDate, datetime.date, int]]:
    """(date, the day it falls, who keeps the relationship) for dates within the window."""
    dates = (
        ImportantDate.objects.filter(
            person__in=Person.objects.filter(_people(owner_ids)).values("pk")
        )
        .filter(Q(kind=ImportantDate.Kind.HOLIDAY) | _days_within(today, DATE_WINDOW_DAYS))
        .select_related("person")
        .order_by("pk")
    )
    # Everyone's dates in one refresh are read in chunks; one user's few are read at once (a
    # server-side cursor costs PostgreSQL round trips that Today's budget cannot spare).
    rows = dates.iterator(chunk_size=500) if owner_ids is None else dates
    for important_date in rows:
        falls = next_occurrence(important_date, today)
        if falls is None or (falls - today).days > DATE_WINDOW_DAYS:
            continue
        owner_id = _caretaker(important_date.person)
        if owner_id is None or (owner_ids is not None and owner_id not in owner_ids):
            continue
        yield important_date, falls, owner_id


def important_dates(today: datetime.date, owner_ids: set[int] | None) -> Iterator[Candidate]:
    from .gifts import gesture_idea_for

    for important_date, falls, owner_id in upcoming_dates(today, owner_ids):
        person = important_date.person
        idea = gesture_idea_for(person=person, owner_id=owner_id)
        days = (falls - today).days
        yield Candidate(
            owner_id=owner_id,
            kind=ActionKind.IMPORTANT_DATE,
            dedupe_key=f"date:{important_date.pk}:{falls.isoformat()}",
            reason_code="important_date_gesture" if idea else "important_date",
            reason_params={
                "person": person.addressed_name,
                "date_kind": important_date.kind,
                "holiday": important_date.holiday,
                "label": important_date.label,
                "day": falls.isoformat(),
                "days": days,
                "idea": idea,
            },
            driver="gestures" if idea else "knowledge",
            urgency=urgency_for_days(days),
            impact=clamp(person.influence),
            due_on=falls,
            url=person_url(person),
            person_id=person.pk,
            organization_id=person.organization_id,
        )
