"""Who may do what with organizations, people, facts, interactions, dates and envoys.

Seeing is scoped by the querysets (`visible_to`); this module says who may act on what they
see. The services enforce it (`access.require`), the pages and the API ask `access.can` only
to decide which buttons and links to show. docs/security.md has the same rules as a table.

- Organizations: Sales and Manager users (and admins) create them; the relationship owner,
  managers of the owner's team or of the organization's team, and admins change or delete.
- People: the same roles create; the owner, managers of the owner's team and admins change
  and delete; the envoy of a person changes that person only (not the rest of the
  organization, not the organization) and does not delete them, move them to another
  organization or hand them to someone else.
- Facts and important dates: whoever may change the person adds, changes and deletes them
  (the same people see the sensitive facts).
- Interactions: Sales and Manager users log them; their creator, the owner of their
  organization or of a participant, managers of those users' teams and admins change them.
- Envoy assignments are history: created by assigning an envoy, never changed or deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from karib.core import access
from karib.core.access import Action, has_any_role, is_admin
from karib.core.roles import Role

from .models import (
    EnvoyAssignment,
    ImportantDate,
    Interaction,
    Organization,
    Person,
    PersonalFact,
)
from .querysets import can_see_sensitive


class PersonAction:
    """State transitions of a person, each its own rule."""

    CHANGE_RELATIONSHIP = "change_relationship"  # stage or attitude
    FLAG_REFUSAL = "flag_refusal"  # refuses to meet the owner (or no longer)
    ASSIGN_ENVOY = "assign_envoy"
    REASSIGN_OWNER = "reassign_owner"
    MOVE_ORGANIZATION = "move_organization"  # to another organization (or none)


def predicate(function: Callable[..., bool]) -> rules.Predicate:
    """A django-rules predicate (typed, for mypy)."""
    return rules.Predicate(function)


def _person_of(obj: Any) -> Person | None:
    if isinstance(obj, Person):
        return obj
    return getattr(obj, "person", None)


def _manages(user: Any, owner_id: int | None) -> bool:
    """Whether `user` manages the team of the user `owner_id` (admins are checked apart)."""
    return owner_id is not None and access.team_members(user).filter(pk=owner_id).exists()


# --- predicates -------------------------------------------------------------------------------

creates_relationships = has_any_role(Role.SALES, Role.MANAGER)


@predicate
def owns_organization(user: Any, organization: Organization | None) -> bool:
    return organization is not None and organization.owner_id == user.pk


@predicate
def manages_organization(user: Any, organization: Organization | None) -> bool:
    if organization is None:
        return False
    if _manages(user, organization.owner_id):
        return True
    return (
        organization.team_id is not None
        and access.teams_managed_by(user).filter(pk=organization.team_id).exists()
    )


@predicate
def owns_person(user: Any, obj: Any) -> bool:
    person = _person_of(obj)
    return person is not None and person.owner_id == user.pk


@predicate
def is_envoy_of_person(user: Any, obj: Any) -> bool:
    person = _person_of(obj)
    return person is not None and person.envoy_id is not None and person.envoy_id == user.pk


@predicate
def manages_person_owner(user: Any, obj: Any) -> bool:
    person = _person_of(obj)
    return person is not None and _manages(user, person.owner_id)


@predicate
def sees_person(user: Any, obj: Any) -> bool:
    person = _person_of(obj)
    return person is not None and Person.objects.visible_to(user).filter(pk=person.pk).exists()


@predicate
def sees_organization(user: Any, organization: Organization | None) -> bool:
    return (
        organization is not None
        and Organization.objects.visible_to(user).filter(pk=organization.pk).exists()
    )


@predicate
def sees_fact(user: Any, fact: PersonalFact | None) -> bool:
    if fact is None or not sees_person(user, fact):
        return False
    return not fact.is_sensitive or can_see_sensitive(user, fact.person)


@predicate
def sees_interaction(user: Any, interaction: Interaction | None) -> bool:
    return (
        interaction is not None
        and Interaction.objects.visible_to(user).filter(pk=interaction.pk).exists()
    )


@predicate
def edits_interaction(user: Any, interaction: Interaction | None) -> bool:
    if interaction is None or interaction.pk is None:
        return False
    return Interaction.objects.filter(pk=interaction.pk).editable_by(user).exists()


# The people who look after a person: they change it and its facts and dates.
looks_after_person = is_admin | owns_person | manages_person_owner | is_envoy_of_person
# The people who answer for a person: they delete it and decide who looks after it.
answers_for_person = is_admin | owns_person | manages_person_owner
answers_for_organization = is_admin | owns_organization | manages_organization
never = rules.always_deny

# --- the rules --------------------------------------------------------------------------------

access.declare(Organization, Action.VIEW, sees_organization)
access.declare(Organization, Action.CREATE, creates_relationships)
access.declare(Organization, Action.CHANGE, answers_for_organization)
access.declare(Organization, Action.DELETE, answers_for_organization)

access.declare(Person, Action.VIEW, sees_person)
access.declare(Person, Action.CREATE, creates_relationships)
access.declare(Person, Action.CHANGE, looks_after_person)
access.declare(Person, Action.DELETE, answers_for_person)
access.declare(Person, PersonAction.CHANGE_RELATIONSHIP, looks_after_person)
access.declare(Person, PersonAction.FLAG_REFUSAL, looks_after_person)
access.declare(Person, PersonAction.ASSIGN_ENVOY, answers_for_person)
access.declare(Person, PersonAction.REASSIGN_OWNER, answers_for_person)
# A move can hand the person to the other organization's team: not for an envoy.
access.declare(Person, PersonAction.MOVE_ORGANIZATION, answers_for_person)

# A new fact or date is checked with its person set: `PersonalFact(person=person)`.
for model in (PersonalFact, ImportantDate):
    access.declare(model, Action.CREATE, creates_relationships & looks_after_person)
    access.declare(model, Action.CHANGE, looks_after_person)
    access.declare(model, Action.DELETE, looks_after_person)
access.declare(PersonalFact, Action.VIEW, sees_fact)
access.declare(ImportantDate, Action.VIEW, sees_person)

access.declare(Interaction, Action.VIEW, sees_interaction)
access.declare(Interaction, Action.CREATE, creates_relationships)
access.declare(Interaction, Action.CHANGE, edits_interaction)
access.declare(Interaction, Action.DELETE, edits_interaction)

access.declare(EnvoyAssignment, Action.VIEW, sees_person)
access.declare(EnvoyAssignment, Action.CREATE, answers_for_person)
access.declare(EnvoyAssignment, Action.CHANGE, never)
access.declare(EnvoyAssignment, Action.DELETE, never)
