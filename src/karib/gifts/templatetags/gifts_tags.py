"""Template tags of the gifts app: `{% load gifts_tags %}`.

`{% gesture_ideas person %}` renders the gesture ideas for a person (for the person page);
`{{ value|idr }}` shows an amount as Rp1.500.000.
"""

from __future__ import annotations

from typing import Any

from django import template

from karib.gifts import selectors
from karib.gifts.formatting import idr as format_idr
from karib.gifts.reasons import rule_reason

register = template.Library()


@register.filter
def idr(value: int | None) -> str:
    return format_idr(value)


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
