"""Add, change and delete a person's facts, interactions and dates in place (htmx rows and
sections of the person page), each through its service and the access rule for its action."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from karib.core import access
from karib.core.access import Action
from karib.core.errors import DomainError
from karib.core.htmx import is_htmx_fragment, template_for
from karib.core.types import AuthenticatedHttpRequest

from . import selectors, services
from .conflicts import Conflict, show_error
from .forms import FactForm, ImportantDateForm, InteractionForm
from .models import ImportantDate, Interaction, Person, PersonalFact
from .views import FORM_ERRORS, PERSON_PAGE, person_context, require


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
        require(request, Action.CREATE, self.new_item(person))
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
