from django.contrib import admin

from karib.core.admin_base import AuditedAdmin, ReadOnlyAdmin

from .models import HealthPolicy, PersonCadence, PersonHealth


@admin.register(HealthPolicy)
class HealthPolicyAdmin(AuditedAdmin):
    list_display = ("version", "effective_from", "recomputed_at", "created_at")
    readonly_fields = ("recomputed_at", "created_at")

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # A version in use is never edited (history records which version produced it):
        # add a new version instead.
        if obj is not None:
            return ("version", "rules", "effective_from", "recomputed_at", "created_at")
        return self.readonly_fields


@admin.register(PersonCadence)
class PersonCadenceAdmin(ReadOnlyAdmin):
    """Read-only: overrides go through `person_cadence_set` (rule-checked and audited)."""

    list_display = ("person", "days", "reason", "set_by", "updated_at")
    raw_id_fields = ("person",)


@admin.register(PersonHealth)
class PersonHealthAdmin(AuditedAdmin):
    list_display = ("person", "score", "band", "on", "policy_version")
    list_filter = ("band",)
    raw_id_fields = ("person",)
    readonly_fields = tuple(f.name for f in PersonHealth._meta.fields)

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False
