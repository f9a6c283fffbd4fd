"""Background work of contact imports (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from .services import contact_import_run


@task()
def contact_import_task(contact_import_id: int) -> str:
    """Write a queued contacts import in chunks, counting progress; keep its report."""
    return contact_import_run(contact_import_id=contact_import_id)
