"""Imports that stopped making progress (a crashed worker, a restart): shown as stopped by
the pages (read only), recorded as failed by the retry or the daily job, retried in the
background."""

from __future__ import annotations

import logging

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib.core.audit import audit_record
from karib.core.errors import DomainError, ErrorCode
from karib.core.models import AuditEvent

from .. import reasons
from ..models import ImportBatch, ImportFile
from .pipeline import (
    IMPORT_STALE_AFTER,
    import_enqueue,
    progress_save,
    report_append,
    report_entry,
    require_change,
)

logger = logging.getLogger(__name__)


# --- stopped imports -------------------------------------------------------------------


def import_batch_is_stale(batch: ImportBatch) -> bool:
    """Has this waiting or running import made no progress for `IMPORT_STALE_AFTER`? Read
    only: the progress page stops polling and offers a retry; the retry (or the daily job)
    records it."""
    if batch.status not in {ImportBatch.Status.PENDING, ImportBatch.Status.RUNNING}:
        return False
    last = batch.heartbeat_at or batch.created_at
    return last is not None and timezone.now() - last >= IMPORT_STALE_AFTER


def _mark_stale(batch: ImportBatch) -> ImportBatch:
    """Record a stopped import as failed, its unfinished files waiting again (locked)."""
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if not import_batch_is_stale(locked):
        return locked
    locked.files.filter(status=ImportFile.Status.RUNNING).update(status=ImportFile.Status.PENDING)
    minutes = int(IMPORT_STALE_AFTER.total_seconds() // 60)
    report_append(locked, [report_entry(file="", code=reasons.STALE, params={"minutes": minutes})])
    progress_save(locked, status=ImportBatch.Status.FAILED, finished_at=timezone.now())
    logger.warning("import batch %s marked stale", batch.pk)
    return locked


def import_batches_mark_stale() -> int:
    """The daily job: record every stopped import as failed. Returns how many."""
    cutoff = timezone.now() - IMPORT_STALE_AFTER
    candidates = ImportBatch.objects.filter(
        status__in=[ImportBatch.Status.PENDING, ImportBatch.Status.RUNNING],
        heartbeat_at__lte=cutoff,
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(candidates):
        with transaction.atomic():
            batch = _mark_stale(ImportBatch.objects.get(pk=pk))
        count += batch.status == ImportBatch.Status.FAILED
    return count


def import_batch_can_retry(batch: ImportBatch) -> bool:
    if import_batch_is_stale(batch):
        return True
    return (
        batch.status == ImportBatch.Status.FAILED
        and batch.files.filter(status=ImportFile.Status.PENDING).exists()
    )


@transaction.atomic
def import_batch_retry(*, batch: ImportBatch, by: User) -> ImportBatch:
    """Import the files a stopped import left waiting, in the background."""
    require_change(by, batch)
    batch = _mark_stale(batch)
    if not import_batch_can_retry(batch):
        raise DomainError(
            ErrorCode.CONFLICT, _("This import has nothing left to retry."), field="batch"
        )
    progress_save(batch, status=ImportBatch.Status.PENDING, finished_at=None)
    audit_record(actor=by, action=AuditEvent.Action.ACTION, instance=batch, summary="retried")
    import_enqueue(batch.pk)
    return batch
