"""Actions from the gift register: record a KPK report; tell the giver a gift was decided;
a gesture idea the policy allows and that was not given before."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.contrib.auth.models import User
from django.db.models import Max, Q, QuerySet
from django.urls import reverse

from karib.gifts.models import Gift, GiftDecision
from karib.people.models import Person

from ..models import ActionKind
from .base import Candidate, clamp, day

#: A KPK report shows up this many days before its deadline (and stays until reported).
KPK_NOTICE_DAYS = 7
#: A rejection is worth telling for this long after it was decided.
REJECTION_NOTICE_DAYS = 30
#: Field names the ledger may use for "the recipient reported it to the KPK" (first found).
REPORTED_FIELDS = ("kpk_reported_on", "reported_on", "kpk_reported_at", "reported_at")


def _unreported(gifts: QuerySet[Gift]) -> QuerySet[Gift]:
    names = {field.name for field in Gift._meta.get_fields()}
    for name in REPORTED_FIELDS:
        if name in names:
            return gifts.filter(**{f"{name}__isnull": True})
    if "reported" in {value for value, _label in Gift.Status.choices}:
        return gifts.exclude(status="reported")
    return gifts


def kpk_report(today: datetime.date, owner_ids: set[int] | None) -> Iterator[Candidate]:
    gifts = _unreported(
        Gift.objects.filter(
            requires_kpk_report=True,
            report_deadline__isnull=False,
            report_deadline__lte=today + datetime.timedelta(days=KPK_NOTICE_DAYS),
            giver__is_active=True,
        ).exclude(status__in=[Gift.Status.REJECTED, Gift.Status.DECLINED, Gift.Status.PROPOSED])
    ).select_related("recipient")
    if owner_ids is not None:
        gifts = gifts.filter(giver__in=owner_ids)
    for gift in gifts.order_by("pk"):
        assert gift.report_deadline is not None  # noqa: S101 - filtered above
        late = (today - gift.report_deadline).days
        yield Candidate(
            owner_id=gift.giver_id,
            kind=ActionKind.KPK_REPORT,
            dedupe_key=f"kpk:{gift.pk}",
            reason_code="kpk_report_overdue" if late > 0 else "kpk_report_due",
            reason_params={
                "gift": gift.description[:80],
                "recipient": gift.recipient.addressed_name,
                "deadline": day(gift.report_deadline),
                "days": late,
            },
            driver="gestures",
            urgency=5 if late >= -2 else 4,
            impact=4,
            due_on=gift.report_deadline,
            url=reverse("gifts:detail", args=[gift.pk]),
            person_id=gift.recipient_id,
            organization_id=gift.recipient_organization_id,
            gift_id=gift.pk,
        )


def gift_decided(today: datetime.date, owner_ids: set[int] | None) -> Iterator[Candidate]:
    """An approved gift not given yet, or a recent rejection: tell the giver."""
    since = today - datetime.timedelta(days=REJECTION_NOTICE_DAYS)
    decided = (
        Gift.objects.filter(giver__is_active=True)
        .filter(
            Q(status=Gift.Status.APPROVED)
            | Q(status=Gift.Status.REJECTED, decisions__outcome=GiftDecision.Outcome.REJECTED)
        )
        .annotate(
            decided_at=Max(
                "decisions__decided_at",
                filter=Q(
                    decisions__outcome__in=[
                        GiftDecision.Outcome.APPROVED,
                        GiftDecision.Outcome.REJECTED,
                    ]
                ),
            )
        )
        .select_related("recipient")
    )
    if owner_ids is not None:
        decided = decided.filter(giver__in=owner_ids)
    for gift in decided.order_by("pk"):
        approved = gift.status == Gift.Status.APPROVED
        decided_at: datetime.datetime | None = getattr(gift, "decided_at", None)
        if not approved and (decided_at is None or decided_at.date() < since):
            continue
        yield Candidate(
            owner_id=gift.giver_id,
            kind=ActionKind.GIFT_DECIDED,
            dedupe_key=f"gift-decided:{gift.pk}:{gift.status}",
            reason_code="gift_approved" if approved else "gift_rejected",
            reason_params={
                "gift": gift.description[:80],
                "recipient": gift.recipient.addressed_name,
            },
            driver="gestures",
            urgency=4 if approved else 3,
            impact=clamp(gift.recipient.influence),
            url=reverse("gifts:detail", args=[gift.pk]),
            person_id=gift.recipient_id,
            organization_id=gift.recipient_organization_id,
            gift_id=gift.pk,
        )


def _given_before(idea: str, descriptions: list[str]) -> bool:
    wanted = idea.strip().lower()
    return any(wanted in text or text in wanted for text in descriptions if text)


def gesture_idea_for(*, person: Person, owner_id: int) -> str:
    """The first catalogue idea matching the person's interests that the gift policy would
    allow today and that was not given (or proposed) before; "" when there is none."""
    from karib.gifts.models import COUNTED_STATUSES
    from karib.gifts.selectors import gesture_ideas_for_person

    owner = User.objects.filter(pk=owner_id, is_active=True).first()
    if owner is None:
        return ""
    descriptions = [
        text.strip().lower()
        for text in Gift.objects.filter(recipient=person, status__in=COUNTED_STATUSES).values_list(
            "description", flat=True
        )
    ]
    for suggestion in gesture_ideas_for_person(user=owner, person=person):
        if suggestion.evaluation.is_refused:
            continue
        if not _given_before(suggestion.idea.idea, descriptions):
            return suggestion.idea.idea
    return ""
