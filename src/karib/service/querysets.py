"""Scoping of conversation QA records.

Agents see the conversations they handled; QA reviewers and managers see their team's;
admins see everything. Transcripts are personal data: every read goes through these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from karib.core.models import Team
from karib.core.roles import Role, has_role, is_admin
from karib.core.types import AnyUser

if TYPE_CHECKING:
    from .models import Conversation, ImportBatch  # noqa: F401


def is_team_overseer(user: AnyUser) -> bool:
    """A QA reviewer or a manager: sees and reviews the whole team's conversations."""
    return has_role(user, Role.QA_REVIEWER) or has_role(user, Role.MANAGER)


def overseen_teams(user: AnyUser) -> models.QuerySet[Team]:
    """Teams whose conversations `user` oversees (all for an admin, none for an agent)."""
    if not user.is_authenticated:
        return Team.objects.none()
    if is_admin(user):
        return Team.objects.all()
    if not is_team_overseer(user):
        return Team.objects.none()
    return Team.objects.filter(profiles__user__pk=user.pk)


class ConversationQuerySet(models.QuerySet["Conversation"]):
    def visible_to(self, user: AnyUser) -> ConversationQuerySet:
        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        query = Q(agent__pk=user.pk)
        if is_team_overseer(user):
            query |= Q(team__in=overseen_teams(user))
        return self.filter(query)


class ImportBatchQuerySet(models.QuerySet["ImportBatch"]):
    def visible_to(self, user: AnyUser) -> ImportBatchQuerySet:
        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        return self.filter(Q(created_by__pk=user.pk) | Q(team__in=overseen_teams(user)))
