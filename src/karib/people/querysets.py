"""Scoping: who may see which organization, person, fact and interaction.

Sales users see organizations they own or are envoy for (and those organizations' people);
managers see their team's; admins see everything. Sensitive facts are visible only to the
person's owner and envoy, managers and admins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from karib.core.roles import Role, has_role, is_admin
from karib.core.selectors import team_members, teams_managed_by

if TYPE_CHECKING:
    from .models import Interaction, Organization, Person, PersonalFact  # noqa: F401

from karib.core.types import AnyUser as User


def _is_manager(user: Any) -> bool:
    return has_role(user, Role.MANAGER)


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def visible_to(self, user: User) -> OrganizationQuerySet:
        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        from .models import Person

        # Organizations of the people the user owns or is envoy for: a subquery over indexed
        # person columns, not a join that multiplies organization rows.
        through_people = Person.objects.filter(Q(owner=user) | Q(envoy=user)).values(
            "organization_id"
        )
        query = Q(owner=user) | Q(pk__in=through_people)
        if _is_manager(user):
            query |= Q(owner__in=team_members(user)) | Q(team__in=teams_managed_by(user))
        return self.filter(query)


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: User) -> PersonQuerySet:
        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        from .models import Organization

        organizations = Organization.objects.visible_to(user).values("pk")
        people = self.model.objects.order_by()
        # A union of indexed lookups: an OR over these columns made SQLite scan every person
        # (or drive the query from a joined table) once there were 100k of them.
        parts = [
            people.filter(owner=user).values("pk"),
            people.filter(envoy=user).values("pk"),
            people.filter(organization__in=organizations).values("pk"),
        ]
        if _is_manager(user):
            parts.append(people.filter(owner__in=team_members(user)).values("pk"))
        return self.filter(pk__in=parts[0].union(*parts[1:]))


class PersonalFactQuerySet(models.QuerySet["PersonalFact"]):
    def visible_to(self, user: User) -> PersonalFactQuerySet:
        from .models import Person

        people = Person.objects.visible_to(user)
        facts = self.filter(person__in=people.values("pk"))
        if is_admin(user) or _is_manager(user):
            return facts
        return facts.filter(Q(is_sensitive=False) | Q(person__owner=user) | Q(person__envoy=user))


class InteractionQuerySet(models.QuerySet["Interaction"]):
    def visible_to(self, user: User) -> InteractionQuerySet:
        from .models import Organization, Person

        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        people = Person.objects.visible_to(user).values("pk")
        organizations = Organization.objects.visible_to(user).values("pk")
        ids = self.model.objects.filter(
            Q(created_by=user)
            | Q(users=user)
            | Q(participants__in=people)
            | Q(organization__in=organizations)
        ).values("pk")
        return self.filter(pk__in=ids)
