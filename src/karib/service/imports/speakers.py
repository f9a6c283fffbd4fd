"""Who is who in an imported file: the agent by whole name or alias, the customer by full
name, and the speakers the engine could not place (`RoleError`)."""

from __future__ import annotations

import ast
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TypeVar

from django.contrib.auth.models import User

from karib import tone
from karib.core.roles import Role
from karib.people.models import Person

from ..models import ImportBatch

T = TypeVar("T")

#: Words that address or title a person and are ignored when a speaker is matched to an agent
#: ("CS Agus", "Pak Agus" and "Agus" are the same speaker).
AGENT_TITLE_WORDS = frozenset(
    {
        "cs",
        "agent",
        "agen",
        "petugas",
        "operator",
        "pak",
        "bu",
        "bapak",
        "ibu",
        "mas",
        "mbak",
        "kak",
        "mr",
        "mrs",
        "ms",
    }
)


def _visible(name: str) -> str:
    """The name without invisible format marks (U+200E, U+202A, U+FEFF ...) and the iOS
    non-contact tilde, for matching only; the name itself is always kept as written."""
    cleaned = "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
    return cleaned.strip().removeprefix("~").strip()


def speaker_key(name: str) -> str:
    """A speaker's name for matching: case-folded, title words (`AGENT_TITLE_WORDS`) removed."""
    words = [w for w in _visible(name).casefold().split() if w.strip(".:") not in AGENT_TITLE_WORDS]
    return " ".join(words)


def speakers_of(error: tone.RoleError) -> list[str]:
    """The speakers the engine could not place, exactly as written in the file (an iOS
    `~ name`, a phone number with invisible marks), so the mapping step offers them back as
    they are. The engine gives them as data (`RoleError.speakers`)."""
    speakers = getattr(error, "speakers", None)
    if not speakers:  # an engine 1.x error, or one raised without its speakers
        speakers = _speakers_from_engine_1(error)
    return list(dict.fromkeys(str(name) for name in speakers if str(name).strip()))


_LITERAL_RE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def _speakers_from_engine_1(error: tone.RoleError) -> list[str]:
    """Engine 1.x lists the speakers only as Python literals (`repr`) in its message: read
    them back as literals (`ast.literal_eval`), which returns each name exactly, invisible
    marks included. Used only while the engine has no `RoleError.speakers`."""
    _head, _sep, tail = error.message.partition("speakers")
    names: list[str] = []
    for literal in _LITERAL_RE.findall(tail):
        try:
            value = ast.literal_eval(literal)
        except (SyntaxError, ValueError):
            continue
        if isinstance(value, str):
            names.append(value)
    return names


@dataclass(frozen=True)
class AgentMatch:
    agent_id: int | None
    ambiguous: bool = False


@dataclass
class Directory:
    """Who is who for one import: agents by whole name or alias, customers by full name."""

    agents: dict[str, set[int]]
    customers: dict[str, int | None]
    #: The agents' names as written (user names, full and first names, aliases), which the
    #: engine takes as agents in a WhatsApp export (`known_agents`).
    agent_names: list[str] = field(default_factory=list)
    #: Answers given already, by speaker as written (a file names the same few agents and
    #: customers over and over); at most `_MEMO_SIZE` each, so memory stays bounded.
    _agent_matches: dict[str, AgentMatch] = field(default_factory=dict, repr=False)
    _customer_matches: dict[str, int | None] = field(default_factory=dict, repr=False)

    @classmethod
    def for_batch(cls, batch: ImportBatch) -> Directory:
        users = list(
            User.objects.filter(
                groups__name=Role.SERVICE_AGENT.value, is_active=True, profile__team=batch.team
            )
            .select_related("profile")
            .distinct()
        )
        agents: dict[str, set[int]] = {}
        agent_names: dict[str, None] = {}
        for user in users:
            # a first name shared by two agents maps to both: ambiguous, assigned to nobody
            names = {
                user.username,
                user.get_full_name(),
                user.first_name,
                *user.profile.aliases.split(","),
            }
            for name in names:
                key = speaker_key(name)
                if key:
                    agents.setdefault(key, set()).add(user.pk)
                    agent_names[name.strip()] = None
        customers: dict[str, int | None] = {}
        if batch.created_by is not None:
            visible = Person.objects.visible_to(batch.created_by).values_list("pk", "full_name")
            for pk, full_name in visible:
                key = full_name.strip().casefold()
                customers[key] = None if key in customers else pk  # ambiguous → no link
        return cls(agents=agents, customers=customers, agent_names=list(agent_names))

    def agent_for(self, speaker: str) -> AgentMatch:
        """The agent whose whole name, unique first name or alias the speaker is; none when
        nobody or several agents carry that name (then `ambiguous`)."""
        match = self._agent_matches.get(speaker)
        if match is None:
            candidates = self.agents.get(speaker_key(speaker), set())
            if len(candidates) == 1:
                match = AgentMatch(next(iter(candidates)))
            else:
                match = AgentMatch(None, ambiguous=len(candidates) > 1)
            _remember(self._agent_matches, speaker, match)
        return match

    def customer_for(self, speaker: str) -> int | None:
        if speaker in self._customer_matches:
            return self._customer_matches[speaker]
        found = self.customers.get(_visible(speaker).casefold())
        _remember(self._customer_matches, speaker, found)
        return found


_MEMO_SIZE = 4096


def _remember(memo: dict[str, T], key: str, value: T) -> None:
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = value
