"""Reads of the core app, each scoped to the user who asks."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet

# The reverse questions live with the access rules; importable from here as before.
from .access import (
    colleagues_of,
    is_team_overseer,
    overseen_teams,
    team_members,
    team_reviewers,
    teams_managed_by,
    users_who_may_see_organization,
)
from .models import ApiToken, Notification
from .roles import Role
from .shortcuts import one_or_404

__all__ = [
    "api_token_get_for_user",
    "api_token_list",
    "colleagues_of",
    "is_team_overseer",
    "notification_get_for_user",
    "notification_list",
    "overseen_teams",
    "team_members",
    "team_reviewers",
    "teams_managed_by",
    "users_who_may_see_organization",
    "users_with_role",
]


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def api_token_get_for_user(*, user: User, pk: int) -> ApiToken:
    return one_or_404(api_token_list(user=user), pk=pk)


def notification_list(*, user: User, unread_only: bool = True) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(user=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


def notification_get_for_user(*, user: User, pk: int) -> Notification:
    return one_or_404(Notification.objects.all(), user=user, pk=pk)


def users_with_role(role: Role) -> QuerySet[User]:
    return User.objects.filter(groups__name=role.value, is_active=True).order_by("username")
