"""Writes of the import pages: upload, mapping (remembered per team), commit and its run."""

from __future__ import annotations

import datetime
import logging
import secrets
from typing import IO, Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from karib.core import access
from karib.core.access import Action
from karib.core.errors import DomainError, ErrorCode
from karib.people.models import ContactImport, ImportColumnMapping, Organization, Person

from .contacts_csv import FIELDS, CsvFile
from .pipeline import Position, contacts_import, detect
from .rows import ImportReport
from .stale import STALE_AFTER, UNFINISHED, contact_import_is_stale
from .storage import (
    printable_name,
    stored_delete,
    stored_source,
    upload_delete,
    upload_save,
    upload_size,
    upload_source,
)
from .text import spreadsheet_as_csv

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
# The rows a page shows (the first ones, and the first ones with errors); the others are only
# counted, so that a dry run or an import takes the same memory whatever the file's size.
REPORT_ROWS = 1_000
# A file up to this size is checked by its dry run in the request (about 1,000 contacts, well
# under a second of CPU): the rep sees the dry run at once. A larger one is checked by a
# background task while its page polls (100k contacts take about 40 CPU-seconds, close to
# the web server's timeout).
INLINE_PLAN_BYTES = 256 * 1024


class RunReplaced(Exception):
    """This run of a dry run or an import is no longer the one that may write: a retry (it
    looked stopped) replaced its run token. It stops without writing more (ADR 0017)."""


def _run_token() -> str:
    return secrets.token_hex(16)


def _while_mine(contact_import_id: int, token: str, **values: Any) -> None:
    """Record this run's progress, guarded by its token (a conditional UPDATE, which on
    PostgreSQL also locks the row until the chunk commits: a retry waits for it); raises
    ``RunReplaced`` when the token was replaced."""
    mine = ContactImport.objects.filter(pk=contact_import_id, run_token=token)
    if not mine.update(heartbeat_at=timezone.now(), **values):
        raise RunReplaced


def _team_id(user: User) -> int | None:
    profile = getattr(user, "profile", None)
    return getattr(profile, "team_id", None)


def remembered_mapping(*, user: User, opened: CsvFile) -> dict[str, str] | None:
    """The mapping the user's team last confirmed for this header, if any."""
    team_id = _team_id(user)
    if team_id is None:
        return None
    found = ImportColumnMapping.objects.filter(team_id=team_id, header_key=opened.header_key)
    mapping = found.values_list("mapping", flat=True).first()
    return dict(mapping) if isinstance(mapping, dict) else None


def contact_import_create(
    *,
    by: User,
    file_name: str,
    content: bytes | IO[bytes],
    default_organization: Organization | None,
) -> ContactImport:
    """Keep an upload for the next steps, in the file storage (copied in chunks from Django's
    upload, never read whole); a CSV gets its remembered or suggested mapping. Only someone
    who may create people may upload contacts (the file holds their personal data)."""
    access.require(user=by, action=Action.CREATE, obj=Person)
    file_name = printable_name(file_name)
    stored = upload_save(file_name, content)
    try:
        stored = _workbook_as_csv(file_name, stored)
        with transaction.atomic():
            return _contact_import_create(
                by=by,
                file_name=file_name,
                stored=stored,
                default_organization=default_organization,
            )
    except BaseException:
        stored_delete(stored)  # refused or not saved: the personal data is not kept
        raise


def _workbook_as_csv(file_name: str, stored: str) -> str:
    """An Excel workbook is read once, here: its first sheet is kept as CSV in its place (the
    stored name returned), so the mapping page, the dry run and the import read a CSV instead
    of parsing the workbook again at each step (about a minute per step for 100k contacts).
    Any other file is kept as it came."""
    try:
        sheet = spreadsheet_as_csv(stored_source(file_name, stored))
    except (ValueError, UnicodeError) as error:
        raise DomainError(ErrorCode.INVALID, str(error), field="file") from None
    if sheet is None:
        return stored
    converted = upload_save(f"{file_name}.csv", sheet.raw)
    stored_delete(stored)
    return converted


def _contact_import_create(
    *, by: User, file_name: str, stored: str, default_organization: Organization | None
) -> ContactImport:
    mapping: dict[str, str] = {}
    try:
        opened = detect(stored_source(file_name, stored))
    except (ValueError, UnicodeError) as error:
        message = str(error) if isinstance(error, ValueError) and error.args else ""
        raise DomainError(ErrorCode.INVALID, message or str(error), field="file") from None
    if opened is not None:
        mapping = remembered_mapping(user=by, opened=opened) or opened.mapping
    created = ContactImport.objects.create(
        created_by=by,
        file_name=file_name[:255],
        upload=stored,
        mapping=mapping,
        default_organization=default_organization,
    )
    _drop_oldest_waiting(by)
    return created


#: Uploads a user may keep waiting (not yet started, not planning): a new one drops the oldest,
#: so what one account stores is bounded (secprobe7, F6) and no one is ever locked out.
MAX_WAITING_UPLOADS = 5


def _drop_oldest_waiting(user: User) -> None:
    """Keep the user's newest MAX_WAITING_UPLOADS waiting uploads; the others go, with their
    files (people.apps connects forget_upload to the delete). The user's row is locked: two
    uploads at once count each other."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    waiting = ContactImport.objects.filter(
        created_by=user,
        status__in=[ContactImport.Status.UPLOADED, ContactImport.Status.PLANNED],
    ).order_by("-created_at", "-pk")
    ContactImport.objects.filter(
        pk__in=list(waiting.values_list("pk", flat=True)[MAX_WAITING_UPLOADS:])
    ).delete()


_PLANNING = ContactImport.Status.PLANNING
# The states in which the dry run may be (re)started and the columns changed.
_MAY_PLAN = (
    ContactImport.Status.UPLOADED,
    ContactImport.Status.PLAN_QUEUED,
    ContactImport.Status.PLANNED,
)
_MAPPING_LOCKED = {
    False: _("This import has already been started."),
    True: _("The dry run is under way; change the columns when it is ready."),
}


@transaction.atomic
def contact_import_set_mapping(
    *, contact_import: ContactImport, by: User, mapping: dict[str, str]
) -> ContactImport:
    """Use (and remember for the team) a column mapping for a CSV upload."""
    unknown = sorted({value for value in mapping.values() if value not in FIELDS})
    if unknown:
        raise DomainError(
            ErrorCode.INVALID,
            _("Unknown field(s) in the mapping: %(fields)s"),
            field="mapping",
            params={"fields": ", ".join(unknown)},
        )
    locked = ContactImport.objects.select_for_update().get(pk=contact_import.pk)
    if locked.status not in _MAY_PLAN:
        message = _MAPPING_LOCKED[locked.status == _PLANNING]
        raise DomainError(ErrorCode.TRANSITION_NOT_ALLOWED, message)
    # Other columns make the dry run shown so far wrong: it is done again.
    contact_import.mapping = mapping
    contact_import.status = ContactImport.Status.UPLOADED
    contact_import.preview = {}
    contact_import.save(update_fields=["mapping", "status", "preview"])
    opened = detect(upload_source(contact_import))
    team_id = _team_id(by)
    if opened is not None and team_id is not None:
        ImportColumnMapping.objects.update_or_create(
            team_id=team_id,
            header_key=opened.header_key,
            defaults={"mapping": mapping, "updated_by": by},
        )
    return contact_import


def contact_import_plan(*, contact_import: ContactImport, by: User) -> ContactImport:
    """Start the dry run: at once for a small file (``INLINE_PLAN_BYTES``), else queued for the
    background task (``contact_import_plan_run``) while the page polls. Starting it again while
    it is queued or under way does nothing."""
    access.require(user=by, action=Action.CREATE, obj=Person)
    queued = _contact_import_plan_queue(contact_import=contact_import)
    if queued.status == ContactImport.Status.PLAN_QUEUED and not _in_background(queued):
        contact_import_plan_run(contact_import_id=queued.pk)
        queued.refresh_from_db()
    return queued


def _in_background(contact_import: ContactImport) -> bool:
    return upload_size(contact_import) > INLINE_PLAN_BYTES


@transaction.atomic
def _contact_import_plan_queue(*, contact_import: ContactImport) -> ContactImport:
    locked = ContactImport.objects.select_for_update().get(pk=contact_import.pk)
    if locked.status != ContactImport.Status.UPLOADED:
        return locked  # queued, under way or done: one dry run at a time
    locked.status = ContactImport.Status.PLAN_QUEUED
    locked.preview, locked.done, locked.total = {}, 0, 0
    locked.heartbeat_at = timezone.now()
    locked.save(update_fields=["status", "preview", "done", "total", "heartbeat_at"])
    if _in_background(locked):
        from .tasks import contact_import_plan_task

        language = translation.get_language() or ""
        transaction.on_commit(lambda: contact_import_plan_task.enqueue(locked.pk, language))
    return locked


def contact_import_plan_run(*, contact_import_id: int, language: str = "") -> str:
    """The dry run of a queued upload, kept for its page; nothing else is written.

    Claimed by one guarded transition (plan_queued → planning, a conditional UPDATE), so that
    two workers never plan the same upload. A failure is kept as the dry run's file error,
    naming the file and the line, in the language of the rep who started it."""
    token = _run_token()
    claimed = ContactImport.objects.filter(
        pk=contact_import_id, status=ContactImport.Status.PLAN_QUEUED
    ).update(status=_PLANNING, done=0, heartbeat_at=timezone.now(), run_token=token)
    if not claimed:
        status = ContactImport.objects.filter(pk=contact_import_id).values_list("status").first()
        return str(status[0]) if status else "missing"
    contact_import = ContactImport.objects.select_related("created_by", "default_organization").get(
        pk=contact_import_id
    )

    def checked(rows: int) -> None:
        _while_mine(contact_import_id, token, done=rows)

    with translation.override(language or translation.get_language()):
        position = Position()
        try:
            report = _contacts_import(
                contact_import, commit=False, checked=checked, position=position
            )
            preview = preview_for_page(report)
        except RunReplaced:
            return _replaced(contact_import_id)
        except Exception as error:
            # No exception text reaches the rep, nor the log (logger.error, not .exception):
            # its message or traceback may quote the file's personal data.
            logger.error(
                "contact import %s: the dry run failed near line %s (%s)",
                contact_import_id,
                position.line,
                type(error).__name__,
            )
            preview = _failed_preview(contact_import.file_name, position)
    ContactImport.objects.filter(pk=contact_import_id, status=_PLANNING, run_token=token).update(
        status=ContactImport.Status.PLANNED,
        preview=preview,
        total=preview["row_count"],
        done=preview["row_count"],
        heartbeat_at=timezone.now(),
    )
    return str(ContactImport.Status.PLANNED)


def _replaced(contact_import_id: int) -> str:
    logger.warning("contact import %s: a retry replaced this run, which stops", contact_import_id)
    return "replaced"


def _failed_preview(file_name: str, position: Position) -> dict[str, Any]:
    values = {"file": file_name, "line": position.line}
    if position.reading and position.line:
        message = gettext(
            "The dry run stopped after line %(line)d of %(file)s: the contact after it cannot "
            "be read. Fix it or leave it out and upload the file again."
        )
    elif position.line:
        message = gettext(
            "The dry run stopped at line %(line)d of %(file)s: this contact cannot be checked. "
            "Fix it or leave it out and upload the file again."
        )
    else:
        message = gettext(
            "The dry run of %(file)s stopped before its first contact: the file cannot be "
            "read. Check that it is a contacts file and upload it again."
        )
    return {
        **_file_error_report(file_name, message % values),
        "has_errors": True,
        "row_count": 0,
        "omitted_rows": 0,
    }


def _file_error_report(file_name: str, message: str) -> dict[str, Any]:
    """A report (as kept for the page) of nothing done, for one error of the whole file."""
    return {
        "created": 0,
        "updated": 0,
        "skipped": 0,
        "rows": [],
        "file_errors": [{"file": file_name, "message": message}],
    }


def preview_for_page(report: ImportReport) -> dict[str, Any]:
    """The dry run as its page shows it, kept as JSON: the counts, the first rows with their
    organization and changes, and whether anything stops the import."""
    data = report_for_page(report)
    for row, item in zip(report.rows, data["rows"], strict=True):
        item["changes"] = [
            {"field": c.field, "old": c.old, "new": c.new, "kept": c.kept} for c in row.changes
        ]
    data["has_errors"] = report.has_errors
    data["row_count"] = report.row_count
    data["omitted_rows"] = report.omitted_rows
    return data


def contact_import_preview(*, contact_import: ContactImport) -> ImportReport:
    """The dry run in the caller's hands (tests, shell): what the import would do, row by row;
    nothing is kept."""
    return _contacts_import(contact_import, commit=False)


@transaction.atomic
def contact_import_commit(*, contact_import: ContactImport, by: User) -> ContactImport:
    """Queue the import; the background task writes it (see ``contact_import_run``)."""
    locked = ContactImport.objects.select_for_update().get(pk=contact_import.pk)
    if locked.status in (
        ContactImport.Status.UPLOADED,
        ContactImport.Status.PLAN_QUEUED,
        _PLANNING,
    ):
        raise DomainError(ErrorCode.TRANSITION_NOT_ALLOWED, _("The dry run is not ready yet."))
    if locked.status != ContactImport.Status.PLANNED:
        raise DomainError(ErrorCode.CONFLICT, _("This import has already been started."))
    if locked.preview.get("has_errors", True):
        message = _("Nothing can be imported yet: fix these rows and upload the file again.")
        raise DomainError(ErrorCode.INVALID, message)
    locked.status = ContactImport.Status.QUEUED
    locked.preview = {}  # the report replaces it
    locked.heartbeat_at = timezone.now()
    locked.save(update_fields=["status", "preview", "heartbeat_at"])
    _enqueue_import(locked.pk)
    return locked


def _enqueue_import(contact_import_id: int) -> None:
    from .tasks import contact_import_task

    language = translation.get_language() or ""
    transaction.on_commit(lambda: contact_import_task.enqueue(contact_import_id, language))


def contact_import_retry(*, contact_import: ContactImport, by: User) -> ContactImport:
    """Start again a dry run or an import that stopped (``stale.contact_import_is_stale``: its
    worker died). The dry run is queued again (checked at once for a small file). The import
    is queued again and plans every row anew before it writes, so the contacts a stopped run
    already wrote are matched (updated or unchanged), never created twice."""
    access.require(user=by, action=Action.CREATE, obj=Person)
    with transaction.atomic():
        locked = ContactImport.objects.select_for_update().get(pk=contact_import.pk)
        if not contact_import_is_stale(locked) or not locked.upload.name:
            raise DomainError(
                ErrorCode.CONFLICT,
                _("This import has not stopped: there is nothing to start again."),
            )
        logger.warning("contact import %s stopped in %s: started again", locked.pk, locked.status)
        # A fresh token: the run that looked stopped, if it is alive after all, writes nothing
        # more (its next chunk finds the token replaced and rolls back).
        locked.run_token = _run_token()
        if locked.status in (ContactImport.Status.PLAN_QUEUED, _PLANNING):
            locked.status = ContactImport.Status.UPLOADED
            locked.save(update_fields=["status", "run_token"])
        else:
            locked.status = ContactImport.Status.QUEUED
            locked.heartbeat_at = timezone.now()
            locked.save(update_fields=["status", "heartbeat_at", "run_token"])
            _enqueue_import(locked.pk)
            return locked
    return contact_import_plan(contact_import=locked, by=by)


def contact_import_run(*, contact_import_id: int, language: str = "") -> str:
    """Run a queued import with a progress count, and keep its report (in the language of the
    rep who started it)."""
    with translation.override(language or translation.get_language()):
        return _contact_import_run(contact_import_id=contact_import_id)


def _contact_import_run(*, contact_import_id: int) -> str:
    """Claimed by one guarded transition (queued → running), so that a duplicate of the task,
    or a late one after a retry, never writes the same import twice. The claim sets a fresh
    run token; each chunk checks it before it commits, and the final update too, so that a run
    a retry replaced (slow, not dead) stops without writing more (ADR 0017)."""
    token = _run_token()
    claimed = ContactImport.objects.filter(
        pk=contact_import_id, status=ContactImport.Status.QUEUED
    ).update(status=ContactImport.Status.RUNNING, heartbeat_at=timezone.now(), run_token=token)
    if not claimed:
        found = ContactImport.objects.filter(pk=contact_import_id).values_list("status").first()
        return str(found[0]) if found else "missing"
    contact_import = ContactImport.objects.select_related("created_by").get(pk=contact_import_id)
    mine = ContactImport.objects.filter(pk=contact_import.pk, run_token=token)

    def progress(done: int, total: int) -> None:
        _while_mine(contact_import_id, token, done=done, total=total)

    def still_mine() -> None:  # in each chunk's transaction, before it commits; and
        _while_mine(contact_import_id, token)  # during its own dry run, before the writes

    position = Position()
    try:
        report = _contacts_import(
            contact_import,
            commit=True,
            progress=progress,
            checked=lambda rows: still_mine(),
            guard=still_mine,
            chunk_size=CHUNK_SIZE,
            position=position,
        )
    except RunReplaced:
        return _replaced(contact_import_id)
    except Exception as error:
        # As the dry run: no exception text for the rep nor the log (it may quote the file).
        logger.error(
            "contact import %s: the import failed near line %s (%s)",
            contact_import.pk,
            position.line,
            type(error).__name__,
        )
        if not _contact_import_failed(contact_import, position, token=token):
            return _replaced(contact_import_id)
        return str(ContactImport.Status.FAILED)
    status = ContactImport.Status.DONE if report.committed else ContactImport.Status.FAILED
    finished = mine.update(
        status=status,
        report=report_for_page(report),
        total=report.row_count,
        done=report.row_count if report.committed else 0,
        upload="",
        heartbeat_at=timezone.now(),
        finished_at=timezone.now(),
    )
    if not finished:  # replaced: the file is the run's that replaced this one
        return _replaced(contact_import_id)
    upload_delete(contact_import)  # the file is not kept once imported (it holds personal data)
    return str(status)


def _contact_import_failed(contact_import: ContactImport, position: Position, *, token: str) -> int:
    """An import that raised: failed at once with a message naming the file and the line (not
    left running until it looks stopped, to be retried into the same failure). Nothing is
    recorded by a run whose token was replaced (returns 0)."""
    mine = ContactImport.objects.filter(pk=contact_import.pk, run_token=token)
    done = mine.values_list("done", flat=True).first() or 0
    message = gettext(
        "The import of %(file)s stopped near line %(line)d: a contact there cannot be written. "
        "The %(done)d contacts written before it stay. Fix the file or leave that contact out "
        "and import it again: the contacts already written are recognised, not created twice."
    ) % {"line": position.line, "file": contact_import.file_name, "done": done}
    report = _file_error_report(contact_import.file_name, message)
    failed = mine.update(
        status=ContactImport.Status.FAILED,
        report=report,
        upload="",
        heartbeat_at=timezone.now(),
        finished_at=timezone.now(),
    )
    if failed:
        upload_delete(contact_import)
    return failed


def report_for_page(report: ImportReport) -> dict[str, Any]:
    """The JSON report plus what the report page links to."""
    data = report.to_json()
    for row, item in zip(report.rows, data["rows"], strict=True):
        item["name"] = row.contact.full_name
        item["person"] = row.person.pk if row.person is not None and report.committed else None
        item["organization"] = row.organization
        item["organization_created"] = row.organization_created
    return data


def _contacts_import(
    contact_import: ContactImport, *, commit: bool, **options: Any
) -> ImportReport:
    """The pipeline over an upload, as its rep, keeping the rows its pages show."""
    return contacts_import(
        sources=[upload_source(contact_import)],
        user=contact_import.created_by,
        commit=commit,
        default_organization=contact_import.default_organization,
        mappings=_mappings(contact_import),
        keep_rows=REPORT_ROWS,
        **options,
    )


def _mappings(contact_import: ContactImport) -> dict[str, dict[str, str]]:
    return (
        {contact_import.file_name: dict(contact_import.mapping)} if contact_import.mapping else {}
    )


UPLOAD_KEEP_DAYS = 7


def contact_imports_purge(*, now: datetime.datetime | None = None) -> int:
    """Forget uploads never imported after a week (they hold personal data), those an import
    that stopped left a week ago, and the file of any import that has finished; returns how
    many uploads were deleted."""
    moment = now or timezone.now()
    week_ago = moment - datetime.timedelta(days=UPLOAD_KEEP_DAYS)
    never_imported = Q(status__in=[*_MAY_PLAN, _PLANNING])
    stopped = Q(status__in=UNFINISHED) & (
        Q(heartbeat_at__lt=moment - STALE_AFTER)
        | Q(heartbeat_at__isnull=True, created_at__lt=moment - STALE_AFTER)
    )
    old = ContactImport.objects.filter(never_imported | stopped, created_at__lt=week_ago)
    deleted = 0
    for pk, stored in list(old.values_list("pk", "upload")):
        stored_delete(stored)
        deleted += ContactImport.objects.filter(pk=pk).delete()[0]
    finished = ContactImport.objects.filter(
        status__in=[ContactImport.Status.DONE, ContactImport.Status.FAILED]
    ).exclude(upload="")
    for pk, stored in list(finished.values_list("pk", "upload")):
        stored_delete(stored)
        ContactImport.objects.filter(pk=pk).update(upload="")
    return deleted
