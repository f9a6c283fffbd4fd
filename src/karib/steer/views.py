"""Pages and one-click actions: finish, snooze or dismiss an action; recovery plans."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from karib.core import access
from karib.core.access import Action
from karib.core.errors import DomainError, ErrorCode, domain_error_from_django
from karib.core.filtering import is_id
from karib.core.types import AuthenticatedHttpRequest
from karib.people.selectors import person_get_for_user

from . import recovery, selectors, services
from .models import ActionKind, NextAction


def _row(
    request: AuthenticatedHttpRequest, action: NextAction, *, status: int = 200, error: str = ""
) -> HttpResponse:
    return render(
        request,
        "steer/action_row.html",
        {"action": action, "error": error, "today": timezone.localdate()},
        status=status,
    )


def _answer(
    request: AuthenticatedHttpRequest, action: NextAction, error: DomainError | None = None
) -> HttpResponse:
    if request.htmx:
        if error is not None:
            return _row(request, action, status=error.status, error=error.message)
        return _row(request, action)
    if error is not None:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Noted."))
    return redirect("core:today")


def _parse_until(request: AuthenticatedHttpRequest) -> datetime.date:
    today = timezone.localdate()
    days = request.POST.get("days", "").strip()
    if days:
        try:
            return today + datetime.timedelta(days=int(days))
        except (ValueError, OverflowError):
            pass
    raw = request.POST.get("until", "").strip()
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise DomainError(
            ErrorCode.INVALID, _("Enter a date as yyyy-mm-dd."), field="until"
        ) from None


@login_required
@require_POST
def next_action_act_view(request: AuthenticatedHttpRequest, pk: int, verb: str) -> HttpResponse:
    action = selectors.next_action_get_for_user(user=request.user, pk=pk)
    try:
        if verb == "done":
            action = services.next_action_done(action=action, by=request.user)
        elif verb == "snooze":
            action = services.next_action_snooze(
                action=action, by=request.user, until=_parse_until(request)
            )
        elif verb == "dismiss":
            action = services.next_action_dismiss(
                action=action, by=request.user, reason=request.POST.get("reason", "")
            )
        else:
            raise Http404
    except DomainError as error:
        return _answer(request, action, error)
    return _answer(request, action)


@login_required
@require_POST
def next_action_envoy_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One click: send the suggested colleague as envoy, and mark the action done."""
    from karib.core.selectors import colleagues_of
    from karib.people.services import person_assign_envoy

    action = selectors.next_action_get_for_user(user=request.user, pk=pk)
    if action.kind != ActionKind.ASSIGN_ENVOY or action.person is None:
        raise Http404
    chosen = request.POST.get("envoy", "")
    envoy = colleagues_of(request.user).filter(pk=chosen).first() if is_id(chosen) else None
    try:
        if envoy is None or not isinstance(envoy, User):
            raise DomainError(
                ErrorCode.INVALID, _("Choose an envoy among your colleagues."), field="envoy"
            )
        person = person_get_for_user(user=request.user, pk=action.person_id)
        try:
            person_assign_envoy(
                person=person,
                envoy=envoy,
                by=request.user,
                reason=_("Sent from Today: %(reason)s") % {"reason": action.reason},
            )
        except ValidationError as error:
            raise domain_error_from_django(error) from None
        except PermissionDenied:
            raise DomainError(ErrorCode.FORBIDDEN) from None
        action = services.next_action_done(action=action, by=request.user)
    except DomainError as error:
        return _answer(request, action, error)
    return _answer(request, action)


@login_required
@require_POST
def refresh_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Recompute my next actions now (the daily job does it for everyone)."""
    services.next_actions_refresh(owner_ids=[request.user.pk])
    messages.success(request, _("Your next actions are up to date."))
    return redirect("core:today")


class RecoveryPlanListView(LoginRequiredMixin, TemplateView):
    template_name = "steer/recovery_list.html"
    request: AuthenticatedHttpRequest

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        plans = list(selectors.recovery_plan_list(user=self.request.user)[:100])
        context["plans"] = [(plan, *selectors.plan_progress(plan)) for plan in plans]
        return context


class RecoveryPlanDetailView(LoginRequiredMixin, TemplateView):
    template_name = "steer/recovery_detail.html"
    request: AuthenticatedHttpRequest

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        from karib.people.models import RelationshipChange
        from karib.promises.models import PENDING_STATUSES, PromiseStatus

        context = super().get_context_data(**kwargs)
        plan = selectors.recovery_plan_get_for_user(
            user=self.request.user, pk=int(str(kwargs["pk"]))
        )
        from karib.promises.selectors import promise_list

        person = plan.person
        done, total = selectors.plan_progress(plan)
        promises = promise_list(user=self.request.user).filter(organization=person.organization_id)
        context.update(
            plan=plan,
            person=person,
            steps=list(plan.steps.all()),
            done=done,
            total=total,
            percent=round(100 * done / total) if total else 0,
            can_change=access.can(self.request.user, Action.CHANGE, plan),
            open_promises=list(
                promises.filter(status__in=PENDING_STATUSES).order_by("due_date")[:20]
            ),
            broken_promises=list(
                promises.filter(status=PromiseStatus.BROKEN).order_by("-broken_at")[:20]
            ),
            attitude_history=list(
                RelationshipChange.objects.filter(person=person).order_by("-changed_on")[:20]
            ),
            today=timezone.localdate(),
        )
        return context


@login_required
@require_POST
def recovery_plan_start_view(request: AuthenticatedHttpRequest, person_pk: int) -> HttpResponse:
    person = person_get_for_user(user=request.user, pk=person_pk)
    try:
        plan = recovery.recovery_plan_start(person=person, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("people:person-detail", pk=person.pk)
    services.next_actions_refresh(owner_ids=[person.owner_id], kinds=[ActionKind.START_RECOVERY])
    return redirect("steer:recovery-detail", pk=plan.pk)


@login_required
@require_POST
def recovery_step_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    step = selectors.recovery_step_get_for_user(user=request.user, pk=pk)
    done = request.POST.get("done") == "1"
    error = ""
    status = 200
    try:
        step = recovery.recovery_step_set(
            step=step, by=request.user, done=done, note=request.POST.get("note", "")
        )
    except DomainError as exc:
        error, status = exc.message, exc.status
    if request.htmx:
        return render(
            request,
            "steer/recovery_step.html",
            {"step": step, "can_change": True, "error": error},
            status=status,
        )
    if error:
        messages.error(request, error)
    return redirect("steer:recovery-detail", pk=step.plan_id)
