"""The daily sweep of the ledger: overdue promises and at-risk promises nobody told about.

Idempotent by construction: every notification has a dedupe key (core's `notification_send`
stores it once per user and key), and an email goes out only when the notification was new.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from karib.core.models import Notification, Profile
from karib.core.services import notification_send

from .models import Promise
from .selectors import managers_of


@dataclass(frozen=True)
class DailyReport:
    today: datetime.date
    overdue: int
    escalated: int
    notifications: int
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
) -> tuple[int, int]:
    """Notify in the app and by email, once per key; returns (notifications, emails) sent."""
    notification = notification_send(
        user=user, kind=kind, title=title, body=body, url=url, due_on=due_on, dedupe_key=dedupe_key
    )
    if notification is None:
        return 0, 0
    if not user.email:
        return 1, 0
    recipient = user.email
    transaction.on_commit(
        lambda: send_mail(
            subject=f"[Karib] {title}",
            message=f"{body}\n\n{url}",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[recipient],
            fail_silently=False,
        )
    )
    return 1, 1


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


@transaction.atomic
def promises_daily_sweep(*, today: datetime.date | None = None) -> DailyReport:
    """Notify owners and their managers of overdue promises; escalate silent risks."""
    today = today or timezone.localdate()
    notifications = emails = 0
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
    for promise in unannounced:
        since = promise.at_risk_since.isoformat() if promise.at_risk_since else ""
        batches.append(
            (
                promise,
                "promise_escalation",
                f"promises:escalation:{promise.pk}:{since}",
                managers_for(promise.made_by),
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
            sent = _notify(
                user=recipient,
                kind=kind,
                title=title,
                body=body,
                url=url,
                due_on=due_on,
                dedupe_key=key,
            )
            notifications, emails = notifications + sent[0], emails + sent[1]
    return DailyReport(
        today=today,
        overdue=len(overdue),
        escalated=len(unannounced),
        notifications=notifications,
        emails=emails,
    )
