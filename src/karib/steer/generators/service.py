"""Actions from conversation QA: follow up a flagged conversation with your customer; read and
respond to a review of your conversation; answer a dispute."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.contrib.auth.models import User
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse

from karib.core.roles import Role
from karib.service.models import Conversation, Dispute, Review

from ..models import ActionKind
from .base import Candidate, clamp, day

#: Flagged conversations and reviews older than this are history, not work.
RECENT_DAYS = 60


def flagged() -> Q:
    return (
        Q(analysis__tone_shift=True)
        | Q(analysis__customer_cut_off=True)
        | Q(analysis__breaks_playbook=True)
    )


def conversation_follow_up(today: datetime.date, owner_ids: set[int] | None) -> Iterator[Candidate]:
    since = today - datetime.timedelta(days=RECENT_DAYS)
    conversations = (
        Conversation.objects.filter(flagged(), customer__isnull=False, started_at__date__gte=since)
        .filter(customer__owner__is_active=True)
        .select_related("customer", "agent")
        .only(
            "pk",
            "external_id",
            "started_at",
            "agent_name",
            "agent__first_name",
            "agent__last_name",
            "agent__username",
            "customer__id",
            "customer__full_name",
            "customer__honorific",
            "customer__custom_address",
            "customer__owner_id",
            "customer__envoy_id",
            "customer__refuses_to_meet_owner",
            "customer__influence",
            "customer__organization_id",
        )
    )
    if owner_ids is not None:
        conversations = conversations.filter(
            Q(customer__owner__in=owner_ids) | Q(customer__envoy__in=owner_ids)
        )
    for conversation in conversations.order_by("pk"):
        person = conversation.customer
        assert person is not None  # noqa: S101 - filtered above
        owner_id = person.envoy_id if person.refuses_to_meet_owner else person.owner_id
        if owner_id is None or (owner_ids is not None and owner_id not in owner_ids):
            continue
        agent = conversation.agent
        yield Candidate(
            owner_id=owner_id,
            kind=ActionKind.CONVERSATION_FOLLOW_UP,
            dedupe_key=f"conversation:{conversation.pk}",
            reason_code="conversation_flagged",
            reason_params={
                "agent": (agent.get_full_name() or agent.get_username())
                if agent
                else conversation.agent_name,
                "person": person.addressed_name,
                "day": day(conversation.started_at),
            },
            driver="tone",
            urgency=4,
            impact=clamp(person.influence),
            url=reverse("service:conversation-detail", args=[conversation.pk]),
            person_id=person.pk,
            organization_id=person.organization_id,
            conversation_id=conversation.pk,
        )


def review_respond(today: datetime.date, owner_ids: set[int] | None) -> Iterator[Candidate]:
    since = today - datetime.timedelta(days=RECENT_DAYS)
    answered = Dispute.objects.filter(
        conversation=OuterRef("conversation"), agent=OuterRef("conversation__agent")
    )
    reviews = (
        Review.objects.filter(
            updated_at__date__gte=since,
            conversation__agent__isnull=False,
            conversation__agent__is_active=True,
        )
        .exclude(Exists(answered))
        .exclude(reviewer=F("conversation__agent"))
        .select_related("reviewer", "conversation")
    )
    if owner_ids is not None:
        reviews = reviews.filter(conversation__agent__in=owner_ids)
    for review in reviews.order_by("pk"):
        conversation = review.conversation
        assert conversation.agent_id is not None  # noqa: S101 - filtered above
        yield Candidate(
            owner_id=conversation.agent_id,
            kind=ActionKind.REVIEW_RESPOND,
            dedupe_key=f"review:{review.pk}",
            reason_code="review_waiting",
            reason_params={
                "reviewer": review.reviewer.get_full_name() or review.reviewer.get_username(),
                "conversation": conversation.external_id,
            },
            driver="tone",
            urgency=4,
            impact=3,
            url=reverse("service:conversation-detail", args=[conversation.pk]) + "#respond",
            conversation_id=conversation.pk,
        )


def dispute_answer(today: datetime.date, owner_ids: set[int] | None) -> Iterator[Candidate]:
    disputes = Dispute.objects.filter(status=Dispute.Status.OPEN).select_related(
        "conversation", "agent"
    )
    reviewers: dict[int, list[int]] = {}
    for dispute in disputes.order_by("pk"):
        team_id = dispute.conversation.team_id
        if team_id not in reviewers:
            reviewers[team_id] = list(
                User.objects.filter(
                    is_active=True,
                    groups__name=Role.QA_REVIEWER.value,
                    profile__team=team_id,
                )
                .distinct()
                .values_list("pk", flat=True)
            )
        for reviewer_id in reviewers[team_id]:
            if owner_ids is not None and reviewer_id not in owner_ids:
                continue
            yield Candidate(
                owner_id=reviewer_id,
                kind=ActionKind.DISPUTE_ANSWER,
                dedupe_key=f"dispute:{dispute.pk}",
                reason_code="dispute_waiting",
                reason_params={
                    "agent": dispute.agent.get_full_name() or dispute.agent.get_username(),
                    "conversation": dispute.conversation.external_id,
                },
                driver="tone",
                urgency=4,
                impact=3,
                due_on=None,
                url=reverse("service:conversation-detail", args=[dispute.conversation_id]),
                conversation_id=dispute.conversation_id,
            )
