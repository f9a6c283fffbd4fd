"""The audit log: every change that matters records who, when, and the values before and after."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent
from .types import AnyUser

JsonValue = str | int | float | bool | None | list[Any] | dict[str, Any]


def _json_value(value: object) -> JsonValue:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return _json_value(value.pk)
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, JsonValue]:
    """The concrete field values of `instance` (foreign keys as ids), ready for JSON."""
    names = set(fields) if fields is not None else None
    values: dict[str, JsonValue] = {}
    for field in instance._meta.concrete_fields:
        if names is not None and field.name not in names:
            continue
        values[field.name] = _json_value(getattr(instance, field.attname))
    return values


def diff(before: Mapping[str, JsonValue], after: Mapping[str, JsonValue]) -> dict[str, Any]:
    """Only the fields that changed, as {field: {"before": x, "after": y}}."""
    changed: dict[str, Any] = {}
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            changed[key] = {"before": before.get(key), "after": after.get(key)}
    return changed


def audit_record(
    *,
    actor: AnyUser | None,
    action: str,
    instance: models.Model,
    before: Mapping[str, JsonValue] | None = None,
    after: Mapping[str, JsonValue] | None = None,
    summary: str = "",
) -> AuditEvent | None:
    """Record one change. Call it inside the service's transaction.

    For an update with no changed field nothing is recorded and None is returned.
    """
    changes = diff(before or {}, after or {})
    if action == AuditEvent.Action.UPDATE and not changes:
        return None
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor=user,
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        summary=summary[:255],
        changes=changes,
    )


def audit_events_for(*objects: models.Model) -> models.QuerySet[AuditEvent]:
    """Events about any of `objects`, newest first (the caller checks who may see them)."""
    query = models.Q(pk__in=[])
    for obj in objects:
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
        query |= models.Q(content_type=content_type, object_id=str(obj.pk))
    return AuditEvent.objects.filter(query).select_related("actor", "content_type")
