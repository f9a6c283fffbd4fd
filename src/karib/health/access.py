"""Who may override a person's contact cadence: those closest to the relationship (the
person's owner and envoy, a manager of the owner's team) and admins."""

from __future__ import annotations

import rules

from karib.core.access import Action, declare
from karib.core.roles import Role, has_role, is_admin
from karib.core.selectors import team_members

from .models import PersonCadence


def _close_to_person_check(user: object, cadence: PersonCadence) -> bool:
    person = cadence.person
    if is_admin(user) or getattr(user, "pk", None) in (person.owner_id, person.envoy_id):  # type: ignore[arg-type]
        return True
    return has_role(user, Role.MANAGER) and team_members(user).filter(pk=person.owner_id).exists()  # type: ignore[arg-type]


close_to_person = rules.predicate(_close_to_person_check, name="close_to_person")
declare(PersonCadence, Action.CHANGE, close_to_person)
