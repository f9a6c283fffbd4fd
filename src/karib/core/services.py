"""Writes of the core app: profiles, language, API tokens, notifications."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import notifications
from .audit import audit_record
from .models import ApiToken, AuditEvent, Notification, OutboundEmail, Profile

TOKEN_PREFIX = "kb"  # noqa: S105 - the public prefix of every token, not a secret


def profile_get_or_create(*, user: User) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_set_language(*, user: User, language: str) -> Profile:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unsupported language: {language!r}")
    profile = profile_get_or_create(user=user)
    if profile.language != language:
        profile.language = language
        profile.save(update_fields=["language"])
    return profile


@transaction.atomic
def profile_set_daily_digest(*, user: User, enabled: bool) -> Profile:
    profile = profile_get_or_create(user=user)
    if profile.daily_digest != enabled:
        before = {"daily_digest": profile.daily_digest}
        profile.daily_digest = enabled
        profile.save(update_fields=["daily_digest"])
        audit_record(
            actor=user,
            action=AuditEvent.Action.UPDATE,
            instance=profile,
            before=before,
            after={"daily_digest": enabled},
        )
    return profile


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once to the user, never stored


@transaction.atomic
def api_token_create(*, user: User, name: str) -> IssuedToken:
    """Issue a personal API token `kb_<prefix>_<secret>`; only its hash is kept."""
    name = name.strip()
    if not name:
        raise ValueError("A token needs a name.")
    for _attempt in range(5):
        prefix = secrets.token_hex(4)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    else:  # pragma: no cover - 2**32 prefixes make this practically impossible
        raise RuntimeError("Could not find a free token prefix.")
    raw = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=prefix, token_hash=_hash_token(raw)
    )
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=token, summary="API token")
    return IssuedToken(token=token, secret=raw)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=by, action=AuditEvent.Action.ACTION, instance=token, summary="revoked")
    return token


@transaction.atomic
def credentials_revoke_on_password_change(*, user: User) -> int:
    """The password changed (the user, a reset link, an admin): every API token of the user stops
    working, as Django ends the user's other sessions, and a two-step login set up but never
    confirmed is dropped (whoever saw its secret with the old password cannot finish it).
    Returns how many tokens were revoked."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    now = timezone.now()
    tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    for token in tokens:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=user,
            action=AuditEvent.Action.ACTION,
            instance=token,
            summary="revoked: the password changed",
        )
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return len(tokens)


def api_token_authenticate(raw: str) -> User | None:
    """The active user behind a raw token, or None for a malformed, unknown or revoked one."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=parts[1], revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.token_hash, _hash_token(raw.strip())):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def notification_send(
    *,
    user: User,
    kind: str,
    dedupe_key: str,
    title: str = "",
    body: str = "",
    url: str = "",
    due_on: datetime.date | None = None,
    code: str = "",
    params: Mapping[str, Any] | None = None,
    email: bool = False,
) -> Notification | None:
    """Store a notification once per (user, dedupe_key); returns None when it already exists.

    Pass `code` and `params` (a code registered in `karib.core.notifications`) so the
    notification is shown in the reader's language; `title` then defaults to the text in the
    active language (kept for the admin and as a fallback). Callers that still pass only
    `title`/`body` keep working: when `kind` is a registered code and the text matches its
    templates, the values are recovered and stored as code + values.
    With `email`, its email is written to the outbox in the same transaction (for a user with
    an email address) and sent after the commit.
    """
    values: dict[str, Any] = dict(params or {})
    if code:
        rendered = notifications.render(code, values)
        if rendered is None:
            raise ValueError(f"Unknown notification code: {code!r}")
        title = title or rendered[0]
        body = body or rendered[1]
    elif notifications.registered(kind) is not None:
        recovered = notifications.recognise(kind, title, body)
        if recovered is not None:
            code, values = kind, recovered
    if not title:
        raise ValueError("A notification needs a title or a code.")
    if Notification.objects.filter(user=user, dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                kind=kind,
                code=code,
                params=values,
                title=title[:255],
                body=body,
                url=url[:500],
                due_on=due_on,
                dedupe_key=dedupe_key[:200],
            )
            if email:
                email_enqueue_notification(notification=notification)
            return notification
    except IntegrityError:  # a concurrent sender stored it first
        return None


def email_enqueue_notification(
    *, notification: Notification, deliver: bool = True
) -> OutboundEmail | None:
    """Put a notification's email in the outbox (sent after the commit); None when the user
    has no email address or it is already there. A caller writing many (a daily sweep) passes
    `deliver=False` and delivers once after its commit, so an email that fails is retried by
    the next delivery, not by the next email's."""
    if not notification.user.email:
        return None
    email, created = OutboundEmail.objects.get_or_create(
        user=notification.user,
        dedupe_key=f"notification:{notification.pk}",
        defaults={"kind": OutboundEmail.Kind.NOTIFICATION, "notification": notification},
    )
    if created and deliver:
        transaction.on_commit(outbox_deliver, robust=True)
    return email if created else None


def email_enqueue_digest(*, user: User, day: datetime.date) -> OutboundEmail | None:
    """Put the day's digest of `user` in the outbox (at most one per user and day)."""
    if not user.email:
        return None
    email, created = OutboundEmail.objects.get_or_create(
        user=user,
        dedupe_key=f"digest:{day.isoformat()}",
        defaults={"kind": OutboundEmail.Kind.DIGEST, "day": day},
    )
    if created:
        transaction.on_commit(outbox_deliver, robust=True)
    return email if created else None


def outbox_deliver(*, batch_size: int = 200) -> int:
    """Send every pending email of the outbox, each on its own; returns how many were sent."""
    from .outbox import deliver_pending

    return deliver_pending(batch_size=batch_size)


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
