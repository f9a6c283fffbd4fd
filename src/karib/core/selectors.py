"""Reads of the core app, each scoped to the user who asks."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import ApiToken, Notification, Team
from .roles import Role, has_role, is_admin
from .types import AnyUser


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def api_token_get_for_user(*, user: User, pk: int) -> ApiToken:
    token = api_token_list(user=user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def notification_list(*, user: User, unread_only: bool = True) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(user=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


def notification_get_for_user(*, user: User, pk: int) -> Notification:
    notification = Notification.objects.filter(user=user, pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def teams_managed_by(user: User | AnonymousUser) -> QuerySet[Team]:
    """Teams whose records a user sees as a manager: their own team when they have the role."""
    if is_admin(user):
        return Team.objects.all()
    if not has_role(user, Role.MANAGER):
        return Team.objects.none()
    return Team.objects.filter(profiles__user__pk=user.pk or 0)


def team_members(user: User | AnonymousUser) -> QuerySet[User]:
    """Users in the teams `user` manages (empty for a non-manager)."""
    return User.objects.filter(profile__team__in=teams_managed_by(user))


def users_with_role(role: Role) -> QuerySet[User]:
    return User.objects.filter(groups__name=role.value, is_active=True).order_by("username")


def colleagues_of(user: User | AnyUser) -> QuerySet[User]:
    """Active Sales and Manager users `user` may pick as a relationship owner, envoy or
    colleague: the members of their own team and of the teams they manage (and themself);
    admins may pick any of them."""
    users = User.objects.filter(
        is_active=True, groups__name__in=[Role.SALES.value, Role.MANAGER.value]
    )
    if not is_admin(user):
        own_team = Team.objects.filter(profiles__user__pk=user.pk or 0)
        users = users.filter(
            Q(profile__team__in=own_team)
            | Q(profile__team__in=teams_managed_by(user))
            | Q(pk=user.pk or 0)
        )
    return users.distinct().order_by("first_name", "username")
