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
from karib.core.htmx import is_htmx_fragment, template_for
from karib.core.types import AuthenticatedHttpRequest

from . import selectors, services
from .conflicts import Conflict, show_error
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
from .models import ImportantDate, Interaction, Organization, Person, PersonalFact
from .panel_views import ORGANIZATION_PANELS, organization_panel_response, person_panels_for


def _page(request: AuthenticatedHttpRequest, items: Any) -> Page[Any]:
    paginator = Paginator(items, page_size())
    return paginator.get_page(request.GET.get("page"))


# A form shown again with its errors (a refusal or a stale version included) answers 422:
# htmx swaps that status in place (core/static/karib/karib.js), the message is in the form.
FORM_ERRORS = 422


def _require(request: AuthenticatedHttpRequest, action: str, obj: Any) -> None:
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
        _require(request, Action.CREATE, Person)
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
        _require(request, Action.CHANGE, person)
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


class PersonInlineFormView(LoginRequiredMixin, View):
    """Add something to a person in place: GET gives the form, POST saves it through a service.

    `name` names the form's partial ("<name>_form") and its context keys; after saving, an htmx
    request gets `saved_partial` (when set) and a plain request the person page again.
    """

    request: AuthenticatedHttpRequest
    name: str
    saved_partial: str | None = None

    def make_form(self, person: Person) -> BaseForm:
        raise NotImplementedError

    def save(self, person: Person, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def new_item(self, person: Person) -> Any:
        """What the rule for adding is asked about (a new item of `person`, or its model)."""
        raise NotImplementedError

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        person = selectors.person_get_for_user(user=request.user, pk=pk)
        _require(request, Action.CREATE, self.new_item(person))
        context = person_context(request, person, open_form=self.name)
        return render(request, template_for(request, PERSON_PAGE, f"{self.name}_form"), context)

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        person = selectors.person_get_for_user(user=request.user, pk=pk)
        form = self.make_form(person)
        if form.is_valid():
            try:
                self.save(person, form.cleaned_data)
            except DomainError as error:
                error.add_to_form(form)
            else:
                if self.saved_partial is None or not is_htmx_fragment(request):
                    return redirect("people:person-detail", pk=person.pk)
                context = person_context(request, person)
                return render(request, f"{PERSON_PAGE}#{self.saved_partial}", context)
        forms: dict[str, Any] = {f"{self.name}_form": form}
        context = person_context(request, person, **forms)
        template = template_for(request, PERSON_PAGE, f"{self.name}_form")
        return render(request, template, context, status=FORM_ERRORS)


def _filled(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "")}


class PersonFactCreateView(PersonInlineFormView):
    """Add a fact in place (GET presets its source from ?source_interaction=)."""

    name = "fact"
    saved_partial = "fact_saved"

    def make_form(self, person: Person) -> BaseForm:
        return FactForm(self.request.POST, user=self.request.user, person=person)

    def new_item(self, person: Person) -> Any:
        return PersonalFact(person=person)

    def save(self, person: Person, data: dict[str, Any]) -> None:
        services.fact_create(
            person=person, by=self.request.user, **{"is_sensitive": False, **_filled(data)}
        )


class PersonInteractionCreateView(PersonInlineFormView):
    name = "interaction"
    saved_partial = "interaction_saved"

    def make_form(self, person: Person) -> BaseForm:
        return InteractionForm(self.request.POST)

    def new_item(self, person: Person) -> Any:
        return Interaction

    def save(self, person: Person, data: dict[str, Any]) -> None:
        data = {key: value for key, value in data.items() if key != "version"}
        services.interaction_create(by=self.request.user, participants=[person], **data)


class PersonDateCreateView(PersonInlineFormView):
    name = "date"

    def make_form(self, person: Person) -> BaseForm:
        return ImportantDateForm(self.request.POST)

    def new_item(self, person: Person) -> Any:
        return ImportantDate(person=person)

    def save(self, person: Person, data: dict[str, Any]) -> None:
        services.important_date_create(person=person, by=self.request.user, **_filled(data))


class PersonItemView(LoginRequiredMixin, View):
    """Change or delete one fact or interaction of a person in place.

    htmx: GET gives the row's form (it replaces the row), POST saves through a service and
    answers the refreshed section (retargeted), or the form with its errors (422). A plain
    request gets a form or confirmation page and a redirect to the person page. Only those
    who may edit the item reach it (404 otherwise, the same as for a missing one).
    """

    request: AuthenticatedHttpRequest
    name: str
    section: str
    delete_mode = False

    def get_item(self, person: Person, item_pk: int) -> Any:
        raise NotImplementedError

    def make_form(self, person: Person, item: Any, data: Any = None) -> BaseForm:
        raise NotImplementedError

    def update(self, item: Any, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def remove(self, item: Any) -> None:
        raise NotImplementedError

    def _load(self, pk: int, item_pk: int) -> tuple[Person, Any]:
        person = selectors.person_get_for_user(user=self.request.user, pk=pk)
        item = self.get_item(person, item_pk)
        action = Action.DELETE if self.delete_mode else Action.CHANGE
        if not access.can(self.request.user, action, item):
            raise PermissionDenied
        return person, item

    def _form_response(
        self,
        person: Person,
        item: Any,
        form: BaseForm | None,
        status: int = 200,
        conflict: Conflict | None = None,
    ) -> HttpResponse:
        context = {
            "person": person,
            "item": item,
            "form": form,
            "name": self.name,
            "conflict": conflict,
        }
        if is_htmx_fragment(self.request) and not self.delete_mode:
            template = f"{PERSON_PAGE}#{self.name}_edit_form"
        else:
            template = "people/person_item_form.html"
        return render(self.request, template, context, status=status)

    def _saved_response(self, person: Person) -> HttpResponse:
        if not is_htmx_fragment(self.request):
            messages.success(self.request, _("Saved."))
            return redirect("people:person-detail", pk=person.pk)
        context = person_context(self.request, person)
        response = render(self.request, f"{PERSON_PAGE}#{self.section}_changed", context)
        response["HX-Retarget"] = f"#{self.section}"
        response["HX-Reswap"] = "outerHTML"
        return response

    def get(self, request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
        person, item = self._load(pk, item_pk)
        form = None if self.delete_mode else self.make_form(person, item)
        return self._form_response(person, item, form)

    def post(self, request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
        person, item = self._load(pk, item_pk)
        if self.delete_mode:
            try:
                self.remove(item)
            except DomainError as error:
                messages.error(request, error.message)
                return redirect("people:person-detail", pk=person.pk)
            return self._saved_response(person)
        form = self.make_form(person, item, request.POST)
        conflict = None
        if form.is_valid():
            try:
                self.update(item, form.cleaned_data)
            except DomainError as error:
                conflict = show_error(form, error)
            else:
                return self._saved_response(person)
        return self._form_response(person, item, form, status=FORM_ERRORS, conflict=conflict)


class FactItemView(PersonItemView):
    name = "fact"
    section = "facts"

    def get_item(self, person: Person, item_pk: int) -> Any:
        return selectors.fact_get_for_user(user=self.request.user, pk=item_pk, person=person)

    def make_form(self, person: Person, item: Any, data: Any = None) -> BaseForm:
        return FactForm(data, instance=item, user=self.request.user, person=person)

    def update(self, item: Any, data: dict[str, Any]) -> None:
        if data.get("learned_on") is None:
            data = {key: value for key, value in data.items() if key != "learned_on"}
        services.fact_update(fact=item, by=self.request.user, **data)

    def remove(self, item: Any) -> None:
        services.fact_delete(fact=item, by=self.request.user)


class FactDeleteView(FactItemView):
    delete_mode = True


class InteractionItemView(PersonItemView):
    name = "interaction"
    section = "timeline"

    def get_item(self, person: Person, item_pk: int) -> Any:
        return selectors.interaction_get_for_user(user=self.request.user, pk=item_pk, person=person)

    def make_form(self, person: Person, item: Any, data: Any = None) -> BaseForm:
        return InteractionForm(data, instance=item)

    def update(self, item: Any, data: dict[str, Any]) -> None:
        services.interaction_update(interaction=item, by=self.request.user, **data)

    def remove(self, item: Any) -> None:
        services.interaction_delete(interaction=item, by=self.request.user)


class InteractionDeleteView(InteractionItemView):
    delete_mode = True


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
            _require(request, Action.CREATE, Organization)
        else:
            _require(request, Action.CHANGE, organization)
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
