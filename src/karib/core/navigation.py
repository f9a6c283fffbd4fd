"""The main navigation, tailored to the role: one entry per area the user works in, the area
they land in first. An area without pages yet is shown as coming."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .roles import Role, has_role, is_admin, user_roles
from .types import AnyUser


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    #: roles that use the area (empty: everyone)
    roles: tuple[Role, ...] = ()
    #: who the page lets in, when it is stricter than "everyone" for an admin or a user
    #: without a role (they see every other area); None: the page admits them
    admits: Callable[[AnyUser], bool] | None = None

    @property
    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None

    def is_for(self, roles: frozenset[Role]) -> bool:
        return not self.roles or bool(roles & set(self.roles))

    def lets_in(self, user: AnyUser) -> bool:
        return self.admits is None or self.admits(user)


def may_use_approval_queue(user: AnyUser) -> bool:
    """Only Compliance officers decide on gifts in the approval queue (not admins): the rule
    of ``gifts.selectors.gift_approval_queue``."""
    return has_role(user, Role.COMPLIANCE_OFFICER)


RELATIONSHIP_ROLES = (Role.SALES, Role.MANAGER)

NAVIGATION = (
    NavItem("today", _("Today"), "core:today"),
    NavItem("people", _("People"), "people:index", RELATIONSHIP_ROLES),
    NavItem("promises", _("Promises"), "promises:index", RELATIONSHIP_ROLES),
    NavItem(
        "approvals",
        _("Approvals"),
        "gifts:queue",
        (Role.COMPLIANCE_OFFICER,),
        admits=may_use_approval_queue,
    ),
    NavItem("gifts", _("Gifts"), "gifts:index", (*RELATIONSHIP_ROLES, Role.COMPLIANCE_OFFICER)),
    NavItem(
        "conversations",
        _("Conversations"),
        "service:index",
        (Role.SERVICE_AGENT, Role.QA_REVIEWER, Role.MANAGER),
    ),
)

#: Where each role lands after login, in this order of precedence (the first role found).
LANDINGS = (
    (Role.SALES, "today"),
    (Role.MANAGER, "today"),
    (Role.COMPLIANCE_OFFICER, "approvals"),
    (Role.QA_REVIEWER, "conversations"),
    (Role.SERVICE_AGENT, "conversations"),
)


def navigation_for(user: AnyUser) -> tuple[NavItem, ...]:
    """The areas `user` works in (for an admin or a user without a role: every area whose
    page lets them in)."""
    roles = user_roles(user)
    if is_admin(user) or not roles:
        return tuple(item for item in NAVIGATION if item.lets_in(user))
    return tuple(item for item in NAVIGATION if item.is_for(roles) and item.lets_in(user))


def landing_for(user: AnyUser) -> NavItem:
    """The area a user lands in: a sales rep or manager in Today, Compliance in the approval
    queue, an agent or QA reviewer in conversations; everyone else in Today."""
    roles = user_roles(user)
    items = {item.key: item for item in NAVIGATION}
    if not is_admin(user):
        for role, key in LANDINGS:
            if role in roles:
                return items[key]
    return items["today"]
