"""What keeps a conversation open on the agent's last message: a question that awaits an
answer (one ending the message, or one followed only by information), a redirect to help
with something named after declining what was asked, the opening offer of help of the
chat, a menu or a list handed over on the customer's asking, a live wait or a hand-over.
state.py reads these before the sign-off (signoffs.py): a message that awaits an answer
signs nothing off. Split from state.py.
"""

from __future__ import annotations

import re
from dataclasses import replace

from karib.tone.normalize import expand
from karib.tone.records import TurnAnalysis
from karib.tone.signoffs import SIGN_OFF_LABELS, WORD_RE, holds_closing_words

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


def redirects(item: TurnAnalysis) -> bool:
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


def awaits_answer(item: TurnAnalysis) -> bool:
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


_ELSE_RE = re.compile(
    r"(?<!\w)(?:else|lain|lainnya|lagi|other|further|more|another|juga)(?!\w)", re.IGNORECASE
)


def opening_offer(item: TurnAnalysis) -> bool:
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


def hands_over_list(asked: TurnAnalysis, reply: TurnAnalysis) -> bool:
    """The customer asked to see a menu, a catalogue or a list and the agent's reply hands
    it over (``_HANDS_OVER_RE``), with no closing phrase, wishes or welcome in it (an
    offer of more help may go with it)."""
    return (
        _ASKS_FOR_LIST_RE.search(asked.text) is not None
        and _HANDS_OVER_RE.match(reply.text) is not None
        and not {m.label for m in reply.markers} & {"closing", "wishes", "welcome"}
    )


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


def live_wait_tail(item: TurnAnalysis) -> TurnAnalysis | None:
    """What follows a live wait or a hand-over in the message (``_LIVE_WAIT_RE``), its
    markers shifted and its closing act dropped, for state.py to ask whether it signs off
    ("Happy holidays! I'm transferring you to billing." waits; "Mohon ditunggu sebentar,
    terima kasih 🙏" signs off); None where the message holds no live wait."""
    match = _LIVE_WAIT_RE.search(item.text)
    if match is None:
        return None
    cut = match.end()
    return replace(
        item,
        text=item.text[cut:],
        markers=tuple(
            replace(m, start=m.start - cut, end=m.end - cut) for m in item.markers if m.start >= cut
        ),
        acts=tuple(a for a in item.acts if a != "closing"),
    )
