from django.contrib import admin

from karib.core.admin_base import AuditedAdmin

from .models import NextAction, RecoveryPlan, RecoveryStep


@admin.register(NextAction)
class NextActionAdmin(AuditedAdmin):
    list_display = ("kind", "owner", "status", "score", "due_on", "created_at")
    list_filter = ("kind", "status")
    raw_id_fields = (
        "owner",
        "acted_by",
        "person",
        "organization",
        "promise",
        "gift",
        "conversation",
    )
    readonly_fields = ("dedupe_key", "created_at", "updated_at", "acted_at", "resolved_at")


class RecoveryStepInline(admin.TabularInline[RecoveryStep, RecoveryPlan]):
    model = RecoveryStep
    extra = 0
    raw_id_fields = ("done_by",)


@admin.register(RecoveryPlan)
class RecoveryPlanAdmin(AuditedAdmin):
    list_display = ("person", "owner", "status", "started_on", "completed_on")
    list_filter = ("status",)
    raw_id_fields = ("person", "owner", "created_by")
    inlines = [RecoveryStepInline]
