"""Retention offers read in the context of a cancellation request (``context.py`` reads
the conversation): what an agent turn offers beyond the marker lexicon (another plan, money
off, something given, a condition to stay, "are you sure?", a loss warned of), and what only
looks like an offer (a negated one, a fee for leaving waived, an account settled, a benefit
the customer already holds). Rules from the part-H to part-M rounds (docs/tone-history.md), each
with its own texts in ``tests/tone/test_precision*.py``.
"""

from __future__ import annotations

import re

from karib.tone.cancellation import sentence_of
from karib.tone.normalize import expand
from karib.tone.offer_words import (  # the offers' wordings
    _CAN_GIVE_RE,
    _KEEP_ELSEWHERE_RE,
    _KEEP_ON_CONDITION_RE,
    _LOSS_U_RE,
    _OFFER_FRAME_RE,
    _OFFER_MORE_RE,
    _OFFER_SHAPES_RE,
    _OFFER_U_RE,
    _OFFER_ZAZB_RE,
    _PROPOSAL_RE,
    _TAKE_IT_QUESTION_RE,
    _mind_asked,
    _pause_asked,
)
from karib.tone.records import Marker, TurnAnalysis

_WAIVER_RE = re.compile(r"waive[dr]?|waiving|dibebaskan|digratiskan|dihapus", re.IGNORECASE)
_LEAVING_FEE_RE = re.compile(
    r"(?<!\w)(?:cancel\w*|pembatalan|termination|exit|penalty|penalti|denda|early\s+"
    r"(?:termination|exit))\s+(?:fee|fees|charge|charges|biaya)|(?:biaya|denda)\s+"
    r"(?:pembatalan|penalti|pemutusan)|"
    # No fee named before the leaving (part-M round, with the hyphenated "no-fee" offer):
    # "it's a no-fee cancellation", "there's no fee to cancel", "no fees for closing".
    r"(?:no|zero)[\s-]+fees?[\s-]+(?:(?:to|for)\s+)?(?:cancel\w*|terminat\w*|exit\w*|"
    r"clos\w*|leav\w*)",
    re.IGNORECASE,
)
_ON_THE_LINE_RE = re.compile(r"\s+on\s+the\s+(?:line|phone)|\s+on\s+hold", re.IGNORECASE)
# "Before you go, please confirm your email": the lexicon's "before you go" asks the
# customer for something here, it offers nothing.
_BEFORE_GO_ASKS_RE = re.compile(
    r"before\s+you\s+(?:go|leave)\W+(?:please|could\s+you|can\s+you|would\s+you|kindly|"
    r"let\s+me\s+(?:confirm|verify|check)|i\s+(?:need|just\s+need)\s+to\s+(?:confirm|verify))",
    re.IGNORECASE,
)
# "lebih murah / irit / hemat" offered, unless negated ("tidak ada yang lebih murah").
_CHEAPER_RE = re.compile(
    r"(?<!\w)lebih\s+(?:murah|irit|hemat|terjangkau|ringan)(?!\w)", re.IGNORECASE
)
_NEGATED_BEFORE_RE = re.compile(
    r"(?<![\w'])(?:tidak|tdk|gak|ga|nggak|ngga|enggak|bukan|tak|belum|no|not|don'?t|doesn'?t|"
    r"isn'?t|aren'?t|never|cannot|can'?t|won'?t|wouldn'?t)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
# A negation that asks whether the customer would like it ("Apa nggak mau dicoba dulu
# paket yang lebih kecil?", "Don't you want to keep the free upgrade?") offers it (part-L
# round).
_NEGATIVE_QUESTION_RE = re.compile(
    r"(?:tidak|tdk|gak|ga|nggak|ngga|enggak|don'?t\s+you|wouldn'?t\s+you)\s+(?:mau|ingin|"
    r"pengen|minat|tertarik|want|like|wanna)(?!\w)",
    re.IGNORECASE,
)


def _negates(text: str, start: int) -> bool:
    """A negation in the 40 characters before ``start`` negates the offer there, unless it
    asks whether the customer would like it (in a sentence ending on "?")."""
    negation = _NEGATED_BEFORE_RE.search(text, max(0, start - 40), start)
    if negation is None:
        return False
    if _NEGATIVE_QUESTION_RE.match(text, negation.start()) is None:
        return True
    left, right = sentence_of(text, negation.start(), start)
    return not text[left:right].rstrip().endswith("?")


LOSS_RE = re.compile(
    r"rugi|lose|losing|giving\s+up|hangus|hilang|forfeit|sayang|yakin|sure|certain", re.IGNORECASE
)
# The cancellation reported done before a loss or an "are you sure" (part-K round, a
# precision class reasoned out for real chats): the loss is information, no offer.
_DONE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:(?:sudah|udah|telah|sdh)\s+(?:kami\s+|saya\s+)?(?:di)?(?:batalkan|batalin|"
    r"cancel|tutup|nonaktifkan|berhentikan|putus)|(?:has|have)\s+been\s+(?:cancel+ed|closed|"
    r"terminated)|(?:done|all\s+set)\W+(?:\w+\s+)?(?:cancel+ed|closed)|(?:i'?ve|we'?ve)\s+"
    r"(?:now\s+)?(?:cancel+ed|closed|terminated)|^\W*(?:cancel+ed|closed)(?!\w)|"
    # "I've put the cancellation through", "your cancellation has been processed" (part-U)
    r"(?:i'?ve|we'?ve|i\s+have|we\s+have)\s+(?:now\s+|just\s+)?(?:put|processed|submitted|"
    r"pushed)\s+(?:the|your)\s+(?:cancel\w*|closure|termination|request)|(?:cancel\w*|closure|"
    r"termination)\s+(?:is|has\s+been)\s+(?:processed|done|complete|completed|submitted|"
    r"through|confirmed))",
    re.IGNORECASE,
)
# An "are you sure?" offer (the reply that confirms it is read in context.py).
_ARE_YOU_SURE_RE = re.compile(
    r"(?<!\w)are\s+you\s+(?:really\s+|absolutely\s+|completely\s+|quite\s+|totally\s+|"
    r"100%\s+)?(?:sure|certain)",
    re.I,
)
_YAKIN_RE = re.compile(r"(?<!\w)yakin(?!\w)", re.I)
# "Are you sure" in other words (part-L round, from new texts): "Beneran kak?", "Serius mau
# berhenti, Pak?", "Do you really want to cancel?", "Sure about that?", "Really want to
# leave us?"; a retention offer after a cancellation request, and a "yes" refuses it.
_REALLY_RE = re.compile(
    expand(
        r"(?<!\w)(?:(?:beneran|serius|sungguh(?:an)?)(?:\s+(?:{kak}|kakak|{bapak}|{ibu}|mas|"
        r"{mbak}|nih|mau\s+[\w-]+|ingin\s+[\w-]+)){0,3}\W*\?|(?:do\s+you\s+)?really\s+want\s+"
        r"to\s+(?:cancel|leave|go|close|stop|end|quit)[^?.!]{0,40}\?|sure\s+about\s+(?:that|this)"
        # "you're sure you want to give up the membership?" (part-U round)
        r"\W*\?|(?:you'?re|you\s+are)\s+(?:really\s+|absolutely\s+|quite\s+|100%\s+)?(?:sure|"
        r"certain)\s+(?:you\s+want|about|that)[^?.!]{0,60}\?|(?:sure|certain)\s+about\s+(?:that|this)"
        r"\W*\?|positive\s+(?:you\s+want|about\s+(?:that|this))|"
        # "Is this definitely what you want?", "Udah dipikirin mateng-mateng kak?" (part-U)
        r"(?:definitely|really|truly|absolutely|100%)\s+what\s+you\s+want[^?.!]{0,40}\?|"
        r"(?:completely|absolutely|totally|really|quite|100%)\s+(?:sure|certain)[^?.!]{0,60}\?|"
        r"(?:sudah|udah|dah)\s+(?:di)?(?:pikir(?:in|kan)?|pertimbang(?:kan)?)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:mat[ae]ng(?:-mat[ae]ng)?|baik-baik|masak-masak)[^?.!]{0,30}\?)"
    ),
    re.IGNORECASE,
)


def asks_sure(text: str) -> bool:
    """ "Are you sure", or "yakin" before a question mark ("Yakin mau ditutup, kak?"). Looked
    for in linear time: a pattern "yakin[^?]*\\?" would rescan the rest of the turn for every
    "yakin" with no "?" after it (quadratic in a long turn)."""
    if _ARE_YOU_SURE_RE.search(text) or _REALLY_RE.search(text):
        return True
    last_question = text.rfind("?")
    return last_question > 0 and _YAKIN_RE.search(text, 0, last_question) is not None


# "Are you sure?" with the address first ("Ibu yakin?", "Kakak sudah yakin mau tutup?"):
# a retention offer after a cancellation request ("Ibu yakin nomornya benar?" is none).
_SURE_RE = re.compile(
    expand(
        r"^\W*(?:{bapak}|{ibu}|{kak}|kakak|anda|mas|mbak|{kamu})\s+(?:sudah\s+|benar-benar\s+)?"
        r"yakin(?:\s*\?|\s+(?:mau|ingin|akan|untuk|dengan|nih)(?![\w'])[^?]*\?)"
    ),
    re.IGNORECASE,
)


def offered_in_context(item: TurnAnalysis) -> bool:
    """An agent turn after a cancellation request that offers what the lexicon misses."""
    text = item.text
    if _SURE_RE.match(text) is not None or any(
        not _helps_leaving(text, m.start(), m.end()) for m in _OFFER_MORE_RE.finditer(text)
    ):
        return True
    if _REALLY_RE.search(text) is not None and _DONE_BEFORE_RE.search(text) is None:
        return True
    if _TAKE_IT_QUESTION_RE.search(text) is not None and _PROPOSAL_RE.search(text) is not None:
        return True
    if _pause_asked(text) and _DONE_BEFORE_RE.search(text) is None:
        return True
    if _DONE_BEFORE_RE.search(text) is None and (
        _LOSS_U_RE.search(text) is not None or _mind_asked(text)
    ):
        return True
    return any(
        not _negates(text, m.start())
        and not _about_leaving_fee(text, m.start(), m.end())
        and not _helps_leaving(text, m.start(), m.end())
        for pattern in (
            _CHEAPER_RE,
            _OFFER_FRAME_RE,
            _CAN_GIVE_RE,
            _KEEP_ON_CONDITION_RE,
            _OFFER_SHAPES_RE,
            _KEEP_ELSEWHERE_RE,
            _OFFER_U_RE,
            _OFFER_ZAZB_RE,
        )
        for m in pattern.finditer(text)
    )


# What settles the account or tells a benefit the customer already holds (part-L round, a
# precision class reasoned out for real chats): the final bill reduced by the customer's own
# deposit, a discount "from last month" that "still applies", "the free month you already
# used", "Cashback bulan lalu tetap masuk", "voucher yang sudah diklaim".
_SETTLES_OR_HELD_RE = re.compile(
    r"(?<!\w)(?:sisa\s+(?:poin|saldo|kuota|deposit|masa)|remaining\s+(?:points|balance|credit|"
    r"days|miles)|unused|(?:dengan|dari|pakai|memakai|menggunakan)\s+(?:sisa\s+)?(?:deposit|saldo|uang\s+"
    r"jaminan)|(?:against|from)\s+your\s+(?:deposit|balance)|offset|last\s+(?:month|year|week)|"
    r"already\s+(?:used|claimed|earned|received|applied|got|have)|you\s+already|still\s+"
    r"appl(?:y|ies)|will\s+still\s+(?:apply|be\s+(?:paid|credited))|won'?t\s+be\s+charged|"
    r"(?:bulan|minggu|tahun)\s+lalu|kemarin|(?:yang\s+)?sudah\s+(?:di)?(?:klaim|pakai|terpakai|"
    r"dapat|terima|masuk)|tetap\s+(?:masuk|berlaku|cair|dikirim|diproses)|"
    # paid out at closing (part-U round): "Your 2,000 points will be paid out as cash"
    r"paid\s+out|cashed\s+out|dicairkan)(?!\w)",
    re.IGNORECASE,
)
# Relief of a fee (waived, free, removed, lowered): of a fee for leaving, it helps the
# customer leave.
_FEE_RELIEF_RE = re.compile(
    r"waiv|gratis|bebas|hapus|potong|turun|kurang|free|no\s+charge|dispensasi|reduc|lower|"
    r"(?:no|zero)[\s-]+fee",
    re.IGNORECASE,
)


_STAY_CONDITION_RE = re.compile(
    r"(?<!\w)(?:if\s+you\s+(?:stay|keep|remain|continue|stick)|as\s+long\s+as\s+you\s+(?:stay|"
    r"keep|remain)|(?:kalau|kalo|klo|jika|asal|selama|bila)\s+(?:[\w-]+\s+){0,2}(?:tetap|"
    r"bertahan|lanjut|masih\s+(?:langganan|berlangganan|aktif)))(?!\w)",
    re.IGNORECASE,
)


def _about_leaving_fee(text: str, start: int, end: int) -> bool:
    """The words at ``text[start:end]`` lower or waive a fee for leaving ("Biaya pembatalan
    bisa kami turunkan jadi 50rb", "the early termination fee is waived"): that helps the
    customer leave, it keeps nobody. So is an offer word that settles the account or names
    a benefit already held, in a sentence that asks nothing (``_SETTLES_OR_HELD_RE``)."""
    left, right = sentence_of(text, start, end)
    sentence = text[left:right]
    # "If you stay until renewal we can waive the cancellation fee": relief for staying.
    if _STAY_CONDITION_RE.search(sentence) is not None:
        return False
    if _LEAVING_FEE_RE.search(sentence) is not None and (
        _FEE_RELIEF_RE.search(sentence) is not None
    ):
        return True
    return not sentence.rstrip().endswith("?") and _SETTLES_OR_HELD_RE.search(sentence) is not None


# A plan named as the customer's own (part-U round): "Your Basic plan stays on the account
# until the 15th", "paket Lite yang Ibu pakai akan berhenti": the product held, not one
# offered.
_PLAN_NAME_RE = re.compile(
    r"(?:basic|lite|light|lighter|smaller|starter|mini|hemat|dasar|kecil)\s+(?:plan|package|"
    r"tier|subscription)|(?:plan|package|paket|tier)\s+(?:yang\s+)?(?:basic|lite|light|mini|"
    r"starter|hemat|dasar|kecil)",
    re.IGNORECASE,
)
_OWN_BEFORE_RE = re.compile(r"(?<!\w)(?:your|my)\s+(?:current\s+|existing\s+)?$", re.I)
_OWN_AFTER_RE = re.compile(
    expand(
        r"\s+(?:yang\s+)?(?:{bapak}|{ibu}|{kak}|kakak|anda|{kamu}|{saya})\s+(?:pakai|gunakan|"
        r"punya|miliki|pilih|ambil)|\s+(?:{bapak}|{ibu}|{kak}|kakak|anda|{kamu})(?!\w)\s*"
        r"(?!yang\s+(?:lebih|baru))"
    ),
    re.IGNORECASE,
)


# The agent's own pause ("I'll pause here while I submit it", "let me pause for a moment").
_OWN_PAUSE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:i'?ll|i\s+will|let\s+me|i'?m\s+going\s+to|i\s+need\s+to)\s+(?:just\s+)?$", re.I
)
_OWN_PAUSE_AFTER_RE = re.compile(
    r"\s+(?:here|for\s+a\s+(?:moment|sec\w*|minute)|a\s+moment|while\s+i)(?!\w)", re.I
)
# What helps the customer leave: the device sent back or picked up ("pengembalian modem
# gratis ongkir", "a free return label"), unless staying is the condition.
_RETURN_RE = re.compile(
    r"(?<!\w)(?:pengembalian|kirim\s+balik|retur|return(?:s|ing)?|send(?:ing)?\s+back|pick(?:ing)?"
    r"[\s-]?up)\s+(?:[\w-]+\s+){0,2}?(?:modem|router|perangkat|alat|device|equipment|dekoder|"
    r"decoder|stb|set-?top|box|kartu|card|label|unit)(?!\w)|(?:return|retur)\s+(?:label|shipping)",
    re.IGNORECASE,
)


def _helps_leaving(text: str, start: int, end: int) -> bool:
    """The words at ``text[start:end]`` are in a sentence about sending the device back, with
    no condition of staying."""
    left, right = sentence_of(text, start, end)
    return (
        _RETURN_RE.search(text, left, right) is not None
        and _STAY_CONDITION_RE.search(text, left, right) is None
    )


def _own_pause(text: str, marker: Marker) -> bool:
    """The marker is the agent's own pause ("I'll pause here", "let me pause a moment")."""
    if marker.text.lower() != "pause":
        return False
    before = _OWN_PAUSE_BEFORE_RE.search(text, max(0, marker.start - 25), marker.start)
    return before is not None or _OWN_PAUSE_AFTER_RE.match(text, marker.end) is not None


def _own_plan(text: str, marker: Marker) -> bool:
    """The marker names a plan the customer holds ("your Basic plan", "paket Lite yang Ibu
    pakai")."""
    if _PLAN_NAME_RE.fullmatch(marker.text) is None:
        return False
    if _OWN_BEFORE_RE.search(text, max(0, marker.start - 20), marker.start) is not None:
        return True
    return _OWN_AFTER_RE.match(text, marker.end) is not None


def _void_offer(text: str, marker: Marker) -> bool:
    """An offer word that offers nothing here: a "before you go" asking the customer for
    something, a waived fee for leaving ("The cancellation fee is waived"), "if you stay on
    the line", a loss or an "are you sure" after the agent reported the cancellation done
    ("Done, cancelled. You'll lose access on the 31st.")."""
    if LOSS_RE.search(marker.text) is not None and (
        _DONE_BEFORE_RE.search(text, 0, marker.start) is not None
    ):
        return True
    asks = _BEFORE_GO_ASKS_RE.search(text)
    if asks is not None and asks.start() <= marker.start < asks.end():
        return True
    left, right = sentence_of(text, marker.start, marker.end)
    if _WAIVER_RE.fullmatch(marker.text) is not None:
        return _LEAVING_FEE_RE.search(text, left, right) is not None
    if _about_leaving_fee(text, marker.start, marker.end) or _own_plan(text, marker):
        return True
    if _helps_leaving(text, marker.start, marker.end) or _own_pause(text, marker):
        return True
    return _ON_THE_LINE_RE.match(text, marker.end) is not None


def negated_offer(item: TurnAnalysis) -> bool:
    """Every offer word of the turn is negated: "tidak ada paket yang lebih murah", "we
    don't have a cheaper plan" tell the customer there is nothing to offer; or offers
    nothing here (``_void_offer``)."""
    offers = [m for m in item.markers if m.label == "retention_offer"]
    if offers and all(_void_offer(item.text, m) for m in offers):
        return True
    # "tidak rugi kok kalau tetap", "you won't lose your points": a loss avoided is offered.
    if any(LOSS_RE.search(m.text) is not None for m in offers):
        return False
    return bool(offers) and all(_negates(item.text, m.start) for m in offers)
