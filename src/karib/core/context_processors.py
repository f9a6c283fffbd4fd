from __future__ import annotations

from django.http import HttpRequest

from .navigation import NAVIGATION
from .roles import user_roles


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": ()}
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    current = match.url_name if match else ""
    active = {
        "people": "people",
        "promises": "promises",
        "gifts": "gifts",
        "service": "conversations",
    }.get(namespace, "today" if current == "today" else "")
    return {
        "navigation": [
            {"key": item.key, "label": item.label, "url": item.url, "active": item.key == active}
            for item in NAVIGATION
        ],
        "user_roles": sorted(role.label for role in user_roles(user)),
    }
