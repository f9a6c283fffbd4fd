"""Who may act on conversation QA (django-rules, declared through `karib.core.access`).

Reading is scoped by `Conversation.objects.visible_to(user)` and the selectors; these rules
decide the actions on what a user sees:

- review a conversation, answer a dispute, delete a conversation: the team's QA reviewers
  and managers, admins; never the conversation's own agent (unless an admin);
- respond to the result (acknowledge, dispute) and write a reflection: the conversation's
  agent;
- edit the playbook and the team's QA settings: the team's managers, admins;
- import conversations into a team: the team's QA reviewers and managers, admins;
- see a team's scorecards: the team's QA reviewers and managers, admins.
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import User

from karib.core import access
from karib.core.access import Action, is_admin
from karib.core.models import Team
from karib.core.roles import Role, has_role

from .models import CancellationPlaybook, Conversation, Dispute, ImportBatch, ServiceSettings
from .querysets import is_team_overseer, overseen_teams

REVIEW = "review"
RESPOND = "respond"  # acknowledge or dispute the result, write a reflection
ANSWER = "answer"
SEE_SCORECARDS = "see_scorecards"


def _team_id(obj: object) -> int | None:
    if isinstance(obj, Team):
        return obj.pk
    if isinstance(obj, Dispute):
        return obj.conversation.team_id
    return getattr(obj, "team_id", None)


def _oversees_team(user: User, obj: object) -> bool:
    """A QA reviewer or manager of the object's team."""
    team_id = _team_id(obj)
    if team_id is None or not is_team_overseer(user):
        return False
    return overseen_teams(user).filter(pk=team_id).exists()


def _manages_team(user: User, obj: object) -> bool:
    return has_role(user, Role.MANAGER) and _oversees_team(user, obj)


def _is_conversation_agent(user: User, obj: object) -> bool:
    conversation = obj.conversation if isinstance(obj, Dispute) else obj
    return getattr(conversation, "agent_id", None) == user.pk


oversees_team = rules.predicate(_oversees_team, name="oversees_team")
manages_team = rules.predicate(_manages_team, name="manages_team")
is_conversation_agent = rules.predicate(_is_conversation_agent, name="is_conversation_agent")

may_review = is_admin | (oversees_team & ~is_conversation_agent)

access.declare(Conversation, REVIEW, may_review)
access.declare(Conversation, Action.DELETE, may_review)
access.declare(Conversation, RESPOND, is_conversation_agent)
access.declare(Dispute, ANSWER, is_admin | (oversees_team & ~is_conversation_agent))
access.declare(CancellationPlaybook, Action.CHANGE, is_admin | manages_team)
access.declare(ServiceSettings, Action.CHANGE, is_admin | manages_team)
access.declare(ImportBatch, Action.CREATE, is_admin | oversees_team)
access.declare(ImportBatch, Action.CHANGE, is_admin | oversees_team)
access.declare(Team, SEE_SCORECARDS, is_admin | oversees_team)


def can_review(user: User, conversation: Conversation) -> bool:
    return access.can(user, REVIEW, conversation)


def can_respond(user: User, conversation: Conversation) -> bool:
    return access.can(user, RESPOND, conversation)


def can_edit_playbook(user: User, team: Team) -> bool:
    return access.can(user, Action.CHANGE, CancellationPlaybook(team=team))


def can_import(user: User, team: Team | None = None) -> bool:
    """May `user` import into `team` (or into some team, when none is given)?"""
    if team is None:
        return bool(user.is_authenticated and (is_admin(user) or is_team_overseer(user)))
    return access.can(user, Action.CREATE, ImportBatch(team=team))


def can_see_scorecards(user: User, team: Team) -> bool:
    return access.can(user, SEE_SCORECARDS, team)
