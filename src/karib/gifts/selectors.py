"""Reads of the gifts app, each scoped to the user who asks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear
from django.utils import timezone

from karib.core.filtering import apply_filters
from karib.core.roles import Role, has_role
from karib.core.shortcuts import one_or_404
from karib.core.types import AnyUser
from karib.people.models import Person, PersonalFact

from . import adapters, policy
from .filters import GiftFilter
from .models import COUNTED_STATUSES, GestureIdea, Gift, GiftDecision
from .querysets import gift_year

#: The query data of `GiftFilter` (filter name → value), e.g. `{"giver": 3}`.
GiftFilters = dict


GROUPINGS = {
    "person": ("recipient_id", "recipient__full_name"),
    "organization": ("recipient_organization_id", "recipient_organization__name"),
    "giver": ("giver_id", "giver__username"),
    "year": ("gift_year", "gift_year"),  # the year given, else proposed (`Gift.year`)
}


def gift_list(*, user: AnyUser, filters: Mapping[str, Any] | None = None) -> QuerySet[Gift]:
    """Gifts `user` may see, newest first, narrowed by `filters` (`GiftFilter`); an invalid
    filter raises DomainError naming it."""
    return apply_filters(GiftFilter, filters, gifts_visible(user=user))


def gifts_visible(*, user: AnyUser) -> QuerySet[Gift]:
    """Every gift `user` may see, newest first (before any filter)."""
    return (
        Gift.objects.visible_to(user)
        .select_related("recipient", "recipient_organization", "giver")
        .order_by("-proposed_on", "-pk")
    )


def gift_list_with_decisions(
    *, user: AnyUser, filters: Mapping[str, Any] | None = None
) -> QuerySet[Gift]:
    return gift_list(user=user, filters=filters).prefetch_related(
        Prefetch("decisions", queryset=GiftDecision.objects.select_related("decided_by"))
    )


def gift_get_for_user(*, user: AnyUser, pk: int) -> Gift:
    return one_or_404(
        Gift.objects.visible_to(user)
        .select_related("recipient", "recipient_organization", "giver")
        .prefetch_related(
            Prefetch("decisions", queryset=GiftDecision.objects.select_related("decided_by"))
        ),
        pk=pk,
    )


def gift_honoured_fact(*, user: AnyUser, gift: Gift) -> PersonalFact | None:
    """The personal fact the gift honours, if `user` may see it (people scoping: a sensitive
    fact only for the person's owner or envoy, managers and admins); else None, and pages say
    "a personal fact". Seeing a gift is not enough to see the facts behind it."""
    if gift.honours_fact_id is None:
        return None
    return PersonalFact.objects.visible_to(user).filter(pk=gift.honours_fact_id).first()


def gift_approval_queue(*, user: AnyUser) -> QuerySet[Gift]:
    """Proposed gifts that need approval: for Compliance officers only."""
    if not has_role(user, Role.COMPLIANCE_OFFICER):
        raise PermissionDenied
    return (
        gift_list_with_decisions(user=user)
        .filter(status=Gift.Status.PROPOSED, requires_approval=True)
        .order_by("proposed_on", "pk")
    )


@dataclass(frozen=True)
class Totals:
    count: int
    counted_value_idr: int  # proposed, approved and given gifts (not rejected or returned)


def gift_totals(gifts: QuerySet[Gift]) -> Totals:
    counted = gifts.filter(status__in=COUNTED_STATUSES).aggregate(total=Sum("estimated_value"))
    return Totals(count=gifts.count(), counted_value_idr=int(counted["total"] or 0))


@dataclass(frozen=True)
class GroupTotal:
    key: object
    label: str
    count: int
    counted_value_idr: int


def gift_group_totals(gifts: QuerySet[Gift], *, group: str) -> list[GroupTotal]:
    key_field, label_field = GROUPINGS.get(group, GROUPINGS["year"])
    rows = (
        gifts.filter(status__in=COUNTED_STATUSES)
        .annotate(gift_year=gift_year())
        .order_by()
        .values(key_field, label_field)
        .annotate(count=Count("pk"), total=Sum("estimated_value"))
        .order_by("-total")
    )
    return [
        GroupTotal(
            key=row[key_field],
            label=str(row[label_field]),
            count=row["count"],
            counted_value_idr=int(row["total"] or 0),
        )
        for row in rows
    ]


def person_get_for_gift(*, user: AnyUser, pk: int) -> Person:
    return one_or_404(Person.objects.visible_to(user).select_related("organization"), pk=pk)


def person_choices(*, user: AnyUser) -> QuerySet[Person]:
    return Person.objects.visible_to(user).select_related("organization").order_by("full_name")


def interest_facts(*, user: AnyUser, person: Person) -> QuerySet[PersonalFact]:
    return PersonalFact.objects.visible_to(user).filter(
        person=person, category=PersonalFact.Category.INTEREST
    )


@dataclass(frozen=True)
class IdeaSuggestion:
    idea: GestureIdea
    fact: PersonalFact
    evaluation: policy.Evaluation

    @property
    def requires_approval(self) -> bool:
        return self.evaluation.requires_approval

    @property
    def requires_kpk_report(self) -> bool:
        return self.evaluation.requires_kpk_report

    @property
    def hits(self) -> tuple[policy.RuleHit, ...]:
        return self.evaluation.hits


def _matches(idea_topic: str, fact: PersonalFact) -> bool:
    topic = idea_topic.strip().lower()
    if not topic:
        return False
    if fact.topic.strip().lower() == topic:
        return True
    return topic in f"{fact.topic} {fact.text} {fact.specifics}".lower()


def _same_gift(text: str) -> str:
    return " ".join(text.casefold().split())


def gifts_already_given(*, person: Person) -> set[str]:
    """What this person was already given or is about to be (by anyone): the descriptions of
    their gifts that were not rejected, normalised (case and spacing)."""
    descriptions = Gift.objects.filter(recipient=person).exclude(status=Gift.Status.REJECTED)
    return {_same_gift(text) for text in descriptions.values_list("description", flat=True)}


def gesture_ideas_for_person(*, user: AnyUser, person: Person) -> list[IdeaSuggestion]:
    """Catalogue ideas matching the person's interests that the policy allows, with what each
    would need (approval, a KPK report), evaluated at the top of its typical value range.
    An idea the person was already given (or has on its way) is never suggested again."""
    facts = list(interest_facts(user=user, person=person))
    if not facts:
        return []
    already = gifts_already_given(person=person)
    today = timezone.localdate()
    rules = adapters.rules_in_force(today)
    year_total = adapters.recipient_year_total(recipient_id=person.pk, year=today.year)
    tenders = adapters.open_tender_names(organization_id=person.organization_id, on=today)
    suggestions: list[IdeaSuggestion] = []
    seen: set[int] = set()
    official = adapters.is_public_official(person)
    for idea in GestureIdea.objects.filter(is_active=True).order_by("topic", "typical_min_idr"):
        fact = next((fact for fact in facts if _matches(idea.topic, fact)), None)
        if fact is None or idea.pk in seen or _same_gift(idea.idea) in already:
            continue
        facts_for_policy = policy.GiftFacts(
            kind=idea.kind,
            description=idea.idea,
            value_idr=idea.typical_max_idr,
            on=today,
            recipient_is_public_official=official,
            recipient_year_total_idr=year_total,
            open_tenders=tenders,
        )
        evaluation = policy.evaluate(facts_for_policy, rules)
        if evaluation.is_refused:
            continue
        seen.add(idea.pk)
        suggestions.append(IdeaSuggestion(idea=idea, fact=fact, evaluation=evaluation))
    return suggestions


@dataclass(frozen=True)
class RecipientQuarters:
    """One recipient's counted gift value per quarter (`"2026 Q2"` → IDR)."""

    recipient_id: int
    label: str
    by_quarter: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_quarter.values())


def gift_totals_by_recipient_and_quarter(
    gifts: QuerySet[Gift], *, recipients: int = 8
) -> tuple[list[str], list[RecipientQuarters]]:
    """Counted gifts (proposed, approved, given) of the filtered register, summed per
    recipient and per quarter of the day given (else proposed): the quarters in order, and the
    `recipients` recipients with the most, largest first. One query."""
    day = Coalesce("given_on", "proposed_on")
    rows = (
        gifts.filter(status__in=COUNTED_STATUSES)
        .annotate(gift_year=ExtractYear(day), gift_quarter=ExtractQuarter(day))
        .order_by()
        .values("recipient_id", "recipient__full_name", "gift_year", "gift_quarter")
        .annotate(total=Sum("estimated_value"))
    )
    people: dict[int, RecipientQuarters] = {}
    quarters: set[tuple[int, int]] = set()
    for row in rows:
        key = (row["gift_year"], row["gift_quarter"])
        quarters.add(key)
        entry = people.setdefault(
            row["recipient_id"],
            RecipientQuarters(row["recipient_id"], row["recipient__full_name"], {}),
        )
        entry.by_quarter[f"{key[0]} Q{key[1]}"] = int(row["total"] or 0)
    top = sorted(people.values(), key=lambda entry: (-entry.total, entry.label))[:recipients]
    return [f"{year} Q{quarter}" for year, quarter in sorted(quarters)], top
