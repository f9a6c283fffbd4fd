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

import rules
from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.utils.functional import Promise as LazyString
from django.utils.translation import gettext_lazy as _

from .errors import DomainError, ErrorCode
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
