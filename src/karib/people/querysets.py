"""Scoping: who may see which organization, person, fact and interaction.

Sales users see organizations they own or are envoy for (and those organizations' people);
managers see their team's; admins see everything. Sensitive facts are visible only to the
person's owner and envoy, managers of the owner's team and admins: seeing a person (for
example as the envoy of a colleague in the same organization) is not enough.

An interaction is seen by whoever sees one of its people or its organization, and by its creator
and the colleagues listed as attending; its creator may change and delete it. A creator or
attendee who came to it as an envoy (an envoy assignment names them for one of its people) keeps
that only while they are still owner or envoy of one of its people or see its organization:
recalled, they keep no more than anyone else (secprobe11 F3).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.db.models import Exists, Lookup, OuterRef, Q

from karib.core.roles import Role, has_role, is_admin
from karib.core.selectors import team_members, teams_managed_by

if TYPE_CHECKING:
    from .models import Interaction, Organization, Person, PersonalFact  # noqa: F401

from karib.core.types import AnyUser as User


def _is_manager(user: Any) -> bool:
    return has_role(user, Role.MANAGER)


@models.ForeignKey.register_lookup
class InArray(Lookup):  # type: ignore[type-arg]
    """PostgreSQL: `column = ANY(ARRAY(subquery))`. The subquery runs once (an InitPlan) and
    the column's index is used for its values, also inside an OR (a BitmapOr of index scans),
    where `IN (subquery)` becomes a filter applied to every row (ADR 0014)."""

    lookup_name = "in_array"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", [*lhs_params, *rhs_params]


models.IntegerField.register_lookup(InArray)  # primary keys (AutoField, BigAutoField) too


def _not_on_hold(people: models.QuerySet[Any]) -> Q:
    """People not kept under a legal hold, as NOT EXISTS: `legal_hold__isnull=True` is a LEFT
    JOIN whose IS NULL PostgreSQL does not recognise as an anti-join; it then estimated 11 of
    2,000 rows and joined every row of a list before sorting it (ADR 0015)."""
    hold = people.model._meta.get_field("legal_hold").related_model
    return ~Q(Exists(hold.objects.filter(person_id=OuterRef("pk"))))


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def visible_to(self, user: User) -> OrganizationQuerySet:
        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        return self.filter(_organization_condition(user))


def _organization_condition(user: User) -> Q:
    """OrganizationQuerySet.visible_to's rule as one condition on an organization row.

    The organizations of the people the user owns and of those they are envoy for are two
    subqueries, each answered by a covering index, (owner, organization) and (envoy,
    organization) (migration 0011): one `owner = u OR envoy = u` subquery made SQLite scan every
    person and PostgreSQL filter every organization with a hashed subplan (ADR 0015). On
    PostgreSQL each is an `= ANY(ARRAY(...))`, so the organization's primary key index is used
    inside the OR."""
    from .models import Person

    people = Person.objects.order_by()
    owned = people.filter(Q(owner=user)).values("organization_id")
    envoy = people.filter(Q(envoy=user)).values("organization_id")
    lookup = "pk__in_array" if connection.vendor == "postgresql" else "pk__in"
    query = Q(owner=user) | Q(**{lookup: owned}) | Q(**{lookup: envoy})
    if _is_manager(user):
        query |= Q(owner__in=team_members(user)) | Q(team__in=teams_managed_by(user))
    return query


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: User) -> PersonQuerySet:
        """The people `user` may see. A person kept only under a legal hold after an erasure
        (the recipient of gifts in the KPK register, karib.privacy) is in no one's list."""
        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.filter(_not_on_hold(self))
        from .models import Organization

        organizations = Organization.objects.visible_to(user).values("pk")
        if connection.vendor == "postgresql":
            # One OR over indexed columns, each set read once (ADR 0014): PostgreSQL combines
            # the indexes; the union below made it hash every visible id first.
            return self.filter(_visible_condition(user), _not_on_hold(self))
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
        return self.filter(_not_on_hold(self), pk__in=parts[0].union(*parts[1:]))

    def visible_row(self, user: User, pk: Any) -> PersonQuerySet:
        """The person `pk` when `user` may see them (the same rule as visible_to): the row is
        found by its key and the rule checked on it alone, where the union of visible_to would
        list every visible person first (175 ms at 100k people on SQLite; ADR 0014)."""
        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.filter(_not_on_hold(self), pk=pk)
        return self.filter(_visible_condition(user), _not_on_hold(self), pk=pk)


def _visible_condition(user: User) -> Q:
    """PersonQuerySet.visible_to's rule as one condition on a person row (legal hold apart)."""
    from .models import Organization

    organizations = Organization.objects.visible_to(user).values("pk")
    if connection.vendor == "postgresql":
        query = Q(owner=user) | Q(envoy=user) | Q(organization__in_array=organizations)
        if _is_manager(user):
            query |= Q(owner__in_array=team_members(user).values("pk"))
        return query
    query = Q(owner=user) | Q(envoy=user) | Q(organization__in=organizations)
    if _is_manager(user):
        query |= Q(owner__in=team_members(user))
    return query


def sensitive_allowed(user: User) -> Q:
    """People whose sensitive facts `user` may see (not admins: they see all)."""
    query = Q(owner=user) | Q(envoy=user)
    if _is_manager(user):
        query |= Q(owner__in=team_members(user))
    return query


def can_see_sensitive(user: User, person: Person) -> bool:
    """Whether `user` may see `person`'s sensitive facts: the owner, the envoy, a manager of
    the owner's team, an admin."""
    if not user.is_authenticated:
        return False
    if is_admin(user) or user.pk in (person.owner_id, person.envoy_id):
        return True
    return _is_manager(user) and team_members(user).filter(pk=person.owner_id).exists()


class PersonalFactQuerySet(models.QuerySet["PersonalFact"]):
    def visible_to(self, user: User) -> PersonalFactQuerySet:
        from .models import Person

        people = Person.objects.visible_to(user)
        facts = self.filter(person__in=people.values("pk"))
        if is_admin(user):
            return facts
        allowed = Person.objects.filter(sensitive_allowed(user)).values("pk")
        return facts.filter(Q(is_sensitive=False) | Q(person__in=allowed))


class InteractionQuerySet(models.QuerySet["Interaction"]):
    def visible_to(self, user: User) -> InteractionQuerySet:
        from .models import Organization, Person

        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        people = Person.objects.visible_to(user).values("pk")
        organizations = Organization.objects.visible_to(user).values("pk")
        # A recalled envoy loses the creator's and attendee's grant (`_unless_recalled_envoy`);
        # `_sent_as_envoy` alone says it here: an envoy still sent (or an owner) sees the
        # interaction through its people, one who sees its organization through that, the
        # other terms of this OR.
        ids = self.model.objects.filter(
            ((Q(created_by=user) | Q(users=user)) & ~Q(_sent_as_envoy(user)))
            | Q(participants__in=people)
            | Q(organization__in=organizations)
        ).values("pk")
        return self.filter(pk__in=ids)

    def editable_by(self, user: User) -> InteractionQuerySet:
        """Interactions `user` may change or delete: its creator, the owner of its organization
        or of a participant, managers of their teams, admins. A colleague merely listed among
        the users who attended may read it, not change it. A creator who came to it as an envoy
        and was recalled no longer changes it (`_unless_recalled_envoy`) (secprobe11 F3)."""
        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.all()
        query = (
            (Q(created_by=user) & _unless_recalled_envoy(user))
            | Q(organization__owner=user)
            | Q(participants__owner=user)
        )
        if _is_manager(user):
            members = team_members(user)
            query |= (
                Q(created_by__in=members)
                | Q(organization__owner__in=members)
                | Q(participants__owner__in=members)
            )
        # The subquery repeats this queryset's own filters (e.g. a handful of ids), so the
        # database narrows by them first instead of scanning every interaction for the OR.
        return self.filter(pk__in=self.filter(query).values("pk"))


def _sent_as_envoy(user: User) -> Exists:
    """Interactions one of whose people `user` was ever sent to as envoy (an envoy assignment
    names them, whether or not they are still sent). Answered per interaction by the
    participants' (interaction, person) index and the assignments' person index."""
    from .models import Interaction

    through = Interaction.participants.through
    people = through.objects.filter(interaction_id=OuterRef("pk"))
    return Exists(people.filter(Q(person__envoy_assignments__envoy=user)))


def _unless_recalled_envoy(user: User) -> Q:
    """Interactions whose creator or listed attendee `user` keeps that standing: unless they
    came to it as an envoy (an envoy assignment names them for one of its people) and were
    recalled, that is are now owner or envoy of none of its people and do not see its
    organization (secprobe11 F3). A recalled envoy then reads, changes and deletes it only as
    anyone else would. A colleague listed who was never sent, a creator with no people, and an
    envoy recalled from one person but still sent to (or owning) another keep what they had.

    Flat: one EXISTS per condition and the organizations' own subquery (no visible_to nested
    here: SQLite's parser overflowed on that for managers)."""
    from .models import Interaction, Organization

    through = Interaction.participants.through
    standing = through.objects.filter(interaction_id=OuterRef("pk")).filter(
        Q(person__owner=user) | Q(person__envoy=user)
    )
    organizations = Organization.objects.visible_to(user).values("pk")
    return ~Q(_sent_as_envoy(user)) | Q(Exists(standing)) | Q(organization__in=organizations)
