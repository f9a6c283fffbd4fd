"""Conversation-level analysis: context-dependent acts, the summary, findings and score."""

from __future__ import annotations

import re
from bisect import bisect_left

from karib.tone.context import context_acts, with_markers
from karib.tone.detectors import CURT_ACT_LABELS, Context, curt_turns, detect_all
from karib.tone.normalize import expand
from karib.tone.records import (
    Analysis,
    Conversation,
    Marker,
    Summary,
    Turn,
    TurnAnalysis,
    UtteranceScore,
)
from karib.tone.scoring import (
    SOFTENERS,
    score_utterance,
)
from karib.tone.state import (
    State,
    agent_signs_off,
    conversation_state,
    customer_closes,
    soft_dismissal,
    softened_dismissal,
    thanks_closes,
    thanks_in,
)

ENGINE_VERSION = "2.5.0"

# Score weights (see docs/tone.md): 60 points for a clean conversation, 40 for politeness.
SCORE_BASE = 60.0
SCORE_POLITENESS = 40.0
PENALTY_PUSH = 12.0
PENALTY_PUSH_MAX = 36.0
PENALTY_TONE_SHIFT = 15.0
PENALTY_NO_CLOSURE = 10.0
PENALTY_CUT_OFF = 15.0
PENALTY_CURT = 10.0
SHORT_CLOSING_WORDS = 5
TONE_DROP = 0.2
CURT_KIND = "curt"
TREND_DELTA = 0.3
CLOSURE_LABELS = frozenset({"thanks", "wishes", "welcome", "offer_help", "closing", "religious"})
# Curt markers that make a tone shift by themselves (a terse reply or a dropped form of
# address only lowers the politeness means).
SHIFT_LABELS = frozenset({"rude", "blame", "dismissive"})
CUT_OFF_SIGN_OFF_WORDS = 8
# A holding reply answers nothing: "Tunggu.", "Sebentar ya", "One moment", "Hold on".
# Smiling and folded-hands emoji (and ":)"), a polite cue of the agent's earlier turns.
_FRIENDLY_EMOJI_RE = re.compile(
    "[\U0001f642\U0001f60a\U0001f600\U0001f601\U0001f603\U0001f604\U0001f917"
    "\U0001f64f\u263a\U0001f970\U0001f60d]|(?<![\\w:]):-?\\)"
)
# A take-up, an address, a please and emoji may go with it (part-L round): "Baik kak, mohon
# ditunggu ya 🙏", "Sure, one moment please.", "Ok, please hold".
_HOLDING_RE = re.compile(
    expand(
        r"\W*(?:(?:baik|oke?|okay|siap|sure|alright|noted|iya|ya)(?:\s+(?:{kak}|kakak|{bapak}|"
        r"{ibu}|mas|{mbak}|sir|madam|ma'?am))?[\s,.!]+)?(?:(?:mohon|harap|please|kindly)\s+)?"
        r"(?:(?:di)?tunggu|sebentar|bentar|wait|hold(?:\s+on)?|one\s+moment|a\s+moment|just\s+a\s+"
        r"(?:moment|sec(?:ond)?|minute)|"
        # A check promised (part-M round): "Dicek dulu.", "Kami cek dulu ya kak", "Let me
        # check", "I'll look into it" (not "Sudah dicek": that reports).
        r"(?:(?:{saya}|kami|admin)\s+)?(?:di)?(?:cek|check|periksa)(?:kan)?(?=\s+dulu)|"
        r"(?:(?:{saya}|kami|admin)\s+)(?:cek|periksa)(?:kan)?|let\s+me\s+(?:check|see|look\s+into\s+"
        r"(?:it|this|that))|i'?ll\s+(?:check|look\s+into\s+(?:it|this|that))|checking)"
        r"(?:\s+(?:ya|dulu|lagi|please|sebentar|a\s+moment|{kak}|"
        r"kakak|{bapak}|{ibu}|mas|{mbak}))*[\s\W]*"
    ),
    re.IGNORECASE,
)
# A bare acknowledgement that answers nothing (part-M round): "Oke.", "Baik kak.", "Noted",
# "Ok noted min", "Alright." - after a question only "ok" cannot answer (see
# _OPEN_QUESTION_RE) and before the end event, the question is left open.
_ACK_WORDS = (
    r"ok(?:e|ay|ey)?|oke+|baik|noted|siap|sip|alright|understood|got\s+it|i\s+see|"
    r"oh+(?:\s+(?:gitu|begitu))?"
)
_BARE_ACK_RE = re.compile(
    expand(
        r"\W*(?:" + _ACK_WORDS + r")(?:[\s,.!]+(?:" + _ACK_WORDS + r"|{kak}|kakak|{bapak}|{ibu}|"
        r"mas|{mbak}|min|sir|madam))*[\s\W]*"
    ),
    re.IGNORECASE,
)
# A question "ok" cannot answer: a question word (not "apa" alone, which also opens yes/no
# questions: "warna apa", "apa aja") or a choice ("dikembalikan atau jadi saldo?"; not
# "atau tidak?").
_OPEN_QUESTION_RE = re.compile(
    r"(?<![\w'])(?:(?:warna|ukuran|size|jenis|tipe|model|kurir|ekspedisi|bank|hari|jam|tanggal|"
    r"menu|rasa|paket|metode)\s+apa|apa\s+(?:aja|saja|ajah)|"
    r"berapa|brp|brapa|kapan|kpn|mana|dimana|kemana|gimana|gmn|bagaimana|bgmn|"
    r"kenapa|knp|mengapa|siapa|iraha|kumaha|naon|saha|sabaraha|naha|what|when|where|which|"
    r"how|why|who|(?:atau|ato|or)(?!\s+(?:tidak|tdk|nggak|ngga|gak|ga|gk|enggak|belum|bukan|"
    r"not|no)(?![\w'])))(?![\w'])",
    re.IGNORECASE,
)
# A reply that sends the customer to another time instead of answering (part-L round):
# "We are closing for today. Please contact us again tomorrow.", "Silakan hubungi kami
# kembali besok", "jam operasional sudah selesai"; not "contact us again if anything comes
# up" (an offer of more help).
_DEFLECTION_RE = re.compile(
    r"(?<!\w)(?:(?:contact|call|message|reach|chat\s+with)\s+us\s+(?:again\s+|back\s+)?"
    r"(?:tomorrow|later|another\s+time|next\s+week|during\s+(?:business|office|working)\s+"
    r"hours|on\s+\w+day)|(?:hubungi|chat|kontak|telepon|telpon|wa)\s+(?:kami\s+)?(?:kembali\s+|"
    r"lagi\s+)?(?:besok|nanti|lain\s+(?:waktu|kali)|(?:di|pada)\s+jam\s+(?:kerja|operasional|"
    r"layanan))|(?:we\s+are|we'?re)\s+(?:closing|closed)\s+(?:now|for\s+(?:today|the\s+day))|"
    r"(?:chat|office|business)\s+hours\s+are\s+(?:ending|over|finished)|jam\s+(?:operasional|"
    r"layanan|kerja)\s+(?:kami\s+)?(?:sudah\s+|telah\s+)?(?:habis|selesai|berakhir))(?!\w)",
    re.IGNORECASE,
)
# A customer's message that ends on a clause of "if" with no main clause (part-L round): an
# implicit question ("... terus kalau mau sekalian scaling", "and if I want to add my
# wife"); not a condition softening a request ("kalau bisa", "if possible") nor one with
# its main clause ("kalau ada promo lagi kabari ya").
_TRAILING_IF_RE = re.compile(
    r"\W*(?:(?:terus|trus|lalu|tapi|and|but|also|oh\s+ya|btw|satu\s+lagi)\W+)?"
    r"(?:kalau|kalo|klo|if|what\s+if|what\s+about|how\s+about|misal(?:nya)?)\s+"
    r"(?!(?:bisa|boleh|possible|sempat|memungkinkan|you\s+(?:can|could|don'?t\s+mind)|"
    r"that'?s\s+ok|it'?s\s+ok)(?!\w))(?![^,;]*(?<!\w)(?:kabari\w*|info\w*|hubungi|tolong|mohon|"
    r"let\s+me\s+know|tell\s+me|call\s+me|text\s+me|please)(?!\w))[^,;.!?\n]{1,80}$",
    re.IGNORECASE,
)
TRAILING_CLAUSE_MAX = 120
_WORD_TOKEN_RE = re.compile(r"\S*[^\W_]\S*")
# A sign-off template: every sentence holds a closing phrase or good wishes.
_TEMPLATE_LABELS = frozenset({"closing", "wishes"})
_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?\n]*")
# A request stated as a wish (part-L round): "Saya mau ganti alamat pengiriman", "I need
# the invoice resent", "I'd like to change my seat" - asked for as plainly as with a please.
_WISH_STATEMENT_RE = re.compile(
    r"^\W*(?:(?:kak|kakak|min|admin|mas|mbak|pak|bu|halo|hi|hello)\W+)*(?:(?:saya|aku|sy|gue|"
    r"gw)\s+)?(?:mau|ingin|pengen|minta|butuh|perlu)\s+(?!bilang|ngucapin|mengucapkan)|^\W*(?:hi\W+"
    r"|hello\W+)?i\s+(?:need|want|would\s+like|'d\s+like)\s+(?!to\s+(?:say|thank))",
    re.IGNORECASE,
)
# A courteous close that leaves the door open, which the lexicon carries no marker for:
# "Siap kak, ditunggu kabarnya 🙏", "Talk soon!", "Until next time", the folded hands of
# the Indonesian service register. Read for the closure only, never for the state.
# Warm closes in other words too (part-L round, a precision class reasoned out for real
# chats, no dev-set error): wishes ("Stay well!", "Take it easy", "have fun with it", "Jaga
# kesehatan ya", "sehat2 ya", "Semangat ya kak!", "salam untuk keluarga"), pleasure or
# gladness ("Pleasure talking to you!", "Glad it arrived safely!", "senang bisa bantu"),
# farewells ("Catch you later"), "Great, enjoy!", and more help offered after the verb
# ("Kabari lagi ya kak kalau ada kendala", "let us know if anything comes up").
_COURTEOUS_HOLD_RE = re.compile(
    r"(?<!\w)(?:ditunggu\s+(?:kabar|info|konfirmasi|balasan|kedatangan|kunjungan)\w*|"
    r"(?:talk|speak)\s+(?:to\s+you\s+)?soon|until\s+next\s+time|"
    r"stay\s+(?:well|healthy|safe|warm)|take\s+it\s+easy|have\s+fun|jaga\s+kesehatan|"
    r"sehat(?:-sehat|2)(?:\s+(?:ya|selalu|terus))?|semangat(?:\s+(?:ya|terus|selalu))?\W*"
    r"(?:kak|kakak|mas|mbak|pak|bu)?\W*$|salam\s+(?:untuk|buat|ke)\s+keluarga|"
    r"(?:it\s+was\s+)?(?:a\s+)?pleasure\s+(?:talking|chatting|speaking|helping|assisting|"
    r"serving)|glad\s+(?:it|that|to\s+hear|you|everything|we)|happy\s+to\s+hear|ikut\s+senang|"
    r"(?:senang|seneng)\s+(?:bisa|dapat)\s+(?:bantu|membantu)|senang\s+mendengar\w*|"
    r"catch\s+you\s+later|(?<=,)\s*enjoy\W*$|"
    r"(?:kabari|kabarin|hubungi|chat)\s+(?:(?:lagi|kami|saja|aja|ya)\s+){0,3}(?:(?:kak|kakak|"
    r"mas|mbak|pak|bu)\s+)?(?:kalau|kalo|jika|bila)\s+(?:ada|butuh|masih|perlu)|"
    r"let\s+(?:us|me)\s+know\s+if\s+(?:anything|you\s+need|there'?s))(?!\w)|\U0001f64f",
    re.IGNORECASE,
)
# Tone shift by the politeness means: after the pivot the agent's mean falls by
# TONE_DROP and below neutral (a plain, unadorned offer is no shift).
TONE_LOW_AFTER = 0.45

# A turn broken off: a trailing dash, "...", a comma or colon, a connector after a comma
# ("..., terus", "..., lalu"), or a word that cannot end a sentence ("charged twice for",
# "mau yang ini atau"). Left out on purpose, since they also end finished sentences: "terus"
# and "lalu" without a comma ("mati terus", "minggu lalu"), colloquial final "soalnya", and
# English words that end phrasal verbs or set phrases ("on", "in", "to", "of", "about",
# "with", "my": "hold on", "I don't want to", "sort of", "oh my"), and "a" (Sundanese "a").
_UNFINISHED_RE = re.compile(
    r"(?:\.\.\.|\u2026|[-\u2013\u2014,:]|,\s*(?:terus|trus|lalu|jadi)|\b(?:dan|tapi|tetapi|"
    r"karena|atau|padahal|sedangkan|serta|yang|untuk|dengan|dari|and|but|or|for|the|an|your))"
    r"\s*$",
    re.IGNORECASE,
)
# A short thanks ending in a comma ("Terima kasih,") is done; a dash still breaks it off
# ("Oke, terima kasih ya Mas—").
_TRAILING_PUNCT_RE = re.compile(r",\s*$")
SHORT_THANKS_WORDS = 5
# A sign-off that starts by answering the customer's question ("Iya. Terima kasih.",
# "Yes, thank you!") answered it; so does one that starts with a when, a day, an hour or a
# number (part-M round): "Enjing. Hatur nuhun." (tomorrow), "Besok sore ya kak, terima
# kasih", "Tomorrow. Thanks!", "Jam 3. Makasih", "2-3 hari kerja. Terima kasih".
_ANSWER_START_RE = re.compile(
    expand(
        r"^\W*(?:ya|iya|betul|benar|bisa|boleh|sudah|belum|{tidak}|bukan|tentu|yes|yeah|yep|"
        r"no|correct|right|sure|of\s+course|exactly|indeed|"
        r"besok|lusa|nanti\s+(?:sore|siang|malam|pagi)|hari\s+ini|minggu\s+depan|bulan\s+depan|"
        r"enjing|isukan|mangke|engke|dinten\s+ieu|tomorrow|today|tonight|next\s+(?:week|month)|"
        r"senin|selasa|rabu|kamis|jumat|jum'at|sabtu|monday|tuesday|wednesday|thursday|friday|"
        r"saturday|sunday|(?:jam|pukul|at)\s+\d+|\d+)(?![\w'])"
    ),
    re.IGNORECASE,
)
# An agent reply that takes a request up: "Baik kak, ...", "Siap", "Sure", "Will do",
# "Noted", "Segera kami proses".
_TAKES_UP_RE = re.compile(
    expand(
        r"^\W*(?:baik|siap|oke?|okay|sip|noted|sure|certainly|will\s+do|of\s+course|done|"
        r"{sudah}|segera|ya|iya|yes|tentu|bisa|boleh)(?![\w'])"
    ),
    re.IGNORECASE,
)
# ... or reports it done: "Invoice resent, thank you!", "Sudah dikirim ulang ya kak".
_DONE_RE = re.compile(
    r"(?<!\w)(?:sent|resent|updated|fixed|changed|cancell?ed|closed|refunded|done|processed|"
    r"sorted|checked|di(?:kirim|proses|ubah|ganti|cek|batalkan|tutup|perbaiki|refund)\w*|"
    r"(?:sudah|udah|telah)\s+(?:kami|saya)\s+\w+)(?!\w)",
    re.IGNORECASE,
)
_ID_WORDS = frozenset(
    [
        "yang",
        "dan",
        "saya",
        "tidak",
        "ini",
        "itu",
        "untuk",
        "dengan",
        "ada",
        "mau",
        "sudah",
        "bisa",
        "kami",
        "anda",
        "ya",
        "kak",
        "terima",
        "kasih",
        "apa",
        "akan",
        "tolong",
        "mohon",
        "baik",
        "bapak",
        "ibu",
        "gak",
        "nggak",
        "aja",
        "dong",
        "sih",
        "udah",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "i",
        "you",
        "to",
        "and",
        "is",
        "my",
        "it",
        "your",
        "for",
        "please",
        "thank",
        "thanks",
        "can",
        "we",
        "this",
        "a",
        "of",
        "have",
        "would",
        "could",
        "will",
        "not",
        "no",
        "yes",
        "that",
        "be",
        "are",
        "was",
    ]
)
_NEUTRAL_SCORES = {"positive": 0.0, "neutral": 1.0, "negative": 0.0}


def detect_language(texts: list[str]) -> str:
    """``id``, ``en`` or ``mixed`` from function-word counts."""
    id_count = en_count = 0
    for text in texts:
        for word in text.lower().split():
            word = word.strip(".,!?;:\"'()")
            if word in _ID_WORDS:
                id_count += 1
            elif word in _EN_WORDS:
                en_count += 1
    if id_count >= 2 * en_count and id_count > 0:
        return "id"
    if en_count >= 2 * id_count and en_count > 0:
        return "en"
    return "mixed" if id_count and en_count else "id"


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _blank(turn: Turn) -> TurnAnalysis:
    return TurnAnalysis(
        turn.index,
        turn.role,
        turn.speaker,
        turn.text,
        turn.kind,
        0.5,
        "neutral",
        _NEUTRAL_SCORES,
        (),
        (),
        turn.ts,
    )


def _from_score(turn: Turn, score: UtteranceScore) -> TurnAnalysis:
    return TurnAnalysis(
        turn.index,
        turn.role,
        turn.speaker,
        turn.text,
        turn.kind,
        score.politeness,
        score.sentiment,
        score.sentiment_scores,
        score.acts,
        score.markers,
        turn.ts,
    )


def _drop_addresses(items: list[TurnAnalysis], pivot: int | None) -> None:
    """Dropped address: the agent addressed the customer before the pivot and stops after
    it; and a short closing without address after an agent who addressed the customer in
    most earlier turns ("Baik, terima kasih." after "Ibu ... Ibu ...")."""
    agent_positions = [p for p, i in enumerate(items) if i.role == "agent" and i.kind == "message"]

    def addressed_most(earlier: list[TurnAnalysis]) -> bool:
        addressed = sum(1 for i in earlier if any(m.label == "address" for m in i.markers))
        return bool(earlier) and addressed * 2 >= len(earlier)

    def drop_address(p: int) -> None:
        item = items[p]
        stripped = item.text.strip()
        start = item.text.find(stripped)
        marker = Marker("curt", "dropped_address", stripped, start, start + len(stripped))
        items[p] = with_markers(item, [marker], set())

    address_dropped: set[int] = set()
    if pivot is not None and addressed_most(
        [items[p] for p in agent_positions if items[p].index < pivot]
    ):
        for p in agent_positions:
            item = items[p]
            labels = {m.label for m in item.markers}
            if item.index > pivot and not labels & SOFTENERS and len(item.text.split()) >= 3:
                drop_address(p)
                address_dropped.add(p)
    if len(agent_positions) >= 2 and agent_positions[-1] not in address_dropped:
        last_position = agent_positions[-1]
        last = items[last_position]
        labels = {m.label for m in last.markers}
        if (
            len(last.text.split()) <= SHORT_CLOSING_WORDS
            and labels & CLOSURE_LABELS
            and not labels & (SOFTENERS - {"thanks"})
            and addressed_most([items[p] for p in agent_positions[:-1]])
        ):
            drop_address(last_position)


def _not_dismissing(items: list[TurnAnalysis]) -> frozenset[int]:
    """Agent turns whose only curt words are a "ya sudah" answering the customer's own
    acknowledgement or thanks ("Oke" -> "Ya sudah."): a plain close; or opening a softened
    message ("Ya sudah, saya ganti sekarang ya kak, mohon ditunggu"): "alright then"."""
    found = set()
    previous: TurnAnalysis | None = None
    for item in items:
        if item.kind != "message":
            continue
        curt = [m for m in item.markers if m.label in CURT_ACT_LABELS]
        if (
            item.role == "agent"
            and curt
            and (
                softened_dismissal(item)
                or (
                    all(soft_dismissal(m) for m in curt)
                    and previous is not None
                    and previous.role == "customer"
                    and customer_closes(previous)
                )
            )
        ):
            found.add(item.index)
        previous = item
    return frozenset(found)


def _tone_shift(
    agent_items: list[TurnAnalysis], pivot: int | None, not_dismissing: frozenset[int]
) -> tuple[bool, list[TurnAnalysis], bool, float, float]:
    """Whether the agent's tone shifted, the turns that show it, whether curt markers (not
    only a drop of the politeness mean) decided it, and the means before and after."""

    def shifting(item: TurnAnalysis) -> bool:
        return item.index not in not_dismissing and any(
            m.label in SHIFT_LABELS for m in item.markers
        )

    if pivot is None:
        # Without a refusal, curtness in a later agent turn after polite earlier ones (at
        # least one polite cue, none curt) is the shift; an agent curt from the start has
        # curt language, not a shift.
        first_curt = next((n for n, i in enumerate(agent_items) if shifting(i)), None)
        earlier = agent_items[:first_curt] if first_curt is not None else []
        # An honorific alone ("Mas", "Bu") is no polite cue: it is how everyone is addressed.
        # A smiling or folded-hands emoji is one ("Ready kak 😊"): the service register's
        # friendliness, as a please is.
        polite_before = bool(earlier) and (
            any(m.kind == "polite" and m.label != "address" for i in earlier for m in i.markers)
            or any(_FRIENDLY_EMOJI_RE.search(i.text) is not None for i in earlier)
        )
        curt_after = [i for i in agent_items[1:] if shifting(i)] if polite_before else []
        before_mean = agent_items[0].politeness if agent_items else 0.0
        after_mean = _mean([i.politeness for i in agent_items[1:]]) or before_mean
        return bool(curt_after), curt_after, True, before_mean, after_mean
    before_items = [i for i in agent_items if i.index < pivot]
    after_items = [i for i in agent_items if i.index > pivot]
    curt_before = any(shifting(i) for i in before_items)
    curt_after = [i for i in after_items if shifting(i)]
    before_mean = _mean([i.politeness for i in before_items])
    after_mean = _mean([i.politeness for i in after_items])
    # A drop of the means counts only with a curt cue after the pivot (a bare command, a
    # dismissal ...): a plain offer without the earlier pleasantries is no shift.
    curt_cue_after = any(
        m.kind == CURT_KIND and m.label not in ("dropped_address", "one_word")
        for i in after_items
        for m in i.markers
    )
    dropped = bool(before_items and after_items and curt_cue_after) and (
        after_mean <= before_mean - TONE_DROP and after_mean < TONE_LOW_AFTER
    )
    by_markers = bool(curt_after) and not curt_before
    shown = curt_after or after_items
    return dropped or by_markers, shown, by_markers, before_mean, after_mean


def _cut_off(items: list[TurnAnalysis], state: State) -> tuple[int | None, bool]:
    """The customer turn the agent cut off, and whether it was unfinished (else
    unanswered). Only in a conversation the agent ended: by an event line right after the
    customer's unfinished or unanswered turn, or by a short sign-off right after it."""
    if state.state != "ended_by_agent":
        return None, False
    humans = [i for i in items if i.kind == "message" and i.role in ("agent", "customer")]
    if not humans:
        return None, False

    def unfinished(item: TurnAnalysis) -> bool:
        text = item.text.strip()
        if not text:
            return True
        if _UNFINISHED_RE.search(text) is None:
            return False
        # "Terima kasih," is a finished thanks, whatever punctuation trails it.
        short_thanks = thanks_in(item) and len(text.split()) <= SHORT_THANKS_WORDS
        return not (short_thanks and _TRAILING_PUNCT_RE.search(text) is not None)

    def short_sign_off(item: TurnAnalysis) -> bool:
        return (
            len(_WORD_TOKEN_RE.findall(item.text)) <= CUT_OFF_SIGN_OFF_WORDS
            and agent_signs_off(item)
            and _ANSWER_START_RE.match(item.text) is None
        )

    def unanswered(item: TurnAnalysis) -> bool:
        acts = set(item.acts)
        if trailing_if(item):
            return True
        return bool({"question", "cancellation_request", "refusal"} & acts) and (
            not ({"thanks", "closing"} & acts) or asks_after_thanks(item)
        )

    def template_sign_off(item: TurnAnalysis) -> bool:
        """A sign-off of any length whose every sentence closes ("Terima kasih telah
        menghubungi layanan pelanggan Bank Nusantara, semoga hari Anda menyenangkan."):
        it answers nothing, however long the company's name."""
        if not agent_signs_off(item) or _ANSWER_START_RE.match(item.text) is not None:
            return False
        closers = sorted(m.start for m in item.markers if m.label in _TEMPLATE_LABELS)
        thanks = sorted((m.start, m.end) for m in item.markers if m.label == "thanks")
        # Emoji between the sentences close nothing and open nothing (part-M round).
        sentences = [
            (m.start(), m.end())
            for m in _SENTENCE_RE.finditer(item.text)
            if _WORD_TOKEN_RE.search(m.group()) is not None
        ]

        def closes(start: int, end: int) -> bool:
            # A closer, or a thanks (the sentence's last) with only an address, "for
            # chatting with us today" and the like after it ("Thanks for chatting with us
            # today!"; part-M round). Found by bisection: linear in a long turn.
            first = bisect_left(closers, start)
            if first < len(closers) and closers[first] < end:
                return True
            last = bisect_left(thanks, (end,)) - 1
            return (
                last >= 0
                and thanks[last][0] >= start
                and thanks_closes(item.text, thanks[last][1], end)
            )

        return bool(sentences) and all(
            closes(start, end) and not any(ch.isdigit() for ch in item.text[start:end])
            for start, end in sentences
        )

    def requested(item: TurnAnalysis, reply: TurnAnalysis) -> bool:
        """The customer asked for something ("Tolong kirim ulang invoicenya ya kak",
        "Please check why I was charged twice.") with no thanks or closing, and the agent's
        short sign-off before the end event does not take it up ("Baik kak, ...", "Sure,
        ..."). Only with an end event: a sign-off alone often reports the request done
        ("Account closed. All the best!")."""
        acts = set(item.acts)
        return (
            (
                any(m.label == "please" for m in item.markers)
                or _WISH_STATEMENT_RE.match(item.text) is not None
            )
            and not ({"thanks", "closing"} & acts)
            and _TAKES_UP_RE.match(reply.text) is None
            and _DONE_RE.search(reply.text) is None
        )

    last = humans[-1]
    if state.reason == "event" and last.role == "agent" and len(humans) >= 2:
        # "Tunggu." and the chat closed: a holding reply answers nothing.
        # So is a short sign-off right before the event ("Thank you, goodbye." + closed).
        before = humans[-2]
        holding = (
            _HOLDING_RE.fullmatch(last.text) is not None
            or _DEFLECTION_RE.search(last.text) is not None
        )
        # A bare "Oke." to a question it cannot answer answers nothing either (part-M round).
        if (
            before.role == "customer"
            and _BARE_ACK_RE.fullmatch(last.text) is not None
            and "question" in before.acts
            and unanswered(before)
            and _OPEN_QUESTION_RE.search(before.text) is not None
        ):
            return before.index, False
        if (holding or short_sign_off(last) or template_sign_off(last)) and (
            before.role == "customer"
        ):
            if unfinished(before):
                return before.index, True
            # A holding reply promises an answer: whatever the customer raised (a complaint,
            # a question without its "?": "tagihan saya kok naik ya") was left unanswered,
            # unless the customer had closed.
            left = holding and not customer_closes(before) and not thanks_in(before)
            if unanswered(before) or left or (not holding and requested(before, last)):
                return before.index, False
    if state.reason == "event" and last.role == "customer":
        if unfinished(last):
            return last.index, True
        # The agent ended it on a customer message that closes nothing (a question, a
        # request, a report): it went unanswered.
        if unanswered(last) or not customer_closes(last):
            return last.index, False
        return None, False
    if state.reason == "sign_off" and len(humans) >= 2 and humans[-2].role == "customer":
        before = humans[-2]
        if unfinished(before):
            return before.index, True
        short = len(_WORD_TOKEN_RE.findall(last.text)) <= CUT_OFF_SIGN_OFF_WORDS
        answers = _ANSWER_START_RE.match(last.text) is not None
        asked = trailing_if(before) or (
            "question" in before.acts
            and (not ({"thanks", "closing"} & set(before.acts)) or asks_after_thanks(before))
        )
        # A sign-off template of any length is no answer either (part-M round): "Thanks for
        # chatting with us today! Have a great weekend." right after the question.
        if asked and not answers and (short or template_sign_off(last)):
            return before.index, False
    return None, False


def trailing_if(item: TurnAnalysis) -> bool:
    """The customer's message ends on a clause of "if" with no main clause and no thanks
    ("oke daftar jam 10. terus kalau mau sekalian scaling"): an implicit question."""
    if item.role != "customer" or {"thanks", "closing"} & set(item.acts):
        return False
    text = item.text.rstrip()
    # Only the last sentence is read (at most TRAILING_CLAUSE_MAX characters): linear.
    start = max(text.rfind("."), text.rfind("!"), text.rfind("\n")) + 1
    if len(text) - start > TRAILING_CLAUSE_MAX:
        return False
    return _TRAILING_IF_RE.fullmatch(text, start) is not None


# The end of a sentence before the last one: the last sentence starts after it.
_SENTENCE_BREAK_RE = re.compile(r"[.!?\n]+\s")


def asks_after_thanks(item: TurnAnalysis) -> bool:
    """The customer thanks and then asks something new, ending on the question or on a
    statement after it ("Thanks for fixing the login. One more thing, can I change my email
    too?", "Makasih kak. Kalau yang biru ada?"): the question still awaits its answer,
    whatever thanks came first; any thanks after the question closes instead. A
    thanks in the question's own sentence ("Bisa dicek, makasih?") answers nothing either
    way and is left as it was read."""
    text = item.text.rstrip()
    # The last question may be followed by a statement of why ("Also, can you change the
    # address on my other order? I'm moving on Friday."; part-M round): it is still the
    # customer's last word on the matter.
    question_mark = text.rfind("?")
    if question_mark < 0:
        return False
    last_start = 0
    for match in _SENTENCE_BREAK_RE.finditer(text, 0, question_mark):
        last_start = match.end()
    closers = [m for m in item.markers if m.label in ("thanks", "closing")]
    return bool(closers) and last_start > 0 and all(m.end <= last_start for m in closers)


def _trend(messages: list[TurnAnalysis]) -> str:
    values = [
        i.sentiment_scores.get("positive", 0.0) - i.sentiment_scores.get("negative", 0.0)
        for i in messages
        if i.role == "customer"
    ]
    if len(values) < 2:
        return "unknown"
    half = len(values) // 2
    delta = _mean(values[len(values) - half :]) - _mean(values[:half])
    if delta > TREND_DELTA:
        return "improving"
    return "worsening" if delta < -TREND_DELTA else "stable"


def analyze(conversation: Conversation, *, lang: str = "id") -> Analysis:
    """Analyse one conversation; explanations in Indonesian (``id``) or English (``en``).

    Builds the conversation ``Context`` (acts in context, pivot, tone shift, closure,
    state, cut-off) and runs every detector of ``detectors.REGISTRY`` on it.
    """
    lang = "en" if lang == "en" else "id"
    items = [
        _from_score(t, score_utterance(t.text)) if t.kind == "message" else _blank(t)
        for t in conversation.turns
    ]
    first_cancel, offers, first_refusal, explicit_refusal = context_acts(items)
    pushes = [i for i in offers if first_refusal is not None and i > first_refusal]
    # Pivot for tone shift: the customer's first clear refusal only. The customer's
    # wording (anger, curtness, negative sentiment) never moves it.
    pivot = first_refusal
    _drop_addresses(items, pivot)
    agent_items = [i for i in items if i.role == "agent" and i.kind == "message"]
    agent_politeness = round(_mean([i.politeness for i in agent_items]), 3) if agent_items else 0.5
    not_dismissing = _not_dismissing(items)
    tone_shift, shown, by_markers, before_mean, after_mean = _tone_shift(
        agent_items, pivot, not_dismissing
    )

    last_agent = agent_items[-1] if agent_items else None
    before_last = (
        next(
            (
                i
                for i in reversed(items)
                if i.role == "customer" and i.index < last_agent.index and i.kind == "message"
            ),
            None,
        )
        if last_agent is not None
        else None
    )
    # The agent's closing turn: its messages after the customer's last one ("Terima kasih
    # sudah berbelanja 🙏" then "Resi JNE 0012345" closed courteously), else its last message.
    closing_turn = (
        [i for i in agent_items if before_last is None or i.index > before_last.index]
        if last_agent is not None
        else []
    )
    after_closing = before_last is not None and (
        thanks_in(before_last) or customer_closes(before_last)
    )
    # A closing that also dismisses ("Ya sudah, terima kasih.") is not courteous; one that
    # opens with an "alright then" ("Fine. Your order will be ready soon. Thank you.") is.
    courteous_closure = (
        last_agent is not None
        and any(
            any(m.label in CLOSURE_LABELS for m in item.markers)
            or agent_signs_off(item, after_closing=after_closing)
            or _COURTEOUS_HOLD_RE.search(item.text) is not None
            for item in closing_turn
        )
        and (
            not any(m.label in CURT_ACT_LABELS for m in last_agent.markers)
            or softened_dismissal(last_agent)
        )
    )
    state = conversation_state(items)
    cut_turn, cut_unfinished = _cut_off(items, state)
    context = Context(
        lang=lang,
        items=tuple(items),
        agent_items=tuple(agent_items),
        offers=tuple(offers),
        first_refusal=first_refusal,
        refusal_explicit=explicit_refusal,
        pushes=tuple(pushes),
        tone_shift=tone_shift,
        shift_turns=tuple(shown),
        shift_by_markers=by_markers,
        before_mean=before_mean,
        after_mean=after_mean,
        courteous_closure=courteous_closure,
        state=state,
        cut_turn=cut_turn,
        cut_unfinished=cut_unfinished,
        not_dismissing=not_dismissing,
    )
    findings = detect_all(context)
    codes = {f.code for f in findings}

    score = SCORE_BASE + SCORE_POLITENESS * agent_politeness
    score -= min(PENALTY_PUSH_MAX, PENALTY_PUSH * len(pushes))
    if tone_shift:
        score -= PENALTY_TONE_SHIFT
    if "no_courteous_closure" in codes:
        score -= PENALTY_NO_CLOSURE
    if cut_turn is not None:
        score -= PENALTY_CUT_OFF
    if curt_turns(context):
        score -= PENALTY_CURT
    summary = Summary(
        cancellation_request=first_cancel is not None,
        first_refusal_turn=first_refusal,
        retention_offers=tuple(offers),
        pushes_after_refusal=len(pushes),
        tone_shift=tone_shift,
        courteous_closure=courteous_closure,
        customer_cut_off=cut_turn is not None,
        agent_politeness=agent_politeness,
        customer_sentiment_trend=_trend([i for i in items if i.kind == "message"]),
        score=round(min(100.0, max(0.0, score))),
        conversation_state=state.state,
    )
    return Analysis(
        conversation_id=conversation.conversation_id,
        language=detect_language([i.text for i in items if i.kind == "message"]),
        summary=summary,
        findings=findings,
        turns=tuple(items),
    )
