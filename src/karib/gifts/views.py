from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from karib.core.htmx import template_for
from karib.core.roles import Role, has_role
from karib.core.types import AuthenticatedHttpRequest

from . import exports, selectors, services
from .forms import GiftDecisionForm, GiftGivenForm, GiftProposeForm, RegisterFilterForm
from .models import Gift

PAGE_SIZE = 50


def filters_from(request: AuthenticatedHttpRequest) -> tuple[selectors.GiftFilters, str]:
    form = RegisterFilterForm(request.GET)
    data: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    filters = selectors.GiftFilters(
        person=data.get("person"),
        organization=data.get("organization"),
        giver=data.get("giver"),
        year=data.get("year"),
        status=data.get("status") or None,
    )
    return filters, data.get("group") or "year"


class GiftRegisterView(LoginRequiredMixin, View):
    """The register: gifts the user may see, filtered, with totals by year, person, organization
    or giver."""

    template_name = "gifts/gift_register.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        filters, group = filters_from(request)
        gifts = selectors.gift_list(user=request.user, filters=filters)
        page = Paginator(gifts, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "filter_form": RegisterFilterForm(request.GET or None),
            "page_obj": page,
            "gifts": page.object_list,
            "totals": selectors.gift_totals(gifts),
            "group": group,
            "group_totals": selectors.gift_group_totals(gifts, group=group),
            "query": query.urlencode(),
            "filters": filters,
            "is_compliance": has_role(request.user, Role.COMPLIANCE_OFFICER),
        }
        return render(request, template_for(request, self.template_name, "results"), context)


class GiftMineView(LoginRequiredMixin, View):
    """The giver's own gifts with every decision and its reason."""

    template_name = "gifts/gift_mine.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        filters = selectors.GiftFilters(giver=request.user.pk)
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
    template_name = "gifts/gift_propose.html"

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
            except services.GiftError as error:
                form.add_error(error.field, error.message)
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


def _detail_context(request: AuthenticatedHttpRequest, gift: Gift, **extra: Any) -> dict[str, Any]:
    is_compliance = services.is_compliance_officer(request.user)
    context: dict[str, Any] = {
        "gift": gift,
        "honoured_fact": selectors.gift_honoured_fact(user=request.user, gift=gift),
        "decisions": list(gift.decisions.all()),
        "can_decide": is_compliance
        and gift.is_awaiting_approval
        and gift.giver_id != request.user.pk,
        "can_handle": services.can_handle_gift(request.user, gift),
        "decision_form": GiftDecisionForm(),
        "given_form": GiftGivenForm(initial={"given_on": timezone.localdate()}),
        "today": timezone.localdate(),
    }
    context.update(extra)
    return context


def _act(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    gift = selectors.gift_get_for_user(user=request.user, pk=pk)
    note = request.POST.get("note", "")
    try:
        if action == "approve":
            services.gift_approve(gift=gift, by=request.user, note=note)
            messages.success(request, _("Approved."))
        elif action == "reject":
            services.gift_reject(gift=gift, by=request.user, note=note)
            messages.success(request, _("Rejected."))
        elif action == "given":
            form = GiftGivenForm(request.POST)
            if not form.is_valid():
                context = _detail_context(request, gift, given_form=form)
                return render(request, "gifts/gift_detail.html", context, status=422)
            try:
                gift = services.gift_mark_given(
                    gift=gift,
                    by=request.user,
                    given_on=form.cleaned_data["given_on"],
                    place=form.cleaned_data["place"],
                )
            except services.GiftError as error:
                if error.field not in form.fields:
                    raise
                form.add_error(error.field, error.message)
                context = _detail_context(request, gift, given_form=form)
                return render(request, "gifts/gift_detail.html", context, status=422)
            if gift.report_deadline:
                messages.warning(
                    request,
                    _("Given. The recipient must report it to the KPK by %(deadline)s.")
                    % {"deadline": gift.report_deadline.strftime("%d-%m-%Y")},
                )
            else:
                messages.success(request, _("Marked as given."))
        elif action == "declined":
            services.gift_mark_declined(gift=gift, by=request.user, note=note)
            messages.success(request, _("Marked as declined by the recipient."))
        else:
            services.gift_mark_returned(gift=gift, by=request.user, note=note)
            messages.success(request, _("Marked as returned."))
    except services.GiftError as error:
        messages.error(request, error.message)
    target = request.POST.get("next")
    if target == "queue":
        return redirect("gifts:queue")
    return redirect("gifts:detail", pk=gift.pk)


@login_required
@require_POST
def gift_approve_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "approve")


@login_required
@require_POST
def gift_reject_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "reject")


@login_required
@require_POST
def gift_mark_given_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "given")


@login_required
@require_POST
def gift_mark_declined_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "declined")


@login_required
@require_POST
def gift_mark_returned_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "returned")


@login_required
def gift_export_csv_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    filters, _group = filters_from(request)
    gifts = selectors.gift_list(user=request.user, filters=filters)
    response = HttpResponse(exports.register_csv(gifts), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gifts-register.csv"'
    return response


@login_required
def gift_export_xlsx_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    filters, _group = filters_from(request)
    gifts = selectors.gift_list(user=request.user, filters=filters)
    response = HttpResponse(
        exports.register_xlsx(gifts),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="gifts-register.xlsx"'
    return response


class GestureIdeasView(LoginRequiredMixin, View):
    template_name = "gifts/gesture_ideas.html"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        person = selectors.person_get_for_gift(user=request.user, pk=person_id)
        suggestions = selectors.gesture_ideas_for_person(user=request.user, person=person)
        return render(request, self.template_name, {"person": person, "suggestions": suggestions})
