"""Scoping and derived flags of promises.

A user sees a promise when they see its organization (people's `Organization.visible_to`) or
made the promise themselves. Projects follow their organization.

Two flags are derived in SQL so that lists can filter on them:

- `is_overdue`: still owed (open, at risk, renegotiated) and the due date is before today
  (Asia/Jakarta, `timezone.localdate()`).
- `is_silent_break`: broken, and no interaction with the promise's organization or any of its
  people was logged from the moment it went at risk (or was made, if it never did) until the
  end of the day after it broke. See docs/adr/0021-promises-silent-break.md.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from karib.core.roles import is_admin
from karib.core.types import AnyUser

if TYPE_CHECKING:
    from .models import Project, Promise, PromiseStatusChange  # noqa: F401

#: Telling the customer on the day after the break still counts as telling them.
SILENT_BREAK_GRACE = datetime.timedelta(days=1)


def told_customer_subqueries(*, until_break: bool = True) -> tuple[Exists, Exists]:
    """Interactions telling the customer since the promise went at risk: two `Exists`.

    The first looks for an interaction with the promise's organization, the second for one
    with any of its people (even logged without an organization). Kept apart so each uses
    its own index (an OR across the participants join would scan every interaction).
    With `until_break`, only interactions up to a day after the break count (telling them
    months later does not undo a silent break).
    """
    from karib.people.models import Interaction

    from .models import Promise

    window_start = Coalesce(OuterRef("at_risk_since"), OuterRef("created_at"))
    window_end = ExpressionWrapper(
        OuterRef("broken_at") + SILENT_BREAK_GRACE, output_field=DateTimeField()
    )
    by_organization = Interaction.objects.filter(
        organization=OuterRef("organization"), occurred_at__gte=window_start
    )
    by_person = Promise.people.through.objects.filter(
        promise=OuterRef("pk"), person__interactions__occurred_at__gte=window_start
    )
    if until_break:
        by_organization = by_organization.filter(occurred_at__lte=window_end)
        by_person = Promise.people.through.objects.filter(
            promise=OuterRef("pk"),
            person__interactions__occurred_at__gte=window_start,
            person__interactions__occurred_at__lte=window_end,
        )
    return Exists(by_organization), Exists(by_person)


class ProjectQuerySet(models.QuerySet["Project"]):
    def visible_to(self, user: AnyUser) -> ProjectQuerySet:
        from karib.people.models import Organization

        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        return self.filter(organization__in=Organization.objects.visible_to(user).values("pk"))


class PromiseQuerySet(models.QuerySet["Promise"]):
    def visible_to(self, user: AnyUser) -> PromiseQuerySet:
        from karib.people.models import Organization

        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        # The maker too sees it only while they see the organization: an envoy whose sending
        # was cleared reads no more of it (secprobe4, F5).
        organizations = Organization.objects.visible_to(user).values("pk")
        return self.filter(organization__in=organizations)

    def with_flags(self, *, today: datetime.date | None = None) -> PromiseQuerySet:
        """Annotate `is_overdue` and `is_silent_break` (both filterable)."""
        from .models import PENDING_STATUSES, PromiseStatus

        today = today or timezone.localdate()
        by_organization, by_person = told_customer_subqueries()
        return self.annotate(
            is_overdue=Case(
                When(Q(status__in=PENDING_STATUSES, due_date__lt=today), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            is_silent_break=Case(
                When(
                    Q(status=PromiseStatus.BROKEN) & ~Q(by_organization) & ~Q(by_person),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )

    def overdue(self, *, today: datetime.date | None = None) -> PromiseQuerySet:
        from .models import PENDING_STATUSES

        today = today or timezone.localdate()
        return self.filter(status__in=PENDING_STATUSES, due_date__lt=today)

    def silent_breaks(self) -> PromiseQuerySet:
        from .models import PromiseStatus

        by_organization, by_person = told_customer_subqueries()
        return self.filter(status=PromiseStatus.BROKEN).exclude(by_organization).exclude(by_person)

    def unannounced_risks(self, *, today: datetime.date | None = None) -> PromiseQuerySet:
        """At risk, the communication date has passed, and no interaction was logged since."""
        from .models import PromiseStatus

        today = today or timezone.localdate()
        by_organization, by_person = told_customer_subqueries(until_break=False)
        return (
            self.filter(status=PromiseStatus.AT_RISK, communication_due__lt=today)
            .exclude(by_organization)
            .exclude(by_person)
        )


class PromiseStatusChangeQuerySet(models.QuerySet["PromiseStatusChange"]):
    def visible_to(self, user: AnyUser) -> PromiseStatusChangeQuerySet:
        from .models import Promise

        return self.filter(promise__in=Promise.objects.visible_to(user).values("pk"))
