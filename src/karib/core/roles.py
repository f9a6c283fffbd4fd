"""Roles are Django groups, created by a data migration; the group name is the role's value."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SALES = "Sales", _("Sales (relationship owner)")
    MANAGER = "Manager", _("Manager")
    SERVICE_AGENT = "Service agent", _("Service agent")
    QA_REVIEWER = "QA reviewer", _("QA reviewer")
    COMPLIANCE_OFFICER = "Compliance officer", _("Compliance officer")
    ADMIN = "Admin", _("Admin")


def user_roles(user: User | AnonymousUser) -> frozenset[Role]:
    """The roles of a user, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached: frozenset[Role] | None = getattr(user, "_karib_roles", None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)
        cached = frozenset(Role(name) for name in names if name in Role.values)
        user._karib_roles = cached  # type: ignore[attr-defined]
    return cached


def has_role(user: User | AnonymousUser, role: Role) -> bool:
    return role in user_roles(user)


def is_admin(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or has_role(user, Role.ADMIN)))


def is_compliance_or_admin(user: User | AnonymousUser) -> bool:
    """A Compliance officer or an admin: who sees every gift, decides on them, and may change
    what the gift rules read (a public official's status, a recorded KPK report)."""
    return is_admin(user) or has_role(user, Role.COMPLIANCE_OFFICER)
