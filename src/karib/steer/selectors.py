"""Reads of next actions and recovery plans, each scoped to the user who asks."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from karib.core.roles import Role, has_role, is_admin
from karib.core.selectors import team_members
from karib.core.shortcuts import one_or_404
from karib.core.types import AnyUser
from karib.people.models import Person

from .models import NextAction, RecoveryPlan, RecoveryStep


def next_action_list(
    *, user: AnyUser, status: str | None = None, today: datetime.date | None = None
) -> QuerySet[NextAction]:
    """The user's own actions; `status="waiting"` (the default) for open and due snoozed ones,
    or one status, or "all"."""
    today = today or timezone.localdate()
    actions = NextAction.objects.mine(user).in_sight(user).select_related("person", "organization")
    if status in (None, "", "waiting"):
        actions = actions.waiting(today)
    elif status != "all":
        actions = actions.filter(status=status)
    return actions.order_by("-score", "due_on", "pk")


def next_action_get_for_user(*, user: AnyUser, pk: int) -> NextAction:
    """One of the user's own actions (404 for someone else's and for a missing one)."""
    action = (
        NextAction.objects.mine(user)
        .in_sight(user)
        .select_related("person", "organization")
        .filter(pk=pk)
    )
    found = action.first()
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class ActedReport:
    """How many actions a user (or a manager's team) acted on over a period."""

    days: int
    done: int
    snoozed: int
    dismissed: int
    resolved: int
    waiting: int

    @property
    def acted(self) -> int:
        return self.done + self.snoozed + self.dismissed

    @property
    def total(self) -> int:
        return self.acted + self.resolved + self.waiting

    @property
    def percent(self) -> int | None:
        return round(100 * self.acted / self.total) if self.total else None


def next_action_report(
    *, user: AnyUser, days: int = 30, team: bool = False, today: datetime.date | None = None
) -> ActedReport:
    """Acted on (done, snoozed, dismissed), resolved by themselves, and still waiting, among
    the actions created or acted on in the last `days` days: the user's own, or with `team`
    those of the team the user manages."""
    today = today or timezone.localdate()
    start = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time.min)
    )
    actions = NextAction.objects.visible_to(user)
    if team and (has_role(user, Role.MANAGER) or is_admin(user)):
        if not is_admin(user):
            actions = actions.filter(owner__in=team_members(user))
    else:
        actions = actions.mine(user)
    actions = actions.filter(
        Q(created_at__gte=start) | Q(acted_at__gte=start) | Q(resolved_at__gte=start)
    )
    counts = Counter(dict(actions.values_list("status").annotate(n=Count("pk")).order_by()))
    return ActedReport(
        days=days,
        done=counts[NextAction.Status.DONE],
        snoozed=counts[NextAction.Status.SNOOZED],
        dismissed=counts[NextAction.Status.DISMISSED],
        resolved=counts[NextAction.Status.RESOLVED],
        waiting=counts[NextAction.Status.OPEN],
    )


def recovery_plan_list(*, user: AnyUser, active_only: bool = True) -> QuerySet[RecoveryPlan]:
    plans = RecoveryPlan.objects.visible_to(user).select_related("person", "owner")
    if active_only:
        plans = plans.filter(status=RecoveryPlan.Status.ACTIVE)
    return plans.prefetch_related(
        Prefetch("steps", queryset=RecoveryStep.objects.order_by("position"))
    )


def recovery_plan_get_for_user(*, user: AnyUser, pk: int) -> RecoveryPlan:
    return one_or_404(
        recovery_plan_list(user=user, active_only=False).select_related(
            "person__organization", "person__envoy"
        ),
        pk=pk,
    )


def recovery_plan_for_person(*, user: AnyUser, person: Person) -> RecoveryPlan | None:
    """The person's plan in progress, else their latest one (None when there is none)."""
    plans = recovery_plan_list(user=user, active_only=False).filter(person=person)
    return plans.order_by("status", "-started_on", "-pk").first()


def recovery_step_get_for_user(*, user: AnyUser, pk: int) -> RecoveryStep:
    return one_or_404(
        RecoveryStep.objects.filter(plan__in=RecoveryPlan.objects.visible_to(user)).select_related(
            "plan__person"
        ),
        pk=pk,
    )


def plan_progress(plan: RecoveryPlan) -> tuple[int, int]:
    """(steps done, steps) from the prefetched steps."""
    steps = list(plan.steps.all())
    return sum(step.done_on is not None for step in steps), len(steps)


def person_blocked(person: Person) -> bool:
    """A blocked relationship: refuses the owner, or a skeptic or blocker of high influence."""
    from .generators.people import BLOCKED_INFLUENCE

    return person.refuses_to_meet_owner or (
        person.attitude in (Person.Attitude.SKEPTIC, Person.Attitude.BLOCKER)
        and person.influence >= BLOCKED_INFLUENCE
    )


from .today import Today, TodayItem, digest_section, today_for_user  # noqa: E402

__all__ = [
    "ActedReport",
    "Today",
    "TodayItem",
    "digest_section",
    "next_action_get_for_user",
    "next_action_list",
    "next_action_report",
    "person_blocked",
    "plan_progress",
    "recovery_plan_for_person",
    "recovery_plan_get_for_user",
    "recovery_plan_list",
    "recovery_step_get_for_user",
    "today_for_user",
]
