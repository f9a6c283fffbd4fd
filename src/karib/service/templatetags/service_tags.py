from __future__ import annotations

from django import template

from karib.core.roles import Role, has_role
from karib.core.types import AnyUser

from ..access import can_import
from ..models import Conversation, Finding
from ..querysets import overseen_teams
from ..selectors import shown_findings as _shown_findings

register = template.Library()


@register.simple_tag
def service_nav(user: AnyUser) -> dict[str, bool]:
    """Which links of the service sub-navigation the user may follow."""
    if not user.is_authenticated:
        return {"overseer": False, "agent": False}
    return {
        "overseer": bool(can_import(user) and overseen_teams(user).exists()),
        "agent": has_role(user, Role.SERVICE_AGENT),
    }


@register.filter
def shown_findings(conversation: Conversation) -> list[Finding]:
    """The conversation's findings at or above its team's confidence threshold."""
    return _shown_findings(conversation)
