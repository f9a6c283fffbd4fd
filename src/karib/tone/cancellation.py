"""Whether a customer's cancellation words ask to cancel: one rule for both passes.

The per-utterance pass (``scoring.cancel_blocked``, ``scoring.acts_of``) and the
conversation pass (``context.read_cancellations``) read cancellation words with the
functions here (docs/tone.md, labelling definitions): a question about a cancellation
policy, fee, condition or procedure is no request ("Berapa lama proses pembatalan kartu?",
"does cancelling my plan affect my points?", "kalau mau cancel prosedurnya gimana?"), while
a stated wish, an imperative or a request in polite question form or the passive is one
("saya mau cancel, caranya?", "Can I cancel my card please?", "mohon dibatalkan").
Pure ``re``; imported by ``scoring.py`` and ``context.py`` (never the other way round).
"""

from __future__ import annotations

import re

# --- the policy next to the words, a condition, a bare noun --------------------------------
# The policy words before or after ("kebijakan pembatalan", "cancellation fee", "can I
# cancel anytime"), a condition before ("kalau saya batalkan ...", "what happens if I
# cancel") unless a wish is stated in between ("kalau bisa saya mau batalkan"), and the bare
# nouns ("pembatalan", "cancellation") without a verb of asking for it before them.
_POLICY_BEFORE_RE = re.compile(
    r"(?<![\w'])(?:kebijakan|syarat|ketentuan|biaya|denda|aturan|prosedur|informasi|info|"
    r"policy|policies|fee|fees|terms|rules?|penalty)\s+(?:[\w']+\s+)?$",
    re.IGNORECASE,
)
_POLICY_AFTER_RE = re.compile(
    r"\s*(?:policy|policies|fees?|charges?|penalty|terms|period|window|deadline|rules?|"
    r"anytime|any\s+time|kapan\s+saja|kapan\s+aja|nya\s+(?:gimana|bagaimana|berapa))(?![\w'])",
    re.IGNORECASE,
)
_CONDITION_RE = re.compile(
    r"(?<![\w'])(?:kalau|kalo|klo|jika|jikalau|seandainya|andai(?:kan)?|apabila|bila|"
    r"misal(?:nya)?|if|whether|in\s+case|what\s+happens\s+(?:if|when)|apa\s+bisa|bisa\s+tidak)"
    r"(?P<gap>(?:\s+[\w']+){0,5})\s+$",
    re.IGNORECASE,
)
_WISH_RE = re.compile(
    r"(?<![\w'])(?:mau|ingin|pengen|minta|tolong|mohon|want|like|please|need)(?![\w'])",
    re.IGNORECASE,
)
_NOUNS = frozenset({"pembatalan", "cancellation"})
_ASK_FOR_RE = re.compile(
    r"(?<![\w'])(?:mau|ingin|pengen|minta|ajukan|mengajukan|proses(?:kan)?|request|submit|"
    r"want|like|need|process|tolong|mohon|please|lakukan|do)(?![\w'])",
    re.IGNORECASE,
)

# --- a question about cancelling -----------------------------------------------------------
# The sentence around a cancellation word: up to the previous and through the next end mark.
_SENTENCE_END_RE = re.compile(r"[.!?\n]")
# Asking about cancelling before the word, in its sentence ("Mau tanya, pembatalan tiket
# ...", "Quick question about cancelling", "berapa lama proses pembatalan", "how do
# refunds work when cancelling", "does cancelling my plan affect ..."), or after it
# ("... cancel prosedurnya gimana?", "cancelling - how long does a refund take?", "kena
# charge nggak?", "affect my points?").
_ASKING_BEFORE_RE = re.compile(
    r"(?<![\w'])(?:(?:mau|ingin|pengen|mo|boleh)\s+(?:tanya|nanya|nanyain|bertanya|info)|tanya\w*|"
    r"nanya\w*|question|questions|ask|asking|wondering|wonder|curious|info|informasi|"
    r"cara(?:nya)?|prosedur\w*|berapa\s+lama|berapa\s+hari|how\s+long|how\s+much|what\s+"
    r"happens|how\s+(?:do|can|would|could|should)\s+(?:i|we))(?:\s+[\w'-]+){0,6}\W*$|"
    # "does cancelling my plan affect ...", "is cancellation free?"
    r"(?<![\w'])(?:does|do|will|would|is)\s+(?:the\s+|my\s+|your\s+)?$",
    re.IGNORECASE,
)
_ASKING_AFTER_RE = re.compile(
    r"^(?:\s+[\w'-]+){0,6}?[\s,-]+(?:affect\w*|mean|cost|costs|charged?|fees?|refund\w*|"
    r"penalt\w*|kena\s+(?:biaya|charge|denda|potongan|fee)|dikenakan|prosedur\w*|caranya|"
    r"gimana|bagaimana|berapa\s+lama|how\s+long|how\s+do|take|points?|poin\w*|uang\w*\s+"
    r"(?:kembali|balik)|refundable|hangus)(?!\w)[^.!?\n]*\?",
    re.IGNORECASE,
)
# A condition before the word ("kalau mau cancel ...?", "if I wanted to cancel ...?"); "kalau
# bisa" / "if possible" soften a request instead.
_CONDITION_BEFORE_RE = re.compile(
    r"(?<![\w'])(?:kalau|kalo|klo|jika|jikalau|seandainya|andai(?:kan)?|apabila|bila|"
    r"misal(?:nya)?|if|in\s+case)(?!\s+(?:bisa|boleh|possible|memungkinkan|you\s+can|you\s+"
    r"could))(?:\s+[\w'-]+){0,4}\s+$",
    re.IGNORECASE,
)
# A request stated outright right before the word: "saya mau cancel", "tolong batalkan",
# "please cancel", "I want to cancel", "can you cancel".
_WISH_BEFORE_RE = re.compile(
    r"(?<![\w'])(?:mau|ingin|pengen|minta|tolong|mohon|please|want\s+to|like\s+to|need\s+to|"
    r"can\s+you|could\s+you|would\s+you|you\s+(?:can|could|would)|bisa\s+tolong|"
    r"bisa\s+bantu)\s+(?:[\w'-]+\s+){0,1}$",
    re.IGNORECASE,
)
# A request in polite question form that the marker lexicon leaves unmarked: a modal
# question with the customer's own product ("Apa bisa saya tutup kartu kredit saya hari
# ini?", "Can I cancel my card please?"), and the passive request ("tolong dibatalin aja ya
# pesanan saya", "mohon dibatalkan", "minta di-cancel").
_POLITE_REQUEST_RE = re.compile(
    r"(?<![\w'])(?:(?:apa|apakah|bisa|bisakah|boleh|bolehkah)\s+(?:bisa\s+|tolong\s+)?"
    r"(?:saya|aku|sy|gue|gw|kami)\s+(?:minta\s+)?(?:tutup|menutup|batalkan|membatalkan|"
    r"cancel|berhenti(?:\s+langganan)?|stop)\s+(?:\w+\s+){0,3}(?:saya|aku|ku|sy|kami)(?!\w)|"
    r"(?:(?:can|could|may)\s+i|(?:can|could|would)\s+you|if\s+you\s+(?:could|can|would))\s+"
    r"(?:please\s+)?(?:cancel|close|end|stop)\s+my\s+\w+|"
    r"(?:tolong|mohon|minta|please)\s+(?:\w+\s+)?(?:di-?batal(?:kan|in)|di-?cancel|"
    r"di-?tutup|di-?stop|di-?berhentikan|di-?nonaktifkan)|"
    r"(?:di-?batal(?:kan|in)|di-?cancel)\s+(?:aja|saja|ya)\b|(?:mem)?batalin)(?!\w)",
    re.IGNORECASE,
)
# Every polite request holds one of these words, or both POLITE_CUE_PAIR: texts without any
# skip the pattern (substring tests on the lower-cased text, several times faster than a
# search). pieces.CUE_WORDS reads the same two names (a piece's record carries the flag).
POLITE_CUES = ("batal", "cancel", "tutup", "close", "stop", "berhenti", "nonaktif")
POLITE_CUE_PAIR = ("end", "my")
# ... unless the question is about a condition or the policy ("Can I cancel my order if it
# has shipped?", "bisa saya batalkan pesanan saya setelah dibayar?").
_POLICY_TAIL_RE = re.compile(
    r"(?<!\w)(?:if|kalau|kalo|jika|setelah|sesudah|after|anytime|any\s+time|kapan\s+saja|"
    r"fee|fees|biaya|denda|refund|policy|kebijakan)(?!\w)",
    re.IGNORECASE,
)
# An imperative at the start of the sentence asks ("Cancel my plan, how long until the
# refund?"); a noun there is the subject of a question ("Pembatalan kartu berapa lama?").
_OPENING_RE = re.compile(
    r"^\W*(?:(?:hi|hello|halo|hai|kak|kakak|min|admin|pak|bu|mas|mbak|sis|gan|please|pls|"
    r"plz|tolong|mohon)\W+)*$",
    re.IGNORECASE,
)
_VERB_FORMS = ("pembatalan", "cancellation", "cancelling", "canceling")
_WISH_WORD_RE = re.compile(r"(?:mau|ingin|pengen|minta)(?!\w)", re.IGNORECASE)
_DASH_RE = re.compile(r"\s*(?:[-\u2013\u2014:,]|\s)")


# How far a sentence is read on either side of the words: a real sentence is shorter, and a
# turn of thousands of cancellation words with no full stop stays linear (each word read its
# whole sentence: quadratic).
SENTENCE_REACH = 300


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence holding ``text[start:end]`` (its end mark included), at most
    ``SENTENCE_REACH`` characters on either side of the words."""
    left = max(0, start - SENTENCE_REACH)
    for match in _SENTENCE_END_RE.finditer(text, left, start):
        left = match.end()
    limit = min(len(text), end + SENTENCE_REACH)
    right = _SENTENCE_END_RE.search(text, end, limit)
    return left, (right.end() if right is not None else limit)


# A cancellation already made, reported: "Saya sudah batalkan pesanan tapi dana belum
# kembali", "sudah saya batalkan kemarin", "I already cancel my plan but ..." (not "udah
# fix mau cancel", "sdh mau tutup kartu aja": a wish is still a request); in Sundanese and
# Javanese too (part-M round): "abdi tos ngabatalkeun", "sampun kula batalke".
_DONE_BEFORE_RE = re.compile(
    r"(?<![\w'])(?:sudah|udah|sdh|dah|telah|already|tos|atos|parantos|sampun|wis|uwis)\s+"
    r"(?:(?:saya|aku|kami|sy|gue|gw|i|we|abdi|kula)\s+)?$",
    re.IGNORECASE,
)


def about_cancelling(text: str, start: int, end: int) -> bool:
    """Whether the cancellation words at ``text[start:end]`` talk about cancelling rather
    than ask to cancel: a question about the policy, a fee, a condition or the procedure,
    or a report of a cancellation already made (the one rule both passes use)."""
    if _DONE_BEFORE_RE.search(text, max(0, start - 20), start) is not None:
        return True
    return _policy_words(text, start, end) or policy_question(text, start, end)


def _policy_words(text: str, start: int, end: int) -> bool:
    """The policy named next to the words, a condition before them with no wish stated, or
    a bare noun nobody asks for ("Berapa biaya pembatalan?", "Kalau saya batalkan, ...")."""
    if _POLICY_BEFORE_RE.search(text, max(0, start - 25), start) is not None:
        return True
    if _POLICY_AFTER_RE.match(text, end, min(len(text), end + 30)) is not None:
        return True
    condition = _CONDITION_RE.search(text, max(0, start - 40), start)
    if condition is not None and _WISH_RE.search(condition.group("gap")) is None:
        return True
    return text[start:end].lower() in _NOUNS and (
        _ASK_FOR_RE.search(text, max(0, start - 30), start) is None
    )


def policy_question(text: str, start: int, end: int) -> bool:
    """Whether the sentence holding the cancellation words at ``text[start:end]`` is a
    question about cancelling (words of asking before, consequences or procedure after, a
    condition before), with no request stated right before the words ("saya mau cancel,
    caranya gimana?" asks to cancel) and not in polite request form."""
    left, right = sentence_of(text, start, end)
    sentence_is_question = text[left:right].rstrip().endswith("?")
    before = text[left:start]
    after = text[end:right]
    condition = _CONDITION_BEFORE_RE.search(before) is not None
    if _WISH_BEFORE_RE.search(before) is not None and not condition:
        return False
    word = text[start:end].lower()
    if _OPENING_RE.match(before) is not None and not word.startswith(_VERB_FORMS):
        return False
    # The words state the wish themselves ("aku mau berhenti langganan ya, caranya?").
    if _WISH_WORD_RE.match(word) is not None and not condition:
        return False
    # "Mau tanya bisa saya batalkan pesanan saya?": a request in polite question form.
    polite = _POLITE_REQUEST_RE.search(text, left, right)
    if (
        polite is not None
        and not condition
        and (_POLICY_TAIL_RE.search(text, polite.end(), right) is None)
    ):
        return False
    # "Quick question about cancelling - how long does a refund take?": the question runs
    # on after a dash, so the rest of the message counts as the sentence's tail.
    if not sentence_is_question and text.find("?", end, end + SENTENCE_REACH) != -1:
        dash = _DASH_RE.match(text, end)
        if dash is not None and _ASKING_BEFORE_RE.search(before) is not None:
            return True
    if not sentence_is_question:
        return False
    return (
        condition
        or _ASKING_BEFORE_RE.search(before) is not None
        or _ASKING_AFTER_RE.match(after) is not None
    )


def polite_request(text: str, lowered: str | None = None) -> re.Match[str] | None:
    """A request to cancel in polite question form or the passive ("Apa bisa saya tutup
    kartu kredit saya?", "mohon dibatalkan"), unless a condition or the policy goes with it
    ("... kalau sudah dikirim?", "kalau batalin pesanan, dananya balik kapan?").
    ``lowered`` may pass ``text.lower()`` when already known."""
    if lowered is None:
        lowered = text.lower()
    if not any(cue in lowered for cue in POLITE_CUES) and not all(
        cue in lowered for cue in POLITE_CUE_PAIR
    ):
        return None
    match = _POLITE_REQUEST_RE.search(text)
    if match is None:
        return None
    left, right = sentence_of(text, match.start(), match.end())
    if _POLICY_TAIL_RE.search(text, match.end(), right) is not None:
        return None
    if _CONDITION_BEFORE_RE.search(text[left : match.start()]) is not None:
        return None
    return match
