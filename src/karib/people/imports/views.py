"""The contact import pages: upload → map (CSV) → dry run → import in the background → report."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views import View

from karib.core import access
from karib.core.access import Action
from karib.core.errors import DomainError
from karib.core.types import AuthenticatedHttpRequest
from karib.people.models import ContactImport, Person

from . import services
from .contacts_csv import date_order_notes
from .forms import ColumnMappingForm, ContactUploadForm
from .pipeline import detect
from .stale import UNFINISHED, contact_import_is_stale, stale_minutes
from .storage import upload_source


def _own_import(request: AuthenticatedHttpRequest, pk: int) -> ContactImport:
    """The user's own upload; someone else's is as missing as one that does not exist."""
    found = (
        ContactImport.objects.filter(pk=pk, created_by=request.user)
        .select_related("default_organization", "created_by")
        .first()
    )
    if found is None:
        raise Http404
    return found


class ContactImportUploadView(LoginRequiredMixin, View):
    """Upload contacts: for those who may create people (an agent or QA reviewer gets 403)."""

    request: AuthenticatedHttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not access.can(request.user, Action.CREATE, Person):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = ContactUploadForm(user=request.user)
        return render(request, "people/import_contacts.html", {"form": form})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = ContactUploadForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                contact_import = services.contact_import_create(
                    by=request.user,
                    file_name=upload.name,
                    content=upload,  # copied to the file storage in chunks
                    default_organization=form.cleaned_data.get("organization"),
                )
            except DomainError as error:
                error.add_to_form(form)
            else:
                if contact_import.mapping:
                    return redirect("people:import-contacts-map", pk=contact_import.pk)
                # A vCard: its dry run starts now (in the background for a large file).
                services.contact_import_plan(contact_import=contact_import, by=request.user)
                return redirect("people:import-contacts-detail", pk=contact_import.pk)
        return render(request, "people/import_contacts.html", {"form": form}, status=422)


class ContactImportMapView(LoginRequiredMixin, View):
    """Which field each CSV column holds: the preset's or the team's last mapping, editable."""

    request: AuthenticatedHttpRequest

    def _form(
        self, request: AuthenticatedHttpRequest, contact_import: ContactImport
    ) -> HttpResponse | ColumnMappingForm:
        if not contact_import.upload.name:  # imported: the file is gone, the report stays
            return redirect("people:import-contacts-detail", pk=contact_import.pk)
        opened = detect(upload_source(contact_import))
        if opened is None:
            return redirect("people:import-contacts-detail", pk=contact_import.pk)
        data = request.POST if request.method == "POST" else None
        form = ColumnMappingForm(
            data, headers=opened.headers, initial_mapping=dict(contact_import.mapping)
        )
        form.preset = opened.preset.name if opened.preset else ""  # type: ignore[attr-defined]
        # how each date column's ambiguous dates are read ("05/07/1985 is 1985-07-05"), seen
        # before the dry run
        mapping = dict(contact_import.mapping) or opened.mapping
        form.date_notes = date_order_notes(opened, mapping)  # type: ignore[attr-defined]
        return form

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        contact_import = _own_import(request, pk)
        form = self._form(request, contact_import)
        if isinstance(form, HttpResponse):
            return form
        context = {"form": form, "contact_import": contact_import}
        return render(request, "people/import_contacts_map.html", context)

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        contact_import = _own_import(request, pk)
        form = self._form(request, contact_import)
        if isinstance(form, HttpResponse):
            return form
        if form.is_valid():
            try:
                services.contact_import_set_mapping(
                    contact_import=contact_import, by=request.user, mapping=form.mapping()
                )
                services.contact_import_plan(contact_import=contact_import, by=request.user)
            except DomainError as error:
                error.add_to_form(form)
            else:
                return redirect("people:import-contacts-detail", pk=contact_import.pk)
        context = {"form": form, "contact_import": contact_import}
        return render(request, "people/import_contacts_map.html", context, status=422)


_DRY_RUN = (
    ContactImport.Status.PLAN_QUEUED,
    ContactImport.Status.PLANNING,
    ContactImport.Status.PLANNED,
)


class ContactImportDetailView(LoginRequiredMixin, View):
    """Before the import: the dry run, row by row (while a large file's dry run is under way,
    a card that polls until it is ready). After: the progress bar, then the report."""

    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        contact_import = _own_import(request, pk)
        if contact_import.status == ContactImport.Status.UPLOADED:
            # Not checked yet (the columns were not confirmed): check it with those shown.
            with contextlib.suppress(DomainError):
                contact_import = services.contact_import_plan(
                    contact_import=contact_import, by=request.user
                )
        stopped = contact_import_is_stale(contact_import)
        context: dict[str, object] = {
            "contact_import": contact_import,
            "stopped": stopped,
            "stopped_minutes": stale_minutes(),
            "polling": contact_import.status in UNFINISHED and not stopped,
        }
        if contact_import.status in _DRY_RUN:
            context["preview"] = contact_import.preview
            context["planning"] = contact_import.status != ContactImport.Status.PLANNED
            partial = "#dry_run"
        else:
            context["report"] = contact_import.report
            context["percent"] = (
                100 * contact_import.done // contact_import.total if contact_import.total else 0
            )
            partial = "#progress"
        template = "people/import_contacts_detail.html"
        if request.htmx and not request.htmx.boosted:
            template += partial
        return render(request, template, context)

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        """Start the import, or (``retry``) start again one that stopped."""
        contact_import = _own_import(request, pk)
        with contextlib.suppress(DomainError):  # already started: the page shows its progress
            if "retry" in request.POST:
                services.contact_import_retry(contact_import=contact_import, by=request.user)
            else:
                services.contact_import_commit(contact_import=contact_import, by=request.user)
        return redirect("people:import-contacts-detail", pk=contact_import.pk)
