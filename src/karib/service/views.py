"""Pages of conversation QA: thin — parse, authorize through selectors, call one service."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from karib.core.htmx import is_htmx_fragment, template_for
from karib.core.roles import Role, has_role, is_admin
from karib.core.spreadsheets import spreadsheet_safe
from karib.core.types import AuthenticatedHttpRequest

from . import selectors, services
from .forms import (
    ConversationFilterForm,
    DisputeAnswerForm,
    DisputeForm,
    ImportForm,
    PeriodForm,
    PlaybookForm,
    ReflectionForm,
    ReviewForm,
    RoleMappingForm,
)
from .models import Conversation, FindingCode, ImportBatch, ImportFile
from .querysets import is_team_overseer

PAGE_SIZE = 25


def _apply_form_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- list, export ------------------------------------------------------------------------


def _filter_form(request: AuthenticatedHttpRequest) -> ConversationFilterForm:
    return ConversationFilterForm(
        request.GET or None,
        agents=selectors.agents_visible_to(request.user),
        teams=selectors.teams_for_import(request.user),
    )


class ConversationListView(LoginRequiredMixin, View):
    """The review queue (riskiest first) for reviewers; an agent's own conversations."""

    request: AuthenticatedHttpRequest
    template_name = "service/conversation_list.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = _filter_form(request)
        conversations = selectors.conversation_list(user=request.user, filters=form.filters())  # type: ignore[arg-type]
        page = Paginator(conversations, PAGE_SIZE).get_page(request.GET.get("page"))
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
        services.reanalysis_ensure()  # a newer engine: re-analyse in the background
        return render(request, template_for(request, self.template_name, "results"), context)


class _Echo:
    def write(self, value: str) -> str:
        return value


csv_safe = spreadsheet_safe  # kept under its old name for the tests and callers here


@login_required
def conversation_export_view(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """CSV of the conversations the user may see, with the current filters."""
    form = _filter_form(request)
    conversations = selectors.conversation_list(user=request.user, filters=form.filters())  # type: ignore[arg-type]
    writer = csv.writer(_Echo())
    header = [
        "id",
        "conversation_id",
        "team",
        "agent",
        "channel",
        "product",
        "started_at",
        "score",
        "risk",
        "tone_shift",
        "pushes_after_refusal",
        "customer_cut_off",
        "breaks_playbook",
        "findings",
    ]

    def rows() -> Any:
        yield writer.writerow(header)
        for c in conversations.iterator(chunk_size=500):
            analysis = getattr(c, "analysis", None)
            yield writer.writerow(
                [
                    csv_safe(cell)
                    for cell in (
                        c.pk,
                        c.external_id,
                        c.team.name,
                        c.agent.username if c.agent else c.agent_name,
                        c.channel,
                        c.product,
                        c.started_at.isoformat(),
                        analysis.score if analysis else "",
                        analysis.risk if analysis else "",
                        analysis.tone_shift if analysis else "",
                        analysis.pushes_after_refusal if analysis else "",
                        analysis.customer_cut_off if analysis else "",
                        analysis.breaks_playbook if analysis else "",
                        " ".join(f.code for f in c.findings.all()),
                    )
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="conversations-{stamp}.csv"'
    return response


# --- conversation page ------------------------------------------------------------------


def _detail_context(
    request: AuthenticatedHttpRequest, conversation: Conversation, **forms: Any
) -> dict[str, Any]:
    user = request.user
    findings = list(conversation.findings.all())
    reviews = list(selectors.reviews_for(conversation))
    own_review = next((r for r in reviews if r.reviewer_id == user.pk), None)
    can_review = services.can_review(user, conversation)
    is_agent = conversation.agent_id == user.pk
    disputes = list(selectors.disputes_for(conversation))
    awaiting_answer = any(d.status == d.Status.OPEN for d in disputes)
    verdict_counts = {
        f.code: {
            "agree": sum(1 for r in reviews if r.verdicts.get(f.code) == "agree"),
            "disagree": sum(1 for r in reviews if r.verdicts.get(f.code) == "disagree"),
        }
        for f in findings
    }
    return {
        "conversation": conversation,
        "analysis": getattr(conversation, "analysis", None),
        "turns": selectors.transcript_turns(conversation),
        "findings": findings,
        "verdict_counts": verdict_counts,
        "finding_labels": dict(FindingCode.choices),
        "reviews": reviews,
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
    if not services.can_review(request.user, conversation):
        raise PermissionDenied
    form = ReviewForm(request.POST, findings=list(conversation.findings.all()))
    if form.is_valid():
        try:
            services.review_save(
                conversation=conversation,
                verdicts=form.verdicts(),
                comment=form.cleaned_data["comment"] or "",
                qa_score=form.cleaned_data["qa_score"],
                by=request.user,
            )
        except ValidationError as error:
            _apply_form_errors(form, error)
        else:
            messages.success(request, _("Review saved."))
            return _section(request, conversation, "review")
    return _section(request, conversation, "review", status=422, review_form=form)


@login_required
@require_POST
def dispute_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = selectors.conversation_get_for_user(user=request.user, pk=pk)
    if conversation.agent_id != request.user.pk:
        raise PermissionDenied
    form = DisputeForm(request.POST, findings=list(conversation.findings.all()))
    if form.is_valid():
        try:
            services.dispute_open(
                conversation=conversation,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"] or "",
                finding_code=form.cleaned_data["finding_code"] or "",
                by=request.user,
            )
        except ValidationError as error:
            _apply_form_errors(form, error)
        else:
            return _section(request, conversation, "responses")
    return _section(request, conversation, "responses", status=422, dispute_form=form)


@login_required
@require_POST
def dispute_answer_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dispute = selectors.dispute_get_for_user(user=request.user, pk=pk)
    conversation = selectors.conversation_get_for_user(
        user=request.user, pk=dispute.conversation_id
    )
    if not services.can_review(request.user, conversation):
        raise PermissionDenied
    form = DisputeAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.dispute_answer(
                dispute=dispute, answer=form.cleaned_data["answer"], by=request.user
            )
        except ValidationError as error:
            _apply_form_errors(form, error)
        else:
            return _section(request, conversation, "responses")
    return _section(request, conversation, "responses", status=422, answer_form=form)


@login_required
@require_POST
def reflection_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = selectors.conversation_get_for_user(user=request.user, pk=pk)
    if conversation.agent_id != request.user.pk:
        raise PermissionDenied
    form = ReflectionForm(request.POST)
    if form.is_valid():
        try:
            services.reflection_save(
                conversation=conversation, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            _apply_form_errors(form, error)
        else:
            return _section(request, conversation, "responses")
    return _section(request, conversation, "responses", status=422, reflection_form=form)


@login_required
@require_POST
def conversation_delete_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = selectors.conversation_get_for_user(user=request.user, pk=pk)
    services.conversation_delete(conversation=conversation, by=request.user)
    messages.success(request, _("Conversation deleted."))
    return redirect("service:index")


# --- import -------------------------------------------------------------------------------


class ImportCreateView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest
    template_name = "service/import_form.html"

    def _form(self, request: AuthenticatedHttpRequest, data: Any = None) -> ImportForm:
        if not services.can_import(request.user):
            raise PermissionDenied
        return ImportForm(
            data, request.FILES or None, teams=selectors.teams_for_import(request.user)
        )

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = self._form(request)
        batches = selectors.import_batch_list(user=request.user)[:10]
        return render(request, self.template_name, {"form": form, "batches": batches})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = self._form(request, request.POST)
        if not form.is_valid():
            batches = selectors.import_batch_list(user=request.user)[:10]
            return render(
                request, self.template_name, {"form": form, "batches": batches}, status=422
            )
        files = [
            services.UploadedFile(name=uploaded.name, content=uploaded.read())
            for uploaded in form.cleaned_data["uploads"]
        ]
        batch = services.import_batch_create(
            team=form.cleaned_data["team"],
            channel=form.cleaned_data["channel"],
            product=form.cleaned_data["product"],
            files=files,
            by=request.user,
        )
        services.import_batch_start(batch=batch)
        return redirect("service:import-detail", pk=batch.pk)


class ImportBatchDetailView(LoginRequiredMixin, View):
    """The import's progress (htmx polls the `progress` partial) and its report."""

    request: AuthenticatedHttpRequest
    template_name = "service/import_detail.html"

    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        batch = selectors.import_batch_get_for_user(user=request.user, pk=pk)
        batch = services.import_batch_check_stale(batch=batch)
        response = render(
            request, template_for(request, self.template_name, "progress"), _batch_context(batch)
        )
        if is_htmx_fragment(request) and batch.is_finished:
            response["HX-Refresh"] = "true"  # show the report and the role mapping
        return response


def _batch_context(batch: Any, forms: dict[int, RoleMappingForm] | None = None) -> dict[str, Any]:
    files = list(batch.files.defer("content"))
    forms = forms or {}
    needing = [
        (f, forms.get(f.pk) or RoleMappingForm(speakers=f.speakers, prefix=f"file{f.pk}"))
        for f in files
        if f.status == ImportFile.Status.NEEDS_ROLES
    ]
    if batch.status != ImportBatch.Status.NEEDS_ROLES:
        needing = []  # still running: the mapping waits until the run has ended
    can_retry = batch.status == ImportBatch.Status.FAILED and any(
        f.status == ImportFile.Status.PENDING for f in files
    )
    return {"batch": batch, "files": files, "needing_roles": needing, "can_retry": can_retry}


@login_required
@require_POST
def import_map_roles_view(request: AuthenticatedHttpRequest, pk: int, file_pk: int) -> HttpResponse:
    batch = selectors.import_batch_get_for_user(user=request.user, pk=pk)
    import_file = selectors.import_file_get_for_user(user=request.user, batch=batch, pk=file_pk)
    if import_file.status != ImportFile.Status.NEEDS_ROLES:
        raise Http404
    if batch.status != ImportBatch.Status.NEEDS_ROLES:
        messages.warning(request, _("This import is still running; map the speakers when it ends."))
        return redirect("service:import-detail", pk=batch.pk)
    form = RoleMappingForm(
        request.POST, speakers=import_file.speakers, prefix=f"file{import_file.pk}"
    )
    if form.is_valid():
        try:
            services.import_file_map_roles(
                import_file=import_file,
                agent_speaker=form.cleaned_data["agent_speaker"],
                by=request.user,
            )
        except ValidationError as error:
            _apply_form_errors(form, error)
        else:
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
    except ValidationError:
        messages.warning(request, _("This import has nothing left to retry."))
    else:
        messages.success(request, _("Import restarted in the background."))
    return redirect("service:import-detail", pk=batch.pk)


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
            "chart": selectors.trend_svg_points(card.trend),
        }
        return render(request, self.template_name, context)


class TeamScorecardView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest
    template_name = "service/team_scorecard.html"

    def get(self, request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
        if pk is None:
            team = selectors.teams_for_import(request.user).first()
            if team is None:
                raise Http404
        else:
            team = selectors.team_get_for_user(user=request.user, pk=pk)
        form, period = _period(request)
        cards = selectors.team_scorecards(user=request.user, team=team, period=period)
        context = {
            "team": team,
            "cards": cards,
            "form": form,
            "teams": selectors.teams_for_import(request.user),
        }
        return render(request, self.template_name, context)


class PlaybookView(LoginRequiredMixin, View):
    """The team's cancellation playbook: everybody on the team reads it, managers and admins
    edit it. Whoever oversees several teams (or an admin without a team) picks one."""

    request: AuthenticatedHttpRequest
    template_name = "service/playbook_detail.html"

    def _context(
        self, request: AuthenticatedHttpRequest, form: PlaybookForm | None = None
    ) -> dict[str, Any]:
        team_pk = request.GET.get("team") or request.POST.get("team") or ""
        playbook = selectors.playbook_for_user(
            request.user, team_pk=int(team_pk) if team_pk.isdigit() else None
        )
        teams = selectors.teams_for_import(request.user)
        if playbook is None:
            return {"playbook": None, "form": None, "teams": teams}
        can_edit = services.can_edit_playbook(request.user, playbook.team)
        if can_edit and form is None:
            form = PlaybookForm(
                initial={
                    "max_offers_after_refusal": playbook.max_offers_after_refusal,
                    "requires_courteous_closure": playbook.requires_courteous_closure,
                    "required_closure": playbook.required_closure,
                    "guidance": playbook.guidance,
                }
            )
        return {"playbook": playbook, "form": form if can_edit else None, "teams": teams}

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(request, self.template_name, self._context(request))

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        context = self._context(request)
        if context["form"] is None:
            raise PermissionDenied
        form = PlaybookForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self._context(request, form), status=422)
        team = context["playbook"].team
        services.playbook_update(team=team, by=request.user, **form.cleaned_data)
        messages.success(request, _("Playbook saved; conversations re-checked."))
        return redirect(f"{reverse('service:playbook')}?team={team.pk}")


class SelfEvaluationView(LoginRequiredMixin, View):
    """An agent's own conversations, flagged first, each with a place for a reflection."""

    request: AuthenticatedHttpRequest
    template_name = "service/self_evaluation.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        conversations = selectors.self_evaluation_list(user=request.user)
        page = Paginator(conversations, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, self.template_name, {"page": page})


@login_required
@require_POST
def reanalyse_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise PermissionDenied
    services.reanalysis_enqueue()
    messages.success(request, _("Re-analysis started in the background."))
    return redirect("service:index")
