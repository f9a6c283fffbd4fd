"""Next actions and Today over JSON: `/api/actions/...` and `GET /api/today`.

The same selectors (scoping: a user's own actions) and services (audited) as the pages; a
refused move answers the one error shape (`ErrorsOut`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from karib.core.errors import DomainError, ErrorCode, ErrorsOut

from . import selectors, services
from .models import NextAction

router = Router(tags=["next actions"])


class ActionOut(Schema):
    id: int
    kind: str
    kind_label: str
    status: str
    reason_code: str
    reason_params: dict[str, Any]
    reason: str
    driver: str
    urgency: int
    impact: int
    score: int
    due_on: datetime.date | None
    url: str
    person_id: int | None
    organization_id: int | None
    promise_id: int | None
    gift_id: int | None
    conversation_id: int | None
    snoozed_until: datetime.date | None
    dismiss_reason: str
    acted_at: datetime.datetime | None

    @staticmethod
    def resolve_kind_label(obj: NextAction) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_reason(obj: NextAction) -> str:
        return obj.reason


class ActionFilters(Schema):
    status: str = "waiting"


class SnoozeIn(Schema):
    until: datetime.date


class DismissIn(Schema):
    reason: str


class ReportOut(Schema):
    days: int
    acted: int
    done: int
    snoozed: int
    dismissed: int
    resolved: int
    waiting: int


class TodayItemOut(Schema):
    category: str
    title: str
    reason: str
    url: str
    urgency: int
    impact: int
    score: int
    due_on: datetime.date | None
    action_id: int | None
    notification_id: int | None


class TeamRiskOut(Schema):
    person_id: int
    person: str
    reason: str
    #: the health band's code ("healthy", "attention", "at_risk"; "" without a stored health)
    band: str
    #: its name in the reader's language
    band_label: str


class TodayOut(Schema):
    day: datetime.date
    items: list[TodayItemOut]
    team_risks: list[TeamRiskOut]
    team_silent_breaks: list[int]
    team_acted: ReportOut | None


_STATUSES = {"waiting", "all", *NextAction.Status.values}


def _get(request: HttpRequest, pk: int) -> NextAction:
    try:
        return selectors.next_action_get_for_user(user=request.user, pk=pk)
    except Http404:
        raise DomainError(ErrorCode.NOT_FOUND) from None


def _report(report: selectors.ActedReport) -> ReportOut:
    return ReportOut(
        days=report.days,
        acted=report.acted,
        done=report.done,
        snoozed=report.snoozed,
        dismissed=report.dismissed,
        resolved=report.resolved,
        waiting=report.waiting,
    )


@router.get("/actions", response={200: list[ActionOut], 422: ErrorsOut})
def list_next_actions(request: HttpRequest, filters: Query[ActionFilters]) -> list[NextAction]:
    """My next actions: waiting (open, or snoozed until today) by default; `status` picks one
    status or `all`. Ranked by urgency x impact."""
    if filters.status not in _STATUSES:
        raise DomainError(ErrorCode.INVALID, field="status")
    return list(selectors.next_action_list(user=request.user, status=filters.status)[:500])


@router.get("/actions/report", response={200: ReportOut, 422: ErrorsOut})
def next_actions_report(request: HttpRequest, days: int = 30, team: bool = False) -> ReportOut:
    """How many of my (or, for a manager with `team`, my team's) actions were acted on."""
    days = max(1, min(days, 365))
    return _report(selectors.next_action_report(user=request.user, days=days, team=team))


@router.post("/actions/{pk}/done", response={200: ActionOut, 404: ErrorsOut, 422: ErrorsOut})
def finish_next_action(request: HttpRequest, pk: int) -> NextAction:
    return services.next_action_done(action=_get(request, pk), by=request.user)  # type: ignore[arg-type]


@router.post("/actions/{pk}/snooze", response={200: ActionOut, 404: ErrorsOut, 422: ErrorsOut})
def snooze_next_action(request: HttpRequest, pk: int, payload: SnoozeIn) -> NextAction:
    return services.next_action_snooze(
        action=_get(request, pk),
        by=request.user,  # type: ignore[arg-type]
        until=payload.until,
    )


@router.post("/actions/{pk}/dismiss", response={200: ActionOut, 404: ErrorsOut, 422: ErrorsOut})
def dismiss_next_action(request: HttpRequest, pk: int, payload: DismissIn) -> NextAction:
    return services.next_action_dismiss(
        action=_get(request, pk),
        by=request.user,  # type: ignore[arg-type]
        reason=payload.reason,
    )


@router.get("/today", response={200: TodayOut, 401: ErrorsOut})
def today(request: HttpRequest) -> TodayOut:
    """My Today: the ranked work list; a manager also gets the team's at-risk relationships,
    silent breaks and how many actions the team acted on."""
    work = selectors.today_for_user(user=request.user)
    return TodayOut(
        day=work.day,
        items=[
            TodayItemOut(
                category=item.category,
                title=item.title,
                reason=item.reason,
                url=item.url,
                urgency=item.urgency,
                impact=item.impact,
                score=item.score,
                due_on=item.due_on,
                action_id=item.action.pk if item.action else None,
                notification_id=item.notification.pk if item.notification else None,
            )
            for item in work.items
        ],
        team_risks=[
            TeamRiskOut(
                person_id=risk.person.pk,
                person=str(risk.person),
                reason=risk.reason,
                band=risk.band,
                band_label=risk.band_label,
            )
            for risk in work.team_risks
        ],
        team_silent_breaks=[promise.pk for promise in work.team_silent_breaks],
        team_acted=_report(work.acted) if work.acted else None,
    )
