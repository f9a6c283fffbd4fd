from django.contrib import admin

from .models import Project, Promise, PromiseStatusChange


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin[Project]):
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
class PromiseAdmin(admin.ModelAdmin[Promise]):
    """Read-mostly: statuses change only through the services (the pages and the API)."""

    list_display = ["text", "organization", "made_by", "status", "due_date"]
    list_filter = ["status"]
    search_fields = ["text", "organization__name"]
    readonly_fields = ["status", "status_changed_at", "at_risk_since", "kept_on", "broken_at"]
    inlines = [PromiseStatusChangeInline]
