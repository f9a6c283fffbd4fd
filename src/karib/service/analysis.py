"""The Django adapter over the tone engine (`karib.tone`), and re-analysis.

The engine is pure Python over frozen dataclasses; this module turns its results into rows
(an `Analysis` and its `Finding`s, the team's playbook applied) and keeps them current when a
newer engine is deployed. The re-analysis is queued by the write that finds it needed (an
import) or by the daily job, never by a page view; whether it is already queued is a row in
the database (`JobClaim`), so any number of web processes and workers agree.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from karib import tone

from .findings import confidence_of, explanation_params

# The transcript helpers live with the import's worker code (no Django there); re-exported.
from .imports.engine_work import ENGINE_LANGUAGE as ENGINE_LANGUAGE
from .imports.engine_work import content_hash as content_hash
from .imports.engine_work import engine_analyze as engine_analyze
from .imports.engine_work import transcript_from_engine as transcript_from_engine
from .imports.engine_work import transcript_plain_text as transcript_plain_text
from .models import Analysis, CancellationPlaybook, Conversation, Finding, JobClaim
from .playbook import breach_finding, playbook_breaches, playbook_for_team, risk_of

logger = logging.getLogger(__name__)


def engine_conversation(conversation: Conversation) -> tone.Conversation:
    """Rebuild the engine's conversation from the stored transcript."""
    turns = tuple(
        tone.Turn(
            index=int(turn["index"]),
            speaker=str(turn["speaker"]),
            role=turn["role"],
            text=str(turn["text"]),
            ts=turn.get("ts"),
            kind=turn.get("kind", "message"),
        )
        for turn in conversation.turns
    )
    return tone.Conversation(conversation_id=conversation.external_id, turns=turns)


@dataclass(frozen=True)
class AnalysisRows:
    analysis: Analysis
    findings: list[Finding]


def analysis_rows(
    conversation: Conversation, result: tone.Analysis, playbook: CancellationPlaybook
) -> AnalysisRows:
    """The rows of one engine result: the analysis, the engine's findings (codes and values)
    and the playbook breach when the summary breaks the team's playbook."""
    return _rows(conversation, result.to_dict(), result.findings, playbook)


def _rows(
    conversation: Conversation,
    data: dict[str, Any],
    engine_findings: Sequence[Any],
    playbook: CancellationPlaybook,
) -> AnalysisRows:
    summary: dict[str, Any] = data["summary"]
    breaches = playbook_breaches(summary, playbook)
    analysis = Analysis(
        conversation=conversation,
        engine_version=tone.ENGINE_VERSION,
        language=data["language"],
        summary=summary,
        turns=data["turns"],
        score=int(summary["score"]),
        risk=risk_of(summary, breaks_playbook=bool(breaches)),
        tone_shift=bool(summary["tone_shift"]),
        pushes_after_refusal=int(summary["pushes_after_refusal"]),
        customer_cut_off=bool(summary["customer_cut_off"]),
        breaks_playbook=bool(breaches),
    )
    findings = [
        Finding(
            conversation=conversation,
            code=finding.code,
            severity=finding.severity,
            turns=list(finding.turns),
            evidence=list(finding.evidence),
            params=explanation_params(finding, summary),
            confidence=confidence_of(finding),
            position=position,
        )
        for position, finding in enumerate(engine_findings)
    ]
    if breaches:
        findings.append(
            breach_finding(conversation_id=conversation.pk, summary=summary, breaches=breaches)
        )
    return AnalysisRows(analysis=analysis, findings=findings)


@transaction.atomic
def conversation_analyse(*, conversation: Conversation, force: bool = False) -> Analysis:
    """(Re-)analyse one conversation with the current engine and store the result.

    The conversation row is locked, so two runs at once take turns; the second finds the
    analysis current and keeps it (unless `force`)."""
    conversation = (
        Conversation.objects.select_for_update().select_related("team").get(pk=conversation.pk)
    )
    current = Analysis.objects.filter(
        conversation=conversation, engine_version=tone.ENGINE_VERSION
    ).first()
    if current is not None and not force:
        return current
    result = engine_analyze(engine_conversation(conversation))
    rows = analysis_rows(conversation, result, playbook_for_team(conversation.team))
    Analysis.objects.filter(conversation=conversation).delete()
    Finding.objects.filter(conversation=conversation).delete()
    rows.analysis.save()
    Finding.objects.bulk_create(rows.findings)
    return rows.analysis


def outdated_conversations() -> QuerySet[Conversation]:
    """Conversations analysed by another engine version, or never."""
    return Conversation.objects.filter(
        Q(analysis__isnull=True) | ~Q(analysis__engine_version=tone.ENGINE_VERSION)
    )


def outdated_analysis_count() -> int:
    return outdated_conversations().count()


def outdated_analysis_exists() -> bool:
    return outdated_conversations().exists()


@dataclass(frozen=True)
class ReanalysisResult:
    """What one re-analysis run did: conversations re-analysed, and the ones that failed
    (their pks; they stay outdated and are tried again by the next run)."""

    reanalysed: int
    failed_pks: tuple[int, ...] = ()

    @property
    def failed(self) -> int:
        return len(self.failed_pks)


def reanalysis_run(*, limit: int | None = None) -> ReanalysisResult:
    """Re-analyse conversations analysed by another engine version (or never), at most
    `limit` of them (re-analysed or failed). A conversation that fails (an engine that rejects
    its stored transcript, a broken row) is logged with its pk, counted and skipped: its own
    transaction is rolled back and the run goes on. The claim of the queued re-analysis is
    released however the run ends, so the next import or daily job may queue another."""
    reanalysed = 0
    failed: list[int] = []
    try:
        outdated = outdated_conversations().select_related("team").order_by("pk")
        for conversation in outdated.iterator(chunk_size=200):
            try:
                conversation_analyse(conversation=conversation)
            except Exception:
                logger.exception("re-analysis of conversation pk=%s failed", conversation.pk)
                failed.append(conversation.pk)
            else:
                reanalysed += 1
            if limit is not None and reanalysed + len(failed) >= limit:
                break
    finally:
        job_release(key=REANALYSIS_JOB)
    if failed:
        logger.warning(
            "re-analysis: %d conversation(s) re-analysed, %d failed (pks %s)",
            reanalysed,
            len(failed),
            ", ".join(str(pk) for pk in failed[:20]) + (" …" if len(failed) > 20 else ""),
        )
    return ReanalysisResult(reanalysed=reanalysed, failed_pks=tuple(failed))


def conversations_reanalyse_outdated(*, limit: int | None = None) -> int:
    """`reanalysis_run`, returning the number of conversations re-analysed (failures are
    logged; `reanalysis_run` reports them)."""
    return reanalysis_run(limit=limit).reanalysed


# --- queueing the re-analysis once -----------------------------------------------------

REANALYSIS_JOB = "service.reanalysis"
#: A queued re-analysis is not queued again for this long (it ends its claim when done).
REANALYSIS_DEBOUNCE = datetime.timedelta(minutes=15)
_NEVER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def job_claim(*, key: str, duration: datetime.timedelta) -> bool:
    """Claim the job `key` for `duration`; False when someone holds it already. One
    compare-and-set UPDATE on a row with a unique key: correct across processes on SQLite and
    PostgreSQL alike."""
    try:
        with transaction.atomic():
            JobClaim.objects.get_or_create(key=key, defaults={"claimed_until": _NEVER})
    except IntegrityError:  # another process created the row at the same moment
        pass
    now = timezone.now()
    taken = JobClaim.objects.filter(key=key, claimed_until__lte=now).update(
        claimed_until=now + duration
    )
    return taken == 1


def job_release(*, key: str) -> None:
    JobClaim.objects.filter(key=key).update(claimed_until=_NEVER)


def reanalysis_ensure() -> bool:
    """Queue the background re-analysis (after the current transaction commits) when some
    analysis is outdated and no re-analysis is queued yet. True if this call queued it."""
    if not outdated_analysis_exists():
        return False
    if not job_claim(key=REANALYSIS_JOB, duration=REANALYSIS_DEBOUNCE):
        return False
    from .tasks import reanalyse_outdated_task

    transaction.on_commit(lambda: reanalyse_outdated_task.enqueue())
    return True
