from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_base import AuditedAdmin, ReadOnlyAdmin
from .models import ApiToken, AuditEvent, Notification, OutboundEmail, Profile, Team
from .services import api_token_revoke

# Users and groups (the roles) are edited in the admin: audited, like every other admin edit.
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AuditedUserAdmin(AuditedAdmin, UserAdmin[User]):
    pass


@admin.register(Group)
class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    pass


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Profile)
class ProfileAdmin(AuditedAdmin):
    list_display = ["user", "team", "language"]
    list_filter = ["team", "language"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Read-only, with one action: revoke (through the service, audited). A token is made by
    its user (or `create_api_token`), who alone sees its secret; letting the admin move it to
    another user or clear its revocation was impersonation (secprobe6, F1)."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    readonly_fields = [f.name for f in ApiToken._meta.fields]
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected API tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            api_token_revoke(token=token, by=request.user)  # type: ignore[arg-type]
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens))
            % {"count": len(tokens)},
            messages.SUCCESS,
        )


@admin.register(Notification)
class NotificationAdmin(AuditedAdmin):
    list_display = ["title", "user", "kind", "due_on", "read_at"]
    list_filter = ["kind"]


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin[OutboundEmail]):
    """The one email outbox, to see what failed (read-only)."""

    list_display = ["user", "kind", "notification", "created_at", "emailed_at", "attempts"]
    list_filter = ["kind", ("emailed_at", admin.EmptyFieldListFilter)]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutboundEmail | None = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "content_type", "object_repr", "summary"]
    list_filter = ["action", "content_type"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
