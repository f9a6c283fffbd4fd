from django.contrib import admin

from .models import Erasure, LegalHold, SubjectRequest


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Records of legal significance: changed only through the services, never the admin."""

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(SubjectRequest)
class SubjectRequestAdmin(ReadOnlyAdmin):
    list_display = ("reference", "kind", "status", "received_at", "due_at")


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdmin):
    list_display = ("reference", "erased_by", "erased_at")


@admin.register(LegalHold)
class LegalHoldAdmin(ReadOnlyAdmin):
    list_display = ("person", "reason", "held_since")
