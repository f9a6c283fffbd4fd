"""Whether a conversation ended, and which side ended it (see docs/tone.md, "Labelling
definitions" and "Findings, confidence and score").

Ending findings (``no_courteous_closure``, ``customer_cut_off``) apply only to conversations
that ended. A conversation is open when its last message is the agent's information or
question awaiting an answer (a price list, "silakan transfer ke ..."), or the customer's
message awaiting the agent's, or there is no closing act and no sign-off.

This module reads the end events and decides the state; what it weighs lives beside it:
the agent's sign-off in signoffs.py, what keeps the agent's last message awaiting an
answer in awaiting.py, auto-replies and automated notes in autoreplies.py, the customer's
closing in closing_words.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from karib.tone.autoreplies import away_reply
from karib.tone.awaiting import (
    awaits_answer,
    hands_over_list,
    live_wait_tail,
    opening_offer,
    redirects,
)
from karib.tone.closing_words import customer_closes, is_emoji_or_sticker, thanks_in
from karib.tone.dismissals import dismisses
from karib.tone.records import ConversationState, TurnAnalysis
from karib.tone.signoffs import reads_as_sign_off, thanks_opens_information

# An event line saying who ended the conversation.
AGENT_ENDED_RE = re.compile(
    r"(?:diakhiri|ditutup|diputus|dimatikan|disconnected|ended|terminated|closed|hung\s+up|"
    r"dihentikan)\s+(?:oleh|by)\s+(?:the\s+)?(?:agen|agent|petugas|cs|operator|staff|staf|admin|"
    # A marketplace's side (part-ZAZB round): "Chat diakhiri oleh penjual", "Chat ended by
    # the seller", "closed by customer service".
    r"penjual|seller|merchant|customer\s+service|layanan\s+pelanggan)(?!\w)|"
    r"(?:agen|agent|petugas|operator|admin|penjual|seller)\s+(?:(?:has|had|telah|sudah)\s+)?(?:menutup|"
    r"mengakhiri|memutus|meninggalkan|keluar\s+dari|ended|hung\s+up|closed|disconnected|left)",
    re.IGNORECASE,
)
CUSTOMER_ENDED_RE = re.compile(
    r"(?:diakhiri|ditutup|diputus|dimatikan|disconnected|ended|terminated|closed|hung\s+up|"
    r"dihentikan)\s+(?:oleh|by)\s+(?:the\s+)?(?:nasabah|pelanggan|customer|caller|penelepon|"
    r"klien|client|user|pengguna|pembeli|buyer)|(?:nasabah|pelanggan|customer|caller|penelepon|"
    r"klien|client|user|pembeli|buyer)\s+(?:(?:has|had|telah|sudah)\s+)?(?:menutup|mengakhiri|memutus|meninggalkan|"
    r"keluar\s+dari|ended|hung\s+up|closed|disconnected|left)",
    re.IGNORECASE,
)
ENDED_RE = re.compile(
    r"(?:percakapan|chat|panggilan|call|sesi|session|obrolan|conversation)\s+(?:telah\s+|has\s+"
    r"been\s+|was\s+)?(?:diakhiri|ditutup|selesai|berakhir|ended|closed|terminated|resolved)",
    re.IGNORECASE,
)
# An event line naming the side that ended it (part-Q round: a WhatsApp Business or chat
# widget export writes "NetKita ended the chat", "Yuni left the chat", "Chat ditutup oleh
# Klinik Annisa"): the verb after the name, or the name after "by / oleh".
_NAMED_END_AFTER_RE = re.compile(
    r"^\W*(?P<name>.+?)\s+(?:(?:has|had|telah|sudah)\s+)?(?:ended|closed|left|hung\s+up|"
    r"disconnected|terminated|menutup|mengakhiri|memutus|meninggalkan|keluar\s+dari)"
    r"(?:\s+(?:the|this))?\s+(?:chat|conversation|call|session|percakapan|obrolan|panggilan|"
    r"sesi|chat\s+ini)\W*$",
    re.IGNORECASE,
)
_NAMED_END_BY_RE = re.compile(
    r"(?:diakhiri|ditutup|diputus|selesai|ended|closed|terminated|disconnected)\s+(?:oleh|by)\s+"
    r"(?P<name>.+?)\W*$",
    re.IGNORECASE,
)


def _named_end(event: TurnAnalysis, humans: list[TurnAnalysis]) -> ConversationState | None:
    """The side whose speaker the end event names, if it names one."""
    match = _NAMED_END_AFTER_RE.match(event.text) or _NAMED_END_BY_RE.search(event.text)
    if match is None:
        return None
    name = match.group("name").strip().casefold()
    for item in humans:
        if item.speaker.strip().casefold() == name:
            return "ended_by_agent" if item.role == "agent" else "ended_by_customer"
    return None


@dataclass(frozen=True, slots=True)
class State:
    """The conversation state and what decided it."""

    state: ConversationState
    # "event" (an event line says so), "sign_off" (a closing act), "dismissal" (the agent
    # dismissed the customer), "customer_closing" (thanks, farewell, acknowledgement) or
    # "awaiting" (open: a message awaits its answer).
    reason: str
    event_turn: int | None = None


def agent_signs_off(item: TurnAnalysis, *, after_closing: bool = False) -> bool:
    """The agent's message is a sign-off: a closing act, wishes, "sama-sama", "anything
    else I can help with" (offer_help read as closing), or a thanks that ends the message
    ("... ready soon. Thank you!"; a thanks opening an information message is none).
    ``after_closing``: the customer's message before it thanked or closed ("Sudah
    semuanya"), so "Tidak masalah" / "No problem" is a welcome."""
    if awaits_answer(item) or away_reply(item) or redirects(item):
        return False
    if not after_closing and thanks_opens_information(item):
        return False
    return reads_as_sign_off(item, after_closing=after_closing)


def _waits_live(item: TurnAnalysis) -> bool:
    """The message puts the customer on a live wait or hands them over, with no sign-off
    after it ("Happy holidays! I'm transferring you to billing." waits; "Mohon ditunggu
    sebentar, terima kasih 🙏" signs off)."""
    tail = live_wait_tail(item)
    return tail is not None and not agent_signs_off(tail)


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
        named = _named_end(event, humans)
        if named is not None:
            return State(named, "event", event.index)
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
        before = next((i for i in reversed(humans) if i.role == "customer"), None)
        closed = before is not None and (thanks_in(before) or customer_closes(before))
        # A last message that awaits an answer keeps it open, whatever sign-off came before
        # it ("Terima kasih sudah tanya." ... "Desainnya sudah ada atau mau dibantu?").
        if block and awaits_answer(block[0]):
            return State("open", "awaiting")
        # ... and so does the agent's first message of the chat ending on an offer of help
        # with no "else" in it (part-Q round: a WhatsApp Business greeting "Halo! Terima
        # kasih telah menghubungi Toko Sinar 🙏 Ada yang bisa kami bantu?", "How can we help
        # you today?"): it opens the chat and awaits the customer's request.
        # Not after a question of the customer's, which the message may have answered
        # ("Sudah dikirim kak, resi JNE123. Ada yang bisa dibantu?").
        first_agent = bool(block) and not any(
            i.role == "agent" and i.index < block[-1].index for i in humans
        )
        asked = any(
            i.role == "customer" and {"question", "cancellation_request"} & set(i.acts)
            for i in humans
        )
        if block and first_agent and not asked and opening_offer(block[0]):
            return State("open", "awaiting")
        # ... and so does a last message that puts the customer on a live wait or hands
        # them over ("Saya sambungkan ke tim klaim." ... "Mohon ditunggu sebentar ya Bu"),
        # unless a sign-off follows the wait: good wishes before it close nothing.
        if block and _waits_live(block[0]):
            return State("open", "awaiting")
        # ... and so does a menu, a catalogue or a list handed over on the customer's asking
        # for it: the chat awaits the customer's pick, whatever offer of help goes with it.
        if block and before is not None and hands_over_list(before, block[-1]):
            return State("open", "awaiting")
        if any(agent_signs_off(i, after_closing=closed) for i in block):
            return State("ended_by_agent", "sign_off")
        # "ok tks pak" - "🙏": an emoji answering the customer's closing keeps it theirs.
        if (
            before is not None
            and customer_closes(before)
            and block
            and all(is_emoji_or_sticker(i.text) for i in block)
        ):
            return State("ended_by_customer", "customer_closing")
        if block and dismisses(block[0]):
            return State("ended_by_agent", "dismissal")
        return State("open", "awaiting")
    if last.kind == "message" and customer_closes(last):
        return State("ended_by_customer", "customer_closing")
    return State("open", "awaiting")
