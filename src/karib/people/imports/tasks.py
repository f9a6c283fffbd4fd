"""Background work of contact imports (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from karib.people.chat_import import chat_uploads_purge

from .services import contact_import_plan_run, contact_import_run, contact_imports_purge


@task()
def contact_import_plan_task(contact_import_id: int, language: str = "") -> str:
    """The dry run of a large contacts upload, kept for its page (nothing else is written)."""
    return contact_import_plan_run(contact_import_id=contact_import_id, language=language)


@task()
def contact_import_task(contact_import_id: int, language: str = "") -> str:
    """Write a queued contacts import in chunks, counting progress; keep its report."""
    return contact_import_run(contact_import_id=contact_import_id, language=language)


@task()
def contact_imports_purge_task() -> int:
    """Daily: delete contact uploads left unimported for a week, and WhatsApp chat uploads
    left waiting for a day (``chat_import.chat_uploads_purge``)."""
    return contact_imports_purge() + chat_uploads_purge()
