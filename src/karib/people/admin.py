"""Read-mostly admin views; changes should go through the pages or the API (services audit)."""

from django.contrib import admin

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
class OrganizationAdmin(admin.ModelAdmin[Organization]):
    list_display = ["name", "kind", "city", "owner", "team"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ["full_name", "organization", "stage", "attitude", "influence", "owner"]
    list_filter = ["stage", "attitude", "is_public_official"]
    search_fields = ["full_name", "organization__name"]
    raw_id_fields = ["organization"]


@admin.register(PersonalFact)
class PersonalFactAdmin(admin.ModelAdmin[PersonalFact]):
    list_display = ["person", "category", "text", "learned_on", "is_sensitive"]
    raw_id_fields = ["person", "source_interaction", "told_by_person"]


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin[Interaction]):
    list_display = ["kind", "occurred_at", "organization", "mood"]
    raw_id_fields = ["organization", "participants"]


admin.site.register(RelationshipChange)
admin.site.register(EnvoyAssignment)
admin.site.register(ImportantDate)
