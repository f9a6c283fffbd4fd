"""Writes of the import pages: upload, mapping (remembered per team), commit and its run."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib.core import access
from karib.core.access import Action
from karib.core.errors import DomainError, ErrorCode
from karib.people.models import ContactImport, ImportColumnMapping, Organization, Person

from .contacts_csv import FIELDS, CsvFile
from .pipeline import contacts_import, detect
from .rows import ImportReport, Source

CHUNK_SIZE = 500
# The rows a page shows (the first ones, and the first ones with errors); the others are only
# counted, so that a dry run or an import takes the same memory whatever the file's size.
REPORT_ROWS = 1_000


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


@transaction.atomic
def contact_import_create(
    *, by: User, file_name: str, content: bytes, default_organization: Organization | None
) -> ContactImport:
    """Keep an upload for the next steps; a CSV gets its remembered or suggested mapping. Only
    someone who may create people may upload contacts (the file holds their personal data)."""
    access.require(user=by, action=Action.CREATE, obj=Person)
    mapping: dict[str, str] = {}
    try:
        opened = detect(Source(name=file_name, raw=content))
    except (ValueError, UnicodeError) as error:
        message = str(error) if isinstance(error, ValueError) and error.args else ""
        raise DomainError(ErrorCode.INVALID, message or str(error), field="file") from None
    if opened is not None:
        mapping = remembered_mapping(user=by, opened=opened) or opened.mapping
    return ContactImport.objects.create(
        created_by=by,
        file_name=file_name[:255],
        content=content,
        mapping=mapping,
        default_organization=default_organization,
    )


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
    contact_import.mapping = mapping
    contact_import.save(update_fields=["mapping"])
    opened = detect(Source(name=contact_import.file_name, raw=bytes(contact_import.content)))
    team_id = _team_id(by)
    if opened is not None and team_id is not None:
        ImportColumnMapping.objects.update_or_create(
            team_id=team_id,
            header_key=opened.header_key,
            defaults={"mapping": mapping, "updated_by": by},
        )
    return contact_import


def contact_import_preview(*, contact_import: ContactImport) -> ImportReport:
    """The dry run: what the import would do, row by row; nothing is kept."""
    return contacts_import(
        sources=[_source(contact_import)],
        user=contact_import.created_by,
        commit=False,
        default_organization=contact_import.default_organization,
        mappings=_mappings(contact_import),
        keep_rows=REPORT_ROWS,
    )


@transaction.atomic
def contact_import_commit(*, contact_import: ContactImport, by: User) -> ContactImport:
    """Queue the import; the background task writes it (see ``contact_import_run``)."""
    locked = ContactImport.objects.select_for_update().get(pk=contact_import.pk)
    if locked.status != ContactImport.Status.UPLOADED:
        raise DomainError(ErrorCode.CONFLICT, _("This import has already been started."))
    locked.status = ContactImport.Status.QUEUED
    locked.save(update_fields=["status"])
    from .tasks import contact_import_task

    transaction.on_commit(lambda: contact_import_task.enqueue(locked.pk))
    return locked


def contact_import_run(*, contact_import_id: int) -> str:
    """Run a queued import with a progress count, and keep its report."""
    contact_import = ContactImport.objects.select_related("created_by").get(pk=contact_import_id)
    if contact_import.status not in (ContactImport.Status.QUEUED, ContactImport.Status.RUNNING):
        return str(contact_import.status)
    ContactImport.objects.filter(pk=contact_import.pk).update(status=ContactImport.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        ContactImport.objects.filter(pk=contact_import.pk).update(done=done, total=total)

    report = contacts_import(
        sources=[_source(contact_import)],
        user=contact_import.created_by,
        commit=True,
        default_organization=contact_import.default_organization,
        mappings=_mappings(contact_import),
        progress=progress,
        chunk_size=CHUNK_SIZE,
        keep_rows=REPORT_ROWS,
    )
    status = ContactImport.Status.DONE if report.committed else ContactImport.Status.FAILED
    ContactImport.objects.filter(pk=contact_import.pk).update(
        status=status,
        report=report_for_page(report),
        total=report.row_count,
        done=report.row_count if report.committed else 0,
        content=b"",  # the file is not kept once imported (it holds personal data)
        finished_at=timezone.now(),
    )
    return str(status)


def report_for_page(report: ImportReport) -> dict[str, Any]:
    """The JSON report plus what the report page links to."""
    data = report.to_json()
    for row, item in zip(report.rows, data["rows"], strict=True):
        item["name"] = row.contact.full_name
        item["person"] = row.person.pk if row.person is not None and report.committed else None
        item["organization"] = row.organization
        item["organization_created"] = row.organization_created
    return data


def _source(contact_import: ContactImport) -> Source:
    return Source(name=contact_import.file_name, raw=bytes(contact_import.content))


def _mappings(contact_import: ContactImport) -> dict[str, dict[str, str]]:
    return (
        {contact_import.file_name: dict(contact_import.mapping)} if contact_import.mapping else {}
    )


UPLOAD_KEEP_DAYS = 7


def contact_imports_purge(*, now: datetime.datetime | None = None) -> int:
    """Forget uploads never imported after a week (they hold personal data), and the content of
    any import that has finished; returns how many uploads were deleted."""
    moment = now or timezone.now()
    stale = ContactImport.objects.filter(
        status=ContactImport.Status.UPLOADED,
        created_at__lt=moment - datetime.timedelta(days=UPLOAD_KEEP_DAYS),
    )
    deleted, _details = stale.delete()
    ContactImport.objects.filter(
        status__in=[ContactImport.Status.DONE, ContactImport.Status.FAILED]
    ).exclude(content=b"").update(content=b"")
    return deleted
