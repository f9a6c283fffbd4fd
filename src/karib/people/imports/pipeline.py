"""One import pipeline for contacts: detect → map → dry run → commit → report.

Every file is read into plain contacts (vCard or CSV, detected by content), each contact is
matched to a person the user may see (e-mail, then E.164 phone, then name at the same
organization) and planned as create, update, skip or error. The plan is carried out through
the services inside one transaction: the dry run does the same writes and rolls them back,
so its report shows what the import would do, model errors included; a commit keeps the
writes only when no row and no file has an error (a bad file writes nothing).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karib.people.models import Organization

from .bulk import BulkPlanner
from .contacts_csv import CsvFile, open_csv, read_contacts
from .planner import Planner
from .rows import ContactRow, ImportReport, RowSpill, Source
from .text import CHUNK, byte_size, detect_encoding, head, text_lines
from .vcard import Contact, is_vcard, iter_vcards

MAX_CONTACTS = 200_000
Progress = Callable[[int, int], None]
Reader = Callable[[], Iterator[Contact]]


def read_source(source: Source, mapping: dict[str, str] | None = None) -> list[Contact]:
    """The contacts of one file (vCard or CSV by content). Raises ValueError (translated)."""
    return list(open_source(source, mapping)())


def open_source(source: Source, mapping: dict[str, str] | None = None) -> Reader:
    """Find a file's encoding and read its header (vCard or CSV by content); returns what
    reads its contacts one at a time from a stream (a vCard card by card), as often as asked.
    Raises ValueError (translated)."""
    _check_not_empty(source)
    if _is_vcard(source):
        encoding = detect_encoding(source)
        return lambda: iter_vcards(text_lines(source, encoding))
    opened = open_csv(source)
    chosen = mapping or opened.mapping
    names = ("full_name", "first_name", "last_name", "email")  # an e-mail names its contact
    if not any(value in names for value in chosen.values()):
        raise ValueError(
            _("No column holds the names; map the columns: %(columns)s")
            % {"columns": ", ".join(opened.headers)}
        )
    return lambda: read_contacts(opened, chosen)


def detect(source: Source) -> CsvFile | None:
    """The CSV header and suggested mapping of a file (None for a vCard)."""
    _check_not_empty(source)
    return None if _is_vcard(source) else open_csv(source)


#: What an empty file may still hold: white space, NULs and byte order marks (UTF-8, UTF-16).
_NOTHING = b" \t\r\n\v\f\x00\xef\xbb\xbf\xfe\xff"


def _check_not_empty(source: Source) -> None:
    """Raise ValueError (translated, naming the file) for a file of no contacts at all: no
    bytes, or only white space and byte order marks (an exported address book left empty),
    whatever its suffix: not a CSV without its header row."""
    with source.open() as stream:
        if any(chunk.strip(_NOTHING) for chunk in iter(lambda: stream.read(CHUNK), b"")):
            return
    raise ValueError(_("“%(file)s” is empty: there are no contacts in it.") % {"file": source.name})


def _is_vcard(source: Source) -> bool:
    start = head(source, 8192)
    return is_vcard(start, size=byte_size(source) if len(start) == 8192 else None)


class _Rollback(Exception):
    pass


@dataclass
class Position:
    """Where the bulk path is in the files: the contact last read (``reading``) or the row being
    planned, so that a failure can name its file and line."""

    file: str = ""
    line: int = 0
    reading: bool = True


def contacts_import(
    *,
    sources: Iterable[Source],
    user: User,
    commit: bool,
    owner: User | None = None,
    default_organization: Organization | None = None,
    mappings: dict[str, dict[str, str]] | None = None,
    progress: Progress | None = None,
    chunk_size: int | None = None,
    bulk: bool = True,
    keep_rows: int | None = None,
    spill_rows: bool = False,
    checked: Callable[[int], None] | None = None,
    position: Position | None = None,
    guard: Callable[[], None] | None = None,
) -> ImportReport:
    """Plan (and with ``commit`` write) every contact of the files; see the module doc.

    With ``chunk_size`` (the background task) the whole import is first checked by a dry run;
    only a clean one is written, in transactions of ``chunk_size`` contacts, so that
    ``progress(done, total)`` is visible to the progress bar between them. ``bulk`` (the
    default) plans the rows in memory and writes each chunk in a few statements (imports/
    bulk.py); without it every row goes through the one-by-one services (the reference the
    bulk path is tested against). With ``keep_rows`` the bulk path's report keeps only that many
    rows and that many rows with errors, and counts the others (``ImportReport``): the web
    import then runs in the same memory whatever the size of the file. With ``spill_rows`` (the
    command) it keeps every row on disk instead (``RowSpill``). ``checked(n)`` is told how many
    rows the dry run has planned after each chunk; ``position`` follows the file and line.
    ``guard()`` is called inside each chunk's transaction before it commits (the background
    task's run token, ADR 0017): what it raises rolls the chunk back and stops the import.
    """
    report = ImportReport(keep_rows=keep_rows, spill=RowSpill() if spill_rows else None)
    readers: list[tuple[str, Reader]] = []
    for source in sources:
        try:
            readers.append((source.name, open_source(source, (mappings or {}).get(source.name))))
        except (ValueError, UnicodeError) as error:
            message = str(error) if isinstance(error, ValueError) and error.args else ""
            report.file_errors.append(
                (source.name, message or _("The file cannot be read as contacts."))
            )
    who = _Who(user=user, owner=owner or user, default_organization=default_organization)
    if bulk:
        return run_bulk(
            readers,
            report,
            commit=commit,
            progress=progress,
            who=who,
            chunk_size=chunk_size,
            checked=checked,
            position=position or Position(),
            guard=guard,
        )
    planned: list[tuple[str, Contact]] = []
    for name, read in readers:
        contacts = list(read())
        if not contacts:
            report.file_errors.append((name, _("The file holds no contacts.")))
        planned += [(name, contact) for contact in contacts]
    if len(planned) > MAX_CONTACTS:
        report.file_errors.append(
            ("", _("Too many contacts (at most %(n)d per import).") % {"n": MAX_CONTACTS})
        )
    if report.file_errors:
        report.rows = [_row(file, contact) for file, contact in planned]
        return report
    if commit and chunk_size:
        dry_run = _run(planned, commit=False, progress=None, who=who)
        if dry_run.has_errors:
            return dry_run
        return _run_in_chunks(
            planned, chunk_size=chunk_size, progress=progress, who=who, guard=guard
        )
    return _run(planned, commit=commit, progress=progress, who=who)


@dataclass(frozen=True)
class _Who:
    user: User
    owner: User
    default_organization: Organization | None


def _row(file: str, contact: Contact) -> ContactRow:
    row = ContactRow(file=file, line=contact.line, contact=contact, errors=list(contact.errors))
    row.read_errors = len(row.errors)
    row.notices = list(contact.notices)
    if row.errors:
        row.action = "error"
    elif contact.left_out:
        row.action = "left_out"  # no name, e-mail or phone: reported, the rest imported
    return row


def _write(planner: Planner, row: ContactRow) -> None:
    if row.errors or row.action == "left_out":
        return
    try:
        with transaction.atomic():
            planner.write(row, row.file)
    except ValidationError as error:
        row.action = "error"
        row.errors += _validation_errors(error)


def _planner(who: _Who) -> Planner:
    return Planner(
        user=who.user,
        owner=who.owner,
        default_organization=who.default_organization,
        today=timezone.localdate(),
    )


def _run(
    planned: list[tuple[str, Contact]],
    *,
    commit: bool,
    progress: Progress | None,
    who: _Who,
) -> ImportReport:
    report = ImportReport()
    total = len(planned)
    try:
        with transaction.atomic():
            planner = _planner(who)
            for done, (file, contact) in enumerate(planned, start=1):
                row = _row(file, contact)
                _write(planner, row)
                report.rows.append(row)
                if progress is not None and (done % 200 == 0 or done == total):
                    progress(done, total)
            if report.has_errors or not commit:
                raise _Rollback
    except _Rollback:
        for row in report.rows:
            if row.action == "create":
                row.person = None  # rolled back: there is nothing to link to
        return report
    report.committed = True
    return report


def _run_in_chunks(
    planned: list[tuple[str, Contact]],
    *,
    chunk_size: int,
    progress: Progress | None,
    who: _Who,
    guard: Callable[[], None] | None = None,
) -> ImportReport:
    report = ImportReport()
    total = len(planned)
    planner = _planner(who)
    for start in range(0, total, chunk_size):
        chunk = [_row(file, contact) for file, contact in planned[start : start + chunk_size]]
        try:
            with transaction.atomic():
                for row in chunk:
                    _write(planner, row)
                if any(row.errors for row in chunk):
                    raise _Rollback
                if guard is not None:
                    guard()
        except _Rollback:
            # Something changed since the dry run: this chunk is rolled back and the import
            # stops; the report shows the rows written before it.
            report.rows += chunk
            report.file_errors.append(
                (
                    "",
                    _("The import stopped: the rows from line %(line)d on were not written.")
                    % {"line": chunk[0].line},
                )
            )
            return report
        report.rows += chunk
        if progress is not None:
            progress(min(start + chunk_size, total), total)
    report.committed = True
    return report


def _validation_errors(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [
            (name, " ".join(ValidationError(errors).messages))
            for name, errors in error.error_dict.items()
        ]
    return [("", message) for message in error.messages]


BULK_CHUNK = 500


def _bulk_planner(who: _Who, *, writing: bool) -> BulkPlanner:
    return BulkPlanner(
        user=who.user,
        owner=who.owner,
        default_organization=who.default_organization,
        today=timezone.localdate(),
        writing=writing,
    )


def _plan(planner: BulkPlanner, row: ContactRow) -> None:
    if row.errors or row.action == "left_out":
        return
    try:
        planner.plan(row, row.file)
    except ValidationError as error:
        row.action = "error"
        row.errors += _validation_errors(error)


def _chunks(
    readers: list[tuple[str, Reader]], size: int, position: Position
) -> Iterator[list[tuple[str, Contact]]]:
    """The contacts of every file, ``size`` at a time, read as they are needed."""

    def stream() -> Iterator[tuple[str, Contact]]:
        for name, read in readers:
            position.file, position.line, position.reading = name, 0, True
            for contact in read():
                position.line = contact.line
                yield name, contact

    contacts = stream()
    while chunk := list(itertools.islice(contacts, size)):
        yield chunk


def _plan_chunk(planner: BulkPlanner, chunk: list[ContactRow], position: Position) -> None:
    planner.prepare(chunk)
    position.reading = False
    for row in chunk:
        position.file, position.line = row.file, row.line
        _plan(planner, row)


def _slim(row: ContactRow) -> None:
    """Keep of a planned row only what its report shows (not the contact's details)."""
    contact = row.contact
    row.contact = Contact(
        line=contact.line,
        full_name=contact.full_name,
        notices=contact.notices,
        left_out=contact.left_out,
    )


def _unplanned(row: ContactRow) -> None:
    """A row of an import refused for a file error: its own reading errors, nothing planned."""
    del row.errors[row.read_errors :]
    del row.notices[len(row.contact.notices) :]
    if row.action != "left_out":
        row.action = "error" if row.errors else "create"
    row.changes, row.organization, row.organization_created = [], "", False
    row.person = None


def run_bulk(
    readers: list[tuple[str, Reader]],
    report: ImportReport,
    *,
    commit: bool,
    progress: Progress | None,
    who: _Who,
    chunk_size: int | None,
    checked: Callable[[int], None] | None = None,
    position: Position | None = None,
    guard: Callable[[], None] | None = None,
) -> ImportReport:
    """The bulk path: a dry run reads and plans every row (no query per row, nothing written,
    only the report's rows kept); a clean import is read and planned again and written chunk
    by chunk, in one transaction (``chunk_size`` None: the command) or one per chunk (the
    background task, with its progress)."""
    planner = _bulk_planner(who, writing=False)
    size = chunk_size or BULK_CHUNK
    position = position or Position()
    per_file = {name: 0 for name, _read in readers}
    unplanned: Counter[str] = Counter()  # the actions of the rows if a file error stops all
    for planned in _chunks(readers, size, position):
        chunk = [_row(file, contact) for file, contact in planned]
        unplanned.update(row.action for row in chunk)
        if report.row_count + len(chunk) <= MAX_CONTACTS:
            _plan_chunk(planner, chunk, position)
            for row in chunk:
                _slim(row)
            planner.forget()
        for row in chunk:
            per_file[row.file] += 1
            report.add(row)
        if checked is not None:
            checked(report.row_count)
    opened_errors = dict(report.file_errors)
    report.file_errors = []
    for name, _read in readers:  # the files in their order, as the one-by-one path
        if name in opened_errors:
            report.file_errors.append((name, opened_errors.pop(name)))
        elif not per_file[name]:
            report.file_errors.append((name, _("The file holds no contacts.")))
    report.file_errors[:0] = list(opened_errors.items())
    if report.row_count > MAX_CONTACTS:
        report.file_errors.append(
            ("", _("Too many contacts (at most %(n)d per import).") % {"n": MAX_CONTACTS})
        )
    if report.file_errors:
        for row in report.rows:
            _unplanned(row)
        if report.spill is not None:
            report.spill.unplanned = True
        report.counts, report.error_rows = unplanned, unplanned["error"]
        return report
    if report.has_errors or not commit:
        for row in report.rows:
            if row.action == "create":
                row.person = None  # nothing was written: there is nothing to link to
        return report
    total, keep_rows, spill = report.row_count, report.keep_rows, report.spill is not None
    if report.spill is not None:
        report.spill.close()
    del planner, report  # the dry run's index and rows: the writes plan again, chunk by chunk

    def write() -> ImportReport:
        return _write_bulk(
            readers,
            size=size,
            total=total,
            progress=progress,
            who=who,
            keep_rows=keep_rows,
            spill=spill,
            position=position,
            guard=guard,
        )

    if chunk_size is None:
        with transaction.atomic():
            written = write()
            if not written.committed:
                transaction.set_rollback(True)
        return written
    return write()


def _write_bulk(
    readers: list[tuple[str, Reader]],
    *,
    size: int,
    total: int,
    progress: Progress | None,
    who: _Who,
    keep_rows: int | None,
    spill: bool,
    position: Position,
    guard: Callable[[], None] | None = None,
) -> ImportReport:
    report = ImportReport(keep_rows=keep_rows, spill=RowSpill() if spill else None)
    planner = _bulk_planner(who, writing=True)
    for planned in _chunks(readers, size, position):
        chunk = [_row(file, contact) for file, contact in planned]
        try:
            with transaction.atomic():
                _plan_chunk(planner, chunk, position)
                if any(row.errors for row in chunk):
                    raise _Rollback
                planner.flush()
                if guard is not None:
                    guard()  # still this run's to write? (else it raises: rolled back)
        except (_Rollback, ValidationError):
            # Something changed since the dry run: this chunk is rolled back and the import
            # stops; the report shows the rows written before it.
            for row in chunk:
                report.add(row)
            report.file_errors.append(
                (
                    "",
                    _("The import stopped: the rows from line %(line)d on were not written.")
                    % {"line": chunk[0].line},
                )
            )
            return report
        for row in chunk:
            _slim(row)
            report.add(row)
        if progress is not None:
            progress(report.row_count, total)
    report.committed = True
    return report
