"""Pages of the conversation import: upload, progress (read only), speaker mapping, retry."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from karib.core.errors import DomainError
from karib.core.htmx import is_htmx_fragment, template_for
from karib.core.types import AuthenticatedHttpRequest

from . import presentation, selectors, services
from .forms import DateOrderForm, ImportForm, RoleMappingForm
from .imports.answers import import_file_choose_date_order
from .models import ImportBatch, ImportFile
from .views import submitted


class ImportCreateView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest
    template_name = "service/import_form.html"

    def _form(self, request: AuthenticatedHttpRequest, data: Any = None) -> ImportForm:
        if not services.can_import(request.user):
            raise PermissionDenied
        return ImportForm(
            data, request.FILES or None, teams=selectors.teams_for_import(request.user)
        )

    def _render(
        self, request: AuthenticatedHttpRequest, form: ImportForm, status: int = 200
    ) -> HttpResponse:
        batches = selectors.import_batch_list(user=request.user)[:10]
        context = {"form": form, "batches": batches}
        return render(request, self.template_name, context, status=status)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return self._render(request, self._form(request))

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = self._form(request, request.POST)
        batches: list[ImportBatch] = []
        if form.is_valid() and submitted(
            form,
            lambda: batches.append(
                services.import_batch_create(
                    team=form.cleaned_data["team"],
                    channel=form.cleaned_data["channel"],
                    product=form.cleaned_data["product"],
                    files=[  # copied to the file storage in chunks, never read whole
                        services.UploadedFile(name=uploaded.name, content=uploaded)
                        for uploaded in form.cleaned_data["uploads"]
                    ],
                    by=request.user,
                )
            ),
        ):
            batch = services.import_batch_start(batch=batches[0])
            return redirect("service:import-detail", pk=batch.pk)
        return self._render(request, form, status=422)


class ImportBatchDetailView(LoginRequiredMixin, View):
    """The import's progress (htmx polls the `progress` partial) and its report. Read only:
    an import that stopped making progress is shown as stopped, with a retry."""

    request: AuthenticatedHttpRequest
    template_name = "service/import_detail.html"

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        batch = selectors.import_batch_get_for_user(user=request.user, pk=pk)
        context = _batch_context(batch)
        response = render(request, template_for(request, self.template_name, "progress"), context)
        if is_htmx_fragment(request) and context["polling_ends"]:
            response["HX-Refresh"] = "true"  # show the report and the role mapping
        return response


def _mapping_form(import_file: ImportFile, data: Any = None) -> RoleMappingForm | DateOrderForm:
    """The question a waiting file asks in the mapping step: who the agent is, or how its
    dates read."""
    prefix = f"file{import_file.pk}"
    if import_file.status == ImportFile.Status.NEEDS_DATE_ORDER:
        return DateOrderForm(data, prefix=prefix)
    return RoleMappingForm(data, speakers=import_file.speakers, prefix=prefix)


def _batch_context(
    batch: ImportBatch, forms: dict[int, RoleMappingForm | DateOrderForm] | None = None
) -> dict[str, Any]:
    files = list(batch.files.defer("content"))
    forms = forms or {}
    waiting = (ImportFile.Status.NEEDS_ROLES, ImportFile.Status.NEEDS_DATE_ORDER)
    needing = [(f, forms.get(f.pk) or _mapping_form(f)) for f in files if f.status in waiting]
    if batch.status != ImportBatch.Status.NEEDS_ROLES:
        needing = []  # still running: the mapping waits until the run has ended
    stale = services.import_batch_is_stale(batch)
    can_retry = stale or (
        batch.status == ImportBatch.Status.FAILED
        and any(f.status == ImportFile.Status.PENDING for f in files)
    )
    return {
        "batch": batch,
        "files": [(f, presentation.file_error(f)) for f in files],
        "report": presentation.report_rows(batch),
        "needing_roles": needing,
        "can_retry": can_retry,
        "is_stale": stale,
        "polling_ends": batch.is_finished or stale,
    }


@login_required
@require_POST
def import_map_roles_view(request: AuthenticatedHttpRequest, pk: int, file_pk: int) -> HttpResponse:
    batch = selectors.import_batch_get_for_user(user=request.user, pk=pk)
    """The mapping step of one file: its speakers, or the order of its dates (WhatsApp)."""
    import_file = selectors.import_file_get_for_user(user=request.user, batch=batch, pk=file_pk)
    if import_file.status not in (
        ImportFile.Status.NEEDS_ROLES,
        ImportFile.Status.NEEDS_DATE_ORDER,
    ):
        raise Http404
    if batch.status != ImportBatch.Status.NEEDS_ROLES:
        messages.warning(request, _("This import is still running; map the speakers when it ends."))
        return redirect("service:import-detail", pk=batch.pk)
    form = _mapping_form(import_file, request.POST)

    def answer() -> ImportBatch:
        if isinstance(form, DateOrderForm):
            return import_file_choose_date_order(
                import_file=import_file,
                date_order=form.cleaned_data["date_order"],
                by=request.user,
            )
        return services.import_file_map_roles(
            import_file=import_file,
            agent_speaker=form.cleaned_data["agent_speaker"],
            by=request.user,
        )

    if form.is_valid() and submitted(form, answer):
        return redirect("service:import-detail", pk=batch.pk)
    return render(
        request,
        "service/import_detail.html",
        _batch_context(batch, {import_file.pk: form}),
        status=422,
    )


@login_required
@require_POST
def import_retry_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    batch = selectors.import_batch_get_for_user(user=request.user, pk=pk)
    try:
        services.import_batch_retry(batch=batch, by=request.user)
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        messages.warning(request, error.message)
    else:
        messages.success(request, _("Import restarted in the background."))
    return redirect("service:import-detail", pk=batch.pk)
