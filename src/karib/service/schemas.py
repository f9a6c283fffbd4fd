"""The shapes of the conversation API (django-ninja schemas) and how records fill them."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema

from . import presentation, selectors, services
from .models import Conversation, Dispute, Finding, ImportBatch, Review
from .selectors import Scorecard


class FindingOut(Schema):
    code: str
    label: str
    severity: str
    confidence: float
    turns: list[int]
    evidence: list[str]
    explanation: str

    @staticmethod
    def from_model(finding: Finding) -> dict[str, Any]:
        return {
            "code": finding.code,
            "label": finding.label,
            "severity": finding.severity,
            "confidence": finding.confidence,
            "turns": finding.turns,
            "evidence": finding.evidence,
            "explanation": finding.explanation,
        }


class ConversationOut(Schema):
    id: int
    conversation_id: str
    team: str
    agent: str | None
    agent_name: str
    channel: str
    product: str
    started_at: datetime.datetime
    score: int | None
    risk: int | None
    breaks_playbook: bool
    findings: list[str]

    @staticmethod
    def from_model(conversation: Conversation) -> dict[str, Any]:
        analysis = getattr(conversation, "analysis", None)
        return {
            "id": conversation.pk,
            "conversation_id": conversation.external_id,
            "team": conversation.team.name,
            "agent": conversation.agent.username if conversation.agent else None,
            "agent_name": conversation.agent_name,
            "channel": conversation.channel,
            "product": conversation.product,
            "started_at": conversation.started_at,
            "score": analysis.score if analysis else None,
            "risk": analysis.risk if analysis else None,
            "breaks_playbook": bool(analysis and analysis.breaks_playbook),
            "findings": [f.code for f in selectors.shown_findings(conversation)],
        }


class TurnOut(Schema):
    index: int
    speaker: str
    role: str
    text: str
    ts: str | None = None
    kind: str = "message"


class ReviewOut(Schema):
    reviewer: str
    verdicts: dict[str, str]
    #: per verdict, the finding's turns and the engine version the reviewer judged
    verdict_basis: dict[str, dict[str, Any]]
    #: verdicts given on evidence the current analysis no longer shows (moved or gone)
    stale_codes: list[str]
    comment: str
    qa_score: int | None

    @staticmethod
    def from_model(review: Review) -> dict[str, Any]:
        return {
            "reviewer": review.reviewer.username,
            "verdicts": review.verdicts,
            "verdict_basis": review.verdict_basis,
            "stale_codes": [stale.code for stale in review.stale_verdicts],
            "comment": review.comment,
            "qa_score": review.qa_score,
        }


class DisputeOut(Schema):
    id: int
    kind: str
    finding_code: str
    reason: str
    status: str
    outcome: str
    answer: str

    @staticmethod
    def from_model(dispute: Dispute) -> dict[str, Any]:
        return {
            "id": dispute.pk,
            "kind": dispute.kind,
            "finding_code": dispute.finding_code,
            "reason": dispute.reason,
            "status": dispute.status,
            "outcome": dispute.outcome,
            "answer": dispute.answer,
        }


class ConversationDetailOut(ConversationOut):
    engine_version: str | None
    summary: dict[str, Any]
    redacted_kinds: list[str]
    finding_details: list[FindingOut]
    turns: list[TurnOut]
    reviews: list[ReviewOut]
    disputes: list[DisputeOut]


class ImportFileOut(Schema):
    id: int
    name: str
    status: str
    speakers: list[str]
    error_code: str
    error: str
    imported_count: int
    duplicate_count: int


class ReportEntryOut(Schema):
    file: str
    line: int | None
    conversation_id: str
    code: str
    reason: str


class ImportBatchOut(Schema):
    id: int
    status: str
    percent: int
    is_stale: bool
    files_total: int
    files_done: int
    imported_count: int
    duplicate_count: int
    failed_count: int
    report: list[ReportEntryOut]
    files: list[ImportFileOut]

    @staticmethod
    def from_model(batch: ImportBatch) -> dict[str, Any]:
        return {
            "id": batch.pk,
            "status": batch.status,
            "percent": batch.percent,
            "is_stale": services.import_batch_is_stale(batch),
            "files_total": batch.files_total,
            "files_done": batch.files_done,
            "imported_count": batch.imported_count,
            "duplicate_count": batch.duplicate_count,
            "failed_count": batch.failed_count,
            "report": presentation.report_rows(batch),
            "files": [
                {
                    "id": f.pk,
                    "name": f.name,
                    "status": f.status,
                    "speakers": f.speakers,
                    "error_code": f.error_code,
                    "error": presentation.file_error(f),
                    "imported_count": f.imported_count,
                    "duplicate_count": f.duplicate_count,
                }
                for f in batch.files.defer("content")
            ],
        }


class FindingRateOut(Schema):
    code: str
    label: str
    count: int
    confirmed: int
    rate: float


class TrendPointOut(Schema):
    start: datetime.date
    conversations: int
    average: float | None


class ScorecardOut(Schema):
    agent_id: int
    agent: str
    name: str
    period_start: datetime.date
    period_end: datetime.date
    conversations: int
    reviewed: int
    flagged: int
    average_score: float | None
    finding_rates: list[FindingRateOut]
    trend: list[TrendPointOut]
    best: list[int]
    worst: list[int]

    @staticmethod
    def from_card(card: Scorecard) -> dict[str, Any]:
        return {
            "agent_id": card.agent.pk,
            "agent": card.agent.username,
            "name": card.agent.get_full_name() or card.agent.username,
            "period_start": card.period.start,
            "period_end": card.period.end,
            "conversations": card.conversations,
            "reviewed": card.reviewed,
            "flagged": card.flagged,
            "average_score": card.average_score,
            "finding_rates": [rate.__dict__ for rate in card.finding_rates],
            "trend": [point.__dict__ for point in card.trend],
            "best": [c.pk for c in card.best],
            "worst": [c.pk for c in card.worst],
        }


class TeamScorecardsOut(Schema):
    team_id: int
    team: str
    period_start: datetime.date
    period_end: datetime.date
    agents: list[ScorecardOut]


class ReviewIn(Schema):
    verdicts: dict[str, str] = {}
    comment: str = ""
    qa_score: int | None = None


class DisputeIn(Schema):
    kind: str
    reason: str = ""
    finding_code: str = ""


class AnswerIn(Schema):
    outcome: str
    note: str = ""


class RolesIn(Schema):
    agent_speaker: str


class QueuedOut(Schema):
    queued: bool
