"""`{% privacy_panel person %}` on the person page: the lawful basis and the way to the
data subject's rights, for those accountable for the person's data."""

from __future__ import annotations

from typing import Any

from django import template

from karib.core import access

from ..access import REPORT

register = template.Library()


@register.inclusion_tag("privacy/person_panel.html", takes_context=True)
def privacy_panel(context: template.Context, person: Any) -> dict[str, Any]:
    user = context["request"].user
    return {
        "person": person,
        "basis": getattr(person, "processing_basis", None),
        "accountable": access.can(user, REPORT, person),
    }
