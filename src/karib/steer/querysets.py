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

    def in_sight(self, user: AnyUser) -> NextActionQuerySet:
        """Only actions whose person, organization, promise, gift and conversation the user
        still sees. An action is made for what its owner saw when it was made; between two
        refreshes the owner may lose sight (no longer the envoy, the person moved), and then it
        must neither be shown nor name the person (secprobe6, F3)."""
        from karib.gifts.models import Gift
        from karib.people.models import Organization, Person
        from karib.promises.models import Promise
        from karib.service.models import Conversation

        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self
        seen = {
            "person": Person.objects.visible_to(user),
            "organization": Organization.objects.visible_to(user),
            "promise": Promise.objects.visible_to(user),
            "gift": Gift.objects.visible_to(user),
            "conversation": Conversation.objects.visible_to(user),
        }
        query = Q()
        for field, visible in seen.items():
            query &= Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__in": visible.values("pk")})
        return self.filter(query)

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
