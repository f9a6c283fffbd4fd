"""The daily sweep of the ledger: overdue promises and at-risk promises nobody told about.

Idempotent by construction: every notification has a dedupe key (core's `notification_send`
stores it once per user and key). A notification is stored as a code with its values and
translated when shown (`karib.core.notifications`); its email goes through core's outbox
(`OutboundEmail`, written in the same transaction, sent after the commit in the recipient's
language): a failed send stays pending and is retried by the next sweep, a sent one is never
sent again (docs/adr/0024-promises-email-outbox.md).

An at-risk promise whose customer was not told escalates to the managers of the owner's
team; when the owner has no manager it escalates to the admins instead (logged), so an
escalation is never lost.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from karib.core.models import Notification, OutboundEmail
from karib.core.notifications import register, register_subject
from karib.core.outbox import language_of, pending_emails
from karib.core.services import email_enqueue_notification, notification_send, outbox_deliver

from .models import Promise
from .selectors import admin_users, managers_of, promise_answerer

logger = logging.getLogger(__name__)

OVERDUE = "promise_overdue"
ESCALATION = "promise_escalation"
COMMUNICATION = "promise_communication"
KINDS = (OVERDUE, ESCALATION, COMMUNICATION)


def register_codes() -> None:
    """The ledger's notification codes (called from `PromisesConfig.ready()`)."""
    register(
        OVERDUE,
        title=_("Promise overdue: %(text)s"),
        body=_("%(organization)s · due %(due)s · promised by %(owner)s"),
    )
    register(
        ESCALATION,
        title=_("Customer not told about an at-risk promise: %(text)s"),
        body=_("%(who)s was to tell %(organization)s by %(date)s; no interaction is logged since."),
    )
    # the body is the communication plan, a person's own words
    register(COMMUNICATION, title=_("Tell the customer about an at-risk promise"))
    register_subject("promises:detail", Promise.objects.visible_to)


@dataclass(frozen=True)
class DailyReport:
    today: datetime.date
    overdue: int
    escalated: int
    notifications: int
    #: emails to send after this run: the new ones and earlier ones not sent yet (retries)
    emails: int


def pending_promise_emails() -> models.QuerySet[OutboundEmail]:
    """The outbox's promise emails not sent yet and still worth trying."""
    return pending_emails().filter(notification__kind__in=KINDS)


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _overdue_values(promise: Promise) -> dict[str, Any]:
    return {
        "text": promise.text[:120],
        "organization": str(promise.organization),
        "due": promise.due_date.isoformat() if promise.due_date else "",
        "owner": _name(promise.made_by),
    }


def _escalation_values(promise: Promise) -> dict[str, Any]:
    return {
        "text": promise.text[:120],
        "who": _name(promise.communication_owner or promise.made_by),
        "organization": str(promise.organization),
        "date": promise.communication_due.isoformat() if promise.communication_due else "",
    }


def promises_daily_sweep(*, today: datetime.date | None = None) -> DailyReport:
    """Notify owners and their managers of overdue promises; escalate silent risks.

    The notifications and their outbox emails are written in one transaction; the emails are
    sent after it commits (core's `outbox_deliver`), with those an earlier run failed to send.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        report = _sweep(today)
    transaction.on_commit(outbox_deliver, robust=True)
    return report


def _sweep(today: datetime.date) -> DailyReport:
    notifications = 0
    overdue = list(
        Promise.objects.overdue(today=today).select_related("made_by", "organization__owner")
    )
    unannounced = list(
        Promise.objects.unannounced_risks(today=today).select_related(
            "made_by", "organization__owner", "communication_owner"
        )
    )
    managers: dict[int, list[User]] = {}

    def managers_for(user: User) -> list[User]:
        if user.pk not in managers:
            managers[user.pk] = list(managers_of(user))
        return managers[user.pk]

    batches: list[tuple[Promise, str, str, list[User], datetime.date | None]] = []
    for promise in overdue:
        # The maker, or the organization's owner once the maker no longer sees it.
        answerer = promise_answerer(promise, promise.made_by)
        batches.append(
            (
                promise,
                OVERDUE,
                f"promises:overdue:{promise.pk}:{promise.due_date}",
                [answerer, *managers_for(answerer)],
                promise.due_date,
            )
        )
    admins: list[User] | None = None
    for promise in unannounced:
        since = promise.at_risk_since.isoformat() if promise.at_risk_since else ""
        recipients = managers_for(promise_answerer(promise, promise.made_by))
        if not recipients:
            if admins is None:
                admins = list(admin_users())
            recipients = admins
            log = logger.warning if admins else logger.error
            log(
                "promise %s: user %s has no manager; escalating to users %s",
                promise.pk,
                promise.made_by_id,
                ", ".join(str(admin.pk) for admin in admins) or "nobody (no admin)",
            )
        batches.append(
            (
                promise,
                ESCALATION,
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
        values = _overdue_values(promise) if kind == OVERDUE else _escalation_values(promise)
        for recipient in recipients:
            if (recipient.pk, key) in already_sent:
                continue
            if recipient.pk not in languages:
                languages[recipient.pk] = language_of(recipient)
            # shown from the code in the reader's language; the stored text (the admin's and
            # a fallback) is written in the recipient's language too
            with translation.override(languages[recipient.pk]):
                notification = notification_send(
                    user=recipient,
                    kind=kind,
                    code=kind,
                    params=values,
                    url=url,
                    due_on=due_on,
                    dedupe_key=key,
                )
            if notification is None:
                continue
            notifications += 1
            # its email, in the same transaction (core's outbox), sent once after the commit
            email_enqueue_notification(notification=notification, deliver=False)
    return DailyReport(
        today=today,
        overdue=len(overdue),
        escalated=len(unannounced),
        notifications=notifications,
        emails=pending_promise_emails().count(),
    )
