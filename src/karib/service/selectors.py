"""Reads of conversation QA, each scoped to the user who asks (same 404 for missing/forbidden)."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from karib.core.filtering import apply_filters
from karib.core.models import Team
from karib.core.roles import Role, is_admin
from karib.core.types import AnyUser

from . import findings as finding_rules
from .filters import ConversationFilter
from .models import (
    CancellationPlaybook,
    Conversation,
    Dispute,
    Finding,
    ImportBatch,
    ImportFile,
    Reflection,
    Review,
    ServiceSettings,
    finding_label,
)
from .querysets import is_team_overseer, overseen_teams

FLAGGED = (
    Q(analysis__tone_shift=True)
    | Q(analysis__customer_cut_off=True)
    | Q(analysis__breaks_playbook=True)
)


def min_confidence(conversation: Conversation) -> float:
    """The threshold of the conversation's team (0 when the team has no settings); uses the
    team's settings when they were loaded with `select_related("team__service_settings")`."""
    try:
        settings = conversation.team.service_settings
    except ServiceSettings.DoesNotExist:
        return 0.0
    return float(settings.min_confidence)


def shown_findings(conversation: Conversation) -> list[Finding]:
    """The conversation's findings at or above its team's confidence threshold."""
    return finding_rules.visible(conversation.findings.all(), min_confidence(conversation))


#: The query data of `ConversationFilter` (filter name → value), e.g. `{"flagged": True}`.
ConversationFilters = dict


def conversation_list(
    *, user: AnyUser, filters: Mapping[str, Any] | None = None
) -> QuerySet[Conversation]:
    """Conversations `user` may see, riskiest first (the review queue's order), narrowed by
    `filters` (`ConversationFilter`); an invalid filter raises DomainError naming it."""
    return apply_filters(ConversationFilter, filters, conversations_visible(user=user), user=user)


def conversations_visible(*, user: AnyUser) -> QuerySet[Conversation]:
    """Every conversation `user` may see, riskiest first, with what the list shows of it."""
    return (
        Conversation.objects.visible_to(user)
        .select_related("analysis", "agent", "team__service_settings")
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.only("conversation", "code", "severity", "confidence"),
            )
        )
        .annotate(
            is_reviewed=Exists(Review.objects.filter(conversation=OuterRef("pk"))),
            has_open_dispute=Exists(
                Dispute.objects.filter(conversation=OuterRef("pk"), status=Dispute.Status.OPEN)
            ),
        )
        .defer("turns", "analysis__turns", "analysis__summary")
        .order_by("-analysis__risk", "analysis__score", "-started_at", "-pk")
    )


def conversation_get_for_user(*, user: AnyUser, pk: int) -> Conversation:
    return get_object_or_404(
        Conversation.objects.visible_to(user).select_related(
            "analysis", "agent__profile", "team__service_settings", "customer"
        ),
        pk=pk,
    )


def dispute_get_for_user(*, user: AnyUser, pk: int) -> Dispute:
    return get_object_or_404(
        Dispute.objects.filter(
            conversation__in=Conversation.objects.visible_to(user)
        ).select_related("conversation__team", "agent__profile"),
        pk=pk,
    )


def import_batch_list(*, user: AnyUser) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.visible_to(user).select_related("team", "created_by")


def import_batch_get_for_user(*, user: AnyUser, pk: int) -> ImportBatch:
    return get_object_or_404(import_batch_list(user=user), pk=pk)


def import_file_get_for_user(*, user: AnyUser, batch: ImportBatch, pk: int) -> ImportFile:
    return get_object_or_404(batch.files.defer("content"), pk=pk)


def teams_for_import(user: AnyUser) -> QuerySet[Team]:
    return overseen_teams(user)


def agents_visible_to(user: AnyUser) -> QuerySet[User]:
    """Service agents whose scorecards `user` may open."""
    agents = User.objects.filter(groups__name=Role.SERVICE_AGENT.value).order_by(
        "first_name", "username"
    )
    if is_admin(user):
        return agents
    if is_team_overseer(user):
        return agents.filter(Q(profile__team__in=overseen_teams(user)) | Q(pk=user.pk))
    return agents.filter(pk=user.pk or 0)


def agent_get_for_user(*, user: AnyUser, pk: int) -> User:
    return get_object_or_404(agents_visible_to(user).select_related("profile__team"), pk=pk)


def team_get_for_user(*, user: AnyUser, pk: int | None = None) -> Team:
    """A team whose scorecards `user` sees (the first one when `pk` is None)."""
    if pk is None:
        team = overseen_teams(user).order_by("name", "pk").first()
        if team is None:
            raise Http404
        return team
    return get_object_or_404(overseen_teams(user), pk=pk)


def playbook_for_user(user: AnyUser, team_pk: int | None = None) -> CancellationPlaybook | None:
    """The playbook of the chosen team (one the user oversees or belongs to, else Http404) or
    of the user's own team (a default one when the team has none yet); None when the user has
    no team and chose none."""
    own_team_id = getattr(getattr(user, "profile", None), "team_id", None)
    team_id = own_team_id
    if team_pk is not None and team_pk != own_team_id:
        if not overseen_teams(user).filter(pk=team_pk).exists():
            raise Http404
        team_id = team_pk
    if team_id is None:
        return None
    playbook = CancellationPlaybook.objects.select_related("team").filter(team_id=team_id).first()
    return playbook or CancellationPlaybook(team=Team.objects.get(pk=team_id))


def reviews_for(conversation: Conversation) -> QuerySet[Review]:
    """The conversation's reviews; the conversation's findings are loaded once (a prefetch on
    it) so that each review's `stale_verdicts` costs no query."""
    prefetch_related_objects([conversation], "findings")
    return conversation.reviews.select_related("reviewer")


def disputes_for(conversation: Conversation) -> QuerySet[Dispute]:
    return conversation.disputes.select_related("agent", "answered_by")


def reflections_for(conversation: Conversation) -> QuerySet[Reflection]:
    return conversation.reflections.select_related("author")


def self_evaluation_list(*, user: AnyUser) -> QuerySet[Conversation]:
    """The agent's own conversations, flagged ones first, then the lowest scores."""
    return (
        Conversation.objects.filter(agent__pk=user.pk or 0)
        .select_related("analysis")
        .defer("turns", "analysis__turns")
        .annotate(
            is_flagged=Case(
                When(FLAGGED, then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
            has_reflection=Exists(
                Reflection.objects.filter(conversation=OuterRef("pk"), author__pk=user.pk or 0)
            ),
        )
        .order_by("-is_flagged", "analysis__score", "-started_at")
    )


# --- scorecards ------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    days: int

    @classmethod
    def last(cls, days: int) -> Period:
        end = timezone.localdate()
        return cls(start=end - datetime.timedelta(days=days - 1), end=end, days=days)


@dataclass(frozen=True)
class FindingRate:
    code: str
    label: str
    count: int
    confirmed: int
    rate: float  # share of the conversations, 0..1


@dataclass(frozen=True)
class TrendPoint:
    start: datetime.date
    conversations: int
    average: float | None


@dataclass
class Scorecard:
    agent: User
    period: Period
    conversations: int = 0
    reviewed: int = 0
    average_score: float | None = None
    finding_rates: list[FindingRate] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    best: list[Conversation] = field(default_factory=list)
    worst: list[Conversation] = field(default_factory=list)
    flagged: int = 0


def effective_score(conversation: Conversation) -> int | None:
    """The reviewer's final QA score when there is one, else the engine's score."""
    scores = [r.qa_score for r in conversation.reviews.all() if r.qa_score is not None]
    if scores:
        return round(sum(scores) / len(scores))
    analysis = getattr(conversation, "analysis", None)
    return analysis.score if analysis is not None else None


def _counted_findings(conversation: Conversation) -> tuple[set[str], set[str]]:
    """(findings that count, findings a reviewer confirmed): a finding every reviewer
    disagreed with, or one below the team's confidence threshold, does not count against the
    agent. A verdict given on an earlier analysis whose finding now points at other turns
    (`Review.stale_verdicts_among`) neither confirms nor dismisses the finding as it is now."""
    verdicts: dict[str, list[str]] = defaultdict(list)
    current = list(conversation.findings.all())
    for review in conversation.reviews.all():
        stale = {item.code for item in review.stale_verdicts_among(current)}
        for code, verdict in review.verdicts.items():
            if code not in stale:
                verdicts[code].append(verdict)
    counted: set[str] = set()
    confirmed: set[str] = set()
    for finding in shown_findings(conversation):
        given = verdicts.get(finding.code, [])
        if "agree" in given:
            confirmed.add(finding.code)
        if not given or "agree" in given:
            counted.add(finding.code)
    return counted, confirmed


def _period_conversations(
    conversations: QuerySet[Conversation], period: Period
) -> list[Conversation]:
    return list(
        conversations.filter(started_at__date__gte=period.start, started_at__date__lte=period.end)
        .select_related("analysis", "agent", "team__service_settings")
        .prefetch_related("findings", "reviews")
        .defer("turns", "analysis__turns")
        .order_by("started_at", "pk")
    )


def _trend(items: list[tuple[Conversation, int | None]], period: Period) -> list[TrendPoint]:
    bucket_days = 7 if period.days > 31 else 1
    buckets: dict[int, list[int]] = defaultdict(list)
    counts: Counter[int] = Counter()
    for conversation, score in items:
        offset = (timezone.localtime(conversation.started_at).date() - period.start).days
        key = offset // bucket_days
        counts[key] += 1
        if score is not None:
            buckets[key].append(score)
    total = (period.days + bucket_days - 1) // bucket_days
    points = []
    for key in range(total):
        scores = buckets.get(key, [])
        points.append(
            TrendPoint(
                start=period.start + datetime.timedelta(days=key * bucket_days),
                conversations=counts[key],
                average=round(sum(scores) / len(scores), 1) if scores else None,
            )
        )
    return points


def scorecard_build(
    agent: User, conversations: Iterable[Conversation], period: Period
) -> Scorecard:
    items = [(c, effective_score(c)) for c in conversations]
    card = Scorecard(agent=agent, period=period, conversations=len(items))
    if not items:
        card.trend = _trend([], period)
        card.finding_rates = [
            FindingRate(code=code, label=finding_label(code), count=0, confirmed=0, rate=0.0)
            for code in finding_rules.finding_codes()
        ]
        return card
    scores = [s for _c, s in items if s is not None]
    card.average_score = round(sum(scores) / len(scores), 1) if scores else None
    card.reviewed = sum(1 for c, _s in items if c.reviews.all())
    card.flagged = sum(
        1 for c, _s in items if getattr(c, "analysis", None) is not None and c.analysis.is_flagged
    )
    counts: Counter[str] = Counter()
    confirmed_counts: Counter[str] = Counter()
    for conversation, _score in items:
        counted, confirmed = _counted_findings(conversation)
        counts.update(counted)
        confirmed_counts.update(confirmed)
    card.finding_rates = [
        FindingRate(
            code=code,
            label=finding_label(code),
            count=counts[code],
            confirmed=confirmed_counts[code],
            rate=counts[code] / len(items),
        )
        for code in finding_rules.finding_codes()
    ]
    ranked = sorted(
        ((c, s) for c, s in items if s is not None), key=lambda pair: (pair[1], pair[0].pk)
    )
    for conversation, score in ranked:
        conversation.effective_score = score  # type: ignore[attr-defined]
    card.worst = [c for c, _s in ranked[:3]]
    card.best = [c for c, _s in reversed(ranked[-3:])]
    card.trend = _trend(items, period)
    return card


def agent_scorecard(*, user: AnyUser, agent: User, period: Period) -> Scorecard:
    """The agent's scorecard, counting only conversations `user` may see."""
    visible = Conversation.objects.visible_to(user).filter(agent=agent)
    return scorecard_build(agent, _period_conversations(visible, period), period)


def team_scorecards(*, user: AnyUser, team: Team, period: Period) -> list[Scorecard]:
    """One scorecard per service agent of the team, for managers to compare."""
    agents = list(
        User.objects.filter(groups__name=Role.SERVICE_AGENT.value, profile__team=team).order_by(
            "first_name", "username"
        )
    )
    visible = Conversation.objects.visible_to(user).filter(team=team, agent__in=agents)
    by_agent: dict[int, list[Conversation]] = defaultdict(list)
    for conversation in _period_conversations(visible, period):
        if conversation.agent_id is not None:
            by_agent[conversation.agent_id].append(conversation)
    return [scorecard_build(agent, by_agent.get(agent.pk, []), period) for agent in agents]


# --- labelled data for the next engine version -------------------------------------------


@dataclass(frozen=True)
class VerdictRow:
    conversation_id: str
    finding_code: str
    verdict: str
    turn: int | None
    text: str
    #: The engine version whose finding the reviewer judged.
    engine_version: str = ""


def verdict_rows(*, user: AnyUser) -> Iterable[VerdictRow]:
    """Every reviewer verdict on a finding in conversations `user` may see, one row per turn
    the finding pointed at *when the reviewer gave the verdict* (`Review.verdict_basis`; the
    turn's text as stored, redacted on import), with that engine version. A re-analysis does
    not move a label to other turns: a verdict stays on the turns the reviewer saw, even when
    the current analysis points elsewhere or no longer finds it. A verdict whose evidence was
    never recorded (given before an analysis was redone, see migration 0006) is left out."""
    reviews = (
        Review.objects.filter(conversation__in=Conversation.objects.visible_to(user))
        .exclude(verdicts={})
        .select_related("conversation")
        .only(
            "conversation",
            "verdicts",
            "verdict_basis",
            "conversation__external_id",
            "conversation__turns",
        )
        .order_by("conversation_id", "pk")
    )
    for review in reviews.iterator(chunk_size=200):
        conversation = review.conversation
        texts = {int(t["index"]): str(t["text"]) for t in conversation.turns}
        for code, verdict in sorted(review.verdicts.items()):
            basis = review.verdict_basis.get(code)
            if basis is None:
                continue
            turns: list[int | None] = [int(turn) for turn in basis["turns"]] or [None]
            for turn in turns:
                yield VerdictRow(
                    conversation_id=conversation.external_id,
                    finding_code=code,
                    verdict=verdict,
                    turn=turn,
                    text=texts.get(turn, "") if turn is not None else "",
                    engine_version=str(basis.get("engine_version", "")),
                )
