"""Optimistic locking for the ledger's records (promises, gifts): every write bumps `version`;
a write based on an older read is refused as a `conflict` naming who changed it and when.

A candidate for `karib.core` (any editable model with `version`, `updated_by`, `updated_at`
and a status)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.functional import Promise as LazyString

from karib.core.errors import DomainError, ErrorCode


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
