from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from .admin_base import AuditedAdmin, ReadOnlyAdmin, admin_state
from .audit import audit_record
from .models import ApiToken, AuditEvent, Notification, OutboundEmail, Profile, Team
from .services import api_token_revoke

# Users and groups (the roles) are edited in the admin: audited, like every other admin edit.
admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.unregister(TOTPDevice)


@admin.register(User)
class AuditedUserAdmin(AuditedAdmin, UserAdmin[User]):
    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """A password an admin sets is in the audit log with the admin as actor (a digest of
        the hash, never the hash; secprobe7, F2)."""
        user = self.get_object(request, unquote(id))
        before = admin_state(user) if user is not None else {}
        response = super().user_change_password(request, id, form_url)
        if user is not None and request.method == "POST" and response.status_code == 302:
            user.refresh_from_db()
            audit_record(
                actor=request.user,
                action=AuditEvent.Action.UPDATE,
                instance=user,
                before={"password": before.get("password")},
                after={"password": admin_state(user).get("password")},
                summary="password set in the admin",
            )
        return response


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(AuditedAdmin):
    """Two-step login devices: listed, and deleted to reset a user's two-step login (audited).
    Never added here nor shown with their key: an admin binding an authenticator of their own
    to a Compliance account could act as its owner (secprobe7, F2). A user sets theirs up on
    the profile page, proving their address first."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = ("user", "name", "confirmed", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: TOTPDevice | None = None) -> bool:
        return False


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
class OutboundEmailAdmin(ReadOnlyAdmin):
    """The one email outbox, to see what failed (read-only)."""

    list_display = ["user", "kind", "notification", "created_at", "emailed_at", "attempts"]
    list_filter = ["kind", ("emailed_at", admin.EmptyFieldListFilter)]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "content_type", "object_repr", "summary"]
    list_filter = ["action", "content_type"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
