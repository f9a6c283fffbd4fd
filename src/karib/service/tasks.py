"""Background tasks of conversation QA (django-tasks); each calls one service."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def import_batch_task(batch_id: int) -> int:
    """Import a large upload; progress is stored on the batch for the progress bar."""
    batch = services.import_batch_run(batch_id=batch_id)
    return batch.imported_count


@task()
def reanalyse_outdated_task() -> int:
    """Re-analyse every conversation analysed by another engine version (daily, and queued
    by an import that finds outdated analyses)."""
    return services.conversations_reanalyse_outdated()


@task()
def import_batches_mark_stale_task() -> int:
    """Daily: record imports that stopped making progress as failed (they can be retried)."""
    return services.import_batches_mark_stale()
