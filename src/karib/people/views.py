"""Pages of the people app: thin, each parses input, calls one selector or service, renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from karib.core import access
from karib.core.access import Action
from karib.core.errors import DomainError
from karib.core.filtering import page_size
from karib.core.htmx import template_for
from karib.core.types import AuthenticatedHttpRequest

from . import selectors, services
from .conflicts import show_error
from .filters import MAX_QUERY_LENGTH, search_text
from .forms import (
    EnvoyForm,
    FactForm,
    ImportantDateForm,
    InteractionForm,
    OrganizationForm,
    PersonForm,
    colleague_choices,
)
from .models import Organization, Person, PersonalFact
from .panel_views import ORGANIZATION_PANELS, organization_panel_response, person_panels_for


def _page(request: AuthenticatedHttpRequest, items: Any) -> Page[Any]:
    paginator = Paginator(items, page_size())
    return paginator.get_page(request.GET.get("page"))


# A form shown again with its errors (a refusal or a stale version included) answers 422:
# htmx swaps that status in place (core/static/karib/karib.js), the message is in the form.
FORM_ERRORS = 422


def require(request: AuthenticatedHttpRequest, action: str, obj: Any) -> None:
    """Refuse (403) a form page the user may not use; the service decides on the save."""
    if not access.can(request.user, action, obj):
        raise PermissionDenied


def _filtered(filterset: Any) -> tuple[Any, bool]:
    """A list page's rows and whether a filter is invalid: then nothing is listed and the
    errors are shown next to the filters (a filter is never silently dropped)."""
    invalid = bool(filterset.is_bound and not filterset.is_valid())
    return (filterset.queryset.none() if invalid else filterset.qs), invalid


def _querystring_without_page(request: AuthenticatedHttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- people -----------------------------------------------------------------------------------


class PersonListView(LoginRequiredMixin, View):
    """The people list with filters and one search box (the app's index)."""

    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        filterset = selectors.person_filterset(user=request.user, data=request.GET or None)
        people, invalid = _filtered(filterset)
        query = search_text(filterset)
        organizations = None
        if query:
            organizations = selectors.organization_search(user=request.user, query=query)[:10]
        context = {
            "form": filterset.form,
            "page_obj": _page(request, people),
            "organizations": organizations,
            "querystring": _querystring_without_page(request),
            "query": query,
        }
        template = template_for(request, "people/person_list.html", "results")
        return render(request, template, context, status=422 if invalid else 200)


class PersonTypeaheadView(LoginRequiredMixin, View):
    """Suggestions while typing in the search box: people and organizations in which every
    typed word starts a word (a fragment for htmx)."""

    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        query = request.GET.get("q", "").replace("\x00", "")[:MAX_QUERY_LENGTH]
        found = selectors.typeahead(user=request.user, query=query)
        context = {"suggestions": found, "query": query}
        return render(request, "people/person_list.html#typeahead", context)


class PersonCreateView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        require(request, Action.CREATE, Person)
        initial = {"organization": request.GET.get("organization")}
        form = PersonForm(user=request.user, initial=initial)
        return render(request, "people/person_form.html", {"form": form})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = PersonForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.service_fields()
            try:
                person = services.person_create(
                    by=request.user,
                    reason=form.cleaned_data.get("reason") or "",
                    **data,
                )
            except DomainError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("Saved."))
                return redirect("people:person-detail", pk=person.pk)
        return render(request, "people/person_form.html", {"form": form}, status=FORM_ERRORS)


class PersonUpdateView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        person = selectors.person_get_for_user(user=request.user, pk=pk)
        require(request, Action.CHANGE, person)
        form = PersonForm(instance=person, user=request.user)
        return render(request, "people/person_form.html", {"form": form, "person": person})

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        person = selectors.person_get_for_user(user=request.user, pk=pk)
        form = PersonForm(
            request.POST, instance=Person.objects.get(pk=person.pk), user=request.user
        )
        conflict = None
        if form.is_valid():
            try:
                services.person_update(
                    person=person,
                    by=request.user,
                    reason=form.cleaned_data.get("reason") or "",
                    version=form.cleaned_data.get("version"),
                    **form.service_fields(),
                )
            except DomainError as error:
                conflict = show_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("people:person-detail", pk=person.pk)
        context = {"form": form, "person": person, "conflict": conflict}
        return render(request, "people/person_form.html", context, status=FORM_ERRORS)


def person_context(
    request: AuthenticatedHttpRequest,
    person: Person,
    *,
    rights: selectors.PersonRights | None = None,
    open_form: str | None = None,
    fact_form: BaseForm | None = None,
    interaction_form: BaseForm | None = None,
    date_form: BaseForm | None = None,
) -> dict[str, Any]:
    """The person page's own sections: header, facts, timeline, dates and the add buttons.
    The panels (panel_views.PERSON_PANELS) are fetched by the page on demand, each by
    panel_views.PersonPanelView. An add form is built only when it is shown: asked for
    (`open_form`: "fact", "interaction" or "date"), given with its errors, or a fact from
    ?source_interaction=."""
    user = request.user
    # The rights are read once (none but for a manager, and none when person_page_get read
    # them with the person) and give every button below.
    rights = rights or selectors.person_rights(user=user, person=person)
    facts = list(selectors.fact_list(user=user, person=person, sees_sensitive=rights.looks_after))
    interactions = selectors.person_page_interactions(user=user, person=person)
    dates = list(person.important_dates.all())
    grouped: dict[str, list[PersonalFact]] = {}
    for fact in facts:
        grouped.setdefault(fact.get_category_display(), []).append(fact)
    today = timezone.localdate()
    source = request.GET.get("source_interaction")
    # The forms are fetched on demand (htmx) unless asked for or being corrected.
    show_fact_form = fact_form is not None or bool(source) or open_form == "fact"
    show_interaction_form = interaction_form is not None or open_form == "interaction"
    show_date_form = date_form is not None or open_form == "date"
    if show_fact_form and fact_form is None:
        initial = {"source_interaction": source, "learned_on": None}
        fact_form = FactForm(user=user, person=person, initial=initial)
    if show_interaction_form and interaction_form is None:
        interaction_form = InteractionForm()
    if show_date_form and date_form is None:
        date_form = ImportantDateForm()
    return {
        "person": person,
        "facts_by_category": grouped,
        "timeline": selectors.person_timeline(
            person=person, interactions=interactions, facts=facts
        ),
        "upcoming_dates": selectors.person_upcoming_dates(person=person, today=today, dates=dates),
        "panels": person_panels_for(user, rights),
        "fact_form": fact_form,
        "interaction_form": interaction_form,
        "date_form": date_form,
        "today": today,
        "can_edit_facts": rights.looks_after,
        "can_change_person": rights.looks_after,
        "can_assign_envoy": rights.answers_for,
        "can_add_fact": rights.creates and rights.looks_after,
        "can_add_date": rights.creates and rights.looks_after,
        "can_add_interaction": rights.creates,
        "editable_interactions": {i.pk for i in interactions if i.is_editable},  # type: ignore[attr-defined]
        "show_fact_form": show_fact_form,
        "show_interaction_form": show_interaction_form,
        "show_date_form": show_date_form,
    }


class PersonDetailView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        person, rights = selectors.person_page_get(user=request.user, pk=pk)
        context = person_context(request, person, rights=rights)
        return render(request, "people/person_detail.html", context)


PERSON_PAGE = "people/person_detail.html"


class PersonEnvoyAssignView(LoginRequiredMixin, View):
    """Assign (or clear) the envoy of a person; recorded with who, when and why."""

    request: AuthenticatedHttpRequest

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        person = selectors.person_get_for_user(user=request.user, pk=pk)
        form = EnvoyForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.person_assign_envoy(
                    person=person,
                    envoy=form.cleaned_data["envoy"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("The envoy is recorded."))
        else:
            messages.error(request, _("Choose a colleague."))
        target = request.POST.get("next_organization")
        if target and target.isdigit():
            return redirect("people:organization-detail", pk=int(target))
        return redirect("people:person-detail", pk=person.pk)


# --- organizations ----------------------------------------------------------------------------


class OrganizationListView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        filterset = selectors.organization_filterset(user=request.user, data=request.GET or None)
        organizations, invalid = _filtered(filterset)
        context = {
            "form": filterset.form,
            "page_obj": _page(request, organizations),
            "query": search_text(filterset),
            "querystring": _querystring_without_page(request),
        }
        status = 422 if invalid else 200
        return render(request, "people/organization_list.html", context, status=status)


class OrganizationDetailView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        user = request.user
        organization = selectors.organization_get_for_user(user=user, pk=pk)
        panel = request.GET.get("panel")
        if panel is not None:
            return organization_panel_response(request, organization=organization, name=panel)
        stakeholders = selectors.organization_stakeholder_map(user=user, organization=organization)
        context: dict[str, Any] = {
            "organization": organization,
            "parent": selectors.organization_parent_for_user(user=user, organization=organization),
            "map": stakeholders,
            "units": selectors.organization_list(user=user).filter(parent=organization),
            "colleagues": list(colleague_choices(user)),
            "can_change_organization": access.can(user, Action.CHANGE, organization),
            "can_add_person": access.can(user, Action.CREATE, Person),
            "envoy_assignable": selectors.answered_for_ids(
                user=user,
                people=[person for row in stakeholders.rows for cell in row[1] for person in cell],
            ),
            "panels": ORGANIZATION_PANELS,
        }
        return render(request, "people/organization_detail.html", context)


class OrganizationFormView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest

    def _organization(self, pk: int | None) -> Organization | None:
        if pk is None:
            return None
        return selectors.organization_get_for_user(user=self.request.user, pk=pk)

    def get(self, request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
        organization = self._organization(pk)
        if organization is None:
            require(request, Action.CREATE, Organization)
        else:
            require(request, Action.CHANGE, organization)
        form = OrganizationForm(instance=organization, user=request.user)
        context = {"form": form, "organization": organization}
        return render(request, "people/organization_form.html", context)

    def post(self, request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
        organization = self._organization(pk)
        instance = Organization.objects.get(pk=organization.pk) if organization else None
        form = OrganizationForm(request.POST, instance=instance, user=request.user)
        conflict = None
        if form.is_valid():
            # A field the form left out (a parent the editor cannot see) is kept as it is.
            data = {
                name: form.cleaned_data[name] for name in form.Meta.fields if name in form.fields
            }
            try:
                if organization is None:
                    organization = services.organization_create(by=request.user, **data)
                else:
                    organization = services.organization_update(
                        organization=organization,
                        by=request.user,
                        version=form.cleaned_data.get("version"),
                        **data,
                    )
            except DomainError as error:
                conflict = show_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("people:organization-detail", pk=organization.pk)
        context = {"form": form, "organization": organization, "conflict": conflict}
        return render(request, "people/organization_form.html", context, status=FORM_ERRORS)
