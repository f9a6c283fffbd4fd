"""Import (with a dry run) and scoped export pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from karib.core.types import AuthenticatedHttpRequest

from . import selectors, transfer
from .forms import ImportForm

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportView(LoginRequiredMixin, View):
    """Upload a file; "Preview" shows every row and its errors, "Import" writes all or none."""

    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = ImportForm(user=request.user)
        return render(request, "people/import.html", {"form": form})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return render(request, "people/import.html", {"form": form}, status=422)
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", _("The file is larger than 5 MB."))
            return render(request, "people/import.html", {"form": form}, status=422)
        raw = upload.read()
        commit = request.POST.get("action") == "import"
        file_format = form.cleaned_data["file_format"]
        if file_format == ImportForm.Format.ORGANIZATIONS_CSV:
            result = transfer.organizations_import(raw=raw, user=request.user, commit=commit)
        elif file_format == ImportForm.Format.PEOPLE_CSV:
            result = transfer.people_import(raw=raw, user=request.user, commit=commit)
        else:
            result = transfer.vcard_import(
                raw=raw,
                user=request.user,
                commit=commit,
                organization=form.cleaned_data.get("organization"),
            )
        if result.written:
            messages.success(request, _("Imported %(count)d records.") % {"count": result.written})
            return redirect("people:index")
        context = {
            "form": form,
            "result": result,
            "file_name": upload.name,
            "committed": commit,
        }
        status = 422 if result.has_errors else 200
        return render(request, "people/import.html", context, status=status)


class ExportView(LoginRequiredMixin, View):
    """What the user may see, and nothing else: the same selectors as the pages."""

    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest, file_format: str) -> HttpResponse:
        user = request.user
        if file_format == "organizations_csv":
            body = transfer.organizations_csv(selectors.organization_list(user=user))
            return _download(body, "text/csv", "organizations.csv")
        people = selectors.person_list(user=user)
        if file_format == "people_csv":
            return _download(transfer.people_csv(people), "text/csv", "people.csv")
        if file_format == "vcard":
            version = "4.0" if request.GET.get("version") == "4" else "3.0"
            body = transfer.people_vcard(people, version=version)
            return _download(body, "text/vcard", "people.vcf")
        raise Http404


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
