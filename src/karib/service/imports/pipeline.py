"""The conversation import: upload → (speaker mapping) → analysis → rows, one file whole or
not at all, small uploads in the request and large ones in the background with progress.

What the import skipped or rejected is stored as reason codes with their values
(`reasons.import_reason` words them for the reader).
"""

from __future__ import annotations

import datetime
import logging
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connections, router, transaction
from django.db.models import Model, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib import tone
from karib.core import access
from karib.core.access import Action
from karib.core.audit import audit_record, snapshot
from karib.core.errors import DomainError, ErrorCode, ErrorItem
from karib.core.models import AuditEvent, Team
from karib.tone.whatsapp import AmbiguousDateOrder

from .. import reasons
from ..analysis import analysis_rows_from_data, reanalysis_ensure
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
from .engine_work import Analysed, AnalysisPool, analyse_chunks, default_processes
from .metadata import parse_datetime
from .source import (
    Metadata,
    count_conversations,
    local_path,
    read_conversations,
    upload_delete,
    upload_save,
    upload_size,
)
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
#: Conversations per chunk sent to an analysis worker.
ANALYSIS_CHUNK = 100
#: Batches from this many bytes on are analysed by a pool of worker processes,
#: one per CPU (`settings.KARIB_IMPORT_PROCESSES` to choose); smaller ones in the process.
POOL_MIN_BYTES = 1024 * 1024
_PICKLE = pickle.HIGHEST_PROTOCOL
T = TypeVar("T")
#: A run that shows no progress for this long is taken as stopped (crashed worker, restart).
IMPORT_STALE_AFTER = datetime.timedelta(minutes=10)

_RUNNING = (ImportFile.Status.PENDING, ImportFile.Status.RUNNING)
#: A file waiting for the importer's answer in the mapping step (speakers, date order).
_WAITING = (ImportFile.Status.NEEDS_ROLES, ImportFile.Status.NEEDS_DATE_ORDER)


@dataclass(frozen=True)
class UploadedFile:
    """An uploaded file: its bytes, or a readable binary file (Django's upload, copied to
    the file storage in chunks)."""

    name: str
    content: bytes | IO[bytes]


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
    errors = import_upload_errors([(f.name, upload_size(f.content)) for f in files])
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
        ImportFile(
            batch=batch,
            name=f.name[:255],
            upload=upload_save(f.name, f.content),
            size=upload_size(f.content),
        )
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
    pool = _pool_for(waiting.aggregate(total=Sum("size"))["total"] or 0)
    try:
        for import_file_pk in list(waiting.values_list("pk", flat=True)):
            if not _claim(import_file_pk):
                continue
            import_file = ImportFile.objects.defer("content").get(pk=import_file_pk)
            try:
                _import_file(batch, import_file, pool)
            except Exception:  # never leave a file "importing": reject it, log why, go on
                logger.exception("import of %s (batch %s) failed", import_file.name, batch.pk)
                _reject(batch, import_file, line=None, code=reasons.INTERNAL_ERROR)
            progress_save(
                batch,
                files_done=batch.files.exclude(status__in=_RUNNING).count(),
                current_file_total=0,
                current_file_analysed=0,
            )
    finally:
        if pool is not None:
            pool.close()
    batch = _finish(batch)
    reanalysis_ensure()  # older analyses by a previous engine: redo them in the background
    return batch


def _pool_for(total_bytes: int) -> AnalysisPool | None:
    """Worker processes for the analysis (kept for the whole batch) when the files are large
    enough to repay starting them (a fraction of a second) and there is more than one CPU;
    None: analyse in this process."""
    processes = getattr(settings, "KARIB_IMPORT_PROCESSES", None) or default_processes()
    if total_bytes < POOL_MIN_BYTES or processes < 2:
        return None
    return AnalysisPool(processes)


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
    if any(f.status in _WAITING for f in files):
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
    upload_delete(import_file)
    report_append(batch, [report_entry(file=import_file.name, line=line, code=code, params=params)])


def _import_file(
    batch: ImportBatch, import_file: ImportFile, pool: AnalysisPool | None = None
) -> None:
    """Import one file whole or not at all; record why when not.

    Two passes, each in constant memory whatever the file's size: the file is read as a
    stream, analysed chunk by chunk (in the worker pool when there is one) and the rows made
    ready are written to a spool file on disk, with progress visible; then, in one
    transaction, the spool is read back in chunks and bulk-inserted."""
    directory = Directory.for_batch(batch)
    duplicates: list[dict[str, Any]] = []
    with local_path(import_file) as path, tempfile.TemporaryFile(prefix="karib-spool-") as spool:
        try:
            _analyse_to_spool(batch, import_file, path, directory, pool, spool, duplicates)
        except AmbiguousDateOrder as error:
            _wait(import_file, ImportFile.Status.NEEDS_DATE_ORDER, {"example": error.example})
            return
        except tone.RoleError as error:
            speakers = speakers_of(error)
            _wait(import_file, ImportFile.Status.NEEDS_ROLES, {"speakers": speakers}, speakers)
            return
        except tone.ToneInputError as error:
            code, params = reasons.engine_error_reason(error)
            _reject(batch, import_file, line=error.line, code=code, params=params)
            return
        spool.seek(0)
        # The team row is locked and the duplicates checked inside the transaction, so two
        # imports of the same conversations at once cannot both insert them (nor lose a file
        # to the constraint).
        try:
            with transaction.atomic():
                Team.objects.select_for_update().filter(pk=batch.team_id).first()
                stored = _store(batch, import_file, spool, playbook_for_team(batch.team))
                duplicates.extend(stored.duplicates)
                ImportFile.objects.filter(pk=import_file.pk).update(
                    status=ImportFile.Status.IMPORTED,
                    imported_count=stored.imported,
                    duplicate_count=len(duplicates),
                    content=b"",
                    error_code="",
                    error_params={},
                )
        except Exception:  # any database error rejects the whole file, nothing stays
            logger.exception("storing %s (batch %s) failed", import_file.name, batch.pk)
            _reject(batch, import_file, line=None, code=reasons.INTERNAL_ERROR)
            return
    upload_delete(import_file)
    import_file.status = ImportFile.Status.IMPORTED
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
        for name in sorted(stored.unmatched_agents)
    ]
    report_append(batch, [*duplicates, *notes])


def _wait(
    import_file: ImportFile,
    status: ImportFile.Status,
    params: dict[str, Any],
    speakers: list[str] | None = None,
) -> None:
    """The file waits for the importer's answer (who the agent is, how dates read)."""
    fields: dict[str, Any] = {"status": status, "error_params": params}
    waiting_for = {
        ImportFile.Status.NEEDS_ROLES: reasons.NEEDS_ROLES,
        ImportFile.Status.NEEDS_DATE_ORDER: reasons.NEEDS_DATE_ORDER,
    }
    fields["error_code"] = waiting_for.get(status, "")
    if speakers is not None:
        fields["speakers"] = speakers
    ImportFile.objects.filter(pk=import_file.pk).update(**fields)
    import_file.status = status


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _analyse_to_spool(
    batch: ImportBatch,
    import_file: ImportFile,
    path: Path,
    directory: Directory,
    pool: AnalysisPool | None,
    spool: IO[bytes],
    duplicates: list[dict[str, Any]],
) -> int:
    """Pass 1: read, analyse and make the rows ready, one chunk at a time, into `spool`;
    conversations stored before are added to `duplicates` instead."""
    redact = settings_for_team(batch.team_id).redact_on_import
    conversations = read_conversations(
        path,
        name=import_file.name,
        agent=import_file.agent_speaker or None,
        date_order=import_file.date_order or "strict",
        known_agents=directory.agent_names,
    )
    progress_save(
        batch,
        current_file_total=count_conversations(path, import_file.name),
        current_file_analysed=0,
    )
    metadata = Metadata(path, import_file.name)
    analysed = reported = 0
    try:
        chunks = _chunks(conversations, ANALYSIS_CHUNK)
        for results in analyse_chunks(chunks, redact=redact, pool=pool):
            # stored already: reported now and not spooled (checked again when storing)
            known = _existing_hashes(batch.team, [item.digest for item in results])
            for item in results:
                extra = metadata.next_for(item.conversation_id)
                if item.digest in known:
                    entry = _duplicate_entry(import_file, item.conversation_id, item.line)
                    duplicates.append(entry)
                    continue
                fields = _conversation_fields(batch, item, directory, extra)
                pickle.dump((fields, item.line, item.data), spool, _PICKLE)
            analysed += len(results)
            if analysed - reported >= PROGRESS_EVERY:
                reported = analysed
                progress_save(batch, current_file_analysed=analysed)
    finally:
        metadata.close()
    return analysed


@dataclass
class _Stored:
    imported: int = 0
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    unmatched_agents: set[str] = field(default_factory=set)


def _spooled(spool: IO[bytes]) -> Iterator[tuple[dict[str, Any], int | None, dict[str, Any]]]:
    while True:
        try:
            # our own temporary file, written by this process a moment ago
            yield pickle.load(spool)  # noqa: S301
        except EOFError:
            return


def _store(
    batch: ImportBatch, import_file: ImportFile, spool: IO[bytes], playbook: CancellationPlaybook
) -> _Stored:
    """Pass 2 (inside the file's transaction): the spooled rows, in bulk, chunk by chunk. A
    conversation stored already (before, or earlier in this file) is skipped as a duplicate:
    each chunk's hashes are checked against the database, which holds this file's earlier
    chunks too."""
    outcome = _Stored()
    for chunk in _chunks(_spooled(spool), BULK_SIZE):
        existing = _existing_hashes(batch.team, [fields["content_hash"] for fields, *_ in chunk])
        rows: list[tuple[Conversation, dict[str, Any]]] = []
        for fields, line, data in chunk:
            digest = fields["content_hash"]
            if digest in existing:
                outcome.duplicates.append(
                    _duplicate_entry(import_file, fields["external_id"], line)
                )
                continue
            existing.add(digest)
            rows.append((Conversation(**fields), data))
        conversations = Conversation.objects.bulk_create([c for c, _d in rows])
        analyses: list[Analysis] = []
        findings: list[Finding] = []
        for conversation, (_c, data) in zip(conversations, rows, strict=True):
            made = analysis_rows_from_data(conversation, data, playbook)
            analyses.append(made.analysis)
            findings.extend(made.findings)
            if conversation.agent_id is None and conversation.agent_name:
                outcome.unmatched_agents.add(conversation.agent_name)
        _insert_many(Analysis, analyses)
        _insert_many(Finding, findings)
        outcome.imported += len(conversations)
    return outcome


def _insert_many(model: type[Model], objects: Sequence[Model]) -> None:
    """Insert rows whose ids nobody needs back in one `executemany`, each value prepared by
    its field as `bulk_create` prepares it (`pre_save`, `get_db_prep_save`), without
    compiling the SQL anew for every row (most of `bulk_create`'s CPU in an import)."""
    if not objects:
        return
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    # table and column names come from the model, the values are parameters
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


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


def _conversation_fields(
    batch: ImportBatch, item: Analysed, directory: Directory, extra: dict[str, Any]
) -> dict[str, Any]:
    """The Conversation row's fields of one analysed conversation."""
    transcript = item.transcript
    agent_name = next((t["speaker"] for t in transcript if t["role"] == "agent"), "")
    customer_name = next((t["speaker"] for t in transcript if t["role"] == "customer"), "")
    if isinstance(extra.get("agent"), str):
        agent_name = extra["agent"]
    started_at = parse_datetime(extra.get("started_at")) or next(
        (p for p in (parse_datetime(t["ts"]) for t in transcript) if p is not None),
        batch.created_at,
    )
    channel = str(extra["channel"]) if extra.get("channel") in Channel.values else batch.channel
    product = str(extra["product"]) if extra.get("product") in Product.values else batch.product
    return {
        "external_id": item.conversation_id[:200],
        "content_hash": item.digest,
        "team_id": batch.team_id,
        "agent_id": directory.agent_for(agent_name).agent_id if agent_name else None,
        "agent_name": agent_name[:120],
        "customer_id": directory.customer_for(customer_name) if customer_name else None,
        "customer_name": customer_name[:120],
        "channel": channel,
        "product": product,
        "started_at": started_at,
        "turns": transcript,
        "transcript_text": item.transcript_text,
        "redacted_kinds": item.redacted_kinds,
        "imported_by_id": batch.created_by_id,
        "batch_id": batch.pk,
    }


def require_change(by: User, batch: ImportBatch) -> None:
    access.require(user=by, action=Action.CHANGE, obj=batch)


def import_enqueue(batch_id: int) -> None:
    from ..tasks import import_batch_task

    transaction.on_commit(lambda: import_batch_task.enqueue(batch_id))
