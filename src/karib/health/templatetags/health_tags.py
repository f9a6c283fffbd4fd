"""`{% person_health_panel person %}` / `{% organization_health_panel organization %}`.

The people pages include `health/person_health_panel.html` and
`health/organization_health_panel.html`, which call these tags; they read the health through
the scoped selectors with the request's user, so the panel shows only what the viewer may see.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.http import Http404

from karib.people.models import Organization, Person

from .. import selectors
from ..chart import build_chart, monthly_table
from ..labels import band_label, driver_text, points_label
from ..services import policy_in_force

register = template.Library()


def _panel(health: selectors.Health, kind: str, request: Any) -> dict[str, Any]:
    drivers = [
        {
            "code": d.code,
            "points": d.points,
            "points_label": points_label(d.points),
            "text": driver_text(d),
            "sign": "up" if d.points > 0 else "down" if d.points < 0 else "none",
        }
        for d in health.sorted_drivers
    ]
    history = [(p.on, p.score) for p in health.history]
    return {
        "visible": True,
        "kind": kind,
        "health": health,
        "band_label": band_label(health.band),
        "drivers": drivers,
        "chart": build_chart(history, policy_in_force(on=health.on)),
        "table": [
            {"on": on, "score": score, "band_label": band_label(band)}
            for on, score, band in monthly_table([(p.on, p.score, p.band) for p in health.history])
        ],
        "request": request,
    }


def _user(context: template.Context) -> Any:
    request = context.get("request")
    return request, getattr(request, "user", None)


@register.inclusion_tag("health/_health_panel.html", takes_context=True)
def person_health_panel(context: template.Context, person: Person) -> dict[str, Any]:
    request, user = _user(context)
    if user is None or person is None:
        return {"visible": False}
    try:
        health = selectors.person_health_for_user(user=user, person=person)
    except Http404:
        return {"visible": False}
    return _panel(health, "person", request)


@register.inclusion_tag("health/_health_panel.html", takes_context=True)
def organization_health_panel(
    context: template.Context, organization: Organization
) -> dict[str, Any]:
    request, user = _user(context)
    if user is None or organization is None:
        return {"visible": False}
    try:
        health = selectors.organization_health_for_user(user=user, organization=organization)
    except Http404:
        return {"visible": False}
    return _panel(health, "organization", request)
