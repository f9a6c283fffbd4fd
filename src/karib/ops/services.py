"""Retries with exponential backoff for the database task queue, then parking.

django-tasks-db already guarantees that two workers never run the same job: a worker claims a
job inside a transaction with `SELECT ... FOR UPDATE SKIP LOCKED` (an exclusive transaction on
SQLite) and marks it RUNNING before it lets go. What it lacks is a second try: this module
listens to `task_finished` and, for a FAILED job, enqueues the same call again after
`KARIB_TASK_RETRY_BASE_SECONDS * 2**(attempt-1)` seconds, up to `KARIB_TASK_MAX_ATTEMPTS`
attempts; then the job is parked and listed for admins (admin → Operations → Parked jobs).
Karib's tasks are idempotent (ADR 0004), so running one again is safe.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks.base import TaskResult
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from .models import TaskAttempt

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> timedelta:
    """The wait before attempt `attempt + 1`: base, twice the base, four times the base, ..."""
    return timedelta(seconds=settings.KARIB_TASK_RETRY_BASE_SECONDS * 2 ** (attempt - 1))


def task_retry_or_park(sender: Any, task_result: TaskResult[Any], **kwargs: Any) -> None:
    """`task_finished` receiver: retry a failed database-queue job later, or park it."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    if not isinstance(task_backends[task_result.backend], DatabaseBackend):
        return  # the immediate backend (tests) raises to the caller instead
    task_failure_handle(task_result=task_result)


@transaction.atomic
def task_failure_handle(*, task_result: TaskResult[Any]) -> TaskAttempt | None:
    """Enqueue the next attempt (returns its row) or park the job (returns None)."""
    previous = TaskAttempt.objects.filter(result_id=task_result.id).first()
    attempt = previous.attempt if previous else 1
    first_result_id = previous.first_result_id if previous else task_result.id
    task_path = task_result.task.module_path
    error = task_result.errors[-1].exception_class_path if task_result.errors else ""
    if attempt >= settings.KARIB_TASK_MAX_ATTEMPTS:
        TaskAttempt.objects.update_or_create(
            result_id=task_result.id,
            defaults={
                "first_result_id": first_result_id,
                "attempt": attempt,
                "task_path": task_path,
                "exception_class_path": error,
                "parked_at": timezone.now(),
            },
        )
        logger.error(
            "task parked after %d attempts: %s (%s), result %s",
            attempt,
            task_path,
            error,
            task_result.id,
        )
        return None
    delay = retry_delay(attempt)
    retried = task_result.task.using(run_after=timezone.now() + delay).enqueue(
        *task_result.args, **task_result.kwargs
    )
    logger.warning(
        "task failed (attempt %d of %d): %s (%s); retry %s in %ds",
        attempt,
        settings.KARIB_TASK_MAX_ATTEMPTS,
        task_path,
        error,
        retried.id,
        delay.total_seconds(),
    )
    return TaskAttempt.objects.create(
        result_id=retried.id,
        first_result_id=first_result_id,
        attempt=attempt + 1,
        task_path=task_path,
    )


@transaction.atomic
def task_attempt_retry_now(*, parked: TaskAttempt) -> TaskAttempt:
    """An admin runs a parked job again: a new chain of attempts starts now."""
    db_result = DBTaskResult.objects.get(pk=parked.result_id)
    result = db_result.task_result
    retried = result.task.enqueue(*result.args, **result.kwargs)
    parked.resolved_at = timezone.now()
    parked.save(update_fields=["resolved_at"])
    return TaskAttempt.objects.create(
        result_id=retried.id, first_result_id=retried.id, attempt=1, task_path=parked.task_path
    )


@transaction.atomic
def task_attempt_resolve(*, parked: TaskAttempt) -> None:
    """An admin has dealt with a parked job another way: it leaves the parked list."""
    parked.resolved_at = timezone.now()
    parked.save(update_fields=["resolved_at"])
