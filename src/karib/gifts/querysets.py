"""Who may see which gift: its giver, whoever may see the recipient, Compliance and admins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, ExtractYear

from karib.core.roles import is_compliance_or_admin
from karib.core.types import AnyUser

if TYPE_CHECKING:
    from .models import Gift  # noqa: F401


def gift_year() -> ExtractYear:
    """The year a gift counts in: the year given, else the year proposed (`Gift.year`)."""
    return ExtractYear(Coalesce("given_on", "proposed_on"))


def sees_every_gift(user: AnyUser) -> bool:
    return is_compliance_or_admin(user)


class GiftQuerySet(models.QuerySet["Gift"]):
    def visible_to(self, user: AnyUser) -> GiftQuerySet:
        if not user.is_authenticated:
            return self.none()
        if sees_every_gift(user):
            return self.all()
        from karib.people.models import Person

        people = Person.objects.visible_to(user).values("pk")
        return self.filter(Q(giver=user) | Q(recipient__in=people))

    def in_year(self, year: int) -> GiftQuerySet:
        """Gifts of a calendar year, counted by the year given (else proposed), like
        `Gift.year`; written as date ranges so the date indexes serve it."""
        given = Q(given_on__year=year)
        proposed = Q(given_on__isnull=True, proposed_on__year=year)
        return self.filter(given | proposed)

    def with_year(self) -> GiftQuerySet:
        """Annotate `gift_year`: the year given, else the year proposed (for grouping)."""
        return self.annotate(gift_year=gift_year())
