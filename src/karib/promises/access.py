"""Who may do what with promises and projects (rules registered in `karib.core.access`).

Seeing a promise (`Promise.objects.visible_to`) is not acting on it. The ledger of a promise is
kept by the people who answer for it to the customer:

- view: whoever sees its organization, and its maker;
- add (record a promise, create a project): Sales and Managers (and admins), not service agents,
  QA reviewers or Compliance;
- change, mark kept / at risk / broken, renegotiate, withdraw: its maker, the relationship
  owner of its organization or of a person it was made to, the envoy sent to every person it
  was made to, a manager of the maker's, the
  organization owner's or the organization's team (who sees it), admins;
- delete: admins only (the ledger is a record).

An envoy sent to one person sees the organization but does not keep the owner's promises made
to anyone else (or to the organization as a whole); a service agent or a compliance officer
records none.
"""

from __future__ import annotations

import enum

import rules

from karib.core import access
from karib.core.access import Action, Subject, has_any_role, is_admin
from karib.core.roles import Role, has_role
from karib.core.selectors import team_members, teams_managed_by

from .models import Project, Promise, PromiseStatus


class PromiseAction(enum.StrEnum):
    """The state transitions of a promise, each its own rule."""

    MARK_KEPT = "mark_kept"
    MARK_AT_RISK = "mark_at_risk"
    RENEGOTIATE = "renegotiate"
    MARK_BROKEN = "mark_broken"
    WITHDRAW = "withdraw"


#: The rule that guards the move to each status.
TRANSITION_ACTIONS: dict[str, PromiseAction] = {
    PromiseStatus.KEPT: PromiseAction.MARK_KEPT,
    PromiseStatus.AT_RISK: PromiseAction.MARK_AT_RISK,
    PromiseStatus.RENEGOTIATED: PromiseAction.RENEGOTIATE,
    PromiseStatus.BROKEN: PromiseAction.MARK_BROKEN,
    PromiseStatus.WITHDRAWN: PromiseAction.WITHDRAW,
}


def _sees_promise(user: Subject, promise: Promise) -> bool:
    return Promise.objects.visible_to(user).filter(pk=promise.pk).exists()


sees_promise = rules.predicate(_sees_promise, name="sees_promise")


def _made_the_promise(user: Subject, promise: Promise) -> bool:
    """Its maker, while they still see it (an envoy no longer sent answers for nothing)."""
    return promise.made_by_id == user.pk and _sees_promise(user, promise)


made_the_promise = rules.predicate(_made_the_promise, name="made_the_promise")


def _owns_the_relationship(user: Subject, promise: Promise) -> bool:
    """The owner of the promise's organization or of one of the people it was made to (an
    envoy is not an owner)."""
    if promise.organization.owner_id == user.pk:
        return True
    return promise.people.filter(owner_id=user.pk).exists()


owns_the_relationship = rules.predicate(_owns_the_relationship, name="owns_the_relationship")


def _is_envoy_to_its_people(user: Subject, promise: Promise) -> bool:
    """The envoy sent to every person the promise was made to (in the owner's place): the
    first story's envoy settles the promises made to the official. An envoy for one person
    does not keep promises made to others, or to the organization as a whole."""
    people = promise.people.all()
    return people.exists() and not people.exclude(envoy_id=user.pk).exists()


is_envoy_to_its_people = rules.predicate(_is_envoy_to_its_people, name="is_envoy_to_its_people")


def _manages_the_promise(user: Subject, promise: Promise) -> bool:
    """A manager of the maker's team, the organization owner's team or the organization's
    team, who also sees the promise."""
    if not has_role(user, Role.MANAGER):
        return False
    organization = promise.organization
    members = team_members(user).filter(pk__in=[promise.made_by_id, organization.owner_id])
    in_team = members.exists() or (
        organization.team_id is not None
        and teams_managed_by(user).filter(pk=organization.team_id).exists()
    )
    return in_team and _sees_promise(user, promise)


manages_the_promise = rules.predicate(_manages_the_promise, name="manages_the_promise")


def _sees_project(user: Subject, project: Project) -> bool:
    return Project.objects.visible_to(user).filter(pk=project.pk).exists()


sees_project = rules.predicate(_sees_project, name="sees_project")


def _manages_the_project(user: Subject, project: Project) -> bool:
    organization = project.organization
    if organization.owner_id == user.pk:
        return True
    if not has_role(user, Role.MANAGER):
        return False
    return _sees_project(user, project) and (
        team_members(user).filter(pk=organization.owner_id).exists()
        or (
            organization.team_id is not None
            and teams_managed_by(user).filter(pk=organization.team_id).exists()
        )
    )


manages_the_project = rules.predicate(_manages_the_project, name="manages_the_project")


records_promises = has_any_role(Role.SALES, Role.MANAGER)
answers_for_promise = (
    is_admin
    | made_the_promise
    | owns_the_relationship
    | is_envoy_to_its_people
    | manages_the_promise
)

access.declare(Promise, Action.VIEW, is_admin | sees_promise)
access.declare(Promise, Action.CREATE, records_promises)
access.declare(Promise, Action.CHANGE, answers_for_promise)
access.declare(Promise, Action.DELETE, is_admin)
for _action in PromiseAction:
    access.declare(Promise, _action, answers_for_promise)

access.declare(Project, Action.VIEW, is_admin | sees_project)
access.declare(Project, Action.CREATE, records_promises)
access.declare(Project, Action.CHANGE, is_admin | manages_the_project)
access.declare(Project, Action.DELETE, is_admin)


def transition_action(status: str) -> PromiseAction:
    return TRANSITION_ACTIONS[PromiseStatus(status)]
