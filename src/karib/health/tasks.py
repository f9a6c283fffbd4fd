"""Background work of relationship health (django-tasks)."""

from __future__ import annotations

import datetime

from django_tasks import task

from .services import RecomputeResult, health_recompute_dirty, health_snapshot_daily


def _report(result: RecomputeResult) -> dict[str, int]:
    return {"people": result.people, "changed": result.changed, "snapshots": result.snapshots}


@task()
def health_snapshot_daily_task(on: str | None = None) -> dict[str, int]:
    """Once a day (KARIB_DAILY_TASKS): everyone's health as of today, history kept (idempotent)."""
    day = datetime.date.fromisoformat(on) if on else None
    return _report(health_snapshot_daily(on=day))


@task()
def health_recompute_dirty_task() -> dict[str, int]:
    """Often (e.g. every few minutes): recompute the people whose data changed since."""
    return _report(health_recompute_dirty())
