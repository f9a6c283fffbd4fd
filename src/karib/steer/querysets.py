"""Scoping of next actions and recovery plans.

A user sees their own next actions; a manager also sees those of the team they manage (to
count what was acted on, never to act on them); admins see all. A recovery plan is seen by
whoever may see its person (owner, envoy, the owner's manager, admins).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from karib.core.roles import is_admin
from karib.core.selectors import team_members
from karib.core.types import AnyUser

if TYPE_CHECKING:
    from .models import NextAction, RecoveryPlan  # noqa: F401


class NextActionQuerySet(models.QuerySet["NextAction"]):
    def visible_to(self, user: AnyUser) -> NextActionQuerySet:
        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        return self.filter(Q(owner__pk=user.pk) | Q(owner__in=team_members(user)))

    def mine(self, user: AnyUser) -> NextActionQuerySet:
        return self.filter(owner__pk=user.pk or 0)

    def waiting(self, today: object) -> NextActionQuerySet:
        """Open, or snoozed until a day that has come."""
        return self.filter(Q(status="open") | Q(status="snoozed", snoozed_until__lte=today))


class RecoveryPlanQuerySet(models.QuerySet["RecoveryPlan"]):
    def visible_to(self, user: AnyUser) -> RecoveryPlanQuerySet:
        from karib.people.models import Person

        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        return self.filter(person__in=Person.objects.visible_to(user).values("pk"))
