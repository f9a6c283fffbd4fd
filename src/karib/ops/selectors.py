"""Task queue figures for /api/health/ready and the Prometheus metrics."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Min
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import TaskAttempt


@dataclass(frozen=True)
class QueueFigures:
    ready_by_queue: dict[str, int]
    oldest_ready_age_seconds: float
    failed: int
    parked: int

    @property
    def ready(self) -> int:
        return sum(self.ready_by_queue.values())


def parked_attempts() -> list[TaskAttempt]:
    return list(TaskAttempt.objects.filter(parked_at__isnull=False, resolved_at__isnull=True))


def queue_figures() -> QueueFigures:
    """Waiting jobs per queue, the oldest due job's age, failed attempts, parked jobs."""
    now = timezone.now()
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    by_queue = dict(
        ready.values_list("queue_name")
        .annotate(count=Count("id"))
        .values_list("queue_name", "count")
    )
    # A job deferred to a later retry is not late: its age counts from when it became due
    # (django-tasks-db stores "not deferred" as run_after = 9999-01-01).
    due_times = [
        ready.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"],
        ready.filter(run_after__lte=now).aggregate(at=Min("run_after"))["at"],
    ]
    oldest = min((at for at in due_times if at is not None), default=None)
    return QueueFigures(
        ready_by_queue=by_queue,
        oldest_ready_age_seconds=(now - oldest).total_seconds() if oldest else 0.0,
        failed=DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count(),
        parked=TaskAttempt.objects.filter(
            parked_at__isnull=False, resolved_at__isnull=True
        ).count(),
    )
