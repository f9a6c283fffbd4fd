"""Background work of the core app (django-tasks): the email outbox and the daily digest."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from .outbox import deliver_pending, digests_enqueue


@task()
def outbox_deliver_task() -> int:
    """Send the pending emails of the outbox (retries earlier failures); idempotent."""
    return deliver_pending()


@task()
def daily_digests(today: str | None = None) -> dict[str, int]:
    """Queue the daily digest of every user who asked for it, then send the outbox."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    queued = digests_enqueue(day=day)
    return {"queued": queued, "sent": deliver_pending()}
