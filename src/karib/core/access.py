"""Who may do what: one rule per model and action, declared in each app's `access.py`.

Reading is scoped by querysets (`Model.objects.visible_to(user)`): what a user may not see does
not exist for them (404). Acting on what they see — change, delete, a status move — is a rule
declared here with django-rules predicates, and enforced by the service that does it::

    # people/access.py
    access.declare(Person, Action.CHANGE, is_owner | is_envoy_of_person | manages_owner)

    # people/services.py
    access.require(user=by, action=Action.CHANGE, obj=person)

Views and the API ask `access.can(...)` to decide which buttons to show; they do not re-check.
A rule that is not declared is denied (fail closed), and `declared_rules()` lets a test prove that
every model and action has one.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.functional import Promise as LazyString
from django.utils.translation import gettext_lazy as _

from .errors import DomainError, ErrorCode
from .models import Profile, Team
from .roles import Role, has_role
from .roles import is_admin as _is_admin

Subject = User | AnonymousUser
ModelOrInstance = type[models.Model] | models.Model


class Action(enum.StrEnum):
    """The standard actions; a state transition is named by its own string (e.g. "mark_kept")."""

    VIEW = "view"
    CREATE = "add"
    CHANGE = "change"
    DELETE = "delete"


def permission_name(model: ModelOrInstance, action: str) -> str:
    """`people.change_person`: the same name Django's own permissions use."""
    meta = model._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


def declare(model: type[models.Model], action: str, predicate: rules.Predicate) -> None:
    """Declare (or replace) the rule for `action` on `model`."""
    rules.set_perm(permission_name(model, action), predicate)


def is_declared(model: ModelOrInstance, action: str) -> bool:
    return bool(rules.perm_exists(permission_name(model, action)))


def declared_rules() -> Iterator[str]:
    """Every declared permission name, for tests that prove each endpoint has a rule."""
    yield from rules.permissions.permissions.keys()


def can(user: Subject, action: str, obj: ModelOrInstance) -> bool:
    """May `user` do `action` on `obj` (an instance, or a model class for CREATE)? An undeclared
    rule answers no; an inactive or anonymous user may do nothing."""
    if not user.is_authenticated or not user.is_active:
        return False
    name = permission_name(obj, action)
    if not rules.perm_exists(name):
        return False
    target = None if isinstance(obj, type) else obj
    return bool(rules.has_perm(name, user, target))


def require(*, user: Subject, action: str, obj: ModelOrInstance) -> None:
    """Raise a `DomainError(FORBIDDEN)` unless `user` may do `action` on `obj`. The caller has
    already fetched `obj` through a scoped selector, so a record the user may not see is a 404
    before this is reached."""
    if not can(user, action, obj):
        raise DomainError(
            ErrorCode.FORBIDDEN,
            REFUSALS.get(action),  # None: the general "You may not do this."
            params={"thing": obj._meta.verbose_name},
        )


REFUSALS: dict[str, LazyString] = {
    Action.VIEW: _("You may not see this %(thing)s."),
    Action.CREATE: _("You may not create a %(thing)s."),
    Action.CHANGE: _("You may not change this %(thing)s."),
    Action.DELETE: _("You may not delete this %(thing)s."),
}


# Predicates shared by every app's rules.
def _user_is_admin(user: Subject) -> bool:
    return _is_admin(user)


is_admin = rules.predicate(_user_is_admin, name="is_admin")


def has_any_role(*roles: Role) -> rules.Predicate:
    """A predicate true for users holding any of `roles` (admins always)."""

    def holds_a_role(user: Subject) -> bool:
        return _is_admin(user) or any(has_role(user, role) for role in roles)

    names = ", ".join(role.value for role in roles)
    return rules.predicate(holds_a_role, name=f"has_any_role({names})")


# --- The reverse questions: whom does a user oversee, who may see a record? -------------------
# One place for them (they were spread over core, promises and service); each answers with
# active users only when it names people to show or notify.


def teams_managed_by(user: Subject) -> QuerySet[Team]:
    """Teams whose records a user sees as a manager: their own team when they have the role
    (every team for an admin)."""
    if _is_admin(user):
        return Team.objects.all()
    if not has_role(user, Role.MANAGER):
        return Team.objects.none()
    return Team.objects.filter(profiles__user__pk=user.pk or 0)


def team_members(user: Subject) -> QuerySet[User]:
    """Users in the teams `user` manages (empty for a non-manager). Inactive members are kept:
    their records stay in the manager's sight."""
    return User.objects.filter(profile__team__in=teams_managed_by(user))


def is_team_overseer(user: Subject) -> bool:
    """A QA reviewer or a manager: sees and reviews the whole team's conversations."""
    return has_role(user, Role.QA_REVIEWER) or has_role(user, Role.MANAGER)


def overseen_teams(user: Subject) -> QuerySet[Team]:
    """Teams whose conversations `user` oversees (all for an admin, none for an agent)."""
    if not user.is_authenticated:
        return Team.objects.none()
    if _is_admin(user):
        return Team.objects.all()
    if not is_team_overseer(user):
        return Team.objects.none()
    return Team.objects.filter(profiles__user__pk=user.pk)


def team_reviewers(team: Team | int | None) -> QuerySet[User]:
    """Active QA reviewers of `team` (who hear of a dispute)."""
    if team is None:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True, groups__name=Role.QA_REVIEWER.value, profile__team=team)
        .distinct()
        .order_by("username")
    )


def colleagues_of(user: Subject) -> QuerySet[User]:
    """Active Sales and Manager users `user` may pick as a relationship owner, envoy or
    colleague: the members of their own team and of the teams they manage (and themself);
    admins may pick any of them."""
    users = User.objects.filter(
        is_active=True, groups__name__in=[Role.SALES.value, Role.MANAGER.value]
    )
    if not _is_admin(user):
        own_team = Team.objects.filter(profiles__user__pk=user.pk or 0)
        users = users.filter(
            Q(profile__team__in=own_team)
            | Q(profile__team__in=teams_managed_by(user))
            | Q(pk=user.pk or 0)
        )
    return users.distinct().order_by("first_name", "username")


def users_who_may_see_organization(*, organization: Any) -> QuerySet[User]:
    """Active users for whom `Organization.objects.visible_to(user)` includes `organization`
    (people/querysets.py; tests/core/test_access_matrix.py keeps the two in step): admins
    (superusers and the Admin role), the organization's owner, the owners and envoys of its
    people, and managers whose team is the organization's team or its owner's team."""
    owner_team = Profile.objects.filter(user_id=organization.owner_id, team__isnull=False).values(
        "team_id"
    )
    manager_teams = Q(profile__team__in=owner_team)
    if organization.team_id is not None:
        manager_teams |= Q(profile__team_id=organization.team_id)
    may_see = (
        Q(is_superuser=True)
        | Q(groups__name=Role.ADMIN.value)
        | Q(pk=organization.owner_id)
        | Q(owned_people__organization=organization)
        | Q(envoy_for_people__organization=organization)
        | (Q(groups__name=Role.MANAGER.value) & manager_teams)
    )
    return User.objects.filter(
        is_active=True, pk__in=User.objects.filter(may_see).values("pk")
    ).order_by("first_name", "username")


def users_who_may_see_person(*, person: Any) -> QuerySet[User]:
    """Active users for whom `Person.objects.visible_to(user)` includes `person`: those who may
    see the person's organization (when there is one), the owner, the envoy, managers of the
    owner's team and admins."""
    owner_team = Profile.objects.filter(user_id=person.owner_id, team__isnull=False).values(
        "team_id"
    )
    may_see = (
        Q(is_superuser=True)
        | Q(groups__name=Role.ADMIN.value)
        | Q(pk=person.owner_id)
        | (Q(groups__name=Role.MANAGER.value) & Q(profile__team__in=owner_team))
    )
    if person.envoy_id is not None:
        may_see |= Q(pk=person.envoy_id)
    users = User.objects.filter(is_active=True, pk__in=User.objects.filter(may_see).values("pk"))
    if person.organization_id is not None:
        organization = users_who_may_see_organization(organization=person.organization)
        users = users | User.objects.filter(pk__in=organization.values("pk"))
    return users.order_by("first_name", "username")
