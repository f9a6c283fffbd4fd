"""Who may act on a data subject's rights.

- REPORT (see the access report, record the lawful basis, open a request): the relationship
  owner, managers of the owner's team and admins — those accountable for the data.
- ERASE: admins only; it cannot be undone.
"""

from __future__ import annotations

import rules

from karib.core import access
from karib.core.roles import Role, has_role
from karib.core.selectors import team_members
from karib.core.types import AnyUser
from karib.people.models import Person

REPORT = "report"
ERASE = "erase"


def _owns(user: AnyUser, person: Person) -> bool:
    return person.owner_id == user.pk


def _manages_owner(user: AnyUser, person: Person) -> bool:
    return has_role(user, Role.MANAGER) and team_members(user).filter(pk=person.owner_id).exists()


is_owner = rules.predicate(_owns, name="is_owner")
manages_owner = rules.predicate(_manages_owner, name="manages_owner")

access.declare(Person, REPORT, access.is_admin | is_owner | manages_owner)
access.declare(Person, ERASE, access.is_admin)
