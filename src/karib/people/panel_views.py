"""The panels of the person and organization pages: each page fetches its panels on its own
(htmx, on load), so the page itself reads a fixed handful of queries
(tests/perf/test_people_budgets.py) and each panel has its own budget
(tests/perf/test_person_panel_budgets.py, test_organization_panel_budgets.py). Without
JavaScript the page links to each panel: a small page with the panel and the way back.

The other apps' panels (health, promises, gestures, …) read through their template tags; the
people app's own (envoy, roles, audit log) read here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from django.views import View

from karib.core.htmx import is_htmx_fragment
from karib.core.roles import is_admin
from karib.core.types import AuthenticatedHttpRequest

from . import selectors
from .forms import EnvoyForm
from .models import Organization, Person

# --- the person page ---------------------------------------------------------------------------

PERSON_PANEL_PAGE = "people/person_panel.html"


@dataclass(frozen=True)
class PersonPanel:
    """A panel of the person page that the page fetches on its own.

    `shown` says from the page's rights whether the page has a place for it; `label` names the
    link that stands in for it until it arrives (and without JavaScript)."""

    name: str
    label: str | Promise
    shown: Callable[[selectors.PersonRights, Any], bool] = lambda rights, user: True


PERSON_PANELS = {
    panel.name: panel
    for panel in (
        PersonPanel("health", gettext_lazy("Relationship health")),
        PersonPanel("recovery", gettext_lazy("Recovery plan")),
        PersonPanel("privacy", gettext_lazy("Personal data")),
        PersonPanel("promises", gettext_lazy("Promises")),
        PersonPanel("gestures", gettext_lazy("Gesture ideas")),
        PersonPanel(
            "envoy",
            gettext_lazy("Envoy"),
            lambda rights, user: rights.answers_for,
        ),
        PersonPanel("roles", gettext_lazy("Roles over time")),
        PersonPanel(
            "audit",
            gettext_lazy("Audit log"),
            lambda rights, user: rights.sees_audit or is_admin(user),
        ),
    )
}


def person_panels_for(user: Any, rights: selectors.PersonRights) -> dict[str, PersonPanel]:
    """The person page's panels that `user`, with these rights on the person, is shown."""
    return {name: panel for name, panel in PERSON_PANELS.items() if panel.shown(rights, user)}


class PersonPanelView(LoginRequiredMixin, View):
    """One panel of the person page (PERSON_PANELS): its fragment for htmx, else a small page
    with the panel and the way back. The same 404 as the page for a person the user may not
    see, and for a panel the page would not show them."""

    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest, pk: int, panel: str) -> HttpResponse:
        person, rights = selectors.person_page_get(user=request.user, pk=pk)
        found = person_panels_for(request.user, rights).get(panel)
        if found is None:
            raise Http404
        context: dict[str, Any] = {"person": person, "panel": found}
        context.update(self.panel_context(person, rights, panel))
        fragment = render_to_string(f"{PERSON_PANEL_PAGE}#{panel}", context, request=request)
        if is_htmx_fragment(request):
            return HttpResponse(fragment)
        context["fragment"] = fragment
        return render(request, PERSON_PANEL_PAGE, context)

    def panel_context(
        self, person: Person, rights: selectors.PersonRights, panel: str
    ) -> dict[str, Any]:
        """What the people app's own panels read (the other apps' panels read through their
        template tags)."""
        user = self.request.user
        if panel == "envoy":
            return {"envoy_form": EnvoyForm(user=user, initial={"envoy": person.envoy_id})}
        if panel == "roles":
            return {"memberships": selectors.person_memberships(user=user, person=person)}
        if panel == "audit":
            events = selectors.person_audit_events(user=user, person=person, rights=rights)
            return {"audit_events": events}
        return {}


# --- the organization page ---------------------------------------------------------------------

# Fetched from the organization page's own address with `?panel=` (OrganizationDetailView).
ORGANIZATION_PANELS = {
    "health": gettext_lazy("Relationship health"),
    "promises": gettext_lazy("Promises"),
}
ORGANIZATION_PANEL_PAGE = "people/organization_panel.html"


def organization_panel_response(
    request: AuthenticatedHttpRequest, *, organization: Organization, name: str
) -> HttpResponse:
    """One panel of an organization the caller read through organization_get_for_user (so the
    same 404 as the page when the user may not see it): its fragment for htmx, else a small
    page with the panel and the way back (404 for a panel that does not exist)."""
    label = ORGANIZATION_PANELS.get(name)
    if label is None:
        raise Http404
    context: dict[str, Any] = {"organization": organization, "panel": name, "label": label}
    fragment = render_to_string(f"{ORGANIZATION_PANEL_PAGE}#{name}", context, request=request)
    if is_htmx_fragment(request):
        return HttpResponse(fragment)
    context["fragment"] = fragment
    return render(request, ORGANIZATION_PANEL_PAGE, context)
