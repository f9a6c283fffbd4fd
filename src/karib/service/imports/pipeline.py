"""The conversation import: upload → (speaker mapping) → analysis → rows, one file whole or
not at all, small uploads in the request and large ones in the background with progress.

What the import skipped or rejected is stored as reason codes with their values
(`reasons.import_reason` words them for the reader).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib import tone
from karib.core import access
from karib.core.access import Action
from karib.core.audit import audit_record, snapshot
from karib.core.errors import DomainError, ErrorCode, ErrorItem
from karib.core.models import AuditEvent, Team

from .. import reasons
from ..analysis import (
    analysis_rows,
    content_hash,
    engine_analyze,
    reanalysis_ensure,
    transcript_from_engine,
    transcript_plain_text,
)
from ..models import (
    Analysis,
    CancellationPlaybook,
    Channel,
    Conversation,
    Finding,
    ImportBatch,
    ImportFile,
    Product,
)
from ..playbook import playbook_for_team, settings_for_team
from .metadata import json_metadata, parse_datetime
from .redaction import redact_conversation
from .speakers import Directory, speakers_of

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
#: A run that shows no progress for this long is taken as stopped (crashed worker, restart).
IMPORT_STALE_AFTER = datetime.timedelta(minutes=10)

_RUNNING = (ImportFile.Status.PENDING, ImportFile.Status.RUNNING)


@dataclass(frozen=True)
class UploadedFile:
    name: str
    content: bytes


def import_upload_errors(files: Sequence[tuple[str, int]]) -> list[ErrorItem]:
    """What is wrong with an upload of (name, size) pairs: type, number, total size."""
    errors: list[ErrorItem] = []
    for name, _size in files:
        if not name.lower().endswith(IMPORT_EXTENSIONS):
            errors.append(
                ErrorItem(
                    ErrorCode.INVALID,
                    field="files",
                    message=_("%(name)s: this file type cannot be imported; use %(types)s."),
                    params={"name": name, "types": ", ".join(IMPORT_EXTENSIONS)},
                )
            )
    if len(files) > MAX_IMPORT_FILES:
        errors.append(
            ErrorItem(
                ErrorCode.LIMIT_EXCEEDED,
                field="files",
                message=_("%(count)d files chosen; one import takes at most %(max)d."),
                params={"count": len(files), "max": MAX_IMPORT_FILES},
            )
        )
    total = sum(size for _name, size in files)
    if total > MAX_IMPORT_TOTAL_BYTES:
        errors.append(
            ErrorItem(
                ErrorCode.LIMIT_EXCEEDED,
                field="files",
                message=_("The files add up to %(size)d MB; one import takes at most %(max)d MB."),
                params={
                    "size": -(-total // (1024 * 1024)),
                    "max": MAX_IMPORT_TOTAL_BYTES // (1024 * 1024),
                },
            )
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
    access.require(user=by, action=Action.CREATE, obj=ImportBatch(team=team))
    if not files:
        raise DomainError(ErrorCode.REQUIRED, _("Choose at least one file."), field="files")
    errors = import_upload_errors([(f.name, len(f.content)) for f in files])
    if errors:
        raise DomainError.of(errors)
    if channel not in Channel.values:
        raise DomainError(ErrorCode.INVALID, field="channel")
    if product not in Product.values:
        raise DomainError(ErrorCode.INVALID, field="product")
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
        import_enqueue(batch.pk)
    batch.refresh_from_db()
    return batch


def progress_save(batch: ImportBatch, **fields: Any) -> None:
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
    progress_save(batch, status=ImportBatch.Status.RUNNING)
    waiting = batch.files.filter(status=ImportFile.Status.PENDING).order_by("pk")
    for import_file_pk in list(waiting.values_list("pk", flat=True)):
        if not _claim(import_file_pk):
            continue
        import_file = ImportFile.objects.get(pk=import_file_pk)
        try:
            _import_file(batch, import_file)
        except Exception:  # never leave a file "importing": reject it, log why, go on
            logger.exception("import of %s (batch %s) failed", import_file.name, batch.pk)
            _reject(batch, import_file, line=None, code=reasons.INTERNAL_ERROR)
        progress_save(
            batch,
            files_done=batch.files.exclude(status__in=_RUNNING).count(),
            current_file_total=0,
            current_file_analysed=0,
        )
    batch = _finish(batch)
    reanalysis_ensure()  # older analyses by a previous engine: redo them in the background
    return batch


def _finish(batch: ImportBatch) -> ImportBatch:
    files = list(batch.files.defer("content"))
    busy = any(f.status in _RUNNING for f in files)
    fields: dict[str, Any] = {
        "files_done": sum(1 for f in files if f.status not in _RUNNING),
        "imported_count": sum(f.imported_count for f in files),
        "duplicate_count": sum(f.duplicate_count for f in files),
        "failed_count": sum(1 for f in files if f.status == ImportFile.Status.REJECTED),
    }
    if busy:  # another run still imports a file of this batch: it will finish the batch
        progress_save(batch, **fields)
        return batch
    if any(f.status == ImportFile.Status.NEEDS_ROLES for f in files):
        status = ImportBatch.Status.NEEDS_ROLES
    elif files and all(f.status == ImportFile.Status.REJECTED for f in files):
        status = ImportBatch.Status.FAILED
    else:
        status = ImportBatch.Status.DONE
    progress_save(batch, status=status, finished_at=timezone.now(), **fields)
    return batch


def report_entry(
    *,
    file: str,
    code: str,
    line: int | None = None,
    conversation_id: str = "",
    params: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One entry of an import's report: where, and why as a code with values."""
    return {
        "file": file,
        "line": line,
        "conversation_id": conversation_id,
        "code": code,
        "params": params or {},
    }


def report_append(batch: ImportBatch, entries: Iterable[dict[str, Any]]) -> None:
    """Append to the batch's report (locked read-modify-write: runs may overlap)."""
    entries = list(entries)
    if not entries:
        return
    with transaction.atomic():
        current = ImportBatch.objects.select_for_update().only("report").get(pk=batch.pk).report
        batch.report = [*current, *entries]
        ImportBatch.objects.filter(pk=batch.pk).update(report=batch.report)


def _reject(
    batch: ImportBatch,
    import_file: ImportFile,
    *,
    line: int | None,
    code: str,
    params: dict[str, Any] | None = None,
) -> None:
    params = {"file": import_file.name, **(params or {})}
    ImportFile.objects.filter(pk=import_file.pk).update(
        status=ImportFile.Status.REJECTED, error_code=code, error_params=params, content=b""
    )
    import_file.status = ImportFile.Status.REJECTED
    report_append(batch, [report_entry(file=import_file.name, line=line, code=code, params=params)])


def _import_file(batch: ImportBatch, import_file: ImportFile) -> None:
    """Import one file whole or not at all; record why when not."""
    content = bytes(import_file.content)
    try:
        parsed = tone.parse(content, name=import_file.name, agent=import_file.agent_speaker or None)
    except tone.RoleError as error:
        speakers = speakers_of(error)
        ImportFile.objects.filter(pk=import_file.pk).update(
            status=ImportFile.Status.NEEDS_ROLES,
            speakers=speakers,
            error_code=reasons.NEEDS_ROLES,
            error_params={"speakers": speakers},
        )
        import_file.status = ImportFile.Status.NEEDS_ROLES
        return
    except tone.ToneInputError as error:
        code, params = reasons.engine_error_reason(error)
        _reject(batch, import_file, line=error.line, code=code, params=params)
        return
    metadata = json_metadata(import_file.name, content)
    directory = Directory.for_batch(batch)
    playbook = playbook_for_team(batch.team)
    redact = settings_for_team(batch.team_id).redact_on_import
    progress_save(batch, current_file_total=len(parsed), current_file_analysed=0)

    # Analyse first (the slow part, outside any transaction so progress is visible) ...
    items: list[tuple[tone.Conversation, list[str]]] = [
        redact_conversation(item) if redact else (item, []) for item in parsed
    ]
    hashes = {
        item.conversation_id: content_hash(transcript_from_engine(item)) for item, _k in items
    }
    existing = _existing_hashes(batch.team, list(hashes.values()))
    seen: set[str] = set()
    prepared: list[tuple[Conversation, tone.Analysis]] = []
    duplicates: list[dict[str, Any]] = []
    for number, (item, kinds) in enumerate(items, start=1):
        digest = hashes[item.conversation_id]
        if digest in existing or digest in seen:
            line = getattr(item.turns[0], "line", None) if item.turns else None
            duplicates.append(_duplicate_entry(import_file, item.conversation_id, line))
            continue
        seen.add(digest)
        conversation = _conversation_row(batch, item, digest, directory, metadata)
        conversation.redacted_kinds = kinds
        prepared.append((conversation, engine_analyze(item)))
        if number % PROGRESS_EVERY == 0:
            progress_save(batch, current_file_analysed=number)

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
                error_code="",
                error_params={},
            )
    except Exception:  # any database error rejects the whole file, nothing stays
        logger.exception("storing %s (batch %s) failed", import_file.name, batch.pk)
        _reject(batch, import_file, line=None, code=reasons.INTERNAL_ERROR)
        return
    import_file.status = ImportFile.Status.IMPORTED
    unmatched = sorted({c.agent_name for c, _a in prepared if c.agent_id is None and c.agent_name})
    notes = [
        report_entry(
            file=import_file.name,
            code=(
                reasons.AGENT_AMBIGUOUS
                if directory.agent_for(name).ambiguous
                else reasons.AGENT_UNMATCHED
            ),
            params={"name": name},
        )
        for name in unmatched
    ]
    report_append(batch, [*duplicates, *notes])


def _duplicate_entry(
    import_file: ImportFile, conversation_id: str, line: int | None
) -> dict[str, Any]:
    return report_entry(
        file=import_file.name,
        line=line,
        conversation_id=conversation_id,
        code=reasons.DUPLICATE,
    )


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
    directory: Directory,
    metadata: dict[str, dict[str, Any]],
) -> Conversation:
    extra = metadata.get(item.conversation_id, {})
    agent_name = next((t.speaker for t in item.turns if t.role == "agent"), "")
    customer_name = next((t.speaker for t in item.turns if t.role == "customer"), "")
    if isinstance(extra.get("agent"), str):
        agent_name = extra["agent"]
    started_at = parse_datetime(extra.get("started_at")) or next(
        (p for p in (parse_datetime(t.ts) for t in item.turns) if p is not None),
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
            rows = analysis_rows(conversation, result, playbook)
            analyses.append(rows.analysis)
            findings.extend(rows.findings)
        Analysis.objects.bulk_create(analyses)
        Finding.objects.bulk_create(findings)


def require_change(by: User, batch: ImportBatch) -> None:
    access.require(user=by, action=Action.CHANGE, obj=batch)


@transaction.atomic
def import_file_map_roles(*, import_file: ImportFile, agent_speaker: str, by: User) -> ImportBatch:
    """Say which speaker is the agent; the file is imported again by the background task
    (after commit, never inside the request). The name is taken exactly as the file writes
    it (invisible marks and all)."""
    batch = ImportBatch.objects.select_for_update().get(pk=import_file.batch_id)
    require_change(by, batch)
    if batch.status != ImportBatch.Status.NEEDS_ROLES:
        raise DomainError(
            ErrorCode.CONFLICT,
            _("This import is still running; map the speakers when it ends."),
            field="agent_speaker",
        )
    if agent_speaker not in import_file.speakers:
        raise DomainError(
            ErrorCode.INVALID,
            _("Choose one of the speakers found in the file."),
            field="agent_speaker",
        )
    moved = ImportFile.objects.filter(
        pk=import_file.pk, status=ImportFile.Status.NEEDS_ROLES
    ).update(agent_speaker=agent_speaker, status=ImportFile.Status.PENDING)
    if moved != 1:
        raise DomainError(
            ErrorCode.CONFLICT,
            _("This file does not need its speakers mapped."),
            field="agent_speaker",
        )
    progress_save(batch, status=ImportBatch.Status.PENDING, finished_at=None)
    audit_record(
        actor=by,
        action=AuditEvent.Action.ACTION,
        instance=batch,
        summary=f"speakers mapped: {agent_speaker} is the agent in {import_file.name}"[:255],
    )
    import_enqueue(batch.pk)
    return batch


def import_enqueue(batch_id: int) -> None:
    from ..tasks import import_batch_task

    transaction.on_commit(lambda: import_batch_task.enqueue(batch_id))
