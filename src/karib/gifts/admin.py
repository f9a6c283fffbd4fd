from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import CollectiveLeaveDay, GestureIdea, Gift, GiftDecision, OpenTender, PolicyRule


@admin.register(PolicyRule)
class PolicyRuleAdmin(admin.ModelAdmin[PolicyRule]):
    list_display = ("code", "is_active", "threshold_idr", "working_days", "effective_from")
    list_filter = ("code", "is_active")
    ordering = ("code", "-effective_from")


@admin.register(CollectiveLeaveDay)
class CollectiveLeaveDayAdmin(admin.ModelAdmin[CollectiveLeaveDay]):
    list_display = ("date", "name", "source")
    date_hierarchy = "date"


@admin.register(GestureIdea)
class GestureIdeaAdmin(admin.ModelAdmin[GestureIdea]):
    list_display = ("topic", "idea", "kind", "typical_min_idr", "typical_max_idr", "is_active")
    list_filter = ("is_active", "kind")
    search_fields = ("topic", "idea")


@admin.register(OpenTender)
class OpenTenderAdmin(admin.ModelAdmin[OpenTender]):
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
class GiftAdmin(admin.ModelAdmin[Gift]):
    """Read-only: gifts change through the services (policy check, audit), not the admin."""

    list_display = ("description", "recipient", "giver", "estimated_value", "status", "proposed_on")
    list_filter = ("status", "kind", "recipient_is_public_official")
    search_fields = ("description", "recipient__full_name")
    inlines = [GiftDecisionInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Gift | None = None) -> bool:
        return False
