"""Who may act on next actions and recovery plans.

Only the user an action is for finishes, snoozes or dismisses it (a manager sees the team's
actions to count them, never to act in someone's name). A recovery plan's steps are ticked by
the person's owner, the envoy, the owner's manager, or an admin.
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import User

from karib.core import access
from karib.core.access import Action
from karib.core.roles import Role, has_role
from karib.core.selectors import team_members

from .models import NextAction, RecoveryPlan, RecoveryStep

#: The transition "act on" (done, snooze, dismiss) of a next action.
ACT = "act"


def _is_action_owner(user: User, action: NextAction | None) -> bool:
    return action is not None and action.owner_id == user.pk


def _keeps_the_relationship(user: User, plan: RecoveryPlan | RecoveryStep | None) -> bool:
    if plan is None:
        return False
    if isinstance(plan, RecoveryStep):
        plan = plan.plan
    person = plan.person
    if user.pk in (person.owner_id, person.envoy_id, plan.owner_id):
        return True
    return has_role(user, Role.MANAGER) and team_members(user).filter(pk=person.owner_id).exists()


is_action_owner = rules.predicate(_is_action_owner, name="is_action_owner")
keeps_the_relationship = rules.predicate(_keeps_the_relationship, name="keeps_the_relationship")

access.declare(NextAction, ACT, is_action_owner)
access.declare(NextAction, Action.VIEW, is_action_owner | access.is_admin)
access.declare(RecoveryPlan, Action.CHANGE, keeps_the_relationship | access.is_admin)
access.declare(RecoveryStep, Action.CHANGE, keeps_the_relationship | access.is_admin)
