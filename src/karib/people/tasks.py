"""Background work of the people app (django-tasks)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from .services import (
    important_date_reminders_send,
    organization_search_documents_rebuild_now,
)


@task()
def important_dates_remind(today: str | None = None) -> int:
    """Send the reminders due today (or on the ISO date `today`); run it once a day."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return important_date_reminders_send(today=day)


@task()
def organization_search_documents_rebuild(organization_id: int) -> int:
    """Rebuild the search documents of an organization's people (after a rename)."""
    return organization_search_documents_rebuild_now(organization_id=organization_id)
