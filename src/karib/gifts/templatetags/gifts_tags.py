"""Template tags of the gifts app: `{% load gifts_tags %}`.

`{% gesture_ideas person %}` renders the gesture ideas for a person (for the person page);
`{{ value|idr }}` shows an amount as Rp1.500.000.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from karib.gifts import selectors
from karib.gifts.formatting import idr as format_idr
from karib.gifts.reasons import rule_reason

register = template.Library()


@register.filter
def idr(value: int | None) -> str:
    return format_idr(value)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """`{{ row.by_quarter|get_item:quarter }}`: a value of a dict by a variable key."""
    return mapping.get(key)


@register.filter
def hit_reason(hit: Any) -> str:
    return rule_reason(str(hit.code), dict(hit.params))


@register.inclusion_tag("gifts/_gesture_ideas.html", takes_context=True)
def gesture_ideas(context: template.Context, person: Any) -> dict[str, Any]:
    user = context["request"].user
    return {
        "person": person,
        "suggestions": selectors.gesture_ideas_for_person(user=user, person=person),
    }


@register.inclusion_tag("gifts/_kpk_deadline.html")
def kpk_deadline(gift: Any) -> dict[str, Any]:
    """The KPK reporting deadline as a state with words (never colour alone): reported (with
    the date and reference, and how late), overdue (how many days), or due (days left)."""
    today = timezone.localdate()
    deadline = gift.report_deadline
    if deadline is None:
        return {"gift": gift}
    if gift.kpk_reported_on is not None:
        late = (gift.kpk_reported_on - deadline).days
        return {
            "gift": gift,
            "state": "reported",
            "late_days": max(late, 0),
            "recorded_late": gift.kpk_report_recorded_late,
        }
    if deadline < today:
        return {"gift": gift, "state": "overdue", "days": (today - deadline).days}
    return {"gift": gift, "state": "due", "days": (deadline - today).days}
