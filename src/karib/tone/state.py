"""Whether a conversation ended, and which side ended it (see docs/tone.md, "Labelling
definitions" and "Findings, confidence and score").

Ending findings (``no_courteous_closure``, ``customer_cut_off``) apply only to conversations
that ended. A conversation is open when its last message is the agent's information or
question awaiting an answer (a price list, "silakan transfer ke ..."), or the customer's
message awaiting the agent's, or there is no closing act and no sign-off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# Re-exported for analysis.py, which imports it from here.
from karib.tone.autoreplies import away_reply as away_reply
from karib.tone.closing_words import closes_in_words
from karib.tone.dismissals import dismisses
from karib.tone.normalize import expand
from karib.tone.records import ConversationState, TurnAnalysis
from karib.tone.signoffs import (
    SIGN_OFF_LABELS,
    WORD_RE,
    holds_closing_words,
    reads_as_sign_off,
    thanks_opens_information,
)

# An event line saying who ended the conversation.
AGENT_ENDED_RE = re.compile(
    r"(?:diakhiri|ditutup|diputus|dimatikan|disconnected|ended|terminated|closed|hung\s+up|"
    r"dihentikan)\s+(?:oleh|by)\s+(?:the\s+)?(?:agen|agent|petugas|cs|operator|staff|staf|admin)|"
    r"(?:agen|agent|petugas|operator|admin)\s+(?:(?:has|had|telah|sudah)\s+)?(?:menutup|"
    r"mengakhiri|memutus|meninggalkan|keluar\s+dari|ended|hung\s+up|closed|disconnected|left)",
    re.IGNORECASE,
)
CUSTOMER_ENDED_RE = re.compile(
    r"(?:diakhiri|ditutup|diputus|dimatikan|disconnected|ended|terminated|closed|hung\s+up|"
    r"dihentikan)\s+(?:oleh|by)\s+(?:the\s+)?(?:nasabah|pelanggan|customer|caller|penelepon|"
    r"klien|client|user|pengguna)|(?:nasabah|pelanggan|customer|caller|penelepon|klien|client|"
    r"user)\s+(?:(?:has|had|telah|sudah)\s+)?(?:menutup|mengakhiri|memutus|meninggalkan|"
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


# A customer's last message that ends the exchange: thanks, farewell, "Aamiin", an
# acknowledgement ("oke kak", "siap", "👍") with no question or request in it.
CUSTOMER_CLOSING_LABELS = frozenset({"thanks", "closing", "wishes", "welcome", "religious"})
# A live wait or a hand-over in progress (part-K round): "mohon ditunggu sebentar",
# "antrean saat ini sekitar 5 menit" (not a shipping queue), "saya sambungkan ke tim
# klaim", "please hold", "one moment please", "I'm transferring you"; not "sebentar lagi
# dikirim" (soon).
_LIVE_WAIT_RE = re.compile(
    r"(?<!\w)(?:(?:di)?tunggu\s+sebentar(?!\s+lagi)|mohon\s+menunggu\s+sebentar|"
    r"antr[ei]?an\s+(?:[\w-]+\s+){0,4}\d+\s*(?:menit|orang)|(?:saya|kami)\s+(?:sambungkan|hubungkan|"
    r"alihkan)\s+(?:ke|dengan)|please\s+hold|hold\s+the\s+line|one\s+moment\s+please|"
    r"(?:i'?m|i\s+am|i'?ll|i\s+will|let\s+me)\s+(?:transfer(?:ring)?|connect(?:ing)?|"
    r"put(?:ting)?)\s+you\s+(?:through|to|on\s+hold))(?!\w)",
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
        and WORD_RE.search(stripped) is None
        and not any(ch.isdigit() for ch in stripped)
    )


# A sticker written into the transcript as a placeholder ("[stiker jempol]", "[sticker:
# thumbs up]", "[stiker]"): an emoji in picture form (part-N round). A photo, a voice note
# or a document ("[gambar bukti transfer]") says something and is none.
_STICKER_RE = re.compile(
    r"\W*[\[(<]\s*(?:stiker|sticker)(?![\w-])[^\]\[()<>\n]{0,40}[\])>]\W*", re.IGNORECASE
)


def is_emoji_or_sticker(text: str) -> bool:
    """Emoji only, or a sticker placeholder only."""
    return is_emoji_only(text) or _STICKER_RE.fullmatch(text.strip()) is not None


# What was asked for is not there: "Sorry, we don't have a Mocha", "that's not on our menu",
# "No, we don't.", "There isn't that option", "stoknya habis kak", "warna itu tidak
# tersedia". The "anything else?" after it asks the customer to choose something else: the
# chat awaits that choice.
_UNAVAILABLE_RE = re.compile(
    expand(
        r"(?<![\w'])(?:(?:don'?t|do\s+not|doesn'?t|does\s+not|no\s+longer)\s+(?:have|carry|serve|"
        r"sell|stock|offer|make)|(?:we|i)\s+(?:don'?t|do\s+not)(?=\s*[,.!]|\s*$)|"
        r"there(?:\s+(?:actually|really|currently|just|unfortunately))?\s*(?:isn'?t|"
        r"is\s+not|'s\s+no|is\s+no|aren'?t|are\s+no)\s+(?:that|this|such|those|these|any)\b|"
        r"not\s+on\s+(?:our|the)\s+menu|out\s+of\s+stock|sold\s+out|"
        r"(?:is|are|'s|'re)\s+(?:currently\s+)?(?:unavailable|not\s+available)|(?:ran|run)\s+out|"
        r"(?:stok(?:nya)?\s+)?(?:lagi\s+|sedang\s+|sudah\s+|udah\s+)?(?:habis|kosong)|"
        r"(?:{tidak}|belum)\s+(?:ada|tersedia|jual|menjual|ready|sedia))(?![\w'])"
    ),
    re.IGNORECASE,
)


# The agent declines what was asked ("Sorry, I can't change the music", "That's not really
# my area of expertise") and offers help with something named instead ("but I'm happy to
# help you with your coffee or tea order", "if you'd like some tea, I'm happy to help with
# that"): a redirect, which awaits the customer's request (TM-4 fourth step). Not "can't
# wait", and not an offer of help with "anything else", which closes.
_DECLINE_RE = re.compile(
    r"(?<![\w'])(?:(?:can'?t|cannot|can\s+not)(?!\s+wait)|(?:unable|not\s+able)\s+to|"
    r"not\s+(?:really\s+)?(?:my|our)\s+(?:area|department|specialty|expertise|field)|"
    r"(?:outside|beyond)\s+(?:my|our|what\s+(?:i|we)))(?![\w'])",
    re.IGNORECASE,
)
_HELP_WITH_NAMED_RE = re.compile(
    r"\s*(?:you\s+)?with\s+(?!any(?:thing)?\b|everything\b|something\s+else\b)",
    re.IGNORECASE,
)


def _redirects(item: TurnAnalysis) -> bool:
    """An offer of help with something named, after declining or lacking what was asked."""
    for marker in item.markers:
        if marker.label != "offer_help":
            continue
        if _HELP_WITH_NAMED_RE.match(item.text, marker.end) is None:
            continue
        before = item.text[: marker.start]
        if _DECLINE_RE.search(before) is not None or _UNAVAILABLE_RE.search(before) is not None:
            return True
    return False


def _awaits_answer(item: TurnAnalysis) -> bool:
    """The message ends on a question other than an offer of more help ("Thank you for your
    patience. ... Would you like tracking by SMS?"): whatever came before, it awaits an
    answer. "Terima kasih, ada lagi yang bisa kami bantu?" still closes; "Sorry, we don't
    have a Mocha. Is there anything else I can make for you?" asks for another choice."""
    text = item.text.rstrip()
    if not text.endswith("?"):
        return _asks_then_informs(item)
    start = max(text.rfind(".", 0, len(text) - 1), text.rfind("!", 0, len(text) - 1))
    start = max(start, text.rfind("?", 0, len(text) - 1)) + 1
    offers = [m for m in item.markers if m.label == "offer_help" and m.end > start]
    if not offers:
        return True
    return _UNAVAILABLE_RE.search(text, 0, offers[0].start) is not None


# A question mark ending a sentence (not one inside a link: "https://toko.id/track?id=1").
_ASKED_RE = re.compile(r"\?+(?=[\s\W]|$)")


def _asks_then_informs(item: TurnAnalysis) -> bool:
    """A question to the customer followed only by information (part-Q round: "Hi, thanks
    for contacting us. Could you tell me whether the order was a limit order? A limit
    order may be only partly matched."): it awaits the answer as much as one ending on the
    question. Not when the question is an offer of more help, or when a thanks, wishes or
    closing phrase comes after it ("Any other questions? Have a nice day!")."""
    text = item.text
    marks = list(_ASKED_RE.finditer(text))
    if not marks:
        return False
    asked = marks[-1].start()
    if WORD_RE.search(text, asked) is None:
        return False
    start = max(text.rfind(".", 0, asked), text.rfind("!", 0, asked), text.rfind("?", 0, asked))
    start = max(start, text.rfind("\n", 0, asked)) + 1
    if any(m.label == "offer_help" and m.end > start and m.start <= asked for m in item.markers):
        return False
    if any(m.label in SIGN_OFF_LABELS and m.start > asked for m in item.markers):
        return False
    tail = text[asked + 1 :]
    # An automated survey ("Bagaimana pelayanan kami? Balas angka 1-5. Pesan ini dikirim
    # otomatis.") awaits nothing from a live agent.
    return not holds_closing_words(tail)


def agent_signs_off(item: TurnAnalysis, *, after_closing: bool = False) -> bool:
    """The agent's message is a sign-off: a closing act, wishes, "sama-sama", "anything
    else I can help with" (offer_help read as closing), or a thanks that ends the message
    ("... ready soon. Thank you!"; a thanks opening an information message is none).
    ``after_closing``: the customer's message before it thanked or closed ("Sudah
    semuanya"), so "Tidak masalah" / "No problem" is a welcome."""
    if _awaits_answer(item) or away_reply(item) or _redirects(item):
        return False
    if not after_closing and thanks_opens_information(item):
        return False
    return reads_as_sign_off(item, after_closing=after_closing)


_ELSE_RE = re.compile(
    r"(?<!\w)(?:else|lain|lainnya|lagi|other|further|more|another|juga)(?!\w)", re.IGNORECASE
)


def _opening_offer(item: TurnAnalysis) -> bool:
    """The message ends on a question offering help, with no "else / lagi / lain" in it."""
    text = item.text.rstrip()
    if not text.endswith("?"):
        return False
    start = max(text.rfind(".", 0, len(text) - 1), text.rfind("!", 0, len(text) - 1))
    start = max(start, text.rfind("?", 0, len(text) - 1)) + 1
    offers = [m for m in item.markers if m.label == "offer_help" and m.end > start]
    return bool(offers) and _ELSE_RE.search(text, start) is None


# The customer asks to see what there is to choose from ("Can you show me the menu again?",
# "kak minta katalognya", "boleh lihat pricelist?"), and the agent hands it over ("Here it
# is. Let me know if you need anything else.", "Here's our menu!", "Berikut katalognya ya
# kak"): a price list awaiting the customer's pick (part-N round, the menu hand-over of the
# Taskmaster-4 rows); "Here's your receipt. Let me know if you need anything else." after
# an order closes.
_ASKS_FOR_LIST_RE = re.compile(
    r"(?<!\w)(?:show|see|send|view|look\s+at|have|get|lihat|liat|minta|kirim(?:in|kan)?|share)"
    r"(?!\w)[^.?!\n]{0,30}?(?<!\w)(?:menu|catalog(?:ue)?|katalog|price\s*list|pricelist|"
    r"daftar\s+(?:harga|menu|produk)|options|pilihan(?:nya)?|brosur|brochure)\w*(?!\w)",
    re.IGNORECASE,
)
_HANDS_OVER_RE = re.compile(
    r"^\W*(?:(?:sure|of\s+course|ok(?:ay)?|baik|siap|oke?)\W+(?:(?:kak|kakak|pak|bu|mas|mbak)\W+)?)?"
    r"(?:here\s+(?:it\s+is|you\s+go|they\s+are|is\s+(?:the|our)|are\s+(?:the|our))|here'?s\s+"
    r"(?:the|our|it)|(?:ini|berikut)\s+(?:(?:ya|kak|kakak)\s+)?(?:menu|katalog|daftar|list|"
    r"pricelist|price\s*list|pilihan)\w*)(?!\w)",
    re.IGNORECASE,
)


def _hands_over_list(asked: TurnAnalysis, reply: TurnAnalysis) -> bool:
    """The customer asked to see a menu, a catalogue or a list and the agent's reply hands
    it over (``_HANDS_OVER_RE``), with no closing phrase, wishes or welcome in it (an
    offer of more help may go with it)."""
    return (
        _ASKS_FOR_LIST_RE.search(asked.text) is not None
        and _HANDS_OVER_RE.match(reply.text) is not None
        and not _labels(reply) & {"closing", "wishes", "welcome"}
    )


def _waits_live(item: TurnAnalysis) -> bool:
    """The message puts the customer on a live wait or hands them over, with no sign-off
    after it ("Happy holidays! I'm transferring you to billing." waits; "Mohon ditunggu
    sebentar, terima kasih 🙏" signs off)."""
    match = _LIVE_WAIT_RE.search(item.text)
    if match is None:
        return False
    cut = match.end()
    tail = replace(
        item,
        text=item.text[cut:],
        markers=tuple(
            replace(m, start=m.start - cut, end=m.end - cut) for m in item.markers if m.start >= cut
        ),
        acts=tuple(a for a in item.acts if a != "closing"),
    )
    return not agent_signs_off(tail)


def thanks_in(item: TurnAnalysis) -> bool:
    """The message thanks (a thanks marker or act)."""
    return "thanks" in item.acts or any(m.label == "thanks" for m in item.markers)


def customer_closes(item: TurnAnalysis) -> bool:
    """The customer's message closes the exchange: thanks, a farewell, a religious reply,
    an acknowledgement or emoji only, with no question or request in it."""
    if {"question", "cancellation_request"} & set(item.acts):
        return False
    if is_emoji_or_sticker(item.text):
        return True
    if _labels(item) & CUSTOMER_CLOSING_LABELS:
        return True
    return closes_in_words(item.text, apology="apology" in item.acts)


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
        if block and _awaits_answer(block[0]):
            return State("open", "awaiting")
        # ... and so does the agent's first message of the chat ending on an offer of help
        # with no "else" in it (part-Q round: a WhatsApp Business greeting "Halo! Terima
        # kasih telah menghubungi Toko Sinar 🙏 Ada yang bisa kami bantu?", "How can we help
        # you today?"): it opens the chat and awaits the customer's request.
        # Not after a question of the customer's, which the message may have answered
        # ("Sudah dikirim kak, resi JNE123. Ada yang bisa dibantu?").
        first_agent = not any(i.role == "agent" and i.index < block[-1].index for i in humans)
        asked = any(
            i.role == "customer" and {"question", "cancellation_request"} & set(i.acts)
            for i in humans
        )
        if block and first_agent and not asked and _opening_offer(block[0]):
            return State("open", "awaiting")
        # ... and so does a last message that puts the customer on a live wait or hands
        # them over ("Saya sambungkan ke tim klaim." ... "Mohon ditunggu sebentar ya Bu"),
        # unless a sign-off follows the wait: good wishes before it close nothing.
        if block and _waits_live(block[0]):
            return State("open", "awaiting")
        # ... and so does a menu, a catalogue or a list handed over on the customer's asking
        # for it: the chat awaits the customer's pick, whatever offer of help goes with it.
        if block and before is not None and _hands_over_list(before, block[-1]):
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
