"""Pages of the promise ledger: board, detail with in-place transitions, capture, export."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from karib.core import access
from karib.core.access import Action
from karib.core.charts import BarChart, bar_chart
from karib.core.errors import DomainError, ErrorCode
from karib.core.filtering import filterset_for_page
from karib.core.htmx import template_for
from karib.core.spreadsheets import spreadsheet_safe
from karib.core.types import AuthenticatedHttpRequest

from . import selectors, services
from .access import transition_action
from .filters import PromiseFilter
from .forms import TRANSITION_FORMS, CaptureFromInteractionForm, PromiseCreateForm
from .models import Promise, PromiseStatus

BOARD_LIMIT = 500


@dataclass
class BoardRow:
    week_start: datetime.date | None
    cells: dict[str, list[Promise]] = field(default_factory=dict)

    @property
    def columns(self) -> list[list[Promise]]:
        return [self.cells.get(status, []) for status in PromiseStatus.values]


def board_rows(promises: list[Promise]) -> list[BoardRow]:
    """Promises grouped by the Monday of their due week (no due date first), then status."""
    rows: dict[datetime.date | None, BoardRow] = {}
    for promise in promises:
        week = None
        if promise.due_date is not None:
            week = promise.due_date - datetime.timedelta(days=promise.due_date.weekday())
        row = rows.setdefault(week, BoardRow(week_start=week))
        row.cells.setdefault(promise.status, []).append(promise)
    return sorted(rows.values(), key=lambda r: (r.week_start is not None, r.week_start))


def board_filter(request: AuthenticatedHttpRequest) -> tuple[PromiseFilter, QuerySet[Promise]]:
    """The board's `PromiseFilter` bound to the query string, and the promises it lists (none
    for an invalid filter, whose error the form shows next to it)."""
    return filterset_for_page(
        PromiseFilter,
        request.GET,
        selectors.promises_visible(user=request.user),
        user=request.user,
    )


class PromiseBoardView(LoginRequiredMixin, View):
    """The board: rows are due weeks, columns are statuses; filters in the query string."""

    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        filterset, matching = board_filter(request)
        promises = list(matching[:BOARD_LIMIT])
        context = {
            "form": filterset.form,
            "rows": board_rows(promises),
            "statuses": PromiseStatus.choices,
            "count": len(promises),
            "truncated": len(promises) >= BOARD_LIMIT,
            "today": timezone.localdate(),
            "query": request.GET.urlencode(),
            "can_record": access.can(request.user, Action.CREATE, Promise),
        }
        template = template_for(request, "promises/promise_board.html", "board")
        return render(request, template, context)


def _detail_context(
    request: AuthenticatedHttpRequest, promise: Promise, **forms: Any
) -> dict[str, Any]:
    """The promise, its history, and the forms of the moves this user may make from here (an
    envoy or a colleague who only sees the promise gets none)."""
    allowed = services.allowed_moves(promise.status)
    transition_forms = []
    for action, form_class in TRANSITION_FORMS.items():
        if form_class.target not in allowed:
            continue
        if not access.can(request.user, transition_action(form_class.target), promise):
            continue
        transition_forms.append(forms.get(action) or form_class(promise=promise, user=request.user))
    return {
        "promise": promise,
        "history": selectors.promise_history(promise=promise),
        # only the people the reader sees, the others counted (secprobe12, F2)
        "people": selectors.people_in_sight(promise),
        "transition_forms": transition_forms,
        "today": timezone.localdate(),
    }


class PromiseDetailView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        promise = selectors.promise_get_for_user(user=request.user, pk=pk)
        template = template_for(request, "promises/promise_detail.html", "ledger")
        return render(request, template, _detail_context(request, promise))


#: How each transition form's fields become the service's arguments (same names, less the
#: version, which is `expected_version`).
TRANSITION_SERVICES: dict[str, Callable[..., Promise]] = {
    "kept": services.promise_mark_kept,
    "at-risk": services.promise_mark_at_risk,
    "renegotiate": services.promise_renegotiate,
    "broken": services.promise_mark_broken,
    "withdraw": services.promise_withdraw,
}


@login_required
@require_POST
def promise_transition_view(
    request: AuthenticatedHttpRequest, pk: int, action: str
) -> HttpResponse:
    """Apply one transition; in place with htmx (the ledger fragment). A bad field is shown
    next to it; a refused move, or someone else's change in the meantime, above the form, with
    the input kept (bound again at the current version, to send once more)."""
    promise = selectors.promise_get_for_user(user=request.user, pk=pk)
    form_class = TRANSITION_FORMS.get(action)
    template = template_for(request, "promises/promise_detail.html", "ledger")
    if form_class is None:
        raise Http404
    form = form_class(request.POST, promise=promise, user=request.user)
    transition_error = ""
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            TRANSITION_SERVICES[action](
                promise=promise, by=request.user, expected_version=version, **data
            )
        except DomainError as error:
            promise = selectors.promise_get_for_user(user=request.user, pk=pk)
            if error.code == ErrorCode.CONFLICT or not any(
                item.field in form.fields for item in error.items
            ):
                transition_error = error.message
                form = form.rebound_at(promise)
            else:
                error.add_to_form(form)
        else:
            promise = selectors.promise_get_for_user(user=request.user, pk=pk)
            if not request.htmx:
                return HttpResponseRedirect(promise_url(promise))
            return render(request, template, _detail_context(request, promise))
    context = _detail_context(request, promise, **{action: form})
    if transition_error or form_class.target not in services.allowed_moves(promise.status):
        # The form may not be on the page for this status: say why at the top.
        context["transition_error"] = transition_error or " ".join(
            str(e) for e in form.non_field_errors()
        )
        if form not in context["transition_forms"]:
            context["transition_forms"].insert(0, form)
    # htmx swaps only 422 answers into the page (karib.js), so a refused move or a conflict is
    # a 422 fragment too; the API answers 409 for them.
    return render(request, template, context, status=422 if request.htmx else 200)


def promise_url(promise: Promise) -> str:
    return services.promise_url(promise)


class PromiseCreateView(LoginRequiredMixin, View):
    """Capture a promise; with `?interaction=<id>` it is captured from that interaction.
    Sales and Managers only (a service agent, QA reviewer or Compliance officer gets 403)."""

    request: AuthenticatedHttpRequest

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not access.can(request.user, Action.CREATE, Promise):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _interaction(self, request: AuthenticatedHttpRequest) -> Any:
        raw = request.GET.get("interaction") or request.POST.get("interaction")
        if not raw:
            return None
        try:
            pk = int(raw)
        except ValueError:
            return None
        return selectors.interaction_get_for_capture(user=request.user, pk=pk)

    def _render(
        self, request: AuthenticatedHttpRequest, form: Any, interaction: Any
    ) -> HttpResponse:
        template = template_for(request, "promises/promise_form.html", "form")
        return render(request, template, {"form": form, "interaction": interaction})

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        interaction = self._interaction(request)
        if interaction is not None:
            form: Any = CaptureFromInteractionForm(user=request.user)
        else:
            initial: dict[str, Any] = {"made_on": timezone.localdate()}
            if request.GET.get("organization"):
                initial["organization"] = request.GET["organization"]
            form = PromiseCreateForm(user=request.user, initial=initial)
        return self._render(request, form, interaction)

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        interaction = self._interaction(request)
        form: Any
        if interaction is not None:
            form = CaptureFromInteractionForm(request.POST, user=request.user)
        else:
            form = PromiseCreateForm(request.POST, user=request.user)
        if not form.is_valid():
            return self._render(request, form, interaction)
        data = form.cleaned_data
        try:
            if interaction is not None:
                promise = services.promise_create_from_interaction(
                    interaction=interaction,
                    text=data["text"],
                    by=request.user,
                    due_date=data["due_date"],
                    project=data["project"],
                )
            else:
                promise = services.promise_create(
                    organization=data["organization"],
                    people=data["people"],
                    text=data["text"],
                    by=request.user,
                    made_on=data["made_on"],
                    due_date=data["due_date"],
                    project=data["project"],
                )
        except DomainError as error:
            error.add_to_form(form)
            return self._render(request, form, interaction)
        response = HttpResponseRedirect(promise_url(promise))
        if request.htmx:
            response["HX-Redirect"] = promise_url(promise)
        return response


CSV_HEADER = (
    "id",
    "status",
    "silent_break",
    "overdue",
    "text",
    "organization",
    "people",
    "promised_by",
    "promised_on",
    "due_date",
    "original_due_date",
    "project",
    "kept_on",
    "communication_due",
)


def _csv_safe(value: object) -> str:
    """Text for a CSV cell, with spreadsheet formulas neutralised (CSV injection)."""
    return spreadsheet_safe("" if value is None else str(value))


def ledger_csv_rows(promises: Any) -> list[list[str]]:
    rows = []
    for promise in promises:
        rows.append(
            [
                _csv_safe(value)
                for value in (
                    promise.pk,
                    promise.status,
                    "yes" if promise.is_silent_break else "no",
                    "yes" if promise.is_overdue else "no",
                    promise.text,
                    promise.organization.name,
                    selectors.people_in_sight(promise).label("; "),
                    promise.made_by.get_username(),
                    promise.made_on.isoformat(),
                    promise.due_date.isoformat() if promise.due_date else "",
                    promise.original_due_date.isoformat() if promise.original_due_date else "",
                    promise.project.name if promise.project else "",
                    promise.kept_on.isoformat() if promise.kept_on else "",
                    promise.communication_due.isoformat() if promise.communication_due else "",
                )
            ]
        )
    return rows


def ledger_csv_response(promises: Any) -> HttpResponse:
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="promises-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    writer.writerows(ledger_csv_rows(promises))
    return response


class PromiseExportView(LoginRequiredMixin, View):
    """The ledger as CSV, with the board's filters and the same scoping."""

    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        _filterset, promises = board_filter(request)
        return ledger_csv_response(promises)


class ReliabilityView(LoginRequiredMixin, View):
    """Kept on time ÷ due, last 12 months (and every silent break), per organization and per
    user, with the figure per quarter as a chart and a table."""

    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        today = timezone.localdate()
        start, end = selectors.reliability_window(today)
        overall = selectors.reliability(user=request.user, today=today)
        context = {
            "today": today,
            "window_start": start,
            "window_end": end,
            "overall": overall,
            "chart": reliability_chart(overall),
            "by_organization": selectors.reliability_table(
                user=request.user, by="organization", today=today
            ),
            "by_owner": selectors.reliability_table(user=request.user, by="owner", today=today),
        }
        return render(request, "promises/reliability.html", context)


def reliability_chart(figure: selectors.Reliability) -> BarChart:
    """Reliability per quarter as bars on a 0-100 % scale, each with its kept/due figure."""
    items = [
        (
            quarter.label,
            None if quarter.percent is None else float(quarter.percent),
            "—"
            if quarter.percent is None
            else f"{quarter.percent}% ({quarter.kept_on_time}/{quarter.due})",
        )
        for quarter in figure.quarters
    ]
    return bar_chart(
        title=_("Reliability per quarter (kept on time ÷ due)"),
        items=items,
        maximum=100,
        grid_labels=[(50, "50%"), (100, "100%")],
    )
