from django.contrib import admin

from .models import HealthPolicy, PersonCadence, PersonHealth


@admin.register(HealthPolicy)
class HealthPolicyAdmin(admin.ModelAdmin[HealthPolicy]):
    list_display = ("version", "effective_from", "recomputed_at", "created_at")
    readonly_fields = ("recomputed_at", "created_at")


@admin.register(PersonCadence)
class PersonCadenceAdmin(admin.ModelAdmin[PersonCadence]):
    list_display = ("person", "days", "reason", "set_by", "updated_at")
    raw_id_fields = ("person",)
    readonly_fields = ("set_by",)


@admin.register(PersonHealth)
class PersonHealthAdmin(admin.ModelAdmin[PersonHealth]):
    list_display = ("person", "score", "band", "on", "policy_version")
    list_filter = ("band",)
    raw_id_fields = ("person",)
    readonly_fields = tuple(f.name for f in PersonHealth._meta.fields)

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False
