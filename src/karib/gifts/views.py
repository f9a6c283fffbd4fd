from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from karib.core import access
from karib.core.access import Action
from karib.core.errors import DomainError, ErrorCode
from karib.core.filtering import filterset_for_page, page_size
from karib.core.htmx import template_for
from karib.core.roles import Role, has_role
from karib.core.types import AuthenticatedHttpRequest

from . import exports, selectors, services
from .access import GiftAction
from .charts import recipient_quarter_chart
from .filters import GiftFilter
from .forms import (
    GiftDecisionForm,
    GiftGivenForm,
    GiftProposeForm,
    KpkReportForm,
    RegisterGroupForm,
    VersionedForm,
)
from .models import Gift


def register_filter(request: AuthenticatedHttpRequest) -> tuple[GiftFilter, QuerySet[Gift]]:
    """The register's `GiftFilter` bound to the query string, and the gifts it lists (none for
    an invalid filter: a year of -1, an id beyond any database integer; the form says why
    next to the field)."""
    return filterset_for_page(GiftFilter, request.GET, selectors.gifts_visible(user=request.user))


class GiftRegisterView(LoginRequiredMixin, View):
    """The register: gifts the user may see, filtered, with totals by year, person, organization
    or giver."""

    template_name = "gifts/gift_register.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        filterset, gifts = register_filter(request)
        group_form = RegisterGroupForm(request.GET)
        group = (group_form.is_valid() and group_form.cleaned_data["group"]) or "year"
        page = Paginator(gifts, page_size()).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "filter_form": filterset.form,
            "group_form": group_form,
            "page_obj": page,
            "gifts": page.object_list,
            "totals": selectors.gift_totals(gifts),
            "group": group,
            "group_totals": selectors.gift_group_totals(gifts, group=group),
            "recipient_chart": recipient_quarter_chart(
                *selectors.gift_totals_by_recipient_and_quarter(gifts)
            ),
            "query": query.urlencode(),
            "is_compliance": has_role(request.user, Role.COMPLIANCE_OFFICER),
            "can_propose": access.can(request.user, Action.CREATE, Gift),
        }
        return render(request, template_for(request, self.template_name, "results"), context)


class GiftMineView(LoginRequiredMixin, View):
    """The giver's own gifts with every decision and its reason."""

    template_name = "gifts/gift_mine.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        filters = {"giver": request.user.pk}
        gifts = selectors.gift_list_with_decisions(user=request.user, filters=filters)[:200]
        context = {
            "gifts": gifts,
            "is_compliance": has_role(request.user, Role.COMPLIANCE_OFFICER),
        }
        return render(request, self.template_name, context)


class GiftApprovalQueueView(LoginRequiredMixin, View):
    template_name = "gifts/gift_queue.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        gifts = selectors.gift_approval_queue(user=request.user)[:200]
        return render(
            request,
            template_for(request, self.template_name, "queue"),
            {"gifts": gifts, "form": GiftDecisionForm()},
        )


class GiftProposeView(LoginRequiredMixin, View):
    """Propose a gift: Sales and Managers (a service agent or QA reviewer gets 403)."""

    template_name = "gifts/gift_propose.html"

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not access.can(request.user, Action.CREATE, Gift):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        initial: dict[str, Any] = {}
        for key in ("recipient", "kind", "description", "estimated_value", "honours_fact"):
            if request.GET.get(key):
                initial[key] = request.GET[key]
        form = GiftProposeForm(user=request.user, initial=initial)
        return render(request, self.template_name, {"form": form})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = GiftProposeForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                gift = services.gift_propose(
                    by=request.user,
                    recipient=data["recipient"],
                    kind=data["kind"],
                    description=data["description"],
                    estimated_value=data["estimated_value"],
                    business_purpose=data["business_purpose"],
                    occasion=data["occasion"],
                    occasion_note=data["occasion_note"],
                    place=data["place"],
                    honours_fact=data["honours_fact"],
                )
            except DomainError as error:
                error.add_to_form(form)
            else:
                if gift.status == Gift.Status.REJECTED:
                    messages.error(request, _("The policy refuses this gift. See why below."))
                elif gift.requires_approval:
                    messages.info(request, _("Proposed. Compliance will decide on it."))
                else:
                    messages.success(request, _("Proposed. No approval is needed."))
                if request.htmx:
                    return HttpResponseClientRedirect(reverse("gifts:detail", args=[gift.pk]))
                return redirect("gifts:detail", pk=gift.pk)
        return render(
            request, template_for(request, self.template_name, "form"), {"form": form}, status=422
        )


class GiftDetailView(LoginRequiredMixin, View):
    template_name = "gifts/gift_detail.html"

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        gift = selectors.gift_get_for_user(user=request.user, pk=pk)
        return render(request, self.template_name, _detail_context(request, gift))


@dataclass(frozen=True)
class GiftStep:
    """One action on the detail page: its rule, form, service and what to say after it."""

    action: GiftAction
    form: type[VersionedForm]
    service: Callable[..., Gift]
    done: Callable[[Gift], str]


def _given_message(gift: Gift) -> str:
    if gift.report_deadline:
        return _("Given. The recipient must report it to the KPK by %(deadline)s.") % {
            "deadline": date_format(gift.report_deadline, "j F Y")
        }
    return _("Marked as given.")


STEPS: dict[str, GiftStep] = {
    "approve": GiftStep(
        GiftAction.APPROVE, GiftDecisionForm, services.gift_approve, lambda gift: _("Approved.")
    ),
    "reject": GiftStep(
        GiftAction.REJECT, GiftDecisionForm, services.gift_reject, lambda gift: _("Rejected.")
    ),
    "given": GiftStep(GiftAction.GIVE, GiftGivenForm, services.gift_mark_given, _given_message),
    "declined": GiftStep(
        GiftAction.MARK_DECLINED,
        GiftDecisionForm,
        services.gift_mark_declined,
        lambda gift: _("Marked as declined by the recipient."),
    ),
    "returned": GiftStep(
        GiftAction.MARK_RETURNED,
        GiftDecisionForm,
        services.gift_mark_returned,
        lambda gift: _("Marked as returned."),
    ),
    "kpk-report": GiftStep(
        GiftAction.RECORD_KPK_REPORT,
        KpkReportForm,
        services.gift_record_kpk_report,
        lambda gift: _("The KPK report is recorded."),
    ),
}


def _detail_context(request: AuthenticatedHttpRequest, gift: Gift, **extra: Any) -> dict[str, Any]:
    user = request.user
    today = timezone.localdate()
    may = {name: access.can(user, step.action, gift) for name, step in STEPS.items()}
    context: dict[str, Any] = {
        "gift": gift,
        "honoured_fact": selectors.gift_honoured_fact(user=user, gift=gift),
        "decisions": list(gift.decisions.all()),
        "can_decide": gift.is_awaiting_approval and (may["approve"] or may["reject"]),
        "can_give": may["given"] and gift.can_be_given,
        "can_decline": may["declined"] and gift.is_open,
        "can_return": may["returned"] and gift.status == Gift.Status.GIVEN,
        "can_report": may["kpk-report"]
        and gift.status == Gift.Status.GIVEN
        and gift.report_deadline is not None
        and not gift.is_kpk_reported,
        "decision_form": GiftDecisionForm().with_version(gift.version),
        "given_form": GiftGivenForm(initial={"given_on": today}).with_version(gift.version),
        "report_form": KpkReportForm(initial={"reported_on": today}).with_version(gift.version),
        "report_overdue": gift.kpk_report_is_overdue(today),
        "version": gift.version,
        "today": today,
    }
    context.update(extra)
    return context


def _unsaved_input(form: VersionedForm) -> list[tuple[str, str]]:
    """What the user typed, shown next to the refusal, so nothing is lost even when the form
    is no longer on the page (a decision on a gift that was declined meanwhile)."""
    return [
        (str(field.label), str(form.data.get(form.add_prefix(name), "")))
        for name, field in form.fields.items()
        if name != "version" and str(form.data.get(form.add_prefix(name), "")).strip()
    ]


@login_required
@require_POST
def gift_step_view(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    """Apply one action to a gift. A bad field is shown next to it (422); a refused change or
    someone else's save in the meantime is shown above the form with the input kept."""
    step = STEPS.get(action)
    if step is None:
        raise Http404
    gift = selectors.gift_get_for_user(user=request.user, pk=pk)
    form = step.form(request.POST)
    forms_by_step = {
        "approve": "decision_form",
        "reject": "decision_form",
        "declined": "decision_form",
        "returned": "decision_form",
        "given": "given_form",
        "kpk-report": "report_form",
    }
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            gift = step.service(gift=gift, by=request.user, expected_version=version, **data)
        except DomainError as error:
            gift = selectors.gift_get_for_user(user=request.user, pk=pk)
            field_errors = [item for item in error.items if item.field in form.fields]
            if error.code == ErrorCode.CONFLICT or not field_errors:
                # the input stays; it is now bound to the current version, to send again
                form = form.with_version(gift.version)
                form.is_valid()
                context = _detail_context(
                    request,
                    gift,
                    step_error=error.message,
                    unsaved=_unsaved_input(form),
                    **{forms_by_step[action]: form},
                )
                return render(request, "gifts/gift_detail.html", context, status=error.status)
            error.add_to_form(form)
        else:
            messages.success(request, step.done(gift))
            if request.POST.get("next") == "queue":
                return redirect("gifts:queue")
            return redirect("gifts:detail", pk=gift.pk)
    context = _detail_context(request, gift, **{forms_by_step[action]: form})
    return render(request, "gifts/gift_detail.html", context, status=422)


@login_required
def gift_export_csv_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _filterset, gifts = register_filter(request)
    return exports.register_csv_response(gifts)


@login_required
def gift_export_xlsx_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _filterset, gifts = register_filter(request)
    return exports.register_xlsx_response(gifts)


class GestureIdeasView(LoginRequiredMixin, View):
    template_name = "gifts/gesture_ideas.html"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        person = selectors.person_get_for_gift(user=request.user, pk=person_id)
        suggestions = selectors.gesture_ideas_for_person(user=request.user, person=person)
        return render(request, self.template_name, {"person": person, "suggestions": suggestions})
