"""Quick add of a person from anywhere: a name is enough (the organization if known), the rest
later.

The "+ Person" control in the navigation opens this small form in place (htmx) or as a page
(without script). Saving goes through `services.person_create`, so the access rule, the audit
record, the version and the search document are the same as for the full form. After saving,
the browser goes to the new person's page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django_htmx.http import HttpResponseClientRedirect

from karib.core import access
from karib.core.access import Action
from karib.core.errors import DomainError
from karib.core.htmx import is_htmx_fragment, template_for
from karib.core.types import AnyUser, AuthenticatedHttpRequest

from . import selectors, services
from .models import Organization, Person

TEMPLATE = "people/person_quick_add.html"
FORM_ERRORS = 422


class PersonQuickAddForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=200, strip=True)
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("No organization yet"),
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only organizations the user sees: another one is "not a valid choice", never a leak.
        self.fields["organization"].queryset = selectors.organization_choices(user=user)  # type: ignore[attr-defined]
        self.fields["full_name"].widget.attrs.update({"autocomplete": "off"})

    def clean_full_name(self) -> str:
        name: str = self.cleaned_data["full_name"].replace("\x00", "")
        if not name.strip():
            raise forms.ValidationError(gettext("Write the person's name."))
        return name


def _require_create(request: AuthenticatedHttpRequest) -> None:
    if not access.can(request.user, Action.CREATE, Person):
        raise PermissionDenied


class PersonQuickAddView(LoginRequiredMixin, View):
    """GET: the small form (a fragment for htmx); POST: create the person, then go to them."""

    request: AuthenticatedHttpRequest

    def _render(self, form: PersonQuickAddForm, status: int = 200) -> HttpResponse:
        template = template_for(self.request, TEMPLATE, "quick_add_form")
        return render(self.request, template, {"form": form}, status=status)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        _require_create(request)
        organization = request.GET.get("organization", "")
        initial = {"organization": organization} if organization.isdigit() else {}
        return self._render(PersonQuickAddForm(user=request.user, initial=initial))

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        _require_create(request)
        form = PersonQuickAddForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                person = services.person_create(
                    by=request.user,
                    full_name=form.cleaned_data["full_name"],
                    organization=form.cleaned_data["organization"],
                )
            except DomainError as error:
                error.add_to_form(form)
            else:
                messages.success(
                    request,
                    gettext("%(name)s is added; fill in the rest when you know it.")
                    % {"name": person.full_name},
                )
                url = reverse("people:person-detail", args=[person.pk])
                if is_htmx_fragment(request):
                    return HttpResponseClientRedirect(url)
                return redirect(url)
        return self._render(form, status=FORM_ERRORS)
