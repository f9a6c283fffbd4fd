"""Read-only admin views: every change goes through the pages or the API, whose services
validate, audit and keep the search index up to date."""

from django.contrib import admin

from karib.core.admin_base import ReadOnlyAdmin

from .models import (
    EnvoyAssignment,
    ImportantDate,
    Interaction,
    Organization,
    Person,
    PersonalFact,
    RelationshipChange,
)


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "city", "owner", "team"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "organization", "stage", "attitude", "influence", "owner"]
    list_filter = ["stage", "attitude", "is_public_official"]
    search_fields = ["full_name", "organization__name"]


@admin.register(PersonalFact)
class PersonalFactAdmin(ReadOnlyAdmin):
    list_display = ["person", "category", "text", "learned_on", "is_sensitive"]


@admin.register(Interaction)
class InteractionAdmin(ReadOnlyAdmin):
    list_display = ["kind", "occurred_at", "organization", "mood"]


admin.site.register(RelationshipChange, ReadOnlyAdmin)
admin.site.register(EnvoyAssignment, ReadOnlyAdmin)
admin.site.register(ImportantDate, ReadOnlyAdmin)
