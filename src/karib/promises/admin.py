from typing import Any

from django.contrib import admin

from karib.core.admin_base import AuditedAdmin
from karib.core.audit import JsonValue, snapshot

from .models import Project, Promise, PromiseStatusChange


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ["name", "organization", "start_date", "end_date", "status"]
    list_filter = ["status"]
    search_fields = ["name", "organization__name"]


class PromiseStatusChangeInline(admin.TabularInline[PromiseStatusChange, Promise]):
    model = PromiseStatusChange
    extra = 0
    can_delete = False
    readonly_fields = [
        "from_status",
        "to_status",
        "reason",
        "changed_by",
        "changed_at",
        "old_due_date",
        "new_due_date",
    ]
    fields = (
        "from_status",
        "to_status",
        "reason",
        "changed_by",
        "changed_at",
        "old_due_date",
        "new_due_date",
    )

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Promise)
class PromiseAdmin(AuditedAdmin):
    """Read-only: a promise changes only through the services (the pages and the API), which
    keep its history and audit every change. The terms, the original terms, the
    communication plan and the customer's agreement must never be rewritten silently here.
    An admin may delete one (the ledger's only delete); the audit log keeps the promise and
    its status history.
    """

    list_display = ["text", "organization", "made_by", "status", "due_date"]
    list_filter = ["status"]
    search_fields = ["text", "organization__name"]
    readonly_fields = [
        "text",
        "organization",
        "people",
        "made_by",
        "made_on",
        "interaction",
        "project",
        "due_date",
        "status",
        "status_changed_at",
        "original_text",
        "original_due_date",
        "at_risk_since",
        "communication_message",
        "communication_due",
        "communication_owner",
        "kept_on",
        "broken_at",
        "customer_agreement",
        "agreed_by",
        "agreed_on",
        "created_at",
        "updated_at",
    ]
    inlines = [PromiseStatusChangeInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # promises are recorded through promise_create (history and audit)

    def audit_extra(self, obj: Any) -> dict[str, JsonValue]:
        history = obj.history.order_by("changed_at", "pk")
        return {"history": [snapshot(change) for change in history]}
