"""Pages of the data subject's rights: requests with their 3 x 24-hour clock, the access
report, the lawful basis and erasure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from karib.core.errors import DomainError, ErrorCode
from karib.core.types import AuthenticatedHttpRequest

from . import selectors, services
from .forms import ErasureForm, ProcessingBasisForm, RequestCloseForm, SubjectRequestForm


def _person(request: AuthenticatedHttpRequest, pk: int) -> Any:
    try:
        return selectors.person_for_privacy(user=request.user, pk=pk)
    except DomainError as error:
        if error.code is ErrorCode.FORBIDDEN:
            raise Http404 from error
        raise


@login_required
def subject_request_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "requests": selectors.subject_request_list(user=request.user)[:200],
        "erasures": selectors.erasure_list(user=request.user)[:50],
        "now": timezone.now(),
    }
    return render(request, "privacy/request_list.html", context)


def _render_person(
    request: AuthenticatedHttpRequest, person: Any, *, status: int = 200, **forms: Any
) -> HttpResponse:
    basis = getattr(person, "processing_basis", None)
    reference = services.person_reference(person)
    context = {
        "person": person,
        "reference": reference,
        "basis": basis,
        "basis_form": forms.get("basis_form")
        or ProcessingBasisForm(
            initial={
                "basis": basis.basis,
                "purpose": basis.purpose,
                "consent_obtained_on": basis.consent_obtained_on,
            }
            if basis
            else None
        ),
        "request_form": forms.get("request_form") or SubjectRequestForm(),
        "erasure_form": forms.get("erasure_form") or ErasureForm(reference=reference),
        "may_erase": selectors.may_erase(request.user, person),
        "requests": person.subject_requests.all(),
        "report": selectors.person_access_report(person=person, viewer=request.user),
        "now": timezone.now(),
    }
    return render(request, "privacy/person_privacy.html", context, status=status)


@login_required
def person_privacy_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _render_person(request, _person(request, pk))


@login_required
def person_report_json_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    report = services.person_report_export(person=person, by=request.user, form="json")
    response = HttpResponse(
        selectors.person_access_report_json(report), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}-report.json"'
    return response


@login_required
def person_report_zip_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    report = services.person_report_export(person=person, by=request.user, form="zip")
    response = HttpResponse(
        selectors.person_access_report_zip(report), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}-report.zip"'
    return response


def _submit_person_form(
    request: AuthenticatedHttpRequest,
    pk: int,
    form: forms.Form,
    *,
    write: Callable[..., object],
    done: str,
    form_name: str,
) -> HttpResponse:
    """Validate `form`, call the service `write(person=, by=, **cleaned_data)`, and go back to
    the person's privacy page with `done`; a refusal shows next to its field (422)."""
    person = _person(request, pk)
    if form.is_valid():
        try:
            write(person=person, by=request.user, **form.cleaned_data)
        except DomainError as error:
            error.add_to_form(form)
        else:
            messages.success(request, done)
            return redirect("privacy:person", pk=person.pk)
    return _render_person(request, person, status=422, **{form_name: form})


@login_required
@require_POST
def person_basis_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _submit_person_form(
        request,
        pk,
        ProcessingBasisForm(request.POST),
        write=services.processing_basis_set,
        done=_("Lawful basis saved."),
        form_name="basis_form",
    )


@login_required
@require_POST
def person_request_create_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _submit_person_form(
        request,
        pk,
        SubjectRequestForm(request.POST),
        write=services.subject_request_open,
        done=_("Request recorded. Answer it within 3 x 24 hours."),
        form_name="request_form",
    )


@login_required
@require_POST
def person_erase_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    reference = services.person_reference(person)
    form = ErasureForm(request.POST, reference=reference)
    if form.is_valid():
        open_erasure = person.subject_requests.filter(kind="erasure", status="open").first()
        try:
            services.person_erase(person=person, by=request.user, request=open_erasure)
        except DomainError as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("%(reference)s was erased.") % {"reference": reference})
            return redirect("privacy:index")
    return _render_person(request, person, status=422, erasure_form=form)


@login_required
@require_POST
def subject_request_close_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    subject_request = selectors.subject_request_get_for_user(user=request.user, pk=pk)
    form = RequestCloseForm(request.POST)
    if form.is_valid():
        try:
            services.subject_request_complete(
                request=subject_request,
                by=request.user,
                refused=form.cleaned_data["refused"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Request closed."))
    return redirect("privacy:index")
