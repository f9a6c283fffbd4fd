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

from django.apps import apps
from django.conf import settings
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
from karib.tone.whatsapp import AmbiguousDateOrder

from .. import reasons
from ..analysis import reanalysis_ensure
from ..models import Channel, ImportBatch, ImportFile, Product
from ..playbook import playbook_for_team, settings_for_team
from . import rows
from .engine_work import AnalysisPool, Row, default_processes, prepare_chunks
from .redaction import redact_file_name
from .source import (
    count_conversations,
    local_path,
    read_work,
    unzipped,
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
IMPORT_EXTENSIONS = (
    ".txt",
    ".json",
    ".jsonl",
    ".ndjson",
    ".csv",
    ".zip",
)  # .zip: a WhatsApp export
#: How often (in conversations) a running import writes its progress.
PROGRESS_EVERY = 100
#: Conversations per chunk written in bulk (one statement a table, a few for conversations
#: on SQLite).
BULK_SIZE = 1000
#: Conversations (JSONL: lines) per chunk sent to an analysis worker.
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
    # a zipped WhatsApp export is imported as the chat inside it
    files = [UploadedFile(*unzipped(f.name, f.content)) for f in files]
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
    redact = settings_for_team(team.pk).redact_on_import
    ImportFile.objects.bulk_create(
        ImportFile(
            batch=batch,
            name=(redact_file_name(f.name) if redact else f.name)[:255],
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
                logger.exception("import of file %s (batch %s) failed", import_file.pk, batch.pk)
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
        status=ImportFile.Status.REJECTED,
        error_code=code,
        error_params=params,
        content=b"",
        speakers=[],
    )
    import_file.status = ImportFile.Status.REJECTED
    upload_delete(import_file)
    report_append(batch, [report_entry(file=import_file.name, line=line, code=code, params=params)])


def _import_file(
    batch: ImportBatch, import_file: ImportFile, pool: AnalysisPool | None = None
) -> None:
    """Import one file whole or not at all; record why when not.

    Two passes, each in constant memory whatever the file's size: the file is read as a
    stream, parsed and analysed chunk by chunk (in the worker pool when there is one) and the
    rows made ready are written to a spool file on disk, with progress visible; then, in one
    transaction, the spool is read back in chunks and bulk-inserted (`rows`)."""
    directory = Directory.for_batch(batch)
    with local_path(import_file) as path, tempfile.TemporaryFile(prefix="karib-spool-") as spool:
        try:
            _analyse_to_spool(batch, import_file, path, directory, pool, spool)
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
                stored = _store(batch, import_file, spool, _target(batch, directory))
                ImportFile.objects.filter(pk=import_file.pk).update(
                    status=ImportFile.Status.IMPORTED,
                    imported_count=stored.imported,
                    duplicate_count=len(stored.duplicates),
                    content=b"",
                    speakers=[],  # raw names, kept only while the mapping needed them
                    error_code="",
                    error_params={},
                )
        except Exception:  # any database error rejects the whole file, nothing stays
            logger.exception("storing file %s (batch %s) failed", import_file.pk, batch.pk)
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
    report_append(batch, [*stored.duplicates, *notes])


def _target(batch: ImportBatch, directory: Directory) -> rows.Target:
    return rows.Target(
        team_id=batch.team_id,
        batch_id=batch.pk,
        imported_by_id=batch.created_by_id,
        channel=batch.channel,
        product=batch.product,
        created_at=batch.created_at,
        directory=directory,
        playbook=playbook_for_team(batch.team),
    )


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
) -> int:
    """Pass 1: read, analyse and make the rows ready, one chunk at a time, into `spool` (each
    chunk's rows as the worker pickled them). A repeated conversation id is an input error,
    as the engine reads a file."""
    redact = settings_for_team(batch.team_id).redact_on_import
    work = read_work(
        path,
        name=import_file.name,
        agent=import_file.agent_speaker or None,
        date_order=import_file.date_order or "strict",
        known_agents=directory.agent_names,
        size=ANALYSIS_CHUNK,
    )
    progress_save(
        batch,
        current_file_total=count_conversations(path, import_file.name),
        current_file_analysed=0,
    )
    # the file's ids and lines: as much memory as the engine's own duplicate-id check
    first_lines: dict[str, int | None] = {}
    analysed = reported = 0
    prepared_chunks = prepare_chunks(
        work,
        file=import_file.name,
        agent=import_file.agent_speaker or None,
        redact=redact,
        pool=pool,
    )
    for prepared in prepared_chunks:
        for conversation_id, line in prepared.ids:
            if conversation_id in first_lines:
                raise _repeated_id(import_file.name, conversation_id, first_lines, line)
            first_lines[conversation_id] = line
        if prepared.error is not None:
            raise prepared.error
        pickle.dump(prepared.rows, spool, _PICKLE)
        analysed += len(prepared.ids)
        if analysed - reported >= PROGRESS_EVERY:
            reported = analysed
            progress_save(batch, current_file_analysed=analysed)
    return analysed


def _repeated_id(
    file: str, conversation_id: str, first_lines: dict[str, int | None], line: int | None
) -> tone.ToneInputError:
    """The engine's error for a conversation id met twice in one file."""
    where = first_lines[conversation_id]
    return tone.ToneInputError(
        f"duplicate conversation id {conversation_id!r}"
        + (f" (first seen on line {where})" if where is not None else "")
        + "; this one is skipped",
        file=file,
        line=line,
    )


@dataclass
class _Stored:
    imported: int = 0
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    unmatched_agents: set[str] = field(default_factory=set)


def _spooled(spool: IO[bytes]) -> Iterator[Row]:
    while True:
        try:
            # our own temporary file, written by this process (from its workers) a moment ago
            chunk = pickle.load(spool)  # noqa: S301
        except EOFError:
            return
        yield from pickle.loads(chunk)  # noqa: S301


def _store(
    batch: ImportBatch, import_file: ImportFile, spool: IO[bytes], target: rows.Target
) -> _Stored:
    """Pass 2 (inside the file's transaction): the spooled rows, in bulk, chunk by chunk. A
    conversation stored already is skipped as a duplicate: within a chunk by its hash, and
    against the database (before, by an import running at the same time, or earlier in this
    file) by the `(team, content_hash)` constraint, which the insert leaves to skip the row.
    The people linked as customers are marked for their relationship health to be
    recomputed, in one write."""
    outcome = _Stored()
    written = rows.Written()
    for chunk in _chunks(_spooled(spool), BULK_SIZE):
        seen: set[str] = set()
        fresh: list[Row] = []
        for row in chunk:
            if row[2] in seen:
                written.skipped.append(row)
                continue
            seen.add(row[2])
            fresh.append(row)
        rows.chunk_write(target, fresh, written)
        # reported in the file's order
        written.skipped.sort(key=lambda row: row[1] if row[1] is not None else -1)
        outcome.duplicates.extend(
            _duplicate_entry(import_file, row[0], row[1]) for row in written.skipped
        )
        written.skipped.clear()
    outcome.imported = written.imported
    outcome.unmatched_agents = written.unmatched_agents
    health_mark_dirty(written.customer_ids)
    return outcome


def health_mark_dirty(person_ids: set[int]) -> None:
    """Mark people's relationship health for recomputing (the health app's dirty markers, one
    write), as saving a conversation one by one does through the health app's signals; bulk
    inserts send no signals."""
    if person_ids and apps.is_installed("karib.health"):
        from karib.health.signals import mark_dirty

        mark_dirty(person_ids)


def _duplicate_entry(
    import_file: ImportFile, conversation_id: str, line: int | None
) -> dict[str, Any]:
    return report_entry(
        file=import_file.name,
        line=line,
        conversation_id=conversation_id[:200],
        code=reasons.DUPLICATE,
    )


def require_change(by: User, batch: ImportBatch) -> None:
    access.require(user=by, action=Action.CHANGE, obj=batch)


def import_enqueue(batch_id: int) -> None:
    from ..tasks import import_batch_task

    transaction.on_commit(lambda: import_batch_task.enqueue(batch_id))
