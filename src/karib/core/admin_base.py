"""The two kinds of admin page Karib has.

- `ReadOnlyAdmin`: records that change only through the services (which check the rules, keep
  the history and the search index, and audit), or that are of legal significance.
- `AuditedAdmin`: settings and support records an admin may edit here; every add, change and
  delete, inline rows and many-to-many links included, records an `AuditEvent` with the admin as
  its actor, as a service would (secprobe6, F2: before, only `django_admin_log` knew). Secrets
  (a password hash, a token hash) are never copied into the log: a short digest tells that
  they changed.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest

from .audit import JsonValue, audit_record, snapshot
from .models import AuditEvent

SECRET_FIELDS = frozenset({"password", "token_hash", "key"})
_BEFORE = "_karib_admin_before"


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def admin_state(instance: models.Model) -> dict[str, JsonValue]:
    """What the audit log keeps of a record edited in the admin: its fields, its many-to-many
    links as sorted ids, its secrets as a digest."""
    state = snapshot(instance)
    for name in SECRET_FIELDS & set(state):
        value = state[name]
        if value:
            state[name] = "sha256:" + hashlib.sha256(str(value).encode()).hexdigest()[:8]
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            state[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    return state


class AuditedAdmin(admin.ModelAdmin[Any]):
    """Saves and deletes through the admin, each recorded in the audit log."""

    def audit_extra(self, obj: Any) -> dict[str, JsonValue]:
        """More to keep of a deleted record (e.g. the rows the delete takes with it)."""
        return {}

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        before: dict[str, JsonValue] = {}
        if change and obj.pk is not None:
            before = admin_state(type(obj)._default_manager.get(pk=obj.pk))
        setattr(request, _BEFORE, before)
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        audit_record(
            actor=request.user,
            action=AuditEvent.Action.UPDATE if change else AuditEvent.Action.CREATE,
            instance=obj,
            before=getattr(request, _BEFORE, {}),
            after=admin_state(obj),
            summary="in the admin",
        )

    def save_formset(
        self, request: HttpRequest, form: ModelForm[Any], formset: BaseFormSet[Any], change: bool
    ) -> None:
        """Inline rows: each added, changed or deleted row is recorded too."""
        befores = {
            row.instance.pk: admin_state(
                type(row.instance)._default_manager.get(pk=row.instance.pk)
            )
            for row in formset.forms
            if row.instance.pk is not None and row.has_changed()
        }
        super().save_formset(request, form, formset, change)
        for row in formset.new_objects:  # type: ignore[attr-defined]
            self._record(request, AuditEvent.Action.CREATE, row, {}, admin_state(row))
        for row, _fields in formset.changed_objects:  # type: ignore[attr-defined]
            self._record(
                request, AuditEvent.Action.UPDATE, row, befores.get(row.pk, {}), admin_state(row)
            )
        for row in formset.deleted_objects:  # type: ignore[attr-defined]
            self._record(request, AuditEvent.Action.DELETE, row, befores.get(row.pk, {}), {})

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            self._record_delete(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                self._record_delete(request, obj)
            super().delete_queryset(request, queryset)

    def _record_delete(self, request: HttpRequest, obj: Any) -> None:
        before = {**admin_state(obj), **self.audit_extra(obj)}
        self._record(request, AuditEvent.Action.DELETE, obj, before, {})

    def _record(
        self,
        request: HttpRequest,
        action: str,
        obj: models.Model,
        before: dict[str, JsonValue],
        after: dict[str, JsonValue],
    ) -> None:
        audit_record(
            actor=request.user,
            action=action,
            instance=obj,
            before=before,
            after=after,
            summary="in the admin",
        )
