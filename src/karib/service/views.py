"""Pages of conversation QA: thin — parse, read through selectors, call one service, render.

A service refuses with a `DomainError`: a refused action is a 403, anything else is shown
next to its field. No page view writes: re-analysis and stopped imports are handled by the
writes that cause them and by the daily jobs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from karib.core.errors import DomainError
from karib.core.filtering import filterset_for_page, is_id, page_size
from karib.core.htmx import is_htmx_fragment, template_for
from karib.core.roles import Role, has_role, is_admin
from karib.core.types import AuthenticatedHttpRequest

from . import presentation, selectors, services
from .filters import ConversationFilter
from .forms import (
    DisputeAnswerForm,
    DisputeForm,
    PeriodForm,
    PlaybookForm,
    ReflectionForm,
    ReviewForm,
    ServiceSettingsForm,
)
from .imports.redaction import REDACTION_AVAILABLE
from .models import Conversation
from .querysets import is_team_overseer


def submitted(form: forms.Form, call: Callable[[], object]) -> bool:
    """Call the service; a refusal is a 403, any other problem is shown on the form."""
    try:
        call()
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        if error.status == 404:
            raise Http404(error.message) from error
        error.add_to_form(form)
        return False
    return True


# --- list --------------------------------------------------------------------------------


class ConversationListView(LoginRequiredMixin, View):
    """The review queue (riskiest first) for reviewers; an agent's own conversations."""

    request: AuthenticatedHttpRequest
    template_name = "service/conversation_list.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        filterset, conversations = filterset_for_page(
            ConversationFilter,
            request.GET,
            selectors.conversations_visible(user=request.user),
            user=request.user,
        )
        form = filterset.form
        page = Paginator(conversations, page_size()).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_import": services.can_import(request.user),
            "is_overseer": is_team_overseer(request.user) or is_admin(request.user),
            "is_agent": has_role(request.user, Role.SERVICE_AGENT),
            "outdated": services.outdated_analysis_count() if is_admin(request.user) else 0,
        }
        return render(request, template_for(request, self.template_name, "results"), context)


# --- conversation page ------------------------------------------------------------------


def _detail_context(
    request: AuthenticatedHttpRequest, conversation: Conversation, **forms: Any
) -> dict[str, Any]:
    user = request.user
    findings = selectors.shown_findings(conversation)
    reviews = list(selectors.reviews_for(conversation))
    own_review = next((r for r in reviews if r.reviewer_id == user.pk), None)
    can_review = services.can_review(user, conversation)
    is_agent = services.can_respond(user, conversation)
    disputes = list(selectors.disputes_for(conversation))
    awaiting_answer = any(d.status == d.Status.OPEN for d in disputes)
    labels = {f.code: f.label for f in conversation.findings.all()}
    return {
        "conversation": conversation,
        "analysis": getattr(conversation, "analysis", None),
        "turns": presentation.transcript_turns(conversation, findings),
        "findings": findings,
        "hidden_findings": len(conversation.findings.all()) - len(findings),
        "reviews": [
            (
                review,
                [(labels.get(code, code), verdict) for code, verdict in review.verdicts.items()],
            )
            for review in reviews
        ],
        "disputes": disputes,
        "reflections": list(selectors.reflections_for(conversation)),
        "can_review": can_review,
        "is_agent": is_agent,
        "effective_score": selectors.effective_score(conversation),
        "review_form": forms.get("review_form")
        or (ReviewForm(findings=findings, review=own_review) if can_review else None),
        "dispute_form": forms.get("dispute_form")
        or (DisputeForm(findings=findings) if is_agent and not awaiting_answer else None),
        "answer_form": forms.get("answer_form") or DisputeAnswerForm(),
        "reflection_form": forms.get("reflection_form")
        or (
            ReflectionForm(
                initial={
                    "text": next(
                        (r.text for r in conversation.reflections.all() if r.author_id == user.pk),
                        "",
                    )
                }
            )
            if is_agent
            else None
        ),
    }


TEMPLATE_DETAIL = "service/conversation_detail.html"


class ConversationDetailView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        conversation = selectors.conversation_get_for_user(user=request.user, pk=pk)
        return render(request, TEMPLATE_DETAIL, _detail_context(request, conversation))


def _section(
    request: AuthenticatedHttpRequest,
    conversation: Conversation,
    partial: str,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    if is_htmx_fragment(request):
        # htmx swaps only 2xx responses: the fragment with the errors next to the fields is 200.
        return render(
            request, f"{TEMPLATE_DETAIL}#{partial}", _detail_context(request, conversation, **forms)
        )
    if status != 200:
        return render(
            request, TEMPLATE_DETAIL, _detail_context(request, conversation, **forms), status=status
        )
    return redirect("service:conversation-detail", pk=conversation.pk)


@login_required
@require_POST
def review_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = selectors.conversation_get_for_user(user=request.user, pk=pk)
    form = ReviewForm(request.POST, findings=selectors.shown_findings(conversation))
    if form.is_valid() and submitted(
        form,
        lambda: services.review_save(
            conversation=conversation,
            verdicts=form.verdicts(),
            comment=form.cleaned_data["comment"] or "",
            qa_score=form.cleaned_data["qa_score"],
            by=request.user,
        ),
    ):
        messages.success(request, _("Review saved."))
        return _section(request, conversation, "review")
    if not services.can_review(request.user, conversation):
        raise PermissionDenied
    return _section(request, conversation, "review", status=422, review_form=form)


@login_required
@require_POST
def dispute_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = selectors.conversation_get_for_user(user=request.user, pk=pk)
    if not services.can_respond(request.user, conversation):
        raise PermissionDenied
    form = DisputeForm(request.POST, findings=selectors.shown_findings(conversation))
    if form.is_valid() and submitted(
        form,
        lambda: services.dispute_open(
            conversation=conversation,
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"] or "",
            finding_code=form.cleaned_data["finding_code"] or "",
            by=request.user,
        ),
    ):
        return _section(request, conversation, "responses")
    return _section(request, conversation, "responses", status=422, dispute_form=form)


@login_required
@require_POST
def dispute_answer_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dispute = selectors.dispute_get_for_user(user=request.user, pk=pk)
    conversation = selectors.conversation_get_for_user(
        user=request.user, pk=dispute.conversation_id
    )
    form = DisputeAnswerForm(request.POST)
    if form.is_valid() and submitted(
        form,
        lambda: services.dispute_answer(
            dispute=dispute,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"] or "",
            by=request.user,
        ),
    ):
        return _section(request, conversation, "responses")
    if not services.can_review(request.user, conversation):
        raise PermissionDenied
    return _section(request, conversation, "responses", status=422, answer_form=form)


@login_required
@require_POST
def reflection_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = selectors.conversation_get_for_user(user=request.user, pk=pk)
    if not services.can_respond(request.user, conversation):
        raise PermissionDenied
    form = ReflectionForm(request.POST)
    if form.is_valid() and submitted(
        form,
        lambda: services.reflection_save(
            conversation=conversation, text=form.cleaned_data["text"], by=request.user
        ),
    ):
        return _section(request, conversation, "responses")
    return _section(request, conversation, "responses", status=422, reflection_form=form)


@login_required
@require_POST
def conversation_delete_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = selectors.conversation_get_for_user(user=request.user, pk=pk)
    try:
        services.conversation_delete(conversation=conversation, by=request.user)
    except DomainError as error:
        raise PermissionDenied(error.message) from error
    messages.success(request, _("Conversation deleted."))
    return redirect("service:index")


# --- coaching -----------------------------------------------------------------------------


def _period(request: AuthenticatedHttpRequest) -> tuple[PeriodForm, selectors.Period]:
    form = PeriodForm(request.GET or None)
    return form, selectors.Period.last(form.days_or_default())


class AgentScorecardView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest
    template_name = "service/agent_scorecard.html"

    def get(self, request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
        agent = selectors.agent_get_for_user(user=request.user, pk=pk or request.user.pk)
        form, period = _period(request)
        card = selectors.agent_scorecard(user=request.user, agent=agent, period=period)
        context = {
            "card": card,
            "form": form,
            "chart": presentation.trend_svg_points(card.trend),
        }
        return render(request, self.template_name, context)


class TeamScorecardView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest
    template_name = "service/team_scorecard.html"

    def get(self, request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
        team = selectors.team_get_for_user(user=request.user, pk=pk)
        form, period = _period(request)
        cards = selectors.team_scorecards(user=request.user, team=team, period=period)
        context = {
            "team": team,
            "cards": cards,
            "chart": presentation.team_chart(cards),
            "form": form,
            "teams": selectors.teams_for_import(request.user),
        }
        return render(request, self.template_name, context)


class PlaybookView(LoginRequiredMixin, View):
    """The team's cancellation playbook and QA settings: everybody on the team reads them,
    managers and admins edit them. Whoever oversees several teams (or an admin without a
    team) picks one."""

    request: AuthenticatedHttpRequest
    template_name = "service/playbook_detail.html"

    def _context(self, request: AuthenticatedHttpRequest, **forms: Any) -> dict[str, Any]:
        team_pk = request.GET.get("team") or request.POST.get("team") or ""
        playbook = selectors.playbook_for_user(
            request.user, team_pk=int(team_pk) if is_id(team_pk) else None
        )
        teams = selectors.teams_for_import(request.user)
        if playbook is None:
            return {"playbook": None, "form": None, "settings_form": None, "teams": teams}
        can_edit = services.can_edit_playbook(request.user, playbook.team)
        settings = services.settings_for_team(playbook.team)
        form = forms.get("form") or PlaybookForm(
            initial={
                "max_offers_after_refusal": playbook.max_offers_after_refusal,
                "requires_courteous_closure": playbook.requires_courteous_closure,
                "required_closure": playbook.required_closure,
                "guidance": playbook.guidance,
            }
        )
        settings_form = forms.get("settings_form") or ServiceSettingsForm(
            initial={
                "min_confidence": settings.min_confidence,
                "redact_on_import": settings.redact_on_import,
            }
        )
        return {
            "playbook": playbook,
            "settings": settings,
            "redaction_available": REDACTION_AVAILABLE,
            "form": form if can_edit else None,
            "settings_form": settings_form if can_edit else None,
            "teams": teams,
        }

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(request, self.template_name, self._context(request))

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        context = self._context(request)
        if context["form"] is None:
            raise PermissionDenied
        team = context["playbook"].team
        if request.POST.get("section") == "settings":
            settings_form = ServiceSettingsForm(request.POST)
            if settings_form.is_valid() and submitted(
                settings_form,
                lambda: services.service_settings_update(
                    team=team, by=request.user, **settings_form.cleaned_data
                ),
            ):
                messages.success(request, _("QA settings saved."))
                return redirect(f"{reverse('service:playbook')}?team={team.pk}")
            context = self._context(request, settings_form=settings_form)
            return render(request, self.template_name, context, status=422)
        form = PlaybookForm(request.POST)
        if form.is_valid() and submitted(
            form, lambda: services.playbook_update(team=team, by=request.user, **form.cleaned_data)
        ):
            messages.success(request, _("Playbook saved; conversations re-checked."))
            return redirect(f"{reverse('service:playbook')}?team={team.pk}")
        return render(request, self.template_name, self._context(request, form=form), status=422)


class SelfEvaluationView(LoginRequiredMixin, View):
    """An agent's own conversations, flagged first, each with a place for a reflection."""

    request: AuthenticatedHttpRequest
    template_name = "service/self_evaluation.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        conversations = selectors.self_evaluation_list(user=request.user)
        page = Paginator(conversations, page_size()).get_page(request.GET.get("page"))
        return render(request, self.template_name, {"page": page})


@login_required
@require_POST
def reanalyse_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise PermissionDenied
    if services.reanalysis_ensure():
        messages.success(request, _("Re-analysis started in the background."))
    else:
        messages.info(request, _("A re-analysis is already queued, or nothing is outdated."))
    return redirect("service:index")
