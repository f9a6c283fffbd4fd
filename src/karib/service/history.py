"""The audit of the app's writes, in one place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import models

from karib.core.audit import audit_record, snapshot
from karib.core.models import AuditEvent


def audit_saved(
    *, by: User, instance: models.Model, created: bool, before: Mapping[str, Any]
) -> None:
    """Record that `by` created or changed `instance` (`before`: its snapshot before)."""
    audit_record(
        actor=by,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        instance=instance,
        before=before,
        after=snapshot(instance),
    )
