"""Recovery plans: a guided checklist to win back a blocked relationship, following the first
story — diagnose, send an envoy, an informal meeting where they see the work, listen and record
what they care about, settle the promises, a lawful gesture, follow up.

Steps tick themselves when the data shows them done (`recovery_plan_sync`), counting evidence
from the day the trouble began (`plan.since`); a step shown done by the data is un-ticked when
that evidence goes away, a step ticked by hand stays ticked until someone un-ticks it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib.core import access
from karib.core.access import Action
from karib.core.audit import audit_record, snapshot
from karib.core.errors import DomainError, ErrorCode
from karib.core.models import AuditEvent
from karib.gifts.models import Gift
from karib.people.models import (
    EnvoyAssignment,
    Interaction,
    Person,
    PersonalFact,
    RelationshipChange,
)
from karib.promises.models import PENDING_STATUSES, Promise, PromiseStatus

from .models import RECOVERY_STEPS, RecoveryPlan, RecoveryStep, RecoveryStepCode

#: Days from the plan's start by which each step is aimed at.
STEP_DUE_DAYS = {
    RecoveryStepCode.DIAGNOSE: 3,
    RecoveryStepCode.ENVOY: 7,
    RecoveryStepCode.INFORMAL_MEETING: 30,
    RecoveryStepCode.LISTEN: 30,
    RecoveryStepCode.SETTLE_PROMISES: 60,
    RecoveryStepCode.GESTURE: 90,
    RecoveryStepCode.FOLLOW_UP: 120,
}
INFORMAL_KINDS = (
    Interaction.Kind.SITE_VISIT,
    Interaction.Kind.MEAL,
    Interaction.Kind.TRIP,
    Interaction.Kind.EVENT,
)

Evidence = tuple[datetime.date, dict[str, Any]] | None


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _diagnosed(plan: RecoveryPlan, today: datetime.date) -> Evidence:
    person = plan.person
    change = (
        RelationshipChange.objects.filter(
            person=person,
            field=RelationshipChange.Field.ATTITUDE,
            new_value__in=[Person.Attitude.SKEPTIC, Person.Attitude.BLOCKER],
        )
        .exclude(reason="")
        .order_by("-changed_on")
        .first()
    )
    if change is not None:
        return change.changed_on, {"reason": change.reason[:200]}
    if person.refuses_to_meet_owner and person.refusal_reason.strip():
        return person.refusal_since or plan.started_on, {"reason": person.refusal_reason[:200]}
    return None


def _envoy_sent(plan: RecoveryPlan, today: datetime.date) -> Evidence:
    assignment = (
        EnvoyAssignment.objects.filter(
            person=plan.person, envoy__isnull=False, assigned_on__gte=plan.since
        )
        .select_related("envoy")
        .order_by("assigned_on", "pk")
        .first()
    )
    if assignment is None or assignment.envoy is None:
        return None
    envoy = assignment.envoy
    return assignment.assigned_on, {"envoy": envoy.get_full_name() or envoy.get_username()}


def _meetings(plan: RecoveryPlan) -> Any:
    return Interaction.objects.filter(
        participants=plan.person,
        kind__in=INFORMAL_KINDS,
        occurred_at__date__gte=plan.since,
    ).order_by("occurred_at", "pk")


def _informal_meeting(plan: RecoveryPlan, today: datetime.date) -> Evidence:
    meeting = _meetings(plan).first()
    if meeting is None:
        return None
    return _local_day(meeting.occurred_at), {
        "kind": meeting.kind,
        "location": meeting.location[:120],
    }


def _listened(plan: RecoveryPlan, today: datetime.date) -> Evidence:
    # Not sensitive ones: the plan is read by whoever sees the person, and its count and date
    # would tell a reader who may not list a sensitive fact that one was learned, as health
    # does (secprobe12, F4).
    facts = PersonalFact.objects.filter(
        person=plan.person, learned_on__gte=plan.since, is_sensitive=False
    )
    first = facts.order_by("learned_on", "pk").first()
    if first is None:
        return None
    # the count only: a fact's words are not shown on a plan
    return first.learned_on, {"count": facts.count()}


def _promises_settled(plan: RecoveryPlan, today: datetime.date) -> Evidence:
    person = plan.person
    promises = Promise.objects.filter(
        Q(organization=person.organization_id) | Q(people=person)
    ).distinct()
    unsettled = promises.filter(status__in=PENDING_STATUSES).filter(
        Q(status=PromiseStatus.AT_RISK) | Q(due_date__lt=today)
    )
    if unsettled.exists():
        return None
    last = (
        promises.filter(status_changed_at__date__gte=plan.since)
        .order_by("-status_changed_at")
        .values_list("status_changed_at", flat=True)
        .first()
    )
    return (_local_day(last) if last else plan.started_on), {"open": 0}


def _gesture(plan: RecoveryPlan, today: datetime.date) -> Evidence:
    gift = (
        Gift.objects.filter(
            recipient=plan.person, status=Gift.Status.GIVEN, given_on__gte=plan.since
        )
        .order_by("given_on", "pk")
        .first()
    )
    if gift is None or gift.given_on is None:
        return None
    return gift.given_on, {"gift": gift.description[:120]}


def _followed_up(plan: RecoveryPlan, today: datetime.date) -> Evidence:
    starts = [plan.since]
    meeting = _informal_meeting(plan, today)
    gesture = _gesture(plan, today)
    starts += [found[0] for found in (meeting, gesture) if found is not None]
    after = max(starts)
    follow_up = (
        Interaction.objects.filter(participants=plan.person, occurred_at__date__gt=after)
        .order_by("occurred_at", "pk")
        .first()
    )
    if follow_up is None:
        return None
    return _local_day(follow_up.occurred_at), {"kind": follow_up.kind}


DETECTORS: dict[str, Callable[[RecoveryPlan, datetime.date], Evidence]] = {
    RecoveryStepCode.DIAGNOSE: _diagnosed,
    RecoveryStepCode.ENVOY: _envoy_sent,
    RecoveryStepCode.INFORMAL_MEETING: _informal_meeting,
    RecoveryStepCode.LISTEN: _listened,
    RecoveryStepCode.SETTLE_PROMISES: _promises_settled,
    RecoveryStepCode.GESTURE: _gesture,
    RecoveryStepCode.FOLLOW_UP: _followed_up,
}


def trouble_since(person: Person, today: datetime.date) -> datetime.date:
    """When the trouble began: the refusal, else the last turn to skeptic or blocker."""
    if person.refuses_to_meet_owner and person.refusal_since:
        return person.refusal_since
    change = (
        RelationshipChange.objects.filter(
            person=person,
            field=RelationshipChange.Field.ATTITUDE,
            new_value__in=[Person.Attitude.SKEPTIC, Person.Attitude.BLOCKER],
        )
        .order_by("-changed_on")
        .values_list("changed_on", flat=True)
        .first()
    )
    return change or today


@transaction.atomic
def recovery_plan_start(
    *,
    person: Person,
    by: User,
    today: datetime.date | None = None,
    since: datetime.date | None = None,
) -> RecoveryPlan:
    """Start the plan of a person (the one active plan; starting again returns it)."""
    today = today or timezone.localdate()
    existing = RecoveryPlan.objects.filter(person=person, status=RecoveryPlan.Status.ACTIVE).first()
    if existing is not None:
        return existing
    probe = RecoveryPlan(person=person, owner=person.owner)
    access.require(user=by, action=Action.CHANGE, obj=probe)
    start = since or trouble_since(person, today)
    try:
        with transaction.atomic():
            plan = RecoveryPlan.objects.create(
                person=person,
                owner=person.owner,
                started_on=today,
                since=start,
                target_on=today + datetime.timedelta(days=STEP_DUE_DAYS[RECOVERY_STEPS[-1]]),
                created_by=by,
            )
    except IntegrityError:  # a concurrent start won
        return RecoveryPlan.objects.get(person=person, status=RecoveryPlan.Status.ACTIVE)
    RecoveryStep.objects.bulk_create(
        RecoveryStep(
            plan=plan,
            code=code,
            position=position,
            due_on=today + datetime.timedelta(days=STEP_DUE_DAYS[code]),
        )
        for position, code in enumerate(RECOVERY_STEPS)
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=plan,
        after=snapshot(plan),
        summary="recovery plan started",
    )
    recovery_plan_sync(plan=plan, today=today)
    return plan


@transaction.atomic
def recovery_plan_sync(*, plan: RecoveryPlan, today: datetime.date | None = None) -> int:
    """Tick (or un-tick) the steps the data shows done; returns how many steps changed."""
    today = today or timezone.localdate()
    plan = RecoveryPlan.objects.select_for_update().select_related("person").get(pk=plan.pk)
    changed = 0
    steps = list(plan.steps.all())
    for step in steps:
        if step.done_on is not None and not step.is_automatic:
            continue  # ticked by hand: a person's word stays
        evidence = DETECTORS[step.code](plan, today)
        if evidence is None:
            if step.is_automatic:
                step.done_on, step.is_automatic, step.evidence = None, False, {}
                step.save(update_fields=["done_on", "is_automatic", "evidence"])
                changed += 1
            continue
        on, details = evidence
        if step.done_on != on or step.evidence != details or not step.is_automatic:
            step.done_on, step.is_automatic, step.evidence = on, True, details
            step.done_by = None
            step.save(update_fields=["done_on", "is_automatic", "evidence", "done_by"])
            changed += 1
    _update_status(plan, steps)
    return changed


def _update_status(plan: RecoveryPlan, steps: list[RecoveryStep]) -> None:
    finished = bool(steps) and all(step.done_on is not None for step in steps)
    if finished and plan.status == RecoveryPlan.Status.ACTIVE:
        plan.status = RecoveryPlan.Status.COMPLETED
        plan.completed_on = max(step.done_on for step in steps if step.done_on)
        plan.save(update_fields=["status", "completed_on"])
    elif not finished and plan.status == RecoveryPlan.Status.COMPLETED:
        plan.status, plan.completed_on = RecoveryPlan.Status.ACTIVE, None
        plan.save(update_fields=["status", "completed_on"])


def recovery_plans_sync_all(*, today: datetime.date | None = None) -> int:
    """The daily job: sync every plan in progress (and completed ones, which may reopen)."""
    changed = 0
    plans = RecoveryPlan.objects.exclude(status=RecoveryPlan.Status.ABANDONED).order_by("pk")
    for plan in plans.iterator(chunk_size=200):
        changed += recovery_plan_sync(plan=plan, today=today)
    return changed


@transaction.atomic
def recovery_step_set(
    *, step: RecoveryStep, by: User, done: bool, note: str = "", today: datetime.date | None = None
) -> RecoveryStep:
    """Tick or un-tick a step by hand (audited)."""
    today = today or timezone.localdate()
    step = RecoveryStep.objects.select_for_update().select_related("plan__person").get(pk=step.pk)
    access.require(user=by, action=Action.CHANGE, obj=step)
    if step.plan.status == RecoveryPlan.Status.ABANDONED:
        raise DomainError(
            ErrorCode.TRANSITION_NOT_ALLOWED, _("This recovery plan was abandoned."), field="done"
        )
    before = snapshot(step)
    if done:
        step.done_on = step.done_on or today
        step.done_by, step.is_automatic = by, False
    else:
        step.done_on, step.done_by, step.is_automatic, step.evidence = None, None, False, {}
    step.note = note.strip()[:2000] or step.note
    step.save(update_fields=["done_on", "done_by", "is_automatic", "evidence", "note"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=step,
        before=before,
        after=snapshot(step),
        summary="recovery step ticked" if done else "recovery step un-ticked",
    )
    _update_status(step.plan, list(step.plan.steps.all()))
    return step
