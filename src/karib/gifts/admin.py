from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from karib.core.admin_base import AuditedAdmin, ReadOnlyAdmin

from . import policy
from .models import CollectiveLeaveDay, GestureIdea, Gift, GiftDecision, OpenTender, PolicyRule


@admin.register(PolicyRule)
class PolicyRuleAdmin(AuditedAdmin):
    """The legal rules (`policy.LEGAL_RULES`) cannot be switched off or deleted here: only
    their parameters, source and notes can change (the engine also fails closed without them,
    and a check constraint keeps them active)."""

    list_display = ("code", "is_active", "threshold_idr", "working_days", "effective_from")
    list_filter = ("code", "is_active")
    ordering = ("code", "-effective_from")

    def get_readonly_fields(
        self, request: HttpRequest, obj: PolicyRule | None = None
    ) -> tuple[str, ...]:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_legal:
            return (*readonly, "code", "is_active")
        return readonly

    def has_delete_permission(self, request: HttpRequest, obj: PolicyRule | None = None) -> bool:
        if obj is not None and obj.is_legal:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[PolicyRule]) -> None:
        legal = [str(code) for code in policy.LEGAL_RULES]
        super().delete_queryset(request, queryset.exclude(code__in=legal))


@admin.register(CollectiveLeaveDay)
class CollectiveLeaveDayAdmin(AuditedAdmin):
    list_display = ("date", "name", "source")
    date_hierarchy = "date"


@admin.register(GestureIdea)
class GestureIdeaAdmin(AuditedAdmin):
    list_display = ("topic", "idea", "kind", "typical_min_idr", "typical_max_idr", "is_active")
    list_filter = ("is_active", "kind")
    search_fields = ("topic", "idea")


@admin.register(OpenTender)
class OpenTenderAdmin(AuditedAdmin):
    list_display = ("name", "organization", "start", "end")
    raw_id_fields = ("organization",)


class GiftDecisionInline(admin.TabularInline[GiftDecision, Gift]):
    model = GiftDecision
    extra = 0
    can_delete = False
    readonly_fields = (
        "rule_code",
        "outcome",
        "params",
        "note",
        "legal_source",
        "decided_by",
        "decided_at",
    )

    def has_add_permission(self, request: HttpRequest, obj: Gift | None = None) -> bool:
        return False


@admin.register(Gift)
class GiftAdmin(ReadOnlyAdmin):
    """Read-only: gifts change through the services (policy check, audit), not the admin; the
    register is never deleted (secprobe7, F3: deleting one took its decisions, unaudited)."""

    list_display = ("description", "recipient", "giver", "estimated_value", "status", "proposed_on")
    list_filter = ("status", "kind", "recipient_is_public_official")
    search_fields = ("description", "recipient__full_name")
    inlines = [GiftDecisionInline]
