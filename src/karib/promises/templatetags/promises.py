"""`{% promise_block person=... %}` / `{% promise_block organization=... %}` and badge helpers.

Person and organization pages (people app) include the block; it is scoped to the user of the
request, so a page shows only the promises its viewer may see.
"""

from __future__ import annotations

from typing import Any

from django import template

from karib.people.models import Organization, Person

from .. import selectors
from ..models import PromiseStatus

register = template.Library()

STATUS_CLASSES = {
    PromiseStatus.KEPT: "ok",
    PromiseStatus.AT_RISK: "warn",
    PromiseStatus.RENEGOTIATED: "warn",
    PromiseStatus.BROKEN: "bad",
}

BLOCK_LIMIT = 20


@register.filter
def promise_status_class(status: str) -> str:
    """The badge class for a status: ok, warn, bad or none."""
    return (
        str(STATUS_CLASSES.get(PromiseStatus(status), "")) if status in PromiseStatus.values else ""
    )


@register.simple_tag
def cycle_status_label(statuses: list[tuple[str, str]], index: int) -> str:
    """The label of the board column `index` (each cell names its status on a phone, where
    the columns stack)."""
    return str(statuses[index][1]) if 0 <= index < len(statuses) else ""


@register.inclusion_tag("promises/promise_block.html", takes_context=True)
def promise_block(
    context: template.Context,
    person: Person | None = None,
    organization: Organization | None = None,
) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or (person is None and organization is None):
        return {"promises": [], "reliability": None, "visible": False}
    visible = selectors.promises_visible(user=user)
    if person is not None:
        visible = visible.filter(people=person)
    else:
        visible = visible.filter(organization=organization)
    promises = list(
        visible.order_by("-is_silent_break", "-is_overdue", "due_date", "pk")[:BLOCK_LIMIT]
    )
    figure = None
    if organization is not None:
        figure = selectors.reliability(user=user, organization=organization)
    return {
        "promises": promises,
        "reliability": figure,
        "visible": True,
        "person": person,
        "organization": organization,
        "silent_breaks": sum(1 for p in promises if getattr(p, "is_silent_break", False)),
        "request": request,
    }
