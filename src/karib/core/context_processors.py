from __future__ import annotations

from django.http import HttpRequest

from .navigation import landing_for, navigation_for
from .roles import user_roles

#: URL namespaces (and core URL names) → the navigation entry they belong to.
ACTIVE_BY_NAMESPACE = {
    "people": "people",
    "promises": "promises",
    "gifts": "gifts",
    "service": "conversations",
    "steer": "today",
}


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": ()}
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    current = match.url_name if match else ""
    if namespace == "gifts" and current == "queue":
        active = "approvals"
    elif namespace == "core" and current == "home":
        active = landing_for(user).key  # the landing shows the role's area in place
    else:
        active = ACTIVE_BY_NAMESPACE.get(namespace, "today" if current == "today" else "")
    return {
        "navigation": [
            {"key": item.key, "label": item.label, "url": item.url, "active": item.key == active}
            for item in navigation_for(user)
        ],
        "user_roles": sorted(role.label for role in user_roles(user)),
    }
