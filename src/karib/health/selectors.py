"""Reads of relationship health, scoped to the user who asks (404 for missing and forbidden).

`person_health_for_user(*, user, person)` and `organization_health_for_user(*, user,
organization)` are the contract other apps read (docs/health.md): a `Health` with `score`,
`band`, `drivers` (stable `code`, signed `points`, `on`, `params`) and `history`.

A person's health is the same for everyone who may see that person. An organization's health
is computed for the viewer from the people *they* may see (and the organization's promises,
which everyone who sees the organization sees), so a person hidden from the viewer never moves
it; it is never stored.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from karib.core.types import AnyUser
from karib.people.models import Organization, Person
from karib.people.selectors import person_get_for_user

from .facts import PromiseCache, organization_promises, person_facts
from .models import HealthDirtyPerson, PersonHealth, PersonHealthSnapshot
from .scoring import (
    Driver,
    PersonFeatures,
    Policy,
    PromiseFact,
    Score,
    Stakeholder,
    score_organization,
    score_person,
)
from .services import policy_in_force, policy_resolver

#: How far back the history goes by default, and the spacing of an organization's points.
HISTORY_DAYS = 3 * 365
ORGANIZATION_HISTORY_STEP = 7


@dataclass(frozen=True)
class HistoryPoint:
    on: datetime.date
    score: int
    band: str


@dataclass(frozen=True)
class Health:
    score: int
    band: str
    drivers: tuple[Driver, ...]
    policy_version: int
    on: datetime.date
    history: tuple[HistoryPoint, ...] = field(default_factory=tuple)

    @property
    def sorted_drivers(self) -> list[Driver]:
        """Drivers that move the score, largest effect first, then the neutral ones."""
        return sorted(self.drivers, key=lambda d: (d.points == 0, -abs(d.points), d.code))


def _from_score(result: Score, on: datetime.date, history: Sequence[HistoryPoint]) -> Health:
    return Health(
        score=result.score,
        band=result.band,
        drivers=result.drivers,
        policy_version=result.policy_version,
        on=on,
        history=tuple(history),
    )


def _with_today(history: list[HistoryPoint], today: HistoryPoint) -> list[HistoryPoint]:
    """History ends with today's live figure (the stored one may be a night old)."""
    history = [point for point in history if point.on < today.on]
    return [*history, today]


def person_history(
    *, person: Person, since: datetime.date, until: datetime.date
) -> list[HistoryPoint]:
    """The stored history of a person the caller already fetched through a selector: the row
    in force on `since`, then every change up to `until`."""
    before = (
        PersonHealthSnapshot.objects.filter(person=person, on__lte=since)
        .order_by("-on")
        .values_list("on", "score", "band")
        .first()
    )
    rows = PersonHealthSnapshot.objects.filter(person=person, on__gt=since, on__lte=until).order_by(
        "on"
    )
    points = [HistoryPoint(on=since, score=before[1], band=before[2])] if before else []
    points += [
        HistoryPoint(on=on, score=score, band=band)
        for on, score, band in rows.values_list("on", "score", "band")
    ]
    return points


def _stored_score(person: Person, on: datetime.date, policy: Policy) -> Score | None:
    """The stored score when it is `on`'s, under `policy`, and nothing about the person changed
    since it was computed (no dirty marker): the same figure a live computation gives, read in
    one query instead of one per kind of input. Otherwise None (compute it live)."""
    row = (
        PersonHealth.objects.filter(person_id=person.pk, on=on, policy_version=policy.version)
        .exclude(Exists(HealthDirtyPerson.objects.filter(person_id=OuterRef("person_id"))))
        .values_list("score", "band", "drivers")
        .first()
    )
    if row is None:
        return None
    score, band, drivers = row
    return Score(
        score=score,
        band=band,
        drivers=tuple(Driver.from_dict(driver) for driver in drivers),
        policy_version=policy.version,
    )


def person_health(
    *, person: Person, on: datetime.date | None = None, since: datetime.date | None = None
) -> Health:
    """Health of a person the caller already fetched through a scoped selector: the stored
    figure when it is current (see `_stored_score`), else computed live."""
    on = on or timezone.localdate()
    since = since or on - datetime.timedelta(days=HISTORY_DAYS)
    policy = policy_in_force(on=on)
    result = _stored_score(person, on, policy) or score_person(
        person_facts([person.pk])[person.pk], policy, on
    )
    history = _with_today(
        person_history(person=person, since=since, until=on),
        HistoryPoint(on=on, score=result.score, band=result.band),
    )
    return _from_score(result, on, history)


def person_health_for_user(
    *,
    user: AnyUser,
    person: Person,
    on: datetime.date | None = None,
    since: datetime.date | None = None,
) -> Health:
    """The health of `person` as `user` may see it (404 when they may not see the person)."""
    visible = person_get_for_user(user=user, pk=person.pk)
    return person_health(person=visible, on=on, since=since)


# --- organizations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _StoredStakeholder:
    """A visible person of the organization with their stored health (None when never
    computed), and whether something about them changed since it was computed."""

    person_id: int
    on: datetime.date | None
    policy_version: int | None
    score: int | None
    features: PersonFeatures
    is_dirty: bool

    def current(self, on: datetime.date, policy: Policy) -> Stakeholder | None:
        """The stored figure when it is `on`'s, under `policy`, and nothing changed since (the
        same rule as `_stored_score`): what a live computation gives. Otherwise None."""
        if self.is_dirty or self.on != on or self.policy_version != policy.version:
            return None
        assert self.score is not None  # noqa: S101  (a stored row has a score)
        return Stakeholder(self.person_id, self.score, self.features)


def _visible_stakeholders(
    user: AnyUser, organization: Organization
) -> list[_StoredStakeholder] | None:
    """The people of `organization` that `user` may see, in order, each with their stored
    health, in one query; None when `user` may not see the organization.

    The organization's scoped check is a condition of that query (an uncorrelated EXISTS,
    evaluated once), so it is not read again; only when no visible person comes back is it
    checked alone (the organization may have no one the viewer sees)."""
    visible_organization = Organization.objects.visible_to(user).filter(pk=organization.pk)
    rows = list(
        Person.objects.visible_to(user)
        .filter(Exists(visible_organization), organization_id=organization.pk)
        .annotate(is_dirty=Exists(HealthDirtyPerson.objects.filter(person_id=OuterRef("pk"))))
        .order_by("pk")
        .values_list(
            "pk",
            "health__on",
            "health__policy_version",
            "health__score",
            "health__influence",
            "health__attitude",
            "health__has_envoy",
            "health__in_cadence",
            "health__contacted_recently",
            "is_dirty",
        )
    )
    if not rows and not visible_organization.exists():
        return None
    return [
        _StoredStakeholder(
            person_id=pk,
            on=on,
            policy_version=version,
            score=score,
            features=PersonFeatures(influence, attitude, envoy, cadence, recent),
            is_dirty=dirty,
        )
        for pk, on, version, score, influence, attitude, envoy, cadence, recent, dirty in rows
    ]


def _organization_score(
    stakeholders: list[Stakeholder], promises: list[PromiseFact], policy: Policy, on: datetime.date
) -> Score:
    return score_organization(stakeholders, promises, policy, on)


def _snapshot_history(
    person_ids: list[int],
    promises: list[PromiseFact],
    since: datetime.date,
    until: datetime.date,
    policy_on: Callable[[datetime.date], Policy],
) -> list[HistoryPoint]:
    """The organization's score every week from `since`, from its visible people's stored
    history (the row in force on each day) and its promises as they stood."""
    rows_by_person: dict[int, list[tuple[datetime.date, int, PersonFeatures]]] = defaultdict(list)
    rows = (
        PersonHealthSnapshot.objects.filter(person_id__in=person_ids, on__lte=until)
        .order_by("person_id", "on")
        .values_list(
            "person_id",
            "on",
            "score",
            "influence",
            "attitude",
            "has_envoy",
            "in_cadence",
            "contacted_recently",
        )
    )
    for person_id, on, score, influence, attitude, envoy, cadence, recent in rows.iterator():
        features = PersonFeatures(influence, attitude, envoy, cadence, recent)
        rows_by_person[person_id].append((on, score, features))
    if not rows_by_person:
        return []
    first = min(entries[0][0] for entries in rows_by_person.values())
    day = max(since, first)
    cursor = dict.fromkeys(rows_by_person, -1)
    points = []
    while day < until:
        stakeholders = []
        for person_id, entries in rows_by_person.items():
            index = cursor[person_id]
            while index + 1 < len(entries) and entries[index + 1][0] <= day:
                index += 1
            cursor[person_id] = index
            if index >= 0:
                _on, score, features = entries[index]
                stakeholders.append(Stakeholder(person_id, score, features))
        result = _organization_score(stakeholders, promises, policy_on(day), day)
        points.append(HistoryPoint(on=day, score=result.score, band=result.band))
        day += datetime.timedelta(days=ORGANIZATION_HISTORY_STEP)
    return points


def organization_health(
    *,
    organization: Organization,
    person_ids: list[int],
    on: datetime.date | None = None,
    since: datetime.date | None = None,
    stored: Sequence[_StoredStakeholder] = (),
) -> Health:
    """Health of an organization from the given people (those the viewer may see).

    A person in `stored` whose stored health is current counts with it (see
    `_StoredStakeholder.current`); the others are computed live, all in one batch. The
    queries are then a fixed handful whatever the number of people (the policy versions, the
    promises and their history, the people's history; the live batch's inputs only when
    someone is not current)."""
    on = on or timezone.localdate()
    since = since or on - datetime.timedelta(days=HISTORY_DAYS)
    policy_on = policy_resolver()
    policy = policy_on(on)
    current = {row.person_id: row.current(on, policy) for row in stored}
    stakeholders = {pk: found for pk, found in current.items() if found is not None}
    cache = PromiseCache()
    live = [pk for pk in person_ids if pk not in stakeholders]
    for pk, person in person_facts(live, cache=cache).items():
        scored = score_person(person, policy, on)
        assert scored.features is not None  # noqa: S101
        stakeholders[pk] = Stakeholder(pk, scored.score, scored.features)
    # The live batch read the organization's promises already (its people's inputs).
    promises = cache.promises.get(organization.pk)
    if promises is None:
        promises = organization_promises([organization.pk]).get(organization.pk, [])
    ordered = [stakeholders[pk] for pk in person_ids if pk in stakeholders]
    result = _organization_score(ordered, promises, policy, on)
    history = _with_today(
        _snapshot_history(person_ids, promises, since, on, policy_on),
        HistoryPoint(on=on, score=result.score, band=result.band),
    )
    return _from_score(result, on, history)


def organization_health_for_user(
    *,
    user: AnyUser,
    organization: Organization,
    on: datetime.date | None = None,
    since: datetime.date | None = None,
) -> Health:
    """The health of `organization` as `user` sees it: from the people they may see only
    (404 when they may not see the organization). The scoped check, the visible people and
    their stored health are one query (the organization is not read again)."""
    stored = _visible_stakeholders(user, organization)
    if stored is None:
        raise Http404
    return organization_health(
        organization=organization,
        person_ids=[row.person_id for row in stored],
        on=on,
        since=since,
        stored=stored,
    )


@dataclass(frozen=True)
class StoredHealth:
    """The latest stored health of a person (as of `on`; the recompute keeps it fresh)."""

    person_id: int
    score: int
    band: str
    on: datetime.date
    drivers: tuple[Driver, ...]


def at_risk_people(*, band: str = "at_risk") -> QuerySet[PersonHealth, Any]:
    """The ids of the people whose stored health is in `band`, as a subquery (callers scope
    it to the people they list)."""
    return PersonHealth.objects.filter(band=band).values("person_id")


def stored_health_for_user(*, user: AnyUser, person_ids: Sequence[int]) -> dict[int, StoredHealth]:
    """Stored health of many people at once, for lists and Today (one query, no recompute):
    only people `user` may see; people never computed yet are missing from the answer."""
    rows = PersonHealth.objects.filter(
        person_id__in=list(person_ids),
        person__in=Person.objects.visible_to(user).values("pk"),
    ).values_list("person_id", "score", "band", "on", "drivers")
    return {
        pk: StoredHealth(
            person_id=pk,
            score=score,
            band=band,
            on=on,
            drivers=tuple(Driver.from_dict(d) for d in drivers),
        )
        for pk, score, band, on, drivers in rows
    }
