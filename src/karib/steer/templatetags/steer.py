"""`{% load steer %}{% recovery_panel person %}`: the recovery plan panel of a person page."""

from __future__ import annotations

from typing import Any

from django import template

from karib.core import access
from karib.core.access import Action
from karib.people.models import Person

from ..models import RecoveryPlan
from ..selectors import person_blocked, plan_progress, recovery_plan_for_person

register = template.Library()


@register.inclusion_tag("steer/recovery_panel.html", takes_context=True)
def recovery_panel(context: dict[str, Any], person: Person) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"plan": None, "blocked": False}
    plan = recovery_plan_for_person(user=user, person=person)
    done, total = plan_progress(plan) if plan else (0, 0)
    probe = RecoveryPlan(person=person, owner_id=person.owner_id)
    return {
        "plan": plan,
        "done": done,
        "total": total,
        "person": person,
        "blocked": person_blocked(person),
        "can_start": access.can(user, Action.CHANGE, probe),
        "csrf_token": context.get("csrf_token"),
    }
