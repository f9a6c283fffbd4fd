"""The daily sweep of the ledger: overdue promises and at-risk promises nobody told about.

Idempotent by construction: every notification has a dedupe key (core's `notification_send`
stores it once per user and key). Emails go through an outbox (`PromiseEmail`): a new
notification writes its email row in the same transaction, and after the commit every
pending row is sent, each on its own; a failed send stays pending and is retried by the next
sweep, a sent one is never sent again (docs/adr/0024-promises-email-outbox.md).

An at-risk promise whose customer was not told escalates to the managers of the owner's
team; when the owner has no manager it escalates to the admins instead (logged), so an
escalation is never lost.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from karib.core.models import Notification, Profile
from karib.core.services import notification_send

from .models import Promise, PromiseEmail
from .selectors import admin_users, managers_of

logger = logging.getLogger(__name__)

#: A promise email that failed this many times is no longer retried (it stays on record).
MAX_EMAIL_ATTEMPTS = 5


@dataclass(frozen=True)
class DailyReport:
    today: datetime.date
    overdue: int
    escalated: int
    notifications: int
    #: emails to send after this run: the new ones and earlier ones not sent yet (retries)
    emails: int


def _notify(
    *,
    user: User,
    kind: str,
    title: str,
    body: str,
    url: str,
    due_on: datetime.date | None,
    dedupe_key: str,
) -> Notification | None:
    """Notify in the app once per key; returns the notification when it was new."""
    return notification_send(
        user=user, kind=kind, title=title, body=body, url=url, due_on=due_on, dedupe_key=dedupe_key
    )


def pending_emails() -> models.QuerySet[PromiseEmail]:
    """Promise emails not sent yet and still worth trying."""
    return PromiseEmail.objects.filter(emailed_at__isnull=True, attempts__lt=MAX_EMAIL_ATTEMPTS)


def promise_emails_deliver(*, batch_size: int = 200) -> int:
    """Send every pending promise email, each on its own; returns how many were sent.

    One failing send does not stop the others: it is logged, counted on its row and retried
    by the next call. Each row is claimed in its own transaction (locked; rows another worker
    is sending are skipped) and marked sent in that same transaction.
    """
    sent = 0
    pending = list(pending_emails().order_by("pk").values_list("pk", flat=True))
    for offset in range(0, len(pending), batch_size):
        emails = PromiseEmail.objects.filter(pk__in=pending[offset : offset + batch_size])
        for email in emails.select_related("notification__user").order_by("pk"):
            sent += _deliver(email)
    return sent


def _deliver(email: PromiseEmail) -> int:
    """Send one email if it is still pending; returns 1 when it was sent."""
    with transaction.atomic():
        claimed = (
            pending_emails()
            .select_for_update(skip_locked=True)
            .filter(pk=email.pk)
            .values_list("attempts", flat=True)
            .first()
        )
        if claimed is None:  # sent meanwhile, or being sent by another worker
            return 0
        notification = email.notification
        attempts = claimed + 1
        recipient = notification.user.email
        try:
            if not recipient:
                raise ValueError("the user has no email address")
            send_mail(
                subject=f"[Karib] {notification.title}",
                message=f"{notification.body}\n\n{notification.url}",
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[recipient],
                fail_silently=False,
            )
        except Exception as error:  # any backend error: keep the row pending, try the rest
            last_error = f"{type(error).__name__}: {error}"[:2000]
            PromiseEmail.objects.filter(pk=email.pk).update(
                attempts=attempts, last_error=last_error
            )
            logger.warning(
                "promise email %s to user %s failed (attempt %s of %s): %s",
                email.pk,
                notification.user_id,
                attempts,
                MAX_EMAIL_ATTEMPTS,
                last_error,
            )
            return 0
        PromiseEmail.objects.filter(pk=email.pk).update(
            attempts=attempts, emailed_at=timezone.now(), last_error=""
        )
        return 1


def _language_of(user: User) -> str:
    """The user's chosen language, else the site's (notifications are stored translated)."""
    profile = Profile.objects.filter(user=user).only("language").first()
    return (profile.language if profile else "") or settings.LANGUAGE_CODE


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _overdue_text(promise: Promise) -> tuple[str, str]:
    title = _("Promise overdue: %(text)s") % {"text": promise.text[:120]}
    body = _("%(organization)s · due %(due)s · promised by %(owner)s") % {
        "organization": promise.organization,
        "due": promise.due_date.isoformat() if promise.due_date else "",
        "owner": _name(promise.made_by),
    }
    return title, body


def _escalation_text(promise: Promise) -> tuple[str, str]:
    title = _("Customer not told about an at-risk promise: %(text)s") % {"text": promise.text[:120]}
    body = _(
        "%(who)s was to tell %(organization)s by %(date)s; no interaction is logged since."
    ) % {
        "who": _name(promise.communication_owner or promise.made_by),
        "organization": promise.organization,
        "date": promise.communication_due.isoformat() if promise.communication_due else "",
    }
    return title, body


def promises_daily_sweep(*, today: datetime.date | None = None) -> DailyReport:
    """Notify owners and their managers of overdue promises; escalate silent risks.

    The notifications and their email rows are written in one transaction; the emails are
    sent after it commits (`promise_emails_deliver`), with those an earlier run failed to send.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        report = _sweep(today)
    transaction.on_commit(promise_emails_deliver, robust=True)
    return report


def _sweep(today: datetime.date) -> DailyReport:
    notifications = 0
    emails: list[PromiseEmail] = []
    overdue = list(Promise.objects.overdue(today=today).select_related("made_by", "organization"))
    unannounced = list(
        Promise.objects.unannounced_risks(today=today).select_related(
            "made_by", "organization", "communication_owner"
        )
    )
    managers: dict[int, list[User]] = {}

    def managers_for(user: User) -> list[User]:
        if user.pk not in managers:
            managers[user.pk] = list(managers_of(user))
        return managers[user.pk]

    batches: list[tuple[Promise, str, str, list[User], datetime.date | None]] = []
    for promise in overdue:
        batches.append(
            (
                promise,
                "promise_overdue",
                f"promises:overdue:{promise.pk}:{promise.due_date}",
                [promise.made_by, *managers_for(promise.made_by)],
                promise.due_date,
            )
        )
    admins: list[User] | None = None
    for promise in unannounced:
        since = promise.at_risk_since.isoformat() if promise.at_risk_since else ""
        recipients = managers_for(promise.made_by)
        if not recipients:
            if admins is None:
                admins = list(admin_users())
            recipients = admins
            log = logger.warning if admins else logger.error
            log(
                "promise %s: %s has no manager; escalating to %s",
                promise.pk,
                promise.made_by.get_username(),
                ", ".join(admin.get_username() for admin in admins) or "nobody (no admin)",
            )
        batches.append(
            (
                promise,
                "promise_escalation",
                f"promises:escalation:{promise.pk}:{since}",
                recipients,
                promise.communication_due,
            )
        )
    # Skip what was already sent in one query (core's notification_send would check each).
    keys = [key for _p, _k, key, _r, _d in batches]
    already_sent: set[tuple[int, str]] = set()
    for offset in range(0, len(keys), 500):  # stay under the database's parameter limit
        already_sent.update(
            Notification.objects.filter(dedupe_key__in=keys[offset : offset + 500]).values_list(
                "user_id", "dedupe_key"
            )
        )
    languages: dict[int, str] = {}
    for promise, kind, key, recipients, due_on in batches:
        url = reverse("promises:detail", args=[promise.pk])
        for recipient in recipients:
            if (recipient.pk, key) in already_sent:
                continue
            if recipient.pk not in languages:
                languages[recipient.pk] = _language_of(recipient)
            with translation.override(languages[recipient.pk]):
                if kind == "promise_overdue":
                    title, body = _overdue_text(promise)
                else:
                    title, body = _escalation_text(promise)
            notification = _notify(
                user=recipient,
                kind=kind,
                title=title,
                body=body,
                url=url,
                due_on=due_on,
                dedupe_key=key,
            )
            if notification is None:
                continue
            notifications += 1
            if recipient.email:  # its email, in the same transaction (the outbox)
                emails.append(PromiseEmail(notification=notification))
    PromiseEmail.objects.bulk_create(emails, batch_size=500)
    return DailyReport(
        today=today,
        overdue=len(overdue),
        escalated=len(unannounced),
        notifications=notifications,
        emails=pending_emails().count(),
    )
