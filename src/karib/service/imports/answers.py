"""The importer's answers to a file's questions: who the agent is (speaker mapping) and how its
dates read (day or month first). Each answer is stored with the file, audited, and the file
goes back to the background import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from karib.core.audit import audit_record
from karib.core.errors import DomainError, ErrorCode
from karib.core.models import AuditEvent

from ..models import ImportBatch, ImportFile
from ..playbook import settings_for_team
from .pipeline import import_enqueue, progress_save, require_change
from .redaction import redact_text


@dataclass(frozen=True)
class Question:
    """What a waiting file asks: the status it waits in, the field of the answer, and the
    words for a wrong answer and for a file that no longer waits."""

    waiting: ImportFile.Status
    field: str
    wrong: Any
    not_waiting: Any


SPEAKERS = Question(
    ImportFile.Status.NEEDS_ROLES,
    "agent_speaker",
    _("Choose one of the speakers found in the file."),
    _("This file does not need its speakers mapped."),
)
DATE_ORDER = Question(
    ImportFile.Status.NEEDS_DATE_ORDER,
    "date_order",
    _("Choose day first or month first."),
    _("This file does not need its date order chosen."),
)


def import_file_map_roles(*, import_file: ImportFile, agent_speaker: str, by: User) -> ImportBatch:
    """Say which speaker is the agent; the file is imported again by the background task
    (after commit, never inside the request). The name is taken exactly as the file writes
    it (invisible marks and all). The audit log names the speaker as the conversations will
    (redacted when the team redacts on import): a speaker may be a customer's phone number."""
    named = agent_speaker
    if settings_for_team(import_file.batch.team_id).redact_on_import:
        named = redact_text(agent_speaker).text
    return _answer(
        import_file,
        SPEAKERS,
        agent_speaker,
        by=by,
        valid=agent_speaker in import_file.speakers,
        summary=f"speakers mapped: {named} is the agent in {import_file.name}",
    )


def import_file_choose_date_order(
    *, import_file: ImportFile, date_order: str, by: User
) -> ImportBatch:
    """Say how the dates of a WhatsApp export read (day or month first) when the file cannot
    tell; the choice is stored with the file and the file imported again by the background
    task with it."""
    return _answer(
        import_file,
        DATE_ORDER,
        date_order,
        by=by,
        valid=date_order in ImportFile.DateOrder.values,
        summary=f"date order chosen: {date_order} in {import_file.name}",
    )


@transaction.atomic
def _answer(
    import_file: ImportFile, question: Question, value: str, *, by: User, valid: bool, summary: str
) -> ImportBatch:
    """Lock the file's batch once its run has ended, store a valid answer, put the file back in
    the queue if it was waiting for this answer, audit, and enqueue the import."""
    batch = ImportBatch.objects.select_for_update().get(pk=import_file.batch_id)
    require_change(by, batch)
    if batch.status != ImportBatch.Status.NEEDS_ROLES:
        raise DomainError(
            ErrorCode.CONFLICT,
            _("This import is still running; map the speakers when it ends."),
            field=question.field,
        )
    if not valid:
        raise DomainError(ErrorCode.INVALID, question.wrong, field=question.field)
    moved = ImportFile.objects.filter(pk=import_file.pk, status=question.waiting).update(
        status=ImportFile.Status.PENDING, error_code="", error_params={}, **{question.field: value}
    )
    if moved != 1:
        raise DomainError(ErrorCode.CONFLICT, question.not_waiting, field=question.field)
    progress_save(batch, status=ImportBatch.Status.PENDING, finished_at=None)
    audit_record(actor=by, action=AuditEvent.Action.ACTION, instance=batch, summary=summary[:255])
    import_enqueue(batch.pk)
    return batch
