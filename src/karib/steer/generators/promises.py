"""Actions from the promise ledger: tell the customer; own up to a silent break."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import DateTimeField, Exists, Max, OuterRef, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse

from karib.people.models import Interaction
from karib.promises.models import PENDING_STATUSES, Promise, PromiseStatus
from karib.promises.selectors import promise_answerer

from ..models import ActionKind
from .base import Candidate, clamp, day, urgency_for_days

TEXT_LENGTH = 90


def _spoken_with_customer_since(since: Cast | OuterRef) -> Q:
    """An interaction with the promise's organization or one of its people since `since`."""
    by_organization = Interaction.objects.filter(
        organization=OuterRef("organization"), occurred_at__gte=since
    )
    by_person = Interaction.objects.filter(
        participants__promises=OuterRef("pk"), occurred_at__gte=since
    )
    return Q(Exists(by_organization)) | Q(Exists(by_person))


def tell_customer(today: datetime.date, owner_ids: set[int] | None) -> Iterator[Candidate]:
    """A promise at risk nobody told the customer about since, or overdue and not talked about
    since its due date: its communication owner (else whoever made it) should tell them."""
    pending = Promise.objects.filter(
        status__in=PENDING_STATUSES, made_by__is_active=True
    ).select_related("organization__owner", "made_by", "communication_owner")
    if owner_ids is not None:
        pending = pending.filter(
            Q(made_by__in=owner_ids)
            | Q(communication_owner__in=owner_ids)
            | Q(organization__owner__in=owner_ids)
        )
    due_start = Cast("due_date", output_field=DateTimeField())
    at_risk = pending.filter(status=PromiseStatus.AT_RISK).exclude(
        _spoken_with_customer_since(OuterRef("at_risk_since"))
    )
    overdue = (
        pending.filter(due_date__lt=today)
        .exclude(status=PromiseStatus.AT_RISK)
        .annotate(due_start=due_start)
        .exclude(_spoken_with_customer_since(OuterRef("due_start")))
    )
    seen: set[int] = set()
    for queryset, code in ((at_risk, "promise_at_risk"), (overdue, "promise_overdue")):
        rows = queryset.annotate(influence=Coalesce(Max("people__influence"), Value(3)))
        for promise in rows.order_by("pk"):
            if promise.pk in seen:
                continue
            seen.add(promise.pk)
            owner_id = promise_answerer(promise, promise.communication_owner or promise.made_by).pk
            if owner_ids is not None and owner_id not in owner_ids:
                continue
            due = promise.communication_due if code == "promise_at_risk" else promise.due_date
            days_left = (due - today).days if due else 0
            yield Candidate(
                owner_id=owner_id,
                kind=ActionKind.TELL_CUSTOMER,
                dedupe_key=f"tell:{promise.pk}:{promise.status}:{day(promise.due_date)}",
                reason_code=code,
                reason_params={
                    "promise": promise.text[:TEXT_LENGTH],
                    "organization": promise.organization.name,
                    "due": day(due),
                },
                driver="promises",
                urgency=5 if code == "promise_overdue" else urgency_for_days(days_left),
                impact=clamp(getattr(promise, "influence", 3)),
                due_on=due,
                url=reverse("promises:detail", args=[promise.pk]),
                organization_id=promise.organization_id,
                promise_id=promise.pk,
            )


def own_up(today: datetime.date, owner_ids: set[int] | None) -> Iterator[Candidate]:
    """A silent break whose maker has not spoken with the customer since it broke."""
    owned_up = Interaction.objects.filter(occurred_at__gt=OuterRef("broken_at")).filter(
        Q(created_by=OuterRef("made_by")) | Q(users=OuterRef("made_by"))
    )
    with_organization = owned_up.filter(organization=OuterRef("organization"))
    with_people = owned_up.filter(participants__promises=OuterRef("pk"))
    breaks = (
        Promise.objects.silent_breaks()
        .filter(made_by__is_active=True)
        .exclude(Exists(with_organization))
        .exclude(Exists(with_people))
        .select_related("organization__owner", "made_by")
        .annotate(influence=Coalesce(Max("people__influence"), Value(3)))
    )
    if owner_ids is not None:
        breaks = breaks.filter(Q(made_by__in=owner_ids) | Q(organization__owner__in=owner_ids))
    for promise in breaks.order_by("pk"):
        owner_id = promise_answerer(promise, promise.made_by).pk
        if owner_ids is not None and owner_id not in owner_ids:
            continue
        yield Candidate(
            owner_id=owner_id,
            kind=ActionKind.OWN_UP,
            dedupe_key=f"own-up:{promise.pk}",
            reason_code="silent_break",
            reason_params={
                "promise": promise.text[:TEXT_LENGTH],
                "organization": promise.organization.name,
                "broken": day(promise.broken_at),
            },
            driver="promises",
            urgency=5,
            impact=clamp(getattr(promise, "influence", 3)),
            due_on=None,
            url=reverse("promises:detail", args=[promise.pk]),
            organization_id=promise.organization_id,
            promise_id=promise.pk,
        )
