"""Writes of conversation QA, and the Django adapter over the tone engine (`karib.tone`).

The engine is pure Python over frozen dataclasses; this module turns its results into rows,
applies the team's cancellation playbook and keeps every write audited.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from karib import tone
from karib.core.audit import audit_record, snapshot
from karib.core.models import AuditEvent, Team
from karib.core.roles import Role, has_role, is_admin
from karib.core.services import notification_send
from karib.people.models import Person

from .models import (
    Analysis,
    CancellationPlaybook,
    Channel,
    Conversation,
    Dispute,
    Finding,
    FindingCode,
    ImportBatch,
    ImportFile,
    Product,
    Reflection,
    Review,
)
from .querysets import is_team_overseer, overseen_teams

logger = logging.getLogger(__name__)

#: Uploads up to this many bytes in total are imported during the request; larger ones run
#: as a background task with a progress bar.
INLINE_IMPORT_MAX_BYTES = 256 * 1024
#: Upload limits of one import (browser and API): number of files, their total size, and the
#: file types the engine reads.
MAX_IMPORT_FILES = 20
MAX_IMPORT_TOTAL_BYTES = 50 * 1024 * 1024
IMPORT_EXTENSIONS = (".txt", ".json", ".jsonl", ".ndjson", ".csv")
#: How often (in conversations) a running import writes its progress.
PROGRESS_EVERY = 100
#: Rows per bulk insert.
BULK_SIZE = 500

# --- the tone engine adapter -------------------------------------------------------------


def transcript_from_engine(conversation: tone.Conversation) -> list[dict[str, Any]]:
    """The stored transcript: one JSON object per turn."""
    return [
        {
            "index": turn.index,
            "speaker": turn.speaker,
            "role": turn.role,
            "text": turn.text,
            "ts": turn.ts,
            "kind": turn.kind,
        }
        for turn in conversation.turns
    ]


def transcript_plain_text(transcript: Sequence[dict[str, Any]]) -> str:
    """The transcript as searchable plain text: one "speaker: words" line per turn."""
    return "\n".join(f"{turn['speaker']}: {turn['text']}" for turn in transcript)


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


def content_hash(transcript: Sequence[dict[str, Any]]) -> str:
    """A fingerprint of the transcript: the same conversation imported twice has the same one."""
    canonical = [
        [turn["speaker"], turn["role"], turn["text"], turn.get("ts"), turn.get("kind")]
        for turn in transcript
    ]
    data = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def playbook_for_team(team: Team) -> CancellationPlaybook:
    """The team's playbook; a default one (1 offer after refusal, closure required) if none."""
    playbook = CancellationPlaybook.objects.filter(team=team).first()
    return playbook if playbook is not None else CancellationPlaybook(team=team)


def playbook_breaches(summary: dict[str, Any], playbook: CancellationPlaybook) -> list[str]:
    """Why a conversation breaks the playbook (empty when it keeps to it)."""
    reasons: list[str] = []
    pushes = int(summary.get("pushes_after_refusal") or 0)
    if pushes > playbook.max_offers_after_refusal:
        reasons.append(
            _(
                "%(pushes)d retention offer(s) after a clear refusal; "
                "the playbook allows %(allowed)d."
            )
            % {"pushes": pushes, "allowed": playbook.max_offers_after_refusal}
        )
    if (
        playbook.requires_courteous_closure
        and summary.get("cancellation_request")
        and not summary.get("courteous_closure")
    ):
        reasons.append(_("The required courteous closure is missing."))
    return reasons


def risk_of(summary: dict[str, Any], *, breaks_playbook: bool) -> int:
    """How urgently a reviewer should look: tone shift, pushes, cut-off, then a low score."""
    risk = 0
    risk += 30 if summary.get("tone_shift") else 0
    risk += 20 * min(3, int(summary.get("pushes_after_refusal") or 0))
    risk += 30 if summary.get("customer_cut_off") else 0
    risk += 10 if breaks_playbook else 0
    risk += max(0, 100 - int(summary.get("score") or 0)) // 2
    return min(risk, 32767)


@dataclass(frozen=True)
class AnalysisRows:
    analysis: Analysis
    findings: list[Finding]


def _analysis_rows(
    conversation: Conversation, result: tone.Analysis, playbook: CancellationPlaybook
) -> AnalysisRows:
    data = result.to_dict()
    summary: dict[str, Any] = data["summary"]  # type: ignore[assignment]
    with translation.override(settings.LANGUAGE_CODE):  # stored text: the site's language
        breaches = playbook_breaches(summary, playbook)
    analysis = Analysis(
        conversation=conversation,
        engine_version=tone.ENGINE_VERSION,
        language=result.language,
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
            explanation=finding.explanation,
            position=position,
        )
        for position, finding in enumerate(result.findings)
    ]
    if breaches:
        turns = list(summary.get("retention_offers") or [])
        findings.append(
            Finding(
                conversation=conversation,
                code=FindingCode.PLAYBOOK_BREACH,
                severity=Finding.Severity.HIGH,
                turns=[
                    t
                    for t in turns
                    if summary.get("first_refusal_turn") is not None
                    and t > summary["first_refusal_turn"]
                ],
                evidence=[],
                explanation=" ".join(breaches),
                position=len(findings),
            )
        )
    return AnalysisRows(analysis=analysis, findings=findings)


def _analyse(conversation: Conversation) -> tone.Analysis:
    language = "en" if settings.LANGUAGE_CODE == "en" else "id"
    return tone.analyze(engine_conversation(conversation), lang=language)


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
    playbook = playbook_for_team(conversation.team)
    rows = _analysis_rows(conversation, _analyse(conversation), playbook)
    Analysis.objects.filter(conversation=conversation).delete()
    Finding.objects.filter(conversation=conversation).delete()
    rows.analysis.save()
    Finding.objects.bulk_create(rows.findings)
    return rows.analysis


def conversations_reanalyse_outdated(*, limit: int | None = None) -> int:
    """Re-analyse conversations analysed by another engine version (or never); returns count."""
    outdated = (
        Conversation.objects.filter(
            Q(analysis__isnull=True) | ~Q(analysis__engine_version=tone.ENGINE_VERSION)
        )
        .select_related("team")
        .order_by("pk")
    )
    count = 0
    for conversation in outdated.iterator(chunk_size=200):
        conversation_analyse(conversation=conversation)
        count += 1
        if limit is not None and count >= limit:
            break
    return count


def outdated_analysis_count() -> int:
    return Conversation.objects.filter(
        Q(analysis__isnull=True) | ~Q(analysis__engine_version=tone.ENGINE_VERSION)
    ).count()


def reanalysis_enqueue() -> None:
    """Start the background re-analysis (after the current transaction commits)."""
    from .tasks import reanalyse_outdated_task

    transaction.on_commit(lambda: reanalyse_outdated_task.enqueue())


#: How long after one automatic re-analysis is queued another may be (per cache).
REANALYSIS_DEBOUNCE_SECONDS = 15 * 60
_REANALYSIS_CACHE_KEY = "karib.service.reanalysis_enqueued"


def reanalysis_ensure() -> bool:
    """Queue the background re-analysis when some analysis is outdated (a newer engine was
    deployed). Called by every import and by the conversation list, so a deployment is picked
    up without anyone asking; at most once per `REANALYSIS_DEBOUNCE_SECONDS`. True if queued."""
    if not outdated_analysis_exists():
        return False
    if not cache.add(_REANALYSIS_CACHE_KEY, 1, timeout=REANALYSIS_DEBOUNCE_SECONDS):
        return False
    reanalysis_enqueue()
    return True


def outdated_analysis_exists() -> bool:
    return Conversation.objects.filter(
        Q(analysis__isnull=True) | ~Q(analysis__engine_version=tone.ENGINE_VERSION)
    ).exists()


# --- playbook --------------------------------------------------------------------------


@transaction.atomic
def playbook_update(
    *,
    team: Team,
    max_offers_after_refusal: int,
    requires_courteous_closure: bool,
    required_closure: str,
    guidance: str,
    by: User,
) -> CancellationPlaybook:
    if not can_edit_playbook(by, team):
        raise PermissionDenied
    playbook, created = CancellationPlaybook.objects.select_for_update().get_or_create(team=team)
    before = {} if created else snapshot(playbook)
    playbook.max_offers_after_refusal = max_offers_after_refusal
    playbook.requires_courteous_closure = requires_courteous_closure
    playbook.required_closure = required_closure.strip()
    playbook.guidance = guidance.strip()
    playbook.full_clean()
    playbook.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        instance=playbook,
        before=before,
        after=snapshot(playbook),
    )
    playbook_recheck(team=team, playbook=playbook)
    return playbook


def can_edit_playbook(user: User, team: Team) -> bool:
    """Managers of the team and admins; QA reviewers and agents only read the playbook."""
    if is_admin(user):
        return True
    return has_role(user, Role.MANAGER) and overseen_teams(user).filter(pk=team.pk).exists()


def playbook_recheck(*, team: Team, playbook: CancellationPlaybook) -> int:
    """Re-apply the playbook to the stored summaries of the team's conversations (no engine
    run): the flag, the risk and the playbook finding follow the new rules. Bulk writes, so
    the number of queries does not grow with the conversations. Returns changes."""
    analyses = list(
        Analysis.objects.filter(conversation__team=team).only(
            "pk", "conversation_id", "summary", "breaks_playbook", "risk"
        )
    )
    findings: list[Finding] = []
    changed: list[Analysis] = []
    with translation.override(settings.LANGUAGE_CODE):
        for analysis in analyses:
            breaches = playbook_breaches(analysis.summary, playbook)
            breaks = bool(breaches)
            if breaks:
                summary = analysis.summary
                first_refusal = summary.get("first_refusal_turn")
                findings.append(
                    Finding(
                        conversation_id=analysis.conversation_id,
                        code=FindingCode.PLAYBOOK_BREACH,
                        severity=Finding.Severity.HIGH,
                        turns=[
                            t
                            for t in summary.get("retention_offers") or []
                            if first_refusal is not None and t > first_refusal
                        ],
                        evidence=[],
                        explanation=" ".join(breaches),
                        position=99,
                    )
                )
            if breaks != analysis.breaks_playbook:
                analysis.breaks_playbook = breaks
                analysis.risk = risk_of(analysis.summary, breaks_playbook=breaks)
                changed.append(analysis)
    Finding.objects.filter(conversation__team=team, code=FindingCode.PLAYBOOK_BREACH).delete()
    Finding.objects.bulk_create(findings, batch_size=BULK_SIZE)
    Analysis.objects.bulk_update(changed, ["breaks_playbook", "risk"], batch_size=BULK_SIZE)
    return len(changed)


# --- import ----------------------------------------------------------------------------

_SPEAKERS_RE = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")
_JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def speakers_from_role_error(error: tone.RoleError) -> list[str]:
    """The speaker names a RoleError lists (the engine names them in its message)."""
    message = error.message
    _head, _sep, tail = message.partition("speakers")
    names = [a or b for a, b in _SPEAKERS_RE.findall(tail.split(";")[0])]
    return list(dict.fromkeys(name for name in names if name))


def can_import(user: User) -> bool:
    return is_admin(user) or is_team_overseer(user)


@dataclass(frozen=True)
class UploadedFile:
    name: str
    content: bytes


def import_upload_errors(files: Sequence[tuple[str, int]]) -> list[str]:
    """What is wrong with an upload of (name, size) pairs: type, number, total size."""
    errors: list[str] = []
    for name, _size in files:
        if not name.lower().endswith(IMPORT_EXTENSIONS):
            errors.append(
                _("%(name)s: this file type cannot be imported; use %(types)s.")
                % {"name": name, "types": ", ".join(IMPORT_EXTENSIONS)}
            )
    if len(files) > MAX_IMPORT_FILES:
        errors.append(
            _("%(count)d files chosen; one import takes at most %(max)d.")
            % {"count": len(files), "max": MAX_IMPORT_FILES}
        )
    total = sum(size for _name, size in files)
    if total > MAX_IMPORT_TOTAL_BYTES:
        errors.append(
            _("The files add up to %(size)d MB; one import takes at most %(max)d MB.")
            % {
                "size": -(-total // (1024 * 1024)),
                "max": MAX_IMPORT_TOTAL_BYTES // (1024 * 1024),
            }
        )
    return errors


@transaction.atomic
def import_batch_create(
    *,
    team: Team,
    channel: str,
    product: str,
    files: Sequence[UploadedFile],
    by: User,
) -> ImportBatch:
    """Store an upload; call `import_batch_start` afterwards to import it."""
    if not can_import(by) or not (is_admin(by) or team in overseen_teams(by)):
        raise PermissionDenied
    if not files:
        raise ValidationError({"files": _("Choose at least one file.")})
    errors = import_upload_errors([(f.name, len(f.content)) for f in files])
    if errors:
        raise ValidationError({"files": errors})
    batch = ImportBatch.objects.create(
        team=team,
        channel=channel,
        product=product,
        created_by=by,
        files_total=len(files),
        heartbeat_at=timezone.now(),
    )
    ImportFile.objects.bulk_create(
        ImportFile(batch=batch, name=f.name[:255], content=f.content, size=len(f.content))
        for f in files
    )
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=batch,
        after=snapshot(batch),
        summary=f"import of {len(files)} file(s)",
    )
    return batch


def import_batch_start(*, batch: ImportBatch) -> ImportBatch:
    """Import a small upload now; a large one is handed to the background task."""
    total = batch.files.aggregate(total=Sum("size"))["total"] or 0
    if total <= INLINE_IMPORT_MAX_BYTES:
        import_batch_run(batch_id=batch.pk)
    else:
        _enqueue_import(batch.pk)
    batch.refresh_from_db()
    return batch


def _save_progress(batch: ImportBatch, **fields: Any) -> None:
    fields.setdefault("heartbeat_at", timezone.now())
    for name, value in fields.items():
        setattr(batch, name, value)
    ImportBatch.objects.filter(pk=batch.pk).update(**fields)


def _claim(import_file_pk: int) -> bool:
    """Take a waiting file for this run; False when another run has taken it already."""
    return (
        ImportFile.objects.filter(pk=import_file_pk, status=ImportFile.Status.PENDING).update(
            status=ImportFile.Status.RUNNING
        )
        == 1
    )


def import_batch_run(*, batch_id: int) -> ImportBatch:
    """Import every waiting file of the batch, one transaction per file.

    Several runs of the same batch (a retried task, a second worker) may overlap: each file is
    claimed with a conditional update (waiting → importing), so only one run imports it."""
    batch = ImportBatch.objects.select_related("team", "created_by").get(pk=batch_id)
    _save_progress(batch, status=ImportBatch.Status.RUNNING)
    waiting = batch.files.filter(status=ImportFile.Status.PENDING).order_by("pk")
    for import_file_pk in list(waiting.values_list("pk", flat=True)):
        if not _claim(import_file_pk):
            continue
        import_file = ImportFile.objects.get(pk=import_file_pk)
        try:
            _import_file(batch, import_file)
        except Exception:  # never leave a file "importing": reject it, log why, go on
            logger.exception("import of %s (batch %s) failed", import_file.name, batch.pk)
            _reject(batch, import_file, line=None, reason=_internal_error(import_file.name))
        _save_progress(
            batch,
            files_done=batch.files.exclude(
                status__in=[ImportFile.Status.PENDING, ImportFile.Status.RUNNING]
            ).count(),
            current_file_total=0,
            current_file_analysed=0,
        )
    batch = _finish(batch)
    reanalysis_ensure()
    return batch


def _internal_error(name: str) -> str:
    """What the user reads when a file failed for a reason of ours (details go to the log)."""
    return _(
        "%(file)s could not be imported because of an internal error; nothing from it was "
        "stored and the error was logged. Try again or ask an administrator."
    ) % {"file": name}


def _finish(batch: ImportBatch) -> ImportBatch:
    files = list(batch.files.defer("content"))
    busy = any(f.status in {ImportFile.Status.PENDING, ImportFile.Status.RUNNING} for f in files)
    fields: dict[str, Any] = {
        "files_done": sum(
            1
            for f in files
            if f.status not in {ImportFile.Status.PENDING, ImportFile.Status.RUNNING}
        ),
        "imported_count": sum(f.imported_count for f in files),
        "duplicate_count": sum(f.duplicate_count for f in files),
        "failed_count": sum(1 for f in files if f.status == ImportFile.Status.REJECTED),
    }
    if busy:  # another run still imports a file of this batch: it will finish the batch
        _save_progress(batch, **fields)
        return batch
    if any(f.status == ImportFile.Status.NEEDS_ROLES for f in files):
        status = ImportBatch.Status.NEEDS_ROLES
    elif files and all(f.status == ImportFile.Status.REJECTED for f in files):
        status = ImportBatch.Status.FAILED
    else:
        status = ImportBatch.Status.DONE
    _save_progress(batch, status=status, finished_at=timezone.now(), **fields)
    return batch


def _report(batch: ImportBatch, entries: Iterable[dict[str, Any]]) -> None:
    """Append to the batch's report (locked read-modify-write: runs may overlap)."""
    entries = list(entries)
    if not entries:
        return
    with transaction.atomic():
        current = ImportBatch.objects.select_for_update().only("report").get(pk=batch.pk).report
        batch.report = [*current, *entries]
        ImportBatch.objects.filter(pk=batch.pk).update(report=batch.report)


#: A run that shows no progress for this long is taken as stopped (crashed worker, restart).
IMPORT_STALE_AFTER = datetime.timedelta(minutes=10)


def import_batch_check_stale(*, batch: ImportBatch) -> ImportBatch:
    """Mark a waiting or running import that made no progress for `IMPORT_STALE_AFTER` as
    failed, its unfinished files waiting again, so the progress bar stops and it can be
    retried (`import_batch_retry`)."""
    if batch.status not in {ImportBatch.Status.PENDING, ImportBatch.Status.RUNNING}:
        return batch
    last = batch.heartbeat_at or batch.created_at
    if last is None or timezone.now() - last < IMPORT_STALE_AFTER:
        return batch
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status not in {ImportBatch.Status.PENDING, ImportBatch.Status.RUNNING}:
            return locked
        batch.files.filter(status=ImportFile.Status.RUNNING).update(
            status=ImportFile.Status.PENDING
        )
        minutes = int(IMPORT_STALE_AFTER.total_seconds() // 60)
        _report(
            locked,
            [
                {
                    "file": "",
                    "line": None,
                    "conversation_id": "",
                    "reason": _(
                        "The import stopped: no progress for %(minutes)d minutes. "
                        "Files not yet imported can be retried."
                    )
                    % {"minutes": minutes},
                }
            ],
        )
        _save_progress(locked, status=ImportBatch.Status.FAILED, finished_at=timezone.now())
    logger.warning("import batch %s marked stale", batch.pk)
    return locked


def import_batch_can_retry(batch: ImportBatch) -> bool:
    return (
        batch.status == ImportBatch.Status.FAILED
        and batch.files.filter(status=ImportFile.Status.PENDING).exists()
    )


@transaction.atomic
def import_batch_retry(*, batch: ImportBatch, by: User) -> ImportBatch:
    """Import the files a stopped import left waiting, in the background."""
    if not (is_admin(by) or batch.team in overseen_teams(by)):
        raise PermissionDenied
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if not import_batch_can_retry(batch):
        raise ValidationError({"batch": _("This import has nothing left to retry.")})
    _save_progress(batch, status=ImportBatch.Status.PENDING, finished_at=None)
    audit_record(actor=by, action=AuditEvent.Action.ACTION, instance=batch, summary="retried")
    _enqueue_import(batch.pk)
    return batch


def _enqueue_import(batch_id: int) -> None:
    from .tasks import import_batch_task

    transaction.on_commit(lambda: import_batch_task.enqueue(batch_id))


#: Words that address or title a person and are ignored when a speaker is matched to an agent
#: ("CS Agus", "Pak Agus" and "Agus" are the same speaker).
AGENT_TITLE_WORDS = frozenset(
    {
        "cs",
        "agent",
        "agen",
        "petugas",
        "operator",
        "pak",
        "bu",
        "bapak",
        "ibu",
        "mas",
        "mbak",
        "kak",
        "mr",
        "mrs",
        "ms",
    }
)


def speaker_key(name: str) -> str:
    """A speaker's name for matching: case-folded, title words (`AGENT_TITLE_WORDS`) removed."""
    words = [w for w in name.casefold().split() if w.strip(".:") not in AGENT_TITLE_WORDS]
    return " ".join(words)


@dataclass(frozen=True)
class AgentMatch:
    agent_id: int | None
    ambiguous: bool = False


@dataclass
class _Directory:
    """Who is who for one import: agents by whole name or alias, customers by full name."""

    agents: dict[str, set[int]]
    customers: dict[str, int | None]

    @classmethod
    def for_batch(cls, batch: ImportBatch) -> _Directory:
        users = list(
            User.objects.filter(
                groups__name=Role.SERVICE_AGENT.value, is_active=True, profile__team=batch.team
            )
            .select_related("profile")
            .distinct()
        )
        agents: dict[str, set[int]] = {}
        for user in users:
            # a first name shared by two agents maps to both: ambiguous, assigned to nobody
            names = {
                user.username,
                user.get_full_name(),
                user.first_name,
                *user.profile.aliases.split(","),
            }
            for name in names:
                key = speaker_key(name)
                if key:
                    agents.setdefault(key, set()).add(user.pk)
        customers: dict[str, int | None] = {}
        if batch.created_by is not None:
            visible = Person.objects.visible_to(batch.created_by).values_list("pk", "full_name")
            for pk, full_name in visible:
                key = full_name.strip().casefold()
                customers[key] = None if key in customers else pk  # ambiguous → no link
        return cls(agents=agents, customers=customers)

    def agent_for(self, speaker: str) -> AgentMatch:
        """The agent whose whole name, unique first name or alias the speaker is; none when
        nobody or several agents carry that name (then `ambiguous`)."""
        candidates = self.agents.get(speaker_key(speaker), set())
        if len(candidates) == 1:
            return AgentMatch(next(iter(candidates)))
        return AgentMatch(None, ambiguous=len(candidates) > 1)

    def customer_for(self, speaker: str) -> int | None:
        return self.customers.get(speaker.strip().casefold())


def _parse_datetime(value: object) -> datetime.datetime | None:
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=_JAKARTA)
    return parsed


def _json_metadata(import_file: ImportFile, content: bytes) -> dict[str, dict[str, Any]]:
    """Per-conversation fields the engine ignores (channel, product, started_at, agent)."""
    name = import_file.name.lower()
    if not name.endswith((".json", ".jsonl", ".ndjson")):
        return {}
    try:
        text = content.decode("utf-8-sig")
        if name.endswith(".json"):
            data = json.loads(text)
            objects = data if isinstance(data, list) else [data]
        else:
            objects = [json.loads(line) for line in text.splitlines() if line.strip()]
    except ValueError:
        return {}
    metadata: dict[str, dict[str, Any]] = {}
    for obj in objects:
        if isinstance(obj, dict) and "conversation_id" in obj:
            metadata[str(obj["conversation_id"])] = obj
    return metadata


def _import_file(batch: ImportBatch, import_file: ImportFile) -> None:
    """Import one file whole or not at all; record why when not."""
    content = bytes(import_file.content)
    try:
        parsed = tone.parse(content, name=import_file.name, agent=import_file.agent_speaker or None)
    except tone.RoleError as error:
        speakers = speakers_from_role_error(error)
        message = _("Cannot tell the agent from the customer among the speakers: %s.") % ", ".join(
            speakers
        )
        ImportFile.objects.filter(pk=import_file.pk).update(
            status=ImportFile.Status.NEEDS_ROLES, speakers=speakers, error=message
        )
        import_file.status = ImportFile.Status.NEEDS_ROLES
        return
    except tone.ToneInputError as error:
        _reject(batch, import_file, line=error.line, reason=error.message)
        return
    metadata = _json_metadata(import_file, content)
    directory = _Directory.for_batch(batch)
    playbook = playbook_for_team(batch.team)
    _save_progress(batch, current_file_total=len(parsed), current_file_analysed=0)

    # Analyse first (the slow part, outside any transaction so progress is visible) ...
    seen: set[str] = set()
    prepared: list[tuple[Conversation, tone.Analysis]] = []
    duplicates: list[dict[str, Any]] = []
    hashes = {}
    for item in parsed:
        transcript = transcript_from_engine(item)
        hashes[item.conversation_id] = content_hash(transcript)
    existing = _existing_hashes(batch.team, list(hashes.values()))
    for number, item in enumerate(parsed, start=1):
        digest = hashes[item.conversation_id]
        if digest in existing or digest in seen:
            duplicates.append(
                _duplicate_entry(
                    import_file, item.conversation_id, item.turns[0].line if item.turns else None
                )
            )
            continue
        seen.add(digest)
        conversation = _conversation_row(batch, item, digest, directory, metadata)
        prepared.append((conversation, tone.analyze(item, lang=_engine_language())))
        if number % PROGRESS_EVERY == 0:
            _save_progress(batch, current_file_analysed=number)

    # ... then write everything in one transaction: the file is imported whole or not at all.
    # The team row is locked and the duplicates checked again inside it, so two imports of the
    # same conversations at once cannot both insert them (nor lose a file to the constraint).
    try:
        with transaction.atomic():
            Team.objects.select_for_update().filter(pk=batch.team_id).first()
            stored = _existing_hashes(batch.team, [c.content_hash for c, _a in prepared])
            if stored:
                duplicates.extend(
                    _duplicate_entry(import_file, c.external_id, None)
                    for c, _a in prepared
                    if c.content_hash in stored
                )
                prepared = [(c, a) for c, a in prepared if c.content_hash not in stored]
            _store(prepared, playbook)
            ImportFile.objects.filter(pk=import_file.pk).update(
                status=ImportFile.Status.IMPORTED,
                imported_count=len(prepared),
                duplicate_count=len(duplicates),
                content=b"",
                error="",
            )
    except Exception:  # any database error rejects the whole file, nothing stays
        logger.exception("storing %s (batch %s) failed", import_file.name, batch.pk)
        _reject(batch, import_file, line=None, reason=_internal_error(import_file.name))
        return
    import_file.status = ImportFile.Status.IMPORTED
    unmatched = sorted({c.agent_name for c, _a in prepared if c.agent_id is None and c.agent_name})
    notes = [
        {
            "file": import_file.name,
            "line": None,
            "conversation_id": "",
            "reason": (
                _(
                    "ambiguous agent name: “%(name)s” matches several service agents of the "
                    "team; not assigned"
                )
                if directory.agent_for(name).ambiguous
                else _("agent “%(name)s” matches no service agent of the team; not assigned")
            )
            % {"name": name},
        }
        for name in unmatched
    ]
    _report(batch, [*duplicates, *notes])


def _duplicate_entry(
    import_file: ImportFile, conversation_id: str, line: int | None
) -> dict[str, Any]:
    return {
        "file": import_file.name,
        "line": line,
        "conversation_id": conversation_id,
        "reason": _("duplicate: this conversation was imported before"),
    }


def _engine_language() -> str:
    return "en" if settings.LANGUAGE_CODE == "en" else "id"


def _existing_hashes(team: Team, hashes: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(hashes), BULK_SIZE):
        chunk = hashes[start : start + BULK_SIZE]
        found.update(
            Conversation.objects.filter(team=team, content_hash__in=chunk).values_list(
                "content_hash", flat=True
            )
        )
    return found


def _conversation_row(
    batch: ImportBatch,
    item: tone.Conversation,
    digest: str,
    directory: _Directory,
    metadata: dict[str, dict[str, Any]],
) -> Conversation:
    extra = metadata.get(item.conversation_id, {})
    agent_name = next((t.speaker for t in item.turns if t.role == "agent"), "")
    customer_name = next((t.speaker for t in item.turns if t.role == "customer"), "")
    if isinstance(extra.get("agent"), str):
        agent_name = extra["agent"]
    started_at = _parse_datetime(extra.get("started_at")) or next(
        (p for p in (_parse_datetime(t.ts) for t in item.turns) if p is not None),
        batch.created_at,
    )
    channel = str(extra["channel"]) if extra.get("channel") in Channel.values else batch.channel
    product = str(extra["product"]) if extra.get("product") in Product.values else batch.product
    transcript = transcript_from_engine(item)
    return Conversation(
        external_id=item.conversation_id[:200],
        content_hash=digest,
        team=batch.team,
        agent_id=directory.agent_for(agent_name).agent_id if agent_name else None,
        agent_name=agent_name[:120],
        customer_id=directory.customer_for(customer_name) if customer_name else None,
        customer_name=customer_name[:120],
        channel=channel,
        product=product,
        started_at=started_at,
        turns=transcript,
        transcript_text=transcript_plain_text(transcript),
        imported_by=batch.created_by,
        batch=batch,
    )


def _store(
    prepared: list[tuple[Conversation, tone.Analysis]], playbook: CancellationPlaybook
) -> None:
    for start in range(0, len(prepared), BULK_SIZE):
        chunk = prepared[start : start + BULK_SIZE]
        conversations = Conversation.objects.bulk_create([c for c, _a in chunk])
        analyses: list[Analysis] = []
        findings: list[Finding] = []
        for conversation, result in zip(conversations, (a for _c, a in chunk), strict=True):
            rows = _analysis_rows(conversation, result, playbook)
            analyses.append(rows.analysis)
            findings.extend(rows.findings)
        Analysis.objects.bulk_create(analyses)
        Finding.objects.bulk_create(findings)


def _reject(batch: ImportBatch, import_file: ImportFile, *, line: int | None, reason: str) -> None:
    ImportFile.objects.filter(pk=import_file.pk).update(
        status=ImportFile.Status.REJECTED, error=reason, content=b""
    )
    import_file.status = ImportFile.Status.REJECTED
    _report(
        batch,
        [{"file": import_file.name, "line": line, "conversation_id": "", "reason": reason}],
    )


@transaction.atomic
def import_file_map_roles(*, import_file: ImportFile, agent_speaker: str, by: User) -> ImportBatch:
    """Say which speaker is the agent; the file is imported again by the background task
    (after commit, never inside the request)."""
    batch = ImportBatch.objects.select_for_update().get(pk=import_file.batch_id)
    if not (is_admin(by) or batch.team in overseen_teams(by)):
        raise PermissionDenied
    if batch.status != ImportBatch.Status.NEEDS_ROLES:
        raise ValidationError(
            {"agent_speaker": _("This import is still running; map the speakers when it ends.")}
        )
    if agent_speaker not in import_file.speakers:
        raise ValidationError({"agent_speaker": _("Choose one of the speakers found in the file.")})
    moved = ImportFile.objects.filter(
        pk=import_file.pk, status=ImportFile.Status.NEEDS_ROLES
    ).update(agent_speaker=agent_speaker, status=ImportFile.Status.PENDING)
    if moved != 1:
        raise ValidationError({"agent_speaker": _("This file does not need its speakers mapped.")})
    _save_progress(batch, status=ImportBatch.Status.PENDING, finished_at=None)
    audit_record(
        actor=by,
        action=AuditEvent.Action.ACTION,
        instance=batch,
        summary=f"speakers mapped: {agent_speaker} is the agent in {import_file.name}"[:255],
    )
    _enqueue_import(batch.pk)
    return batch


# --- review, dispute, reflection, deletion ---------------------------------------------


def can_review(user: User, conversation: Conversation) -> bool:
    if conversation.agent_id == user.pk and not is_admin(user):
        return False
    return is_admin(user) or (
        is_team_overseer(user) and overseen_teams(user).filter(pk=conversation.team_id).exists()
    )


@transaction.atomic
def review_save(
    *,
    conversation: Conversation,
    verdicts: dict[str, str],
    comment: str,
    qa_score: int | None,
    by: User,
) -> Review:
    """Create or update `by`'s review of the conversation."""
    if not can_review(by, conversation):
        raise PermissionDenied
    codes = set(conversation.findings.values_list("code", flat=True))
    unknown = set(verdicts) - codes
    if unknown:
        raise ValidationError({"verdicts": _("Unknown finding: %s") % ", ".join(sorted(unknown))})
    if qa_score is not None and not 0 <= qa_score <= 100:
        raise ValidationError({"qa_score": _("The score is between 0 and 100.")})
    review, created = Review.objects.select_for_update().get_or_create(
        conversation=conversation, reviewer=by
    )
    before = {} if created else snapshot(review)
    review.verdicts = dict(verdicts)  # replaced: a verdict left out is withdrawn
    review.comment = comment.strip()
    review.qa_score = qa_score
    review.full_clean()
    review.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        instance=review,
        before=before,
        after=snapshot(review),
    )
    return review


@transaction.atomic
def dispute_open(
    *,
    conversation: Conversation,
    kind: str,
    reason: str,
    finding_code: str = "",
    by: User,
) -> Dispute:
    """The agent acknowledges the result or disputes it with a reason."""
    if conversation.agent_id != by.pk:
        raise PermissionDenied
    Conversation.objects.select_for_update().filter(pk=conversation.pk).first()  # one at a time
    if kind not in Dispute.Kind.values:
        raise ValidationError({"kind": _("Choose acknowledge or dispute.")})
    if finding_code and not conversation.findings.filter(code=finding_code).exists():
        raise ValidationError({"finding_code": _("This conversation has no such finding.")})
    is_dispute = kind == Dispute.Kind.DISPUTE
    if conversation.disputes.filter(status=Dispute.Status.OPEN).exists():
        raise ValidationError({"kind": _("Your dispute is still open; wait for the answer.")})
    dispute = Dispute(
        conversation=conversation,
        agent=by,
        kind=kind,
        finding_code=finding_code,
        reason=reason.strip(),
        status=Dispute.Status.OPEN if is_dispute else Dispute.Status.ANSWERED,
    )
    dispute.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            dispute.save()
    except IntegrityError as error:  # a concurrent dispute won: one open at a time
        raise ValidationError(
            {"kind": _("Your dispute is still open; wait for the answer.")}
        ) from error
    audit_record(
        actor=by, action=AuditEvent.Action.CREATE, instance=dispute, after=snapshot(dispute)
    )
    if is_dispute:
        reviewers = list(
            User.objects.filter(
                groups__name=Role.QA_REVIEWER.value, profile__team=conversation.team_id
            ).distinct()
        )
        url = reverse("service:conversation-detail", args=[conversation.pk])

        def notify() -> None:
            for reviewer in reviewers:
                notification_send(
                    user=reviewer,
                    kind="service.dispute",
                    title=_("%(agent)s disputes the QA result of %(conversation)s")
                    % {"agent": by.get_full_name() or by.username, "conversation": conversation},
                    dedupe_key=f"service.dispute.{dispute.pk}",
                    body=dispute.reason,
                    url=url,
                )

        transaction.on_commit(notify)
    return dispute


@transaction.atomic
def dispute_answer(*, dispute: Dispute, answer: str, by: User) -> Dispute:
    """A reviewer or manager answers an open dispute."""
    dispute = Dispute.objects.select_for_update().select_related("conversation").get(pk=dispute.pk)
    if not can_review(by, dispute.conversation):
        raise PermissionDenied
    if dispute.status != Dispute.Status.OPEN:
        raise ValidationError({"answer": _("This dispute has already been answered.")})
    if not answer.strip():
        raise ValidationError({"answer": _("Write an answer.")})
    before = snapshot(dispute)
    dispute.answer = answer.strip()
    dispute.answered_by = by
    dispute.answered_at = timezone.now()
    dispute.status = Dispute.Status.ANSWERED
    dispute.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=dispute,
        before=before,
        after=snapshot(dispute),
    )
    agent = dispute.agent
    conversation = dispute.conversation

    def notify() -> None:
        notification_send(
            user=agent,
            kind="service.dispute_answered",
            title=_("Your dispute about %(conversation)s was answered")
            % {"conversation": conversation},
            dedupe_key=f"service.dispute_answered.{dispute.pk}",
            body=dispute.answer,
            url=reverse("service:conversation-detail", args=[conversation.pk]),
        )

    transaction.on_commit(notify)
    return dispute


@transaction.atomic
def reflection_save(*, conversation: Conversation, text: str, by: User) -> Reflection:
    """The agent writes (or rewrites) a short self-evaluation of the conversation."""
    if conversation.agent_id != by.pk:
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a few words about this conversation.")})
    if len(text) > 4000:
        raise ValidationError({"text": _("Keep the reflection under 4000 characters.")})
    reflection, created = Reflection.objects.select_for_update().get_or_create(
        conversation=conversation, author=by, defaults={"text": text}
    )
    before = {} if created else snapshot(reflection)
    if not created:
        reflection.text = text
        reflection.save(update_fields=["text", "updated_at"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        instance=reflection,
        before=before,
        after=snapshot(reflection),
    )
    return reflection


@transaction.atomic
def conversation_delete(*, conversation: Conversation, by: User) -> None:
    """Delete a conversation and all QA about it; the deletion is audited."""
    if not can_review(by, conversation) and not is_admin(by):
        raise PermissionDenied
    before = snapshot(conversation, fields=["external_id", "team", "agent", "started_at"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.DELETE,
        instance=conversation,
        before=before,
        summary=f"conversation {conversation.external_id} deleted"[:255],
    )
    conversation.delete()
