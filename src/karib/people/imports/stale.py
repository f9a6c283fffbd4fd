"""Contact imports that stopped making progress (a worker died, the server restarted): their
page shows them as stopped instead of polling for ever, and offers to start them again
(``services.contact_import_retry``). Read only: nothing is recorded until the rep retries.

The same rule and timeout as the conversation import (``service/imports/stale.py``): a dry run
or an import queued or under way whose last sign of life (``heartbeat_at``: queued, claimed, a
chunk of 500 contacts checked or written) is older than ``STALE_AFTER``.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from karib.people.models import ContactImport

#: As ``karib.service.imports.pipeline.IMPORT_STALE_AFTER`` (a test keeps them equal).
STALE_AFTER = datetime.timedelta(minutes=10)
#: A dry run or an import queued or under way: a task should be working on it.
UNFINISHED = (
    ContactImport.Status.PLAN_QUEUED,
    ContactImport.Status.PLANNING,
    ContactImport.Status.QUEUED,
    ContactImport.Status.RUNNING,
)


def contact_import_is_stale(
    contact_import: ContactImport, *, now: datetime.datetime | None = None
) -> bool:
    """Has this queued or running dry run or import shown no progress for ``STALE_AFTER``?"""
    if contact_import.status not in UNFINISHED:
        return False
    last = contact_import.heartbeat_at or contact_import.created_at
    return last is not None and (now or timezone.now()) - last >= STALE_AFTER


def stale_minutes() -> int:
    return int(STALE_AFTER.total_seconds() // 60)
