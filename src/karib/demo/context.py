from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User

from karib.core.models import Team


@dataclass
class DemoContext:
    """What earlier demo steps created, for the later ones to build on.

    users: by username (see karib.demo.loader.DEMO_USERS); teams: by key ("government", "cards").
    Every step must be idempotent: look records up by a natural key before creating them.
    """

    stdout: Any  # a text stream or Django's OutputWrapper
    users: dict[str, User] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)
