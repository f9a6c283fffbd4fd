"""Infrastructure shared by every app: teams and profiles, API tokens, notifications, audit."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    """A group of users who work together; managers see their team's records."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """What Karib keeps about a user beyond Django's auth user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    aliases = models.CharField(
        _("aliases"),
        max_length=255,
        blank=True,
        help_text=_("Other names this user appears under, comma-separated (e.g. in transcripts)."),
    )
    daily_digest = models.BooleanField(
        _("daily digest email"),
        default=False,
        help_text=_("Send me each morning an email with what waits for me today."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 hash of the secret is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    token_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Notification(models.Model):
    """An in-app notification or reminder for one user, shown on the Today page.

    `dedupe_key` makes senders idempotent: the same key for the same user is stored once.
    A notification with a registered `code` is shown from the code's templates and `params`
    in the reader's language (`display_title`, `display_body`); `title` and `body` keep the
    text as first written (and the free text of older notifications or of a person).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40)
    code = models.CharField(_("code"), max_length=60, blank=True)
    params = models.JSONField(_("values"), default=dict, blank=True)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"], name="core_notification_unique_key_per_user"
            )
        ]
        indexes = [models.Index(fields=["user", "read_at", "due_on"])]

    def __str__(self) -> str:
        return self.title

    def _rendered(self) -> tuple[str, str] | None:
        from .notifications import render

        return render(self.code, self.params or {}) if self.code else None

    @property
    def display_title(self) -> str:
        rendered = self._rendered()
        return rendered[0] if rendered else self.title

    @property
    def display_body(self) -> str:
        rendered = self._rendered()
        return rendered[1] or self.body if rendered else self.body


class OutboundEmail(models.Model):
    """The one email outbox of every app: a row is written in the transaction of what caused
    it and sent after the commit, in the recipient's language at the time of sending.

    A failed send keeps the row pending with its error (retried by the next delivery, up to
    `MAX_EMAIL_ATTEMPTS`); a sent row is never sent again. `dedupe_key` makes enqueuing
    idempotent per user (a notification's email, a day's digest).
    """

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("notification")
        DIGEST = "digest", _("daily digest")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outbound_emails"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emails",
    )
    day = models.DateField(_("day"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("outbound email")
        verbose_name_plural = _("email outbox")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"], name="core_outboundemail_unique_key_per_user"
            )
        ]
        indexes = [models.Index(fields=["emailed_at", "attempts"])]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id}: {'sent' if self.emailed_at else 'pending'}"


class AuditEvent(models.Model):
    """Who changed what, when, with the values before and after."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")
        ACTION = "action", _("action")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    summary = models.CharField(_("summary"), max_length=255, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
