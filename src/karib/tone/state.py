"""Whether a conversation ended, and which side ended it (see docs/tone.md, "State").

Ending findings (``no_courteous_closure``, ``customer_cut_off``) apply only to conversations
that ended. A conversation is open when its last message is the agent's information or
question awaiting an answer (a price list, "silakan transfer ke ..."), or the customer's
message awaiting the agent's, or there is no closing act and no sign-off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from karib.tone.records import ConversationState, TurnAnalysis

# An event line saying who ended the conversation.
AGENT_ENDED_RE = re.compile(
    r"(?:diakhiri|ditutup|diputus|dimatikan|disconnected|ended|terminated|closed|hung\s+up|"
    r"dihentikan)\s+(?:oleh|by)\s+(?:the\s+)?(?:agen|agent|petugas|cs|operator|staff|staf)|"
    r"(?:agen|agent|petugas|operator)\s+(?:menutup|mengakhiri|memutus|ended|hung\s+up|closed|"
    r"disconnected|left)",
    re.IGNORECASE,
)
CUSTOMER_ENDED_RE = re.compile(
    r"(?:diakhiri|ditutup|diputus|dimatikan|disconnected|ended|terminated|closed|hung\s+up|"
    r"dihentikan)\s+(?:oleh|by)\s+(?:the\s+)?(?:nasabah|pelanggan|customer|caller|penelepon|"
    r"klien|client|user|pengguna)|(?:nasabah|pelanggan|customer|caller|penelepon|klien|client|"
    r"user)\s+(?:menutup|mengakhiri|memutus|ended|hung\s+up|closed|disconnected|left)",
    re.IGNORECASE,
)
ENDED_RE = re.compile(
    r"(?:percakapan|chat|panggilan|call|sesi|session|obrolan|conversation)\s+(?:telah\s+|has\s+"
    r"been\s+|was\s+)?(?:diakhiri|ditutup|selesai|berakhir|ended|closed|terminated|resolved)",
    re.IGNORECASE,
)
# A sign-off of the agent: closing phrases, wishes, "sama-sama", an offer of more help.
AGENT_SIGN_OFF = frozenset({"closing", "wishes", "welcome"})
# A customer's last message that ends the exchange: thanks, farewell, "Aamiin", an
# acknowledgement ("oke kak", "siap", "👍") with no question or request in it.
CUSTOMER_CLOSING_LABELS = frozenset({"thanks", "closing", "wishes", "welcome", "religious"})
_ACK_RE = re.compile(
    r"^\W*(?:ok(?:e|ay|ey)?|oke+h?|sip|siap|baik|baiklah|noted|done|mantap|mantab|alright|"
    r"all\s+right|great|cool|perfect|got\s+it|understood|i\s+see|paham|dimengerti|good|"
    r"y[ae]?|yes|ya+|iya+|betul|benar|sudah|udah|cukup|itu\s+saja|that'?s\s+all)\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W\d_]+")
# After a closing thanks: an address, emoji, punctuation ("Terima kasih kak 🙏", "Thanks!").
_TRAILING_RE = re.compile(
    r"[\s\W]*(?:(?:kak|kakak|ka|bapak|pak|ibu|bu|bapak/ibu|sir|madam|mas|mbak|sis|gan)\b)?"
    r"[\s\W]*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class State:
    """The conversation state and what decided it."""

    state: ConversationState
    # "event" (an event line says so), "sign_off" (a closing act), "dismissal" (the agent
    # dismissed the customer), "customer_closing" (thanks, farewell, acknowledgement) or
    # "awaiting" (open: a message awaits its answer).
    reason: str
    event_turn: int | None = None


def _labels(item: TurnAnalysis) -> set[str]:
    return {m.label for m in item.markers}


def is_emoji_only(text: str) -> bool:
    stripped = text.strip()
    return (
        bool(stripped)
        and _WORD_RE.search(stripped) is None
        and not any(ch.isdigit() for ch in stripped)
    )


def agent_signs_off(item: TurnAnalysis) -> bool:
    """The agent's message is a sign-off: a closing act, wishes, "sama-sama", "anything
    else I can help with" (offer_help read as closing), or a thanks that ends the message
    ("... ready soon. Thank you!"; a thanks opening an information message is none)."""
    if "closing" in item.acts or _labels(item) & AGENT_SIGN_OFF:
        return True
    thanks = [m for m in item.markers if m.label == "thanks"]
    if not thanks:
        return False
    tail = item.text[thanks[-1].end :]
    return _TRAILING_RE.fullmatch(tail) is not None


def customer_closes(item: TurnAnalysis) -> bool:
    """The customer's message closes the exchange: thanks, a farewell, a religious reply,
    an acknowledgement or emoji only, with no question or request in it."""
    if {"question", "cancellation_request"} & set(item.acts):
        return False
    if is_emoji_only(item.text):
        return True
    if _labels(item) & CUSTOMER_CLOSING_LABELS:
        return True
    return _ACK_RE.match(item.text) is not None and len(item.text.split()) <= 6


def conversation_state(items: list[TurnAnalysis]) -> State:
    """Ended by the agent, ended by the customer, or open."""
    humans = [i for i in items if i.kind != "event" and i.role in ("agent", "customer")]
    events_after = [
        i for i in items if i.kind == "event" and (not humans or i.index > humans[-1].index)
    ]
    for event in reversed(events_after):
        if AGENT_ENDED_RE.search(event.text):
            return State("ended_by_agent", "event", event.index)
        if CUSTOMER_ENDED_RE.search(event.text):
            return State("ended_by_customer", "event", event.index)
    for event in reversed(events_after):
        if ENDED_RE.search(event.text) and humans:
            side: ConversationState = (
                "ended_by_agent" if humans[-1].role == "agent" else "ended_by_customer"
            )
            return State(side, "event", event.index)
    if not humans:
        return State("open", "awaiting")
    last = humans[-1]
    if last.role == "agent":
        # The agent's last messages (after the customer's last one) decide.
        block: list[TurnAnalysis] = []
        for item in reversed(humans):
            if item.role != "agent":
                break
            if item.kind == "message":
                block.append(item)
        if any(agent_signs_off(i) for i in block):
            return State("ended_by_agent", "sign_off")
        if block and any(m.label == "dismissive" for m in block[0].markers):
            return State("ended_by_agent", "dismissal")
        return State("open", "awaiting")
    if last.kind == "message" and customer_closes(last):
        return State("ended_by_customer", "customer_closing")
    return State("open", "awaiting")
