"""Reads of the promise ledger, each scoped to the user who asks."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import BooleanField, Case, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import ngettext

from karib.core.access import users_who_may_see_organization
from karib.core.filtering import apply_filters
from karib.core.roles import Role
from karib.core.shortcuts import one_or_404
from karib.core.types import AnyUser
from karib.people.models import Interaction, Organization, Person

from .filters import PromiseFilter
from .models import Project, Promise, PromiseStatus, PromiseStatusChange

#: The query data of `PromiseFilter` (filter name → value), e.g. `{"person": 3}`: a page's
#: query string, an API's query parameters, or a caller's own dict.
PromiseFilters = dict


def promise_answerer(promise: Promise, user: User | None) -> User:
    """Who acts on `promise` in `user`'s place (its maker or communication owner): `user` while
    they are active and see its organization, else the organization's owner. An envoy whose
    sending was cleared hears no more of the promise (secprobe4, F5). `promise.organization`
    with its owner should be loaded (select_related)."""
    if (
        user is not None
        and user.is_active
        and Organization.objects.visible_to(user).filter(pk=promise.organization_id).exists()
    ):
        return user
    return promise.organization.owner


def promise_list(
    *,
    user: AnyUser,
    filters: Mapping[str, Any] | None = None,
    today: datetime.date | None = None,
) -> QuerySet[Promise]:
    """Visible promises with `is_overdue` and `is_silent_break`, due date first, narrowed by
    `filters` (`PromiseFilter`); an invalid filter raises DomainError naming it."""
    return apply_filters(
        PromiseFilter, filters, promises_visible(user=user, today=today), user=user, today=today
    )


def promises_visible(*, user: AnyUser, today: datetime.date | None = None) -> QuerySet[Promise]:
    """Every promise `user` may see, with its flags, due date first (before any filter). Its
    people are loaded each with `in_sight`: whether `user` may see them (`people_in_sight`)."""
    return (
        Promise.objects.visible_to(user)
        .with_flags(today=today)
        .select_related("organization", "made_by", "project", "communication_owner")
        .prefetch_related(
            Prefetch(
                "people",
                queryset=Person.objects.only(
                    "pk", "full_name", "honorific", "custom_address", "organization_id"
                ).annotate(
                    in_sight=Case(
                        When(
                            pk__in=Person.objects.visible_to(user).values("pk"),
                            then=Value(True),
                        ),
                        default=Value(False),
                        output_field=BooleanField(),
                    )
                ),
            )
        )
        .order_by("due_date", "pk")
    )


@dataclass(frozen=True)
class PromisePeople:
    """The people a promise was made to as one reader may be told of them: those they see,
    and how many others there are (a person moved to another organization, or handed to
    another team, stays on the promise but is no longer theirs to read; secprobe12, F2)."""

    shown: list[Person]
    not_shown: int

    def label(self, separator: str = ", ") -> str:
        """The names shown, then "and 2 others you cannot see" (or "2 people you cannot see"
        when none is shown); empty when there is nobody."""
        names = separator.join(str(person) for person in self.shown)
        if not self.not_shown:
            return names
        if not names:
            return ngettext(
                "%(count)d person you cannot see",
                "%(count)d people you cannot see",
                self.not_shown,
            ) % {"count": self.not_shown}
        others = ngettext(
            "and %(count)d other you cannot see",
            "and %(count)d others you cannot see",
            self.not_shown,
        ) % {"count": self.not_shown}
        return f"{names} {others}"


def people_in_sight(promise: Promise) -> PromisePeople:
    """The promise's people its reader sees, from a promise of `promises_visible` (whose
    people carry `in_sight`); a person loaded without that mark counts as not seen."""
    people = list(promise.people.all())
    shown = [person for person in people if getattr(person, "in_sight", False)]
    return PromisePeople(shown=shown, not_shown=len(people) - len(shown))


def promise_get_for_user(*, user: AnyUser, pk: int) -> Promise:
    """One visible promise with its flags; the same 404 for missing and forbidden."""
    return one_or_404(promises_visible(user=user), pk=pk)


def promise_history(*, promise: Promise) -> QuerySet[PromiseStatusChange]:
    """The dated history of a promise the caller already fetched through a selector."""
    return promise.history.select_related("changed_by").order_by("changed_at", "pk")


def organization_options(*, user: AnyUser) -> QuerySet[Organization]:
    return Organization.objects.visible_to(user).order_by("name")


def organization_get_for_user(*, user: AnyUser, pk: int) -> Organization:
    return one_or_404(organization_options(user=user), pk=pk)


def person_options(*, user: AnyUser) -> QuerySet[Person]:
    return Person.objects.visible_to(user).select_related("organization").order_by("full_name")


def project_list(*, user: AnyUser) -> QuerySet[Project]:
    return Project.objects.visible_to(user).select_related("organization").order_by("name")


def interaction_get_for_user(*, user: AnyUser, pk: int) -> Interaction:
    return one_or_404(Interaction.objects.visible_to(user), pk=pk)


def interaction_options(*, user: AnyUser) -> QuerySet[Interaction]:
    """Interactions `user` may capture a promise from: they see it and its organization.

    Seeing an interaction (e.g. as one of its attendees) is not enough: the promise would be
    recorded against an organization the user cannot see.
    """
    return (
        Interaction.objects.visible_to(user)
        .filter(
            Q(organization__isnull=True)
            | Q(organization__in=Organization.objects.visible_to(user).values("pk"))
        )
        .select_related("organization")
    )


def interaction_get_for_capture(*, user: AnyUser, pk: int) -> Interaction:
    """One interaction of `interaction_options`; the same 404 for missing and forbidden."""
    return one_or_404(interaction_options(user=user), pk=pk)


def communication_owner_options(*, promise: Promise) -> QuerySet[User]:
    """Who may be asked to tell the customer: active users who see the promise's organization.

    The communication plan's text goes to that user, so it must not reach an outsider.
    """
    return users_who_may_see_organization(organization=promise.organization)


def agreed_by_options(*, user: AnyUser, promise: Promise) -> QuerySet[Person]:
    """People of the promise's organization that `user` sees (who agreed to a withdrawal)."""
    return (
        Person.objects.visible_to(user)
        .filter(organization_id=promise.organization_id)
        .order_by("full_name")
    )


def admin_users() -> QuerySet[User]:
    """Active admins (the Admin role or superusers): who hears when nobody else would."""
    return User.objects.filter(
        pk__in=User.objects.filter(Q(is_superuser=True) | Q(groups__name=Role.ADMIN.value)).values(
            "pk"
        ),
        is_active=True,
    ).order_by("username")


def managers_of(user: User) -> QuerySet[User]:
    """Active managers of the user's team (not the user themself).

    Core has `teams_managed_by(manager)`; this is its inverse (candidate to move to core).
    """
    return (
        User.objects.filter(
            is_active=True,
            groups__name=Role.MANAGER.value,
            profile__team__isnull=False,
            profile__team__profiles__user=user,
        )
        .exclude(pk=user.pk)
        .distinct()
        .order_by("username")
    )


# --- reliability -----------------------------------------------------------------------------


#: (due date, status, kept on, is a silent break) of one promise
Row = tuple[datetime.date | None, str, datetime.date | None, bool]


@dataclass(frozen=True)
class ReliabilityPeriod:
    label: str
    start: datetime.date
    end: datetime.date
    kept_on_time: int
    due: int
    #: silent breaks due outside the window (or without a due date), counted as due, not kept
    earlier_silent_breaks: int = 0

    @property
    def ratio(self) -> float | None:
        return self.kept_on_time / self.due if self.due else None

    @property
    def percent(self) -> int | None:
        ratio = self.ratio
        return None if ratio is None else round(ratio * 100)


@dataclass(frozen=True)
class Reliability:
    """Kept on time ÷ due over the last 12 months (every silent break counted, whenever it
    happened), and the same figure per quarter."""

    overall: ReliabilityPeriod
    quarters: list[ReliabilityPeriod] = field(default_factory=list)

    @property
    def trend(self) -> int | None:
        """Percentage points between the last two quarters that had something due."""
        figures = [q.percent for q in self.quarters if q.percent is not None]
        if len(figures) < 2:
            return None
        return figures[-1] - figures[-2]


def _quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(day: datetime.date) -> datetime.date:
    month = day.month + 3
    return datetime.date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _period(
    label: str,
    start: datetime.date,
    end: datetime.date,
    rows: Iterable[Row],
    *,
    carry_silent_breaks: bool = False,
) -> ReliabilityPeriod:
    due = kept = earlier = 0
    for due_date, status, kept_on, is_silent_break in rows:
        in_period = due_date is not None and start <= due_date <= end
        if not in_period:
            if carry_silent_breaks and is_silent_break:
                due += 1
                earlier += 1
            continue
        due += 1
        if (
            status == PromiseStatus.KEPT
            and kept_on is not None
            and due_date is not None
            and kept_on <= due_date
        ):
            kept += 1
    return ReliabilityPeriod(
        label=label,
        start=start,
        end=end,
        kept_on_time=kept,
        due=due,
        earlier_silent_breaks=earlier,
    )


def _window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today - datetime.timedelta(days=365), today - datetime.timedelta(days=1)


def _reliability_from_rows(
    rows: list[Row], start: datetime.date, end: datetime.date
) -> Reliability:
    overall = _period("12m", start, end, rows, carry_silent_breaks=True)
    quarters = []
    cursor = _quarter_start(start)
    while cursor <= end:
        following = _next_quarter(cursor)
        quarter_end = min(following - datetime.timedelta(days=1), end)
        label = f"{cursor.year} Q{(cursor.month - 1) // 3 + 1}"
        quarters.append(_period(label, max(cursor, start), quarter_end, rows))
        cursor = following
    return Reliability(overall=overall, quarters=quarters)


def _counted(user: AnyUser, start: datetime.date, end: datetime.date) -> QuerySet[Promise]:
    """The promises in a reliability figure: due in the window (not withdrawn), and every
    silent break, whenever it was due (docs/adr/0025-promises-reliability-counts-silent-breaks.md),
    with the `is_silent_break` flag."""
    silent_breaks = Promise.objects.silent_breaks().values("pk")
    return (
        Promise.objects.visible_to(user)
        .filter(Q(due_date__gte=start, due_date__lte=end) | Q(pk__in=silent_breaks))
        .exclude(status=PromiseStatus.WITHDRAWN)
        .with_flags()
    )


def reliability(
    *,
    user: AnyUser,
    organization: Organization | None = None,
    owner: User | None = None,
    today: datetime.date | None = None,
) -> Reliability:
    """Reliability of the promises `user` can see, for one organization and/or one owner.

    Due: the due date fell in the 365 days before today (today itself excluded: the day is
    not over), and every silent break, whenever it was due: breaking a promise without telling
    the customer is never forgotten by this figure. Withdrawn promises are left out (the
    customer agreed). Renegotiated promises count against their new due date. Kept on time:
    kept on or before the due date. The trend is the same figure per calendar quarter (the
    first and last ones partial; a silent break in the quarter of its due date).
    """
    start, end = _window(today or timezone.localdate())
    promises = _counted(user, start, end)
    if organization is not None:
        promises = promises.filter(organization=organization)
    if owner is not None:
        promises = promises.filter(made_by=owner)
    # `is_silent_break` is annotated by `with_flags()` (the plugin does not see annotations)
    fields = ("due_date", "status", "kept_on", "is_silent_break")
    rows = list(promises.values_list(*fields))
    return _reliability_from_rows(rows, start, end)


@dataclass(frozen=True)
class ReliabilityRow:
    pk: int
    label: str
    reliability: Reliability


def reliability_table(
    *, user: AnyUser, by: str, today: datetime.date | None = None
) -> list[ReliabilityRow]:
    """Reliability per organization (`by="organization"`) or per owner (`by="owner"`)."""
    start, end = _window(today or timezone.localdate())
    if by == "organization":
        key, label_fields = "organization_id", ["organization__name"]
    elif by == "owner":
        key, label_fields = (
            "made_by_id",
            [
                "made_by__first_name",
                "made_by__last_name",
                "made_by__username",
            ],
        )
    else:
        raise ValueError(f"unknown grouping {by!r}")
    grouped: dict[int, list[Row]] = {}
    labels: dict[int, str] = {}
    fields = (key, "due_date", "status", "kept_on", "is_silent_break", *label_fields)
    values = _counted(user, start, end).values_list(*fields)
    for pk, due_date, status, kept_on, is_silent_break, *label in values:
        grouped.setdefault(pk, []).append((due_date, status, kept_on, is_silent_break))
        if by == "owner":
            labels[pk] = f"{label[0]} {label[1]}".strip() or label[2]
        else:
            labels[pk] = label[0]
    rows = [
        ReliabilityRow(pk=pk, label=labels[pk], reliability=_reliability_from_rows(r, start, end))
        for pk, r in grouped.items()
    ]
    return sorted(rows, key=lambda row: row.label.lower())


def reliability_window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the reliability window (shown next to every figure)."""
    return _window(today or timezone.localdate())
