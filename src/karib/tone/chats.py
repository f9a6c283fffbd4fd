"""The chat formats: plain ``Speaker: text`` transcripts and WhatsApp exports."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from karib.tone import whatsapp
from karib.tone.errors import ToneInputError
from karib.tone.records import Conversation, Role, TurnKind
from karib.tone.roles import role_from_label
from karib.tone.sources import _build

_TEXT_TIME_RE = re.compile(r"^\s*\[(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\]\s*")
_TEXT_EVENT_RE = re.compile(r"^\s*\[([^\[\]]+)\]\s*$")
_TEXT_SPEAKER_RE = re.compile(r"^([^\s:\[\]<>{}][^:\[\]<>{}]{0,39}?)\s*:(?:\s+(.*)|)$")
# A list item is never a speaker: "- Paket A: 150rb" or "2) Biaya admin: gratis" in a price
# list continues the turn before it.
_TEXT_LIST_ITEM_RE = re.compile(r"^(?:[-*>\u2022\u00b7\u2013\u2014]|\d{1,2}[.)](?!\S))")


def _text_time(match: re.Match[str]) -> str:
    hour, minute, second = match.group(1), match.group(2), match.group(3) or "00"
    return f"{int(hour):02d}:{minute}:{second}"


def parse_text(
    text: str, *, file: str, conversation_id: str, agent: str | None, customer: str | None
) -> Conversation:
    raw: list[list[Any]] = []
    # A file whose first turn has an [HH:MM] prefix uses prefixes for its turns: there a
    # line without the prefix continues the previous turn even with a colon in it
    # ("Alasan: iurannya mahal."), unless it names a speaker already seen or a role label.
    timed: bool | None = None
    seen: set[str] = set()
    listed: bool | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        ts = None
        body = line
        time_match = _TEXT_TIME_RE.match(line)
        if time_match:
            ts = _text_time(time_match)
            body = line[time_match.end() :]
        event = _TEXT_EVENT_RE.match(body)
        if event:
            raw.append(["system", event.group(1).strip(), ts, "event", number])
            continue
        if timed is None:
            timed = time_match is not None
        turn = _TEXT_SPEAKER_RE.match(body.strip())
        if (
            turn
            and timed
            and time_match is None
            and raw
            and raw[-1][3] != "event"
            and turn.group(1).strip().casefold() not in seen
            and role_from_label(turn.group(1)) is None
        ):
            turn = None  # a continuation line with a colon in it
        if (
            turn
            and not listed
            and raw
            and raw[-1][3] != "event"
            and _TEXT_LIST_ITEM_RE.match(turn.group(1))
            and turn.group(1).strip().casefold() not in seen
        ):
            turn = None  # an item of a list the previous turn began
        if turn and len(turn.group(1).split()) <= 5 and not turn.group(1).isdigit():
            if listed is None:  # a file whose turns are list items ("- Agen: …")
                listed = _TEXT_LIST_ITEM_RE.match(turn.group(1)) is not None
            seen.add(turn.group(1).strip().casefold())
            raw.append(
                [turn.group(1).strip(), (turn.group(2) or "").strip(), ts, "message", number]
            )
            continue
        if not raw or raw[-1][3] == "event":
            raise ToneInputError(
                "expected a turn 'SPEAKER: text' or an event '[...]'", file=file, line=number
            )
        raw[-1][1] = (raw[-1][1] + "\n" + body.strip()).strip()
    if not raw:
        raise ToneInputError("empty file: no turns found", file=file)
    return _build(
        conversation_id,
        [(r[0], r[1], r[2], r[3], r[4]) for r in raw],
        file=file,
        line=raw[0][4],
        agent=agent,
        customer=customer,
    )


# --- WhatsApp ------------------------------------------------------------------------------

DATE_ORDERS = ("dmy", "mdy", "ymd", "strict")
_TURN_KIND: dict[str, TurnKind] = {
    "message": "message",
    "media": "media",
    "deleted": "media",
    "view_once": "media",
    "call": "event",
    "event": "event",
}


def whatsapp_date_order(text: str) -> whatsapp.DateOrder:
    """How an export writes its dates; ``evidence`` is ``None`` when that is only a guess."""
    return whatsapp.date_order(text.splitlines())


def _whatsapp_roles(
    messages: list[whatsapp.ChatMessage], *, file: str, known_agents: Iterable[str]
) -> dict[str, Role]:
    """Roles the file itself tells: a WhatsApp Business greeting or away message, a known
    agent (a user of the team), the side a file named "WhatsApp Chat with X" was exported by
    (X is the customer), the exporting phone's own "You deleted this message"."""
    spoken = [m for m in messages if m.kind != "event"]
    speakers = list(dict.fromkeys(m.speaker for m in spoken))
    keys = {whatsapp.speaker_key(s): s for s in speakers}
    explicit: dict[str, Role] = {}
    agent_keys = {whatsapp.speaker_key(name) for name in known_agents}
    for key, speaker in keys.items():
        if key in agent_keys:
            explicit[speaker] = "agent"
    for message in messages:
        # iOS writes "This business uses a secure service from Meta…" under the business's name.
        if message.event == "business" and message.speaker in speakers:
            explicit.setdefault(message.speaker, "agent")
    first_said: dict[str, str] = {}
    for message in spoken:
        if message.kind == "message":
            first_said.setdefault(message.speaker, message.text)
        if message.kind == "deleted" and whatsapp.is_exporter_line(message.text):
            explicit.setdefault(message.speaker, "agent")
    for speaker, text in first_said.items():
        if whatsapp.is_business_auto_message(text):
            explicit.setdefault(speaker, "agent")
    partner = whatsapp.chat_partner(file)
    if partner is not None and len(speakers) == 2:
        other = keys.get(whatsapp.speaker_key(partner))
        if other is not None:
            explicit.setdefault(other, "customer")
    if len(set(explicit.values())) > 1 or len(speakers) != 2:
        return explicit
    # Two speakers and one role known: the other has the other role.
    for speaker in speakers:
        if speaker not in explicit and explicit:
            known = next(iter(explicit.values()))
            explicit[speaker] = "customer" if known == "agent" else "agent"
    return explicit


def parse_whatsapp(
    text: str,
    *,
    file: str,
    conversation_id: str,
    agent: str | None,
    customer: str | None,
    date_order: str | None = None,
    known_agents: Iterable[str] = (),
) -> Conversation:
    lines = text.splitlines()
    if date_order in ("dmy", "mdy", "ymd"):
        order: whatsapp.Order = date_order  # type: ignore[assignment]
    else:
        decided = whatsapp.date_order(lines)
        if decided.evidence is None and date_order == "strict":
            raise whatsapp.AmbiguousDateOrder(decided.example, file=file)
        order = decided.order
    messages = list(whatsapp.iter_messages(lines, order=order, file=file))
    if not messages:
        raise ToneInputError("no WhatsApp message lines found", file=file, line=1)
    # Speakers are compared without invisible marks or iOS's "~": --agent "~ Budi" is Budi.
    names = {whatsapp.speaker_key(m.speaker): m.speaker for m in messages if m.speaker}
    agent = names.get(whatsapp.speaker_key(agent), agent) if agent else agent
    customer = names.get(whatsapp.speaker_key(customer), customer) if customer else customer
    explicit = _whatsapp_roles(messages, file=file, known_agents=known_agents)
    raw: list[tuple[str, str, str | None, TurnKind, int | None]] = [
        (m.speaker or "system", m.text, m.timestamp, _TURN_KIND[m.kind], m.line) for m in messages
    ]
    return _build(
        conversation_id,
        raw,
        file=file,
        line=messages[0].line,
        agent=agent,
        customer=customer,
        explicit=explicit,
    )


# --- JSON / JSONL --------------------------------------------------------------------------
