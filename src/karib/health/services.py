"""Writes of the health app: recompute (everyone, the dirty ones, or a backfill of history) and
the per-person cadence override.

A recompute is idempotent: it writes a person's current health (`PersonHealth`) and adds a
history row (`PersonHealthSnapshot`) only when the score, the band or the policy version
differs from the latest row before that day, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib.core.access import Action, require
from karib.core.audit import JsonValue, audit_record
from karib.core.errors import DomainError, ErrorCode
from karib.core.models import AuditEvent
from karib.core.types import AnyUser
from karib.people.models import Person

from .facts import BATCH, CHUNK, PromiseCache, chunks, person_facts
from .models import (
    HealthDirtyPerson,
    HealthPolicy,
    PersonCadence,
    PersonHealth,
    PersonHealthSnapshot,
)
from .scoring import DEFAULT_POLICY, PersonScore, Policy, score_person


def policy_in_force(*, on: datetime.date | None = None) -> Policy:
    """The highest policy version in force on `on` (the shipped defaults when there is none)."""
    on = on or timezone.localdate()
    row = HealthPolicy.objects.filter(effective_from__lte=on).order_by("-version").first()
    return row.as_policy() if row is not None else DEFAULT_POLICY


def policy_resolver() -> Callable[[datetime.date], Policy]:
    """`policy_on(day)`: the version in force on each day, from one query (for walks over
    many days: a backfill, an organization's history)."""
    versions = [
        (row.effective_from, row.as_policy())
        for row in HealthPolicy.objects.order_by("effective_from", "version")
    ]

    def policy_on(day: datetime.date) -> Policy:
        in_force = [policy for since, policy in versions if since <= day]
        return max(in_force, key=lambda p: p.version) if in_force else DEFAULT_POLICY

    return policy_on


@dataclass(frozen=True)
class RecomputeResult:
    people: int
    changed: int
    snapshots: int


def _fields(result: PersonScore, on: datetime.date) -> dict[str, object]:
    features = result.features
    assert features is not None  # noqa: S101  (score_person always sets them)
    return {
        "on": on,
        "score": result.score,
        "band": result.band,
        "drivers": [driver.as_dict() for driver in result.drivers],
        "policy_version": result.policy_version,
        "influence": features.influence,
        "attitude": features.attitude,
        "has_envoy": features.has_envoy,
        "in_cadence": features.in_cadence,
        "contacted_recently": features.contacted_recently,
    }


def _latest_snapshots(ids: Sequence[int], on: datetime.date) -> dict[int, tuple[int, str, int]]:
    """(score, band, version) of each person's latest history row on or before `on`."""
    latest: dict[int, tuple[int, str, int]] = {}
    rows = (
        PersonHealthSnapshot.objects.filter(person_id__in=ids, on__lte=on)
        .order_by("person_id", "on")
        .values_list("person_id", "score", "band", "policy_version")
    )
    for person_id, score, band, version in rows.iterator(chunk_size=5000):
        latest[person_id] = (score, band, version)
    return latest


def _write(
    ids: list[int],
    results: dict[int, PersonScore],
    on: datetime.date,
    *,
    is_current: bool,
    latest: dict[int, tuple[int, str, int]] | None = None,
) -> tuple[int, int]:
    """Store the results of one chunk; returns (current rows changed, history rows added).

    `latest` (the last history row per person) is read from the database unless the caller
    keeps it, as a backfill walking forward day by day does; it is updated in place.
    """
    now = timezone.now()
    existing: dict[int, PersonHealth] = {}
    if is_current:
        existing = {row.person_id: row for row in PersonHealth.objects.filter(person_id__in=ids)}
    if latest is None:
        # The current row is the latest history row when there is one (no history scan).
        latest = {
            pk: (row.score, row.band, row.policy_version)
            for pk, row in existing.items()
            if row.on <= on
        }
        missing = [pk for pk in ids if pk not in latest]
        if missing:
            latest.update(_latest_snapshots(missing, on))
    snapshots = []
    for pk in ids:
        result = results.get(pk)
        if result is None:
            continue
        key = (result.score, result.band, result.policy_version)
        if latest.get(pk) != key:
            snapshots.append(PersonHealthSnapshot(person_id=pk, **_fields(result, on)))
            latest[pk] = key
    if snapshots:
        PersonHealthSnapshot.objects.filter(
            person_id__in=[s.person_id for s in snapshots], on=on
        ).delete()
        PersonHealthSnapshot.objects.bulk_create(snapshots, batch_size=1000)
    if not is_current:
        return 0, len(snapshots)
    to_create, to_update = [], []
    for pk in ids:
        result = results.get(pk)
        if result is None:
            continue
        fields = _fields(result, on)
        row = existing.get(pk)
        if row is None:
            to_create.append(PersonHealth(person_id=pk, computed_at=now, **fields))
        elif any(getattr(row, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(row, name, value)
            row.computed_at = now
            to_update.append(row)
    if to_update:
        # Delete and insert: bulk_update's CASE per column is far slower on both databases.
        PersonHealth.objects.filter(person_id__in=[row.person_id for row in to_update]).delete()
    PersonHealth.objects.bulk_create([*to_create, *to_update], batch_size=1000)
    return len(to_create) + len(to_update), len(snapshots)


def _recompute(
    person_ids: Sequence[int],
    *,
    on: datetime.date,
    policy: Policy,
    is_current: bool,
    size: int = CHUNK,
) -> RecomputeResult:
    """Score and store these people, `size` at a time: each batch reads every input in one
    query per kind and writes in bulk; each organization's promises are read once."""
    changed = snapshots = 0
    cache = PromiseCache()
    for ids in chunks(sorted(person_ids), size):
        facts = person_facts(ids, size=size, cache=cache)
        results = {pk: score_person(f, policy, on) for pk, f in facts.items()}
        with transaction.atomic():
            chunk_changed, chunk_snapshots = _write(ids, results, on, is_current=is_current)
        changed += chunk_changed
        snapshots += chunk_snapshots
    return RecomputeResult(people=len(person_ids), changed=changed, snapshots=snapshots)


def health_recompute(
    *,
    person_ids: Iterable[int] | None = None,
    on: datetime.date | None = None,
    size: int = CHUNK,
) -> RecomputeResult:
    """Recompute the health of these people (everyone when None) as of `on` (today), `size`
    people per batch."""
    today = timezone.localdate()
    on = on or today
    policy = policy_in_force(on=on)
    ids = (
        list(person_ids)
        if person_ids is not None
        else list(Person.objects.order_by("pk").values_list("pk", flat=True))
    )
    result = _recompute(ids, on=on, policy=policy, is_current=on >= today, size=size)
    if person_ids is None and on >= today:
        HealthPolicy.objects.filter(version=policy.version, recomputed_at__isnull=True).update(
            recomputed_at=timezone.now()
        )
    return result


def health_recompute_dirty(*, on: datetime.date | None = None) -> RecomputeResult:
    """Recompute the people marked dirty since the last run (the incremental recompute).

    A marker set while this runs (a later `marked_at`) stays, so that change is not lost.
    All the dirty people are one batch (up to `facts.BATCH`): each kind of input is one query
    for all of them, and each organization's promises are read once.
    """
    started = timezone.now()
    ids = list(HealthDirtyPerson.objects.values_list("person_id", flat=True))
    result = health_recompute(person_ids=ids, on=on, size=BATCH)
    for chunk in chunks(ids, BATCH):
        HealthDirtyPerson.objects.filter(person_id__in=chunk, marked_at__lte=started).delete()
    return result


def health_snapshot_daily(*, on: datetime.date | None = None) -> RecomputeResult:
    """The daily run: everyone as of today (scores move with time: recency, decay), which also
    picks up a new policy version. Idempotent: a second run on the same day adds nothing."""
    started = timezone.now()
    result = health_recompute(on=on)
    HealthDirtyPerson.objects.filter(marked_at__lte=started).delete()
    return result


def health_backfill(
    *,
    person_ids: Sequence[int],
    start: datetime.date,
    end: datetime.date | None = None,
    step_days: int = 1,
) -> RecomputeResult:
    """Write the history of these people from `start` to `end` (today), one day at a time,
    with the policy in force on each day (a row only where the score changes)."""
    end = end or timezone.localdate()
    if start > end:
        raise DomainError(ErrorCode.INVALID, _("The start is after the end."), field="start")
    policy_on = policy_resolver()
    snapshots = 0
    cache = PromiseCache()
    for ids in chunks(sorted(person_ids)):
        facts = person_facts(ids, cache=cache)
        latest = _latest_snapshots(ids, start - datetime.timedelta(days=1))
        day = start
        with transaction.atomic():
            while day <= end:
                policy = policy_on(day)
                results = {pk: score_person(f, policy, day) for pk, f in facts.items()}
                _changed, added = _write(ids, results, day, is_current=False, latest=latest)
                snapshots += added
                day += datetime.timedelta(days=step_days)
    current = health_recompute(person_ids=person_ids, on=end)
    return RecomputeResult(
        people=len(person_ids), changed=current.changed, snapshots=snapshots + current.snapshots
    )


@transaction.atomic
def person_cadence_set(*, person: Person, by: AnyUser, days: int | None, reason: str = "") -> None:
    """Override (or, with `days=None`, clear) how often we expect to be in touch with `person`."""
    require(user=by, action=Action.CHANGE, obj=PersonCadence(person=person))
    if days is not None and not 1 <= days <= 730:
        raise DomainError(
            ErrorCode.INVALID,
            _("Enter between %(low)s and %(high)s days."),
            field="days",
            params={"low": 1, "high": 730},
        )
    existing = PersonCadence.objects.select_for_update().filter(person=person).first()
    before: dict[str, JsonValue] = (
        {"days": existing.days, "reason": existing.reason} if existing else {}
    )
    if days is None:
        PersonCadence.objects.filter(person=person).delete()
        after: dict[str, JsonValue] = {}
    else:
        PersonCadence.objects.update_or_create(
            person=person, defaults={"days": days, "reason": reason.strip(), "set_by": by}
        )
        after = {"days": days, "reason": reason.strip()}
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=person,
        before=before,
        after=after,
        summary="contact cadence",
    )
    transaction.on_commit(lambda: health_recompute(person_ids=[person.pk]))
