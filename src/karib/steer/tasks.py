"""Background work of next actions (django-tasks)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from .recovery import recovery_plans_sync_all
from .services import next_actions_refresh


@task()
def steer_daily(today: str | None = None) -> dict[str, int]:
    """Run once a day (idempotent): sync recovery plans, then generate, update and close the
    next actions of every user."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    steps = recovery_plans_sync_all(today=day)
    report = next_actions_refresh(today=day)
    return {
        "recovery_steps_changed": steps,
        "created": report.created,
        "updated": report.updated,
        "resolved": report.resolved,
        "reopened": report.reopened,
    }


@task()
def next_actions_refresh_task(user_ids: list[int]) -> dict[str, int]:
    """Refresh the actions of some users, e.g. after a write that concerns them (enqueue it
    on commit: `karib.steer.services.next_actions_refresh_later(user_ids=[...])`)."""
    report = next_actions_refresh(owner_ids=user_ids)
    return {
        "created": report.created,
        "updated": report.updated,
        "resolved": report.resolved,
        "reopened": report.reopened,
    }
