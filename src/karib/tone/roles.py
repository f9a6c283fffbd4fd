"""Deciding which speaker is the agent and which the customer."""

from __future__ import annotations

import re

from karib.tone.errors import RoleError
from karib.tone.records import Role

_AGENT_LABEL_RE = re.compile(
    r"\b(?:customer\s+(?:service|care|support|success)|agent|agen|cs|csr|petugas|operator|"
    r"staff|staf|admin|support|officer|teller|representative|rep|layanan|helpdesk|"
    r"call\s*cent(?:er|re)|kasir)\b",
    re.IGNORECASE,
)
_CUSTOMER_LABEL_RE = re.compile(
    r"\b(?:customer|pelanggan|nasabah|klien|client|pembeli|member|user|pengguna|buyer|"
    r"caller|penelepon|konsumen|pasien|peserta)\b",
    re.IGNORECASE,
)
_SYSTEM_LABELS = frozenset({"system", "sistem", "event", "bot-event"})


def role_from_label(label: str) -> Role | None:
    """The role a speaker label names, if any (``CS Bank`` -> agent, ``Nasabah`` -> customer)."""
    lowered = label.strip().lower()
    if lowered in _SYSTEM_LABELS:
        return "system"
    if _AGENT_LABEL_RE.search(lowered):
        return "agent"
    if _CUSTOMER_LABEL_RE.search(lowered):
        return "customer"
    return None


def resolve_roles(
    speakers: list[str],
    *,
    agent: str | None = None,
    customer: str | None = None,
    explicit: dict[str, Role] | None = None,
    file: str | None = None,
    line: int | None = None,
) -> dict[str, Role]:
    """Map every speaker (in order of first appearance) to a role, or raise ``RoleError``."""
    agent_key = agent.strip().casefold() if agent else None
    customer_key = customer.strip().casefold() if customer else None
    found_names = ", ".join(repr(s) for s in speakers)
    humans_found = [s for s in speakers if role_from_label(s) != "system"]
    if agent_key is not None and agent_key == customer_key:
        raise RoleError(
            f"--agent and --customer name the same speaker {agent!r}; "
            f"give two different speakers among {found_names}",
            speakers=humans_found,
            file=file,
            line=line,
        )
    keys = {s.strip().casefold() for s in speakers}
    for flag, key, name in (("--agent", agent_key, agent), ("--customer", customer_key, customer)):
        if key is not None and key not in keys:
            raise RoleError(
                f"{flag} {name!r} names no speaker in this conversation; "
                f"the speakers are {found_names}",
                speakers=humans_found,
                file=file,
                line=line,
            )
    roles: dict[str, Role | None] = {}
    for speaker in speakers:
        key = speaker.strip().casefold()
        if agent_key is not None and key == agent_key:
            roles[speaker] = "agent"
        elif customer_key is not None and key == customer_key:
            roles[speaker] = "customer"
        elif explicit and speaker in explicit:
            roles[speaker] = explicit[speaker]
        else:
            roles[speaker] = role_from_label(speaker)
    if agent_key is not None and customer_key is None:
        # "--agent NAME" alone: everybody else is a customer.
        roles = {s: (r if r is not None else "customer") for s, r in roles.items()}
    if customer_key is not None and agent_key is None:
        roles = {s: (r if r is not None else "agent") for s, r in roles.items()}
    unknown = [s for s, r in roles.items() if r is None]
    if unknown:
        humans = {r for r in roles.values() if r in ("agent", "customer")}
        if len(unknown) == 1 and len(humans) == 1:
            roles[unknown[0]] = "customer" if "agent" in humans else "agent"
            unknown = []
    if unknown:
        humans_found = [s for s in speakers if roles[s] != "system"]
        found = ", ".join(repr(s) for s in humans_found)
        raise RoleError(
            f"cannot tell the agent from the customer among the speakers {found}; "
            f"map them with --agent NAME or --customer NAME",
            speakers=humans_found,
            file=file,
            line=line,
        )
    return {s: r for s, r in roles.items() if r is not None}
