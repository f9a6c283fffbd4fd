"""Importing a WhatsApp chat onto a person, and reviewing the facts it suggests."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from karib.core import access
from karib.core.access import Action
from karib.core.errors import DomainError
from karib.core.filtering import is_id
from karib.core.types import AuthenticatedHttpRequest

from . import chat_import, selectors
from .models import ChatUpload, Interaction, Person, PersonalFact, SuggestedFact

#: The session keeps only the id of the waiting upload (``{"person": pk, "upload": pk}``).
SESSION_KEY = "people_chat_upload"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ChatUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("WhatsApp chat export (.txt or .zip)"), required=False
    )
    date_order = forms.ChoiceField(
        label=gettext_lazy("Dates in this file"),
        choices=[
            ("", gettext_lazy("as the file shows")),
            ("dmy", gettext_lazy("day/month/year")),
            ("mdy", gettext_lazy("month/day/year")),
        ],
        required=False,
    )
    customer = forms.ChoiceField(label=gettext_lazy("Who is the customer?"), required=False)

    def __init__(self, *args: Any, speakers: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice = self.fields["customer"]
        choice.choices = [(s, s) for s in speakers or []]  # type: ignore[attr-defined]


def _person_for_edit(request: AuthenticatedHttpRequest, pk: int) -> Person:
    """A person to whom the user may add facts and interactions (404 otherwise)."""
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    may_add = access.can(request.user, Action.CREATE, PersonalFact(person=person)) and access.can(
        request.user, Action.CREATE, Interaction
    )
    if not may_add:
        raise Http404
    return person


def _upload_form_with_error(message: str | None) -> ChatUploadForm:
    """An empty upload form carrying `message` on its file field (an unbound form has no
    cleaned data, which add_error needs)."""
    form = ChatUploadForm()
    form.cleaned_data = {}
    if message is not None:
        form.add_error("file", message)
    return form


class PersonChatImportView(LoginRequiredMixin, View):
    """Upload a chat export, say which speaker is the customer (and how the dates read when
    they read both ways), import. Between the steps the export waits in the file storage (a
    ``ChatUpload`` of this rep and this person); the session keeps only its id, and the page
    names it (``upload``), which only its uploader may import or cancel (404 otherwise)."""

    request: AuthenticatedHttpRequest
    template = "people/chat_import.html"

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        person = _person_for_edit(request, pk)
        return render(request, self.template, {"person": person, "form": ChatUploadForm()})

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        person = _person_for_edit(request, pk)
        file = request.FILES.get("file")
        if file is not None:
            if (file.size or 0) > MAX_UPLOAD_BYTES:
                message = _("The file is larger than 5 MB.")
                if (file.name or "").lower().endswith(".zip"):  # iOS zips the media too
                    message = _(
                        "The .zip is larger than 5 MB: export the chat without media, or "
                        "unzip it and upload the _chat.txt inside."
                    )
                form = _upload_form_with_error(message)
                return self._render(request, person, form, status=422)
            try:
                upload = chat_import.chat_upload_create(
                    person=person, by=request.user, file_name=file.name or "", content=file
                )
            except DomainError as error:
                form = _upload_form_with_error(None)
                error.add_to_form(form)
                return self._render(request, person, form, status=422)
            request.session[SESSION_KEY] = {"person": person.pk, "upload": upload.pk}
        else:
            waiting = self._waiting(request, person)
            if waiting is None:
                form = _upload_form_with_error(_("Choose the chat export to import."))
                return self._render(request, person, form, status=422)
            upload = waiting
        if "cancel" in request.POST:
            chat_import.chat_upload_cancel(upload=upload, by=request.user)
            request.session.pop(SESSION_KEY, None)
            return redirect("people:person-detail", pk=person.pk)
        return self._import(request, person, upload)

    def _waiting(self, request: AuthenticatedHttpRequest, person: Person) -> ChatUpload | None:
        """The upload the page names (its uploader's alone: 404 otherwise), else the one the
        session remembers for this person (None when there is none, or it was purged)."""
        named = request.POST.get("upload")
        if named:
            return chat_import.chat_upload_get_for_user(user=request.user, person=person, pk=named)
        stored = request.session.get(SESSION_KEY) or {}
        if stored.get("person") != person.pk:
            return None
        try:
            return chat_import.chat_upload_get_for_user(
                user=request.user, person=person, pk=stored.get("upload")
            )
        except Http404:
            request.session.pop(SESSION_KEY, None)
            return None

    def _import(
        self, request: AuthenticatedHttpRequest, person: Person, upload: ChatUpload
    ) -> HttpResponse:
        date_order = request.POST.get("date_order") or None
        try:
            plan = chat_import.chat_upload_plan(upload=upload, date_order=date_order)
        except DomainError as error:  # not a chat export: nothing to keep it for
            chat_import.chat_upload_cancel(upload=upload, by=request.user)
            request.session.pop(SESSION_KEY, None)
            form = _upload_form_with_error(None)
            error.add_to_form(form)
            return self._render(request, person, form, status=422)
        form = ChatUploadForm(
            request.POST, speakers=plan.speakers, initial={"customer": plan.customer}
        )
        form.is_valid()
        customer = form.cleaned_data.get("customer") or plan.customer
        needs_order = plan.order.evidence is None and date_order is None
        context = {"plan": plan, "upload": upload, "file_name": upload.file_name}
        if needs_order or customer is None:
            if customer is None:
                form.add_error(
                    "customer", _("Choose which speaker is %(name)s.") % {"name": person}
                )
            if needs_order:
                form.add_error(
                    "date_order",
                    _("The dates (e.g. %(example)s) read both ways: choose the order.")
                    % {"example": plan.order.example},
                )
            return self._render(
                request, person, form, status=422, needs_order=needs_order, **context
            )
        try:
            result = chat_import.chat_upload_import(
                upload=upload, by=request.user, customer=customer, date_order=date_order
            )
        except DomainError as error:
            error.add_to_form(form)
            return self._render(request, person, form, status=422, **context)
        request.session.pop(SESSION_KEY, None)
        messages.success(
            request,
            _("%(added)d days added to the timeline, %(skipped)d already there.")
            % {"added": result.days_added, "skipped": result.days_skipped},
        )
        if result.days_left:
            messages.warning(
                request,
                _(
                    "%(left)d more days are in this chat: upload the same export again to add "
                    "them (at most %(max)d days at a time)."
                )
                % {"left": result.days_left, "max": chat_import.MAX_NEW_DAYS},
            )
        return redirect("people:person-chat-suggestions", pk=person.pk)

    def _render(
        self,
        request: AuthenticatedHttpRequest,
        person: Person,
        form: ChatUploadForm,
        *,
        status: int,
        **context: Any,
    ) -> HttpResponse:
        context.update({"person": person, "form": form})
        return render(request, self.template, context, status=status)


class PersonChatSuggestionsView(LoginRequiredMixin, View):
    """The facts a chat suggests, each with its message, to confirm or reject."""

    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        person = _person_for_edit(request, pk)
        suggestions = SuggestedFact.objects.filter(person=person).select_related("fact")
        context = {
            "person": person,
            "pending": [s for s in suggestions if s.status == SuggestedFact.Status.PENDING],
            "reviewed": [s for s in suggestions if s.status != SuggestedFact.Status.PENDING],
        }
        return render(request, "people/chat_suggestions.html", context)

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        person = _person_for_edit(request, pk)
        chosen = request.POST.get("suggestion", "")
        suggestion = SuggestedFact.objects.filter(
            person=person, pk=chosen if is_id(chosen) else 0
        ).first()
        if suggestion is None:
            raise Http404
        try:
            if request.POST.get("decision") == "confirm":
                chat_import.suggested_fact_confirm(suggestion=suggestion, by=request.user)
            else:
                chat_import.suggested_fact_reject(suggestion=suggestion, by=request.user)
        except DomainError as error:
            messages.error(request, error.items[0].text())
        return redirect("people:person-chat-suggestions", pk=person.pk)
