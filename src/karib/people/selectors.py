"""Reads of the people app, each scoped to the user who asks (same 404 for missing and
forbidden)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from karib.core.audit import audit_events_for
from karib.core.filtering import apply_filters
from karib.core.models import AuditEvent
from karib.core.roles import Role, has_role, is_admin
from karib.core.selectors import team_members, teams_managed_by
from karib.core.shortcuts import one_or_404
from karib.core.types import AnyUser

from .dates import next_occurrence
from .filters import OrganizationFilter, PersonFilter
from .models import (
    EnvoyAssignment,
    ImportantDate,
    Interaction,
    Organization,
    Person,
    PersonalFact,
    PersonAuditEvent,
    RelationshipChange,
)
from .querysets import can_see_sensitive
from .search import prefix_matching_person_ids, prefix_terms


def can_see_audit(user: AnyUser, person: Person | None = None) -> bool:
    """Admins, and managers: of the person's owner's team or of its organization's team when a
    person is given (a manager who is merely envoy somewhere does not get other teams' logs)."""
    if is_admin(user):
        return True
    if not has_role(user, Role.MANAGER):
        return False
    if person is None:
        return True
    if team_members(user).filter(pk=person.owner_id).exists():
        return True
    if person.organization_id is None:
        return False
    return Organization.objects.filter(
        pk=person.organization_id, team__in=teams_managed_by(user)
    ).exists()


@dataclass(frozen=True)
class PersonRights:
    """What `user` may do on one person's page, read in at most one query (for a manager).

    The same rules as people/access.py (tests/perf/test_people_budgets.py checks they agree):
    - `looks_after`: the owner, the envoy, a manager of the owner's team, an admin; they change
      the person, its facts and dates, and see its sensitive facts;
    - `answers_for`: the same without the envoy; they delete and assign the envoy;
    - `sees_audit`: admins, managers of the owner's team or of the organization's team.
    """

    looks_after: bool
    answers_for: bool
    sees_audit: bool
    creates: bool


def _with_manager_flags(people: QuerySet[Person], user: AnyUser) -> QuerySet[Person]:
    """`people` with a manager's two rights on each row (see PersonRights)."""
    return people.annotate(
        manages_owner=Exists(team_members(user).filter(pk=OuterRef("owner_id"))),
        manages_team=Exists(teams_managed_by(user).filter(pk=OuterRef("organization__team_id"))),
    )


def person_rights(*, user: AnyUser, person: Person) -> PersonRights:
    """`user`'s rights on `person`'s page. A person read by person_page_get carries a
    manager's flags already: then there is no query at all."""
    if not user.is_authenticated or not user.is_active:
        return PersonRights(False, False, False, False)
    creates = has_role(user, Role.SALES) or has_role(user, Role.MANAGER) or is_admin(user)
    if is_admin(user):
        return PersonRights(True, True, True, creates)
    owns = person.owner_id == user.pk
    manages_owner = manages_team = False
    if has_role(user, Role.MANAGER):
        flagged = person
        if not hasattr(person, "manages_owner"):
            people = Person.objects.filter(pk=person.pk).only("pk")
            flagged = _with_manager_flags(people, user).first() or person
        manages_owner = bool(getattr(flagged, "manages_owner", False))
        manages_team = bool(getattr(flagged, "manages_team", False))
    answers_for = owns or manages_owner
    return PersonRights(
        looks_after=answers_for or person.envoy_id == user.pk,
        answers_for=answers_for,
        sees_audit=manages_owner or manages_team,
        creates=creates,
    )


def answered_for_ids(*, user: AnyUser, people: list[Person]) -> set[int]:
    """Which of `people` `user` answers for (assigns their envoy): the owner, a manager of the
    owner's team, an admin. One query at most, whatever the number of people."""
    if is_admin(user):
        return {person.pk for person in people}
    owned = {person.pk for person in people if person.owner_id == user.pk}
    others = {person.owner_id for person in people if person.owner_id != user.pk}
    if not others or not has_role(user, Role.MANAGER):
        return owned
    managed = set(team_members(user).filter(pk__in=others).values_list("pk", flat=True))
    return owned | {person.pk for person in people if person.owner_id in managed}


# --- organizations ----------------------------------------------------------------------------


def _organizations(*, user: AnyUser) -> QuerySet[Organization]:
    organizations = Organization.objects.visible_to(user).select_related("owner", "parent", "team")
    # The parent's name only where the reader may see the parent (else it is not named).
    visible_parent = Organization.objects.visible_to(user).filter(pk=OuterRef("parent_id"))
    return organizations.annotate(
        people_count=Count("people", distinct=True),
        parent_name=Subquery(visible_parent.values("name")[:1]),
    ).order_by("name")


def organization_filterset(*, user: AnyUser, data: Mapping[str, Any] | None) -> OrganizationFilter:
    """The organizations list's filters bound to `data` (None: unbound), over what `user` may
    see: the page renders its form and errors, its `qs` is the list."""
    return OrganizationFilter(data, queryset=_organizations(user=user), user=user)


def organization_list(
    *, user: AnyUser, filters: Mapping[str, Any] | None = None
) -> QuerySet[Organization]:
    """Organizations `user` may see, narrowed by `filters` (OrganizationFilter's parameters);
    an invalid filter raises DomainError naming it."""
    organizations = _organizations(user=user)
    if not filters:
        return organizations
    return apply_filters(OrganizationFilter, filters, organizations, user=user)


def organization_choices(*, user: AnyUser) -> QuerySet[Organization]:
    """The organizations `user` may pick in a form or filter: scoped, names only, no counts."""
    return Organization.objects.visible_to(user).only("id", "name").order_by("name")


def organization_get_for_user(*, user: AnyUser, pk: Any) -> Organization:
    return one_or_404(
        (Organization.objects.visible_to(user).select_related("owner", "parent", "team")),
        pk=pk,
    )


def organization_parent_for_user(
    *, user: AnyUser, organization: Organization
) -> Organization | None:
    """The organization's parent when `user` may see it (its name is not shown otherwise)."""
    if organization.parent_id is None:
        return None
    return Organization.objects.visible_to(user).filter(pk=organization.parent_id).first()


@dataclass
class StakeholderMap:
    """People of an organization on an influence (rows, 5 to 1) by attitude (columns) grid."""

    attitudes: list[tuple[str, str]]
    rows: list[tuple[int, list[list[Person]]]]
    blockers: list[Person] = field(default_factory=list)
    refusing: list[Person] = field(default_factory=list)


def organization_stakeholder_map(*, user: AnyUser, organization: Organization) -> StakeholderMap:
    people = list(
        Person.objects.visible_to(user)
        .filter(organization=organization)
        .select_related("owner", "envoy")
        .order_by("-influence", "full_name")
    )
    attitudes = list(Person.Attitude.choices)
    rows: list[tuple[int, list[list[Person]]]] = []
    for influence in range(5, 0, -1):
        cells = [
            [p for p in people if p.influence == influence and p.attitude == value]
            for value, _label in attitudes
        ]
        rows.append((influence, cells))
    return StakeholderMap(
        attitudes=[(str(value), str(label)) for value, label in attitudes],
        rows=rows,
        blockers=[p for p in people if p.attitude == Person.Attitude.BLOCKER],
        refusing=[p for p in people if p.refuses_to_meet_owner],
    )


# --- people -----------------------------------------------------------------------------------


def _people(*, user: AnyUser) -> QuerySet[Person]:
    return (
        Person.objects.visible_to(user)
        .select_related("organization", "owner", "envoy")
        .order_by("full_name", "pk")
    )


def person_filterset(*, user: AnyUser, data: Mapping[str, Any] | None) -> PersonFilter:
    """The people list's filters bound to `data` (None: unbound), over what `user` may see:
    the page renders its form and errors, its `qs` is the list."""
    return PersonFilter(data, queryset=_people(user=user), user=user)


def person_list(*, user: AnyUser, filters: Mapping[str, Any] | None = None) -> QuerySet[Person]:
    """People `user` may see, narrowed by `filters` (PersonFilter's parameters: q,
    organization, owner, stage, attitude, influence, public_official); an invalid filter
    raises DomainError naming it."""
    people = _people(user=user)
    if not filters:
        return people
    return apply_filters(PersonFilter, filters, people, user=user)


def _visible_row(*, user: AnyUser, pk: Any) -> QuerySet[Person]:
    try:
        people = Person.objects.visible_row(user, int(pk))
    except (TypeError, ValueError):
        raise Http404 from None
    return people.select_related("organization", "owner", "envoy")


def person_get_for_user(*, user: AnyUser, pk: Any) -> Person:
    person = _visible_row(user=user, pk=pk).first()
    if person is None:
        raise Http404
    return person


def person_page_get(*, user: AnyUser, pk: Any) -> tuple[Person, PersonRights]:
    """The person `pk` as person_get_for_user reads them (the same 404) and what `user` may do
    on their page, in one query: a manager's rights are read in the same row."""
    people = _visible_row(user=user, pk=pk)
    is_manager = user.is_authenticated and has_role(user, Role.MANAGER) and not is_admin(user)
    if is_manager:
        people = _with_manager_flags(people, user)
    person = people.first()
    if person is None:
        raise Http404
    return person, person_rights(user=user, person=person)


# --- facts, interactions, dates ---------------------------------------------------------------


def fact_list(
    *, user: AnyUser, person: Person | None = None, sees_sensitive: bool | None = None
) -> QuerySet[PersonalFact]:
    """Facts the user may see. With `person` (which must come from person_get_for_user), the
    person's facts, sensitive ones only for the owner, the envoy, managers of the owner's team
    and admins (`sees_sensitive` when the caller already knows, e.g. PersonRights). Each fact
    has `source_person_visible`: whether the user may see the person who told it (a source
    moved to an organization the user cannot open is not named to them)."""
    related = ("person", "source_interaction", "told_by_user", "told_by_person", "created_by")
    if person is None:
        facts = PersonalFact.objects.visible_to(user)
    else:
        facts = PersonalFact.objects.filter(person=person)
        if sees_sensitive is None:
            sees_sensitive = can_see_sensitive(user, person)
        if not sees_sensitive:
            facts = facts.filter(is_sensitive=False)
    visible_source = Person.objects.visible_to(user).filter(pk=OuterRef("told_by_person_id"))
    return (
        facts.select_related(*related)
        .annotate(source_person_visible=Exists(visible_source))
        .order_by("category", "-learned_on", "-pk")
    )


def fact_get_for_user(*, user: AnyUser, pk: Any, person: Person | None = None) -> PersonalFact:
    """A fact `user` may see (of `person` when given); who may change it is a rule
    (people/access.py)."""
    facts = fact_list(user=user).filter(pk=pk)
    if person is not None:
        facts = facts.filter(person=person)
    fact = facts.first()
    if fact is None:
        raise Http404
    return fact


def interaction_list(*, user: AnyUser, person: Person | None = None) -> QuerySet[Interaction]:
    """Interactions the user may see. With `person` (which must come from
    person_get_for_user), every interaction the person took part in: seeing a participant
    means seeing the interaction (InteractionQuerySet.visible_to)."""
    if person is None:
        interactions = Interaction.objects.visible_to(user)
    else:
        interactions = Interaction.objects.filter(participants=person)
    return (
        interactions.select_related("organization", "created_by")
        .prefetch_related(
            # Only the participants the reader may see: the others are not revealed.
            Prefetch(
                "participants",
                queryset=Person.objects.visible_to(user).only("pk", "full_name", "honorific"),
            ),
            "users",
        )
        .order_by("-occurred_at", "-pk")
    )


def person_page_interactions(*, user: AnyUser, person: Person) -> list[Interaction]:
    """The interactions on a person's timeline, newest first, each with `is_editable` (whether
    `user` may change or delete it), in one query."""
    # Narrowed to the outer row before the rule, so the rule's subquery is about one row.
    editable = Interaction.objects.filter(pk=OuterRef("pk")).editable_by(user)
    return list(
        Interaction.objects.filter(participants=person)
        .annotate(is_editable=Exists(editable))
        .order_by("-occurred_at", "-pk")
    )


def interaction_get_for_user(
    *, user: AnyUser, pk: Any, person: Person | None = None
) -> Interaction:
    """An interaction `user` may see (one `person` took part in, when given); who may change
    it is a rule (people/access.py)."""
    interactions = interaction_list(user=user).filter(pk=pk)
    if person is not None:
        interactions = interactions.filter(participants=person)
    interaction = interactions.first()
    if interaction is None:
        raise Http404
    return interaction


def important_date_get_for_user(*, user: AnyUser, pk: Any) -> ImportantDate:
    return one_or_404(
        ImportantDate.objects.filter(
            person__in=Person.objects.visible_to(user).values("pk")
        ).select_related("person"),
        pk=pk,
    )


@dataclass(frozen=True)
class MembershipView:
    """A role a person held; `organization` is None when the viewer may not see it."""

    role: str
    organization: Organization | None
    start_date: datetime.date | None
    end_date: datetime.date | None


def person_memberships(*, user: AnyUser, person: Person) -> list[MembershipView]:
    """The person's roles over time; organizations the viewer may not see stay unnamed."""
    visible = Organization.objects.visible_to(user).filter(pk=OuterRef("organization_id"))
    memberships = person.memberships.select_related("organization").annotate(
        is_visible=Exists(visible)
    )
    return [
        MembershipView(
            role=m.role,
            organization=m.organization if m.is_visible else None,
            start_date=m.start_date,
            end_date=m.end_date,
        )
        for m in memberships
    ]


@dataclass(frozen=True)
class UpcomingDate:
    important_date: ImportantDate
    day: datetime.date
    days_left: int


def person_upcoming_dates(
    *, person: Person, today: datetime.date, dates: list[ImportantDate] | None = None
) -> list[UpcomingDate]:
    upcoming = []
    for important_date in person.important_dates.all() if dates is None else dates:
        day = next_occurrence(important_date, today)
        if day is not None:
            upcoming.append(UpcomingDate(important_date, day, (day - today).days))
    return sorted(upcoming, key=lambda item: item.day)


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # "interaction", "fact", "change", "envoy"
    on: datetime.date
    item: Any


def person_timeline(
    *,
    person: Person,
    interactions: list[Interaction],
    facts: list[PersonalFact],
) -> list[TimelineEntry]:
    """Interactions, facts learned, stage/attitude changes and envoy assignments, newest first."""
    from django.utils import timezone

    entries = [
        TimelineEntry("interaction", timezone.localdate(i.occurred_at), i) for i in interactions
    ]
    entries += [TimelineEntry("fact", fact.learned_on, fact) for fact in facts]
    changes = RelationshipChange.objects.filter(person=person).select_related("changed_by")
    entries += [TimelineEntry("change", change.changed_on, change) for change in changes]
    assignments = EnvoyAssignment.objects.filter(person=person).select_related(
        "envoy", "assigned_by"
    )
    entries += [TimelineEntry("envoy", a.assigned_on, a) for a in assignments]
    order = {"interaction": 0, "fact": 1, "change": 2, "envoy": 3}
    return sorted(entries, key=lambda e: (e.on, -order[e.kind]), reverse=True)


NOISY_FIELDS = frozenset({"created_at", "updated_at", "search_vector"})
USER_FIELDS = frozenset({"owner", "envoy", "created_by", "told_by_user", "changed_by"})
PERSON_FIELDS = frozenset({"person", "told_by_person", "participants"})
ORGANIZATION_FIELDS = frozenset({"organization", "parent"})


def person_audit_events(
    *,
    user: AnyUser,
    person: Person,
    rights: PersonRights | None = None,
    records: tuple[list[PersonalFact], list[Interaction], list[ImportantDate]] | None = None,
) -> list[AuditEvent] | None:
    """The audit history of a person and of their facts (also deleted ones), interactions and
    important dates, for managers and admins; events about a sensitive fact only for those who
    may see it. Each event gets `display_changes`: the changed fields without timestamps, with
    people, users and organizations named where the viewer may see them. A page that has read
    the rights and the person's facts (those the user sees), interactions and dates passes
    them in, so they are not read again."""
    rights = rights or person_rights(user=user, person=person)
    if not (rights.sees_audit or is_admin(user)):
        return None
    links = PersonAuditEvent.objects.filter(person=person)
    if not rights.looks_after:
        links = links.filter(is_sensitive=False)
    # Events recorded before the links existed: the person and their current records.
    if records is None:
        records = (
            list(fact_list(user=user, person=person, sees_sensitive=rights.looks_after)),
            list(person.interactions.all()),
            list(person.important_dates.all()),
        )
    facts, interactions, dates = records
    legacy = audit_events_for(person, *facts, *interactions, *dates)
    shown = legacy | AuditEvent.objects.filter(pk__in=links.values("event_id"))
    if not rights.looks_after:
        # No event flagged sensitive, also when it is found as one of a fact's events (a fact
        # made non-sensitive again keeps its earlier events hidden); and, whatever its link
        # says, no event about a fact that is sensitive now: one written before it was marked
        # sensitive holds its text too (secprobe9, F1).
        flagged = PersonAuditEvent.objects.filter(person=person, is_sensitive=True)
        shown = shown.exclude(pk__in=flagged.values("event_id"))
        sensitive = person.facts.filter(is_sensitive=True).values_list("pk", flat=True)
        if sensitive_ids := [str(pk) for pk in sensitive]:
            shown = shown.exclude(
                content_type=ContentType.objects.get_for_model(
                    PersonalFact, for_concrete_model=True
                ),
                object_id__in=sensitive_ids,
            )
    events = list(
        shown.select_related("actor", "content_type").distinct().order_by("-at", "-pk")[:100]
    )
    _label_changes(user, events)
    return events


def _label_changes(user: AnyUser, events: list[AuditEvent]) -> None:
    ids: dict[str, set[int]] = {"user": set(), "person": set(), "organization": set()}
    for event in events:
        for name, change in (event.changes or {}).items():
            kind = _kind_of(name)
            if kind:
                for value in (change.get("before"), change.get("after")):
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, int):
                            ids[kind].add(item)
    from django.contrib.auth.models import User

    labels: dict[str, dict[int, str]] = {
        "user": {
            u.pk: u.get_full_name() or u.get_username()
            for u in User.objects.filter(pk__in=ids["user"])
        },
        "person": dict(
            Person.objects.visible_to(user)
            .filter(pk__in=ids["person"])
            .values_list("pk", "full_name")
        ),
        "organization": dict(
            Organization.objects.visible_to(user)
            .filter(pk__in=ids["organization"])
            .values_list("pk", "name")
        ),
    }

    def label(kind: str, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(str(label(kind, item)) for item in value)
        if isinstance(value, int):
            return labels[kind].get(value, "#" + str(value))
        return value

    for event in events:
        shown: dict[str, dict[str, Any]] = {}
        for name, change in (event.changes or {}).items():
            if name in NOISY_FIELDS:
                continue
            kind = _kind_of(name)
            shown[name] = (
                {
                    "before": label(kind, change.get("before")),
                    "after": label(kind, change.get("after")),
                }
                if kind
                else change
            )
        event.display_changes = shown  # type: ignore[attr-defined]


def _kind_of(name: str) -> str:
    if name in USER_FIELDS or name == "users":
        return "user"
    if name in PERSON_FIELDS:
        return "person"
    if name in ORGANIZATION_FIELDS:
        return "organization"
    return ""


def organization_search(*, user: AnyUser, query: str) -> QuerySet[Organization]:
    """Organizations whose name or sector contains `query` (people, facts and interaction
    notes are searched through person_list(filters={"q": ...}))."""
    query = query.strip()
    if not query:
        return Organization.objects.none()
    return organization_list(user=user).filter(
        Q(name__icontains=query) | Q(sector__icontains=query)
    )


TYPEAHEAD_LIMIT = 8


@dataclass(frozen=True)
class Typeahead:
    people: list[Person]
    organizations: list[Organization]


def typeahead(*, user: AnyUser, query: str, limit: int = TYPEAHEAD_LIMIT) -> Typeahead:
    """People and organizations the user may see in which every typed word starts a word:
    of a person's name, organization, facts and interaction notes ("waya", "Bim", "sury",
    "Denpas"), or of an organization's name."""
    ids = prefix_matching_person_ids(query, user=user)
    if ids is None:
        return Typeahead(people=[], organizations=[])
    people = list(
        Person.objects.visible_to(user)
        .filter(pk__in=ids)
        .select_related("organization")
        .order_by("full_name", "pk")[:limit]
    )
    organizations = Organization.objects.visible_to(user)
    for term in prefix_terms(query):
        organizations = organizations.filter(
            Q(name__istartswith=term) | Q(name__icontains=f" {term}")
        )
    return Typeahead(people=people, organizations=list(organizations.order_by("name")[:limit]))
