"""The vocabulary of the permission matrix (tests/core/test_access_matrix.py): the relations
a user may have to the seeded records (`tests/core/access_world.py`), the groups of them the
rules name, and `Rule`, one declared call of an endpoint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.support.seeds import RELATIONS

from .access_world import MatrixWorld

World = MatrixWorld
Args = Callable[[World], dict[str, Any]]

# --- who is who -------------------------------------------------------------------------------

EVERYONE = frozenset(RELATIONS)
AUTHENTICATED = EVERYONE - {"anonymous"}
SEES = frozenset({"owner", "envoy", "manager", "admin", "through_one"})  # the organization, Suryo
LOOKS_AFTER = frozenset({"owner", "envoy", "manager", "admin"})  # Suryo and his facts
ANSWERS = frozenset({"owner", "manager", "admin"})  # the organization; deletes Suryo
CREATORS = frozenset(
    {"owner", "envoy", "same_team", "other_team", "manager", "other_manager", "admin"}
    | {"through_one"}
)
CREATORS_WHO_SEE = CREATORS & SEES
EDITS_INTERACTION = frozenset({"owner", "manager", "admin"})  # created by the owner
SEES_SENSITIVE = LOOKS_AFTER
NOBODY: frozenset[str] = frozenset()
ADMIN = frozenset({"admin"})


def only(*relations: str) -> frozenset[str]:
    return frozenset(relations)


def pk(attribute: str, name: str = "pk") -> Args:
    """The URL argument `name` is the primary key of the world's `attribute`."""
    return lambda world: {name: world.get(attribute).pk}


@dataclass(frozen=True)
class Rule:
    """One call of an endpoint and who may make it succeed."""

    method: str
    allowed: frozenset[str]
    args: Args = field(default=lambda world: {})
    data: Callable[[World], Any] | None = None
    variant: str = ""
    query: str = ""  # a query string for the URL ("q=sury")
    # Judge by what changed only (a view that redirects with a message either way).
    by_effect_only: bool = False
    # Who may read Suryo's name in the answer (None: those who see him, `SEES`).
    reveals: frozenset[str] | None = None
    environ: tuple[tuple[str, str], ...] = ()  # WSGI environ for the call (REMOTE_ADDR)
    # A write that may succeed without changing a record (log out, switch the language,
    # refresh what is already up to date): success is the answer alone.
    changes: bool = True
    multipart: bool = False  # an API call sending a form with files, not JSON
    # Success judged by the answer alone, with this test (log out: a redirect to the login).
    judge: Callable[[Any], bool] | None = None
