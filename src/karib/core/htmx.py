"""htmx helpers (after NetBox `utilities/htmx.py`)."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx_fragment(request: HttpRequest) -> bool:
    """True when htmx asks for a fragment of the page rather than a boosted full page."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted  # type: ignore[union-attr]


def template_for(request: HttpRequest, template: str, partial: str) -> str:
    """The whole page, or its named partial for an htmx request."""
    return f"{template}#{partial}" if is_htmx_fragment(request) else template
