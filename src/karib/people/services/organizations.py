"""Writes of organizations."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from karib.core.access import Action
from karib.core.audit import audit_record, snapshot
from karib.core.errors import ErrorCode
from karib.core.models import AuditEvent
from karib.core.roles import is_compliance_or_admin

from ..models import Organization
from .common import (
    PeopleError,
    bump_version,
    check_fields,
    check_version,
    full_clean,
    invalid,
    protected,
    protecting_records,
    require,
)

ORGANIZATION_FIELDS = frozenset(
    {"name", "kind", "sector", "parent", "city", "province", "address", "notes", "owner", "team"}
)


@transaction.atomic
def organization_create(*, by: User, name: str, **fields: Any) -> Organization:
    require(user=by, action=Action.CREATE, obj=Organization)
    check_fields(fields, ORGANIZATION_FIELDS)
    fields.setdefault("owner", by)
    organization = Organization(name=name, **fields)
    full_clean(organization)
    organization.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE,
        instance=organization,
        after=snapshot(organization),
    )
    return organization


@transaction.atomic
def organization_update(
    *, organization: Organization, by: User, version: int | None = None, **fields: Any
) -> Organization:
    """Change an organization. `version` is the one the editor loaded: a stale one is refused
    (StaleVersion) so no one's change is lost."""
    check_fields(fields, ORGANIZATION_FIELDS)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    require(user=by, action=Action.CHANGE, obj=organization)
    check_version(organization, version)
    before = snapshot(organization)
    for name, value in fields.items():
        setattr(organization, name, value)
    if (
        before["kind"] in Organization.PUBLIC_SECTOR_KINDS
        and not organization.is_public_sector
        and not is_compliance_or_admin(by)
    ):
        # its people are public officials by it (the gift rules): secprobe8, F1
        raise PeopleError(
            ErrorCode.FORBIDDEN,
            _(
                "Only Compliance or an admin may take a government institution or a state-owned "
                "enterprise out of the public sector: its people's gifts follow the rules for "
                "public officials."
            ),
            field="kind",
        )
    if organization.parent_id is not None and organization.parent_id == organization.pk:
        raise invalid("parent", _("An organization cannot be its own parent."))
    _check_no_parent_cycle(organization)
    full_clean(organization)
    bump_version(organization)
    organization.save()
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=organization,
        before=before,
        after=snapshot(organization),
    )
    if before["name"] != organization.name:
        # The name is in every member's search document: rebuilt in the background, once the
        # rename is committed (a big organization would otherwise hold this request).
        organization_id = organization.pk
        transaction.on_commit(
            lambda: organization_search_documents_rebuild_later(organization_id=organization_id)
        )
    return organization


def organization_search_documents_rebuild_later(*, organization_id: int) -> bool:
    """Queue the rebuild of an organization's search documents unless one is already waiting
    in the queue, not yet started: that one reads the name when it starts, so it covers every
    rename committed before. A rebuild already running may have read the old name, so a rename
    then queues another. Without this, each rename queued a full rebuild of every member
    (secprobe9, F4). Call it after the rename is committed. True if this call queued one.

    Waiting jobs are the task queue's own rows (django-tasks-db, status READY), so there is
    nothing to release when the job starts, fails or is lost. Another task backend (the
    immediate one in tests) keeps no such rows: each rename then queues its rebuild."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from ..tasks import organization_search_documents_rebuild as rebuild

    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=rebuild.module_path,
        backend_name=rebuild.backend,
        args_kwargs__args=[organization_id],
    )
    if waiting.exists():
        return False
    rebuild.enqueue(organization_id)
    return True


def _check_no_parent_cycle(organization: Organization) -> None:
    """Refuse a parent that is the organization itself or one of its own units."""
    seen = {organization.pk}
    parent_id = organization.parent_id
    while parent_id is not None:
        if parent_id in seen:
            raise invalid("parent", _("This parent is one of the organization's own units."))
        seen.add(parent_id)
        parent_id = (
            Organization.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
        )


@transaction.atomic
def organization_delete(*, organization: Organization, by: User) -> None:
    """Delete an organization that nothing depends on; otherwise refuse (409) naming what
    depends on it (its people, promises, …)."""
    require(user=by, action=Action.DELETE, obj=organization)
    blockers = protecting_records(organization)
    if blockers:
        raise protected(organization.name, blockers)
    audit_record(
        actor=by,
        action=AuditEvent.Action.DELETE,
        instance=organization,
        before=snapshot(organization),
    )
    organization.delete()
