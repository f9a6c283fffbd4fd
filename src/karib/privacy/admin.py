"""Records of legal significance: changed only through the services, never the admin."""

from django.contrib import admin

from karib.core.admin_base import ReadOnlyAdmin

from .models import Erasure, LegalHold, SubjectRequest


@admin.register(SubjectRequest)
class SubjectRequestAdmin(ReadOnlyAdmin):
    list_display = ("reference", "kind", "status", "received_at", "due_at")


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdmin):
    list_display = ("reference", "erased_by", "erased_at")


@admin.register(LegalHold)
class LegalHoldAdmin(ReadOnlyAdmin):
    list_display = ("person", "reason", "held_since")
