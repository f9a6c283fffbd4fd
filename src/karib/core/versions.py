"""Versions of editable records (any model with `version`, `updated_by`, `updated_at` and a
status; promises and gifts today): every write bumps `version`; a write based on an older read
is refused as a `conflict` naming who changed it and when.

    gift = lock_for_change(Gift.objects.all(), pk=gift.pk, by=user, action=Action.CHANGE,
                           expected_version=3, message=CONFLICT_MESSAGE)
    gift.status = ...
    save_version(gift, user, ["status"])
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.functional import Promise as LazyString

from . import access
from .errors import DomainError, ErrorCode
from .locking import lock_one

M = TypeVar("M", bound=Model)


def check_version(record: Any, expected_version: int | None, *, message: str | LazyString) -> None:
    """Nothing when `expected_version` is None or current; else a CONFLICT whose `message`
    may use %(user)s, %(when)s and %(status)s."""
    if expected_version is None or expected_version == record.version:
        return
    by = record.updated_by
    raise DomainError(
        ErrorCode.CONFLICT,
        message,
        field="version",
        params={
            "user": (by.get_full_name() or by.get_username()) if by else "?",
            "when": timezone.localtime(record.updated_at).strftime("%Y-%m-%d %H:%M"),
            "status": record.get_status_display(),
        },
    )


def save_version(record: Any, by: Any, fields: list[str]) -> None:
    """Save `fields` of a record read under a row lock, as the next version, by `by`."""
    record.version += 1
    record.updated_by = by
    record.save(update_fields=[*fields, "version", "updated_by", "updated_at"])


def lock_for_change(
    queryset: QuerySet[M],
    *,
    pk: Any,
    by: Any,
    action: str,
    expected_version: int | None,
    message: str | LazyString,
) -> M:
    """The record `pk` re-read under a row lock, after checking `by` may do `action` on it
    (`karib.core.access`) and that nobody changed it since `expected_version`."""
    record = lock_one(queryset, pk=pk)
    access.require(user=by, action=action, obj=record)
    check_version(record, expected_version, message=message)
    return record
