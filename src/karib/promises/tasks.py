"""Background tasks of the promise ledger (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from .notifications import promises_daily_sweep


@task()
def promises_daily() -> dict[str, object]:
    """Run once a day: overdue promises and unannounced risks (idempotent)."""
    report = promises_daily_sweep()
    return {
        "today": report.today.isoformat(),
        "overdue": report.overdue,
        "escalated": report.escalated,
        "notifications": report.notifications,
        "emails": report.emails,
    }
