"""Admin: read-mostly views for support; transcripts are personal data, so no list of texts."""

from __future__ import annotations

from django.contrib import admin

from karib.core.admin_base import AuditedAdmin

from .models import CancellationPlaybook, ImportBatch


@admin.register(CancellationPlaybook)
class CancellationPlaybookAdmin(AuditedAdmin):
    list_display = ("team", "max_offers_after_refusal", "requires_courteous_closure", "updated_at")


@admin.register(ImportBatch)
class ImportBatchAdmin(AuditedAdmin):
    list_display = ("pk", "team", "status", "files_total", "imported_count", "created_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
