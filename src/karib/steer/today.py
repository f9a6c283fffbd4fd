"""Today: one work list per user, ranked by urgency x impact.

Next best actions, my promises due or at risk this week, important dates within 14 days,
approvals waiting (Compliance), reviews and disputes waiting (QA), unread notifications; a
manager also sees the team's at-risk relationships, silent breaks, recovery plans and how many
actions the team acted on. Every section is one bounded query (a fixed number of queries
whatever the size of the data); nothing is written here.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from karib.core.models import Notification
from karib.core.notifications import day_text, in_sight
from karib.core.outbox import DigestLine
from karib.core.roles import Role, has_role, is_admin, is_compliance_or_admin
from karib.core.selectors import team_members
from karib.core.types import AnyUser
from karib.people.models import Person
from karib.promises.models import PENDING_STATUSES, Promise, PromiseStatus

from .generators.base import clamp, urgency_for_days
from .generators.people import blocked_people, upcoming_dates
from .models import NextAction, RecoveryPlan

ACTION_LIMIT = 30
#: the band of `karib.health` that marks a relationship at risk
AT_RISK_BAND = "at_risk"
SECTION_LIMIT = 20
NOTIFICATION_LIMIT = 30
WEEK = datetime.timedelta(days=7)


@dataclass
class TodayItem:
    category: str  # action, promise, date, approval, review, dispute, notification
    title: str
    reason: str
    url: str
    urgency: int
    impact: int
    due_on: datetime.date | None = None
    action: NextAction | None = None
    notification: Notification | None = None
    key: str = ""

    @property
    def score(self) -> int:
        return self.urgency * self.impact


@dataclass
class TeamRisk:
    person: Person
    reason: str
    #: the health band's code (`karib.health`: "healthy", "attention", "at_risk"), "" without
    #: a stored health; `band_label` is its name in the reader's language
    band: str = ""
    band_label: str = ""


@dataclass
class Today:
    day: datetime.date
    items: list[TodayItem]
    is_manager: bool = False
    team_risks: list[TeamRisk] = field(default_factory=list)
    team_silent_breaks: list[Promise] = field(default_factory=list)
    team_plans: list[RecoveryPlan] = field(default_factory=list)
    acted: Any = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.items or self.team_risks or self.team_silent_breaks or self.team_plans)


def _day(day: datetime.date) -> str:
    """A day as every page writes it, in the reader's language: "30 Aug 2024", "30 Agu 2024"
    (the one format notifications and the digest use too)."""
    return day_text(day)


def _action_items(user: AnyUser, today: datetime.date) -> list[TodayItem]:
    actions = (
        NextAction.objects.mine(user)
        .in_sight(user)
        .waiting(today)
        .select_related("person", "organization")
        .order_by("-score", "due_on", "pk")[:ACTION_LIMIT]
    )
    items = []
    for action in actions:
        title = f"{action.kind_label}: {action.subject}" if action.subject else action.kind_label
        items.append(
            TodayItem(
                category="action",
                title=title,
                reason=action.reason,
                url=action.url,
                urgency=action.urgency,
                impact=action.impact,
                due_on=action.due_on,
                action=action,
                key=f"action-{action.pk}",
            )
        )
    return items


def _promise_items(user: AnyUser, today: datetime.date, skip: set[int]) -> list[TodayItem]:

    promises = (
        Promise.objects.visible_to(user)
        .filter(Q(made_by=user) | Q(communication_owner=user))
        .filter(status__in=PENDING_STATUSES)
        .filter(Q(due_date__lte=today + WEEK) | Q(status=PromiseStatus.AT_RISK))
        .exclude(pk__in=skip)
        .select_related("organization")
        .order_by("due_date", "pk")[:SECTION_LIMIT]
    )
    items = []
    for promise in promises:
        days = (promise.due_date - today).days if promise.due_date else 7
        if promise.due_date and days < 0:
            reason = _("Overdue since %(day)s.") % {"day": _day(promise.due_date)}
        elif promise.status == PromiseStatus.AT_RISK:
            reason = _("At risk.")
        else:
            due = promise.due_date
            reason = _("Due %(day)s.") % {"day": _day(due) if due else ""}
        items.append(
            TodayItem(
                category="promise",
                title=f"{promise.text[:90]} · {promise.organization}",
                reason=reason,
                url=reverse("promises:detail", args=[promise.pk]),
                urgency=urgency_for_days(days),
                impact=3,
                due_on=promise.due_date,
                key=f"promise-{promise.pk}",
            )
        )
    return items


def _date_items(
    user: AnyUser, today: datetime.date, skip: set[tuple[int | None, datetime.date | None]]
) -> list[TodayItem]:
    items = []
    for important_date, falls, _owner in upcoming_dates(today, {user.pk or 0}):
        person = important_date.person
        if (person.pk, falls) in skip:
            continue
        days = (falls - today).days
        items.append(
            TodayItem(
                category="date",
                title=f"{important_date} · {person}",
                reason=_("On %(day)s, in %(days)s days.") % {"day": _day(falls), "days": days},
                url=reverse("people:person-detail", args=[person.pk]),
                urgency=urgency_for_days(days),
                impact=clamp(person.influence),
                due_on=falls,
                key=f"date-{important_date.pk}",
            )
        )
    return sorted(items, key=lambda item: item.due_on or today)[:SECTION_LIMIT]


def _approval_items(user: AnyUser, today: datetime.date) -> tuple[list[TodayItem], int]:
    if not is_compliance_or_admin(user):
        return [], 0
    from django.core.exceptions import PermissionDenied

    from karib.gifts.selectors import gift_approval_queue

    try:
        queue = gift_approval_queue(user=user)
    except PermissionDenied:  # the queue is Compliance's alone
        return [], 0
    gifts = list(queue.select_related("recipient", "giver")[:SECTION_LIMIT])
    items = [
        TodayItem(
            category="approval",
            title=_("Approve or reject: %(gift)s for %(recipient)s")
            % {"gift": gift.description[:80], "recipient": gift.recipient},
            reason=_("Proposed by %(giver)s on %(day)s.")
            % {
                "giver": gift.giver.get_full_name() or gift.giver.get_username(),
                "day": _day(gift.proposed_on),
            },
            url=reverse("gifts:detail", args=[gift.pk]),
            urgency=4 if (today - gift.proposed_on).days >= 2 else 3,
            impact=4,
            key=f"approval-{gift.pk}",
        )
        for gift in gifts
    ]
    return items, len(gifts)


def _qa_items(user: AnyUser, skip: set[int]) -> list[TodayItem]:
    if not (is_admin(user) or has_role(user, Role.QA_REVIEWER) or has_role(user, Role.MANAGER)):
        return []
    from karib.service.models import Conversation, Dispute, Review

    from .generators.service import flagged

    unreviewed = (
        Conversation.objects.visible_to(user)
        .filter(flagged())
        .exclude(Exists(Review.objects.filter(conversation=OuterRef("pk"))))
        .select_related("analysis", "agent")
        .defer("turns", "transcript_text", "analysis__turns", "analysis__summary")
        .order_by("-analysis__risk", "-started_at", "-pk")[:SECTION_LIMIT]
    )
    items = [
        TodayItem(
            category="review",
            title=_("Review the flagged conversation %(conversation)s")
            % {"conversation": conversation.external_id},
            reason=_("Agent %(agent)s, %(day)s, risk %(risk)s.")
            % {
                "agent": (conversation.agent.get_full_name() if conversation.agent else "")
                or conversation.agent_name,
                "day": _day(timezone.localtime(conversation.started_at)),
                "risk": conversation.analysis.risk,
            },
            url=reverse("service:conversation-detail", args=[conversation.pk]),
            urgency=3,
            impact=clamp(1 + conversation.analysis.risk // 25),
            key=f"review-{conversation.pk}",
        )
        for conversation in unreviewed
    ]
    disputes = (
        Dispute.objects.filter(
            status=Dispute.Status.OPEN,
            conversation__in=Conversation.objects.visible_to(user).values("pk"),
        )
        .exclude(conversation__in=skip)
        .select_related("conversation", "agent")
        .order_by("created_at")[:SECTION_LIMIT]
    )
    items += [
        TodayItem(
            category="dispute",
            title=_("Answer the dispute about %(conversation)s")
            % {"conversation": dispute.conversation.external_id},
            reason=dispute.reason[:200],
            url=reverse("service:conversation-detail", args=[dispute.conversation_id]),
            urgency=4,
            impact=3,
            key=f"dispute-{dispute.pk}",
        )
        for dispute in disputes
    ]
    return items


def _notification_items(user: AnyUser, today: datetime.date) -> list[TodayItem]:
    unread = Notification.objects.filter(user__pk=user.pk or 0, read_at__isnull=True)
    # whose subject the reader still sees (a former owner or envoy, a colleague moved to
    # another team): the rest stay stored, and show again if sight comes back
    notifications = in_sight(
        user, unread.order_by("due_on", "-created_at")[: NOTIFICATION_LIMIT * 2]
    )[:NOTIFICATION_LIMIT]
    return [
        TodayItem(
            category="notification",
            title=notification.display_title,
            reason=notification.display_body,
            url=notification.url,
            urgency=urgency_for_days((notification.due_on - today).days)
            if notification.due_on
            else 2,
            impact=2,
            due_on=notification.due_on,
            notification=notification,
            key=f"notification-{notification.pk}",
        )
        for notification in notifications
    ]


def _health() -> Any:
    """`karib.health`'s selectors, when that app is installed (None otherwise): Today reads
    the stored health (kept fresh by the recompute), never computes it."""
    if not apps.is_installed("karib.health"):
        return None
    try:
        return importlib.import_module("karib.health.selectors")
    except ImportError:
        return None


def _band_label(band: str) -> str:
    try:  # the band's words in the reader's language
        labels = importlib.import_module("karib.health.labels")
        return str(labels.band_label(band))
    except (ImportError, AttributeError):
        return band


def _team(user: AnyUser, today: datetime.date, result: Today) -> None:
    from .selectors import next_action_report

    members = team_members(user)
    at_risk = blocked_people()
    health = _health()
    if health is not None:  # the stored health band, when karib.health computes it
        at_risk |= Q(pk__in=health.at_risk_people(band=AT_RISK_BAND))
    people = list(
        Person.objects.filter(at_risk, owner__in=members)
        .select_related("owner", "organization")
        .order_by("-influence", "full_name")[:SECTION_LIMIT]
    )
    bands: dict[int, str] = {}
    if health is not None and people:
        stored = health.stored_health_for_user(user=user, person_ids=[p.pk for p in people])
        bands = {pk: row.band for pk, row in stored.items()}
    for person in people:
        if person.refuses_to_meet_owner:
            reason = _("Refuses to meet %(owner)s.") % {
                "owner": person.owner.get_full_name() or person.owner.get_username()
            }
        elif person.attitude in (Person.Attitude.SKEPTIC, Person.Attitude.BLOCKER):
            reason = _("%(attitude)s, influence %(influence)s/5.") % {
                "attitude": person.get_attitude_display(),
                "influence": person.influence,
            }
        else:
            reason = _("Relationship health at risk.")
        band = bands.get(person.pk, "")
        result.team_risks.append(
            TeamRisk(
                person=person,
                reason=reason,
                band=band,
                band_label=_band_label(band) if band else "",
            )
        )
    result.team_silent_breaks = list(
        Promise.objects.visible_to(user)  # a member's promise at an organization the manager
        .silent_breaks()  # does not see stays theirs (secprobe7, F1)
        .filter(made_by__in=members)
        .select_related("organization", "made_by")
        .order_by("-broken_at")[:SECTION_LIMIT]
    )
    from .selectors import recovery_plan_list

    result.team_plans = list(
        recovery_plan_list(user=user).filter(owner__in=members).order_by("-started_on")[:10]
    )
    result.acted = next_action_report(user=user, team=True, today=today)


def today_for_user(*, user: AnyUser, today: datetime.date | None = None) -> Today:
    today = today or timezone.localdate()
    actions = _action_items(user, today)
    action_promises = {
        item.action.promise_id for item in actions if item.action and item.action.promise_id
    }
    action_dates = {
        (item.action.person_id, item.action.due_on)
        for item in actions
        if item.action and item.action.kind == "important_date"
    }
    action_conversations = {
        item.action.conversation_id
        for item in actions
        if item.action
        and item.action.kind == "dispute_answer"
        and item.action.conversation_id is not None
    }
    approvals, approval_count = _approval_items(user, today)
    items = [
        *actions,
        *_promise_items(user, today, action_promises),
        *_date_items(user, today, action_dates),
        *approvals,
        *_qa_items(user, action_conversations),
        *_notification_items(user, today),
    ]
    items.sort(key=lambda item: (-item.score, item.due_on or datetime.date.max, item.key))
    result = Today(day=today, items=items)
    result.counts = _counts(items)
    result.counts["approvals"] = approval_count
    if has_role(user, Role.MANAGER):
        result.is_manager = True
        _team(user, today, result)
    return result


def _counts(items: list[TodayItem]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item.category] = counts.get(item.category, 0) + 1
    return counts


def digest_section(user: Any) -> list[DigestLine]:
    """The daily digest's lines: the top of Today (registered with core's outbox)."""
    today = today_for_user(user=user)
    lines = [
        DigestLine(
            text=f"{item.title} — {item.reason}" if item.reason else item.title, url=item.url
        )
        for item in today.items[:15]
    ]
    lines += [
        DigestLine(
            text=f"{risk.person} — {risk.reason}",
            url=reverse("people:person-detail", args=[risk.person.pk]),
        )
        for risk in today.team_risks[:5]
    ]
    return lines
