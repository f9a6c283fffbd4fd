"""Sending the email outbox (`OutboundEmail`): each row on its own, in the recipient's language.

A row is claimed in its own transaction (locked; rows another worker is sending are skipped) and
marked sent in that same transaction; a failed send is logged, counted on its row and retried by
the next delivery, up to `MAX_EMAIL_ATTEMPTS`. The text is rendered when sent, in the language
on the user's profile, so an English reader gets English even for a code stored in Indonesian
times. What the reader may read is asked then too (`closed_reason`): a row that waited (the mail
server down, retries) while its reader was deactivated or lost sight of the notification's
subject is closed unsent, with its reason, as Today and the digest hide it.

The daily digest is put together from sections other apps register
(`register_digest_section`): each returns the lines of what waits for the user today.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import OutboundEmail, Profile
from .notifications import day_text, in_sight

logger = logging.getLogger(__name__)

#: An email that failed this many times is no longer retried (it stays on record).
MAX_EMAIL_ATTEMPTS = 5


@dataclass(frozen=True)
class DigestLine:
    text: str
    url: str = ""


DigestSection = Callable[[User], list[DigestLine]]
_DIGEST_SECTIONS: list[DigestSection] = []


def register_digest_section(section: DigestSection) -> None:
    """Add a section to every daily digest (called from an app's `ready()`)."""
    if section not in _DIGEST_SECTIONS:
        _DIGEST_SECTIONS.append(section)


def digest_lines(user: User) -> list[DigestLine]:
    lines: list[DigestLine] = []
    for section in _DIGEST_SECTIONS:
        lines.extend(section(user))
    return lines


def pending_emails() -> models.QuerySet[OutboundEmail]:
    return OutboundEmail.objects.filter(emailed_at__isnull=True, attempts__lt=MAX_EMAIL_ATTEMPTS)


def language_of(user: User) -> str:
    profile = Profile.objects.filter(user=user).only("language").first()
    return (profile.language if profile else "") or settings.LANGUAGE_CODE


def _absolute(url: str) -> str:
    base = getattr(settings, "KARIB_BASE_URL", "").rstrip("/")
    return f"{base}{url}" if url.startswith("/") and base else url


def one_line(subject: str) -> str:
    """The subject on one line: every run of white space (line breaks included) one space.
    A subject with a line break fails with ``BadHeaderError`` on every attempt (secprobe7 F7:
    a gift described "Makan siang\\r\\nBcc: ..." never reached Compliance)."""
    return " ".join(subject.split())


def render_email(email: OutboundEmail) -> tuple[str, str] | None:
    """(subject, text) in the recipient's language, the subject on one line (`one_line`); None
    when there is nothing to say (an empty digest is not sent)."""
    message = _render_email(email)
    return None if message is None else (one_line(message[0]), message[1])


def _render_email(email: OutboundEmail) -> tuple[str, str] | None:
    with translation.override(language_of(email.user)):
        if email.kind == OutboundEmail.Kind.NOTIFICATION and email.notification is not None:
            notification = email.notification
            text = "\n\n".join(
                part for part in (notification.display_body, _absolute(notification.url)) if part
            )
            return f"[Karib] {notification.display_title}", text
        lines = digest_lines(email.user)
        if not lines:
            return None
        day = email.day or timezone.localdate()
        subject = _("[Karib] Today, %(day)s: %(count)s things wait for you") % {
            "day": day_text(day),
            "count": len(lines),
        }
        body = "\n".join(
            f"- {line.text}" + (f"\n  {_absolute(line.url)}" if line.url else "") for line in lines
        )
        return subject, body


#: Why a row was closed without sending (kept in its ``last_error``).
CLOSED_EMPTY_DIGEST = "empty digest"
CLOSED_INACTIVE = "user inactive"
CLOSED_GONE = "notification gone"
CLOSED_OUT_OF_SIGHT = "out of sight"


def closed_reason(email: OutboundEmail, *, is_active: bool) -> str | None:
    """Why `email` is no longer to be sent, asked at delivery (``is_active``: its user's, read
    when the row is claimed): its user was deactivated, or its notification is gone or about a
    subject the user no longer sees (``notifications.in_sight``, as Today and the digest ask);
    None when it may go. A digest's lines are Today's, which asks the same of each line."""
    if not is_active:
        return CLOSED_INACTIVE
    if email.kind == OutboundEmail.Kind.NOTIFICATION:
        if email.notification is None:
            return CLOSED_GONE
        if not in_sight(email.user, [email.notification]):
            return CLOSED_OUT_OF_SIGHT
    return None


def _close_unsent(email: OutboundEmail, *, attempts: int, reason: str) -> None:
    OutboundEmail.objects.filter(pk=email.pk).update(
        attempts=attempts, emailed_at=timezone.now(), last_error=reason
    )


def deliver_pending(*, batch_size: int = 200) -> int:
    sent = 0
    pending = list(pending_emails().order_by("pk").values_list("pk", flat=True))
    for offset in range(0, len(pending), batch_size):
        rows = OutboundEmail.objects.filter(pk__in=pending[offset : offset + batch_size])
        for email in rows.select_related("user", "notification").order_by("pk"):
            sent += _deliver(email)
    return sent


def _deliver(email: OutboundEmail) -> int:
    with transaction.atomic():
        claimed = (
            pending_emails()
            .select_for_update(of=("self",), skip_locked=True)
            .filter(pk=email.pk)
            .values_list("attempts", "user__is_active")
            .first()
        )
        if claimed is None:  # sent meanwhile, or being sent by another worker
            return 0
        attempts = claimed[0] + 1
        try:
            reason = closed_reason(email, is_active=claimed[1])
            if reason is not None:  # no longer the user's to read: close it without sending
                _close_unsent(email, attempts=attempts, reason=reason)
                return 0
            if not email.user.email:
                raise ValueError("the user has no email address")
            message = render_email(email)
            if message is None:  # nothing waits: close the row without sending
                _close_unsent(email, attempts=attempts, reason=CLOSED_EMPTY_DIGEST)
                return 0
            subject, text = message
            send_mail(
                subject=subject,
                message=text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[email.user.email],
                fail_silently=False,
            )
        except Exception as error:  # any backend error: keep the row pending, try the rest
            last_error = f"{type(error).__name__}: {error}"[:2000]
            OutboundEmail.objects.filter(pk=email.pk).update(
                attempts=attempts, last_error=last_error
            )
            logger.warning(
                "email %s to user %s failed (attempt %s of %s): %s",
                email.pk,
                email.user_id,
                attempts,
                MAX_EMAIL_ATTEMPTS,
                last_error,
            )
            return 0
        OutboundEmail.objects.filter(pk=email.pk).update(
            attempts=attempts, emailed_at=timezone.now(), last_error=""
        )
        return 1


def digests_enqueue(*, day: datetime.date | None = None) -> int:
    """Queue today's digest for every active user who asked for it; returns how many."""
    from .services import email_enqueue_digest

    day = day or timezone.localdate()
    users = User.objects.filter(is_active=True, profile__daily_digest=True).exclude(email="")
    queued = 0
    with transaction.atomic():
        for user in users.order_by("pk"):
            queued += email_enqueue_digest(user=user, day=day) is not None
    return queued
