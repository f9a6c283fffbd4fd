"""Conversation-level analysis: context-dependent acts, the summary, findings and score."""

from __future__ import annotations

import re
from dataclasses import replace

from karib.tone.autoreplies import away_reply
from karib.tone.closing_words import customer_closes, thanks_in
from karib.tone.commands import LABEL as COMMANDS_LABEL
from karib.tone.commands import bare_commands
from karib.tone.context import context_acts, with_markers
from karib.tone.cutoff import cut_off
from karib.tone.detectors import CURT_ACT_LABELS, Context, curt_turns, detect_all
from karib.tone.dismissals import soft_dismissal, softened_dismissal
from karib.tone.lexicon import ADDRESS_WORDS
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
    politeness_of,
    score_utterance,
)
from karib.tone.state import agent_signs_off, conversation_state
from karib.tone.version import ENGINE_VERSION as ENGINE_VERSION  # re-exported; raise it there

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
# The agent's own courtesy before a turn of bare commands makes that turn a tone shift
# (part-P round): a please, thanks, an apology, empathy or a hedge, or a welcome (part-S
# round: "Dengan senang hati saya bantu", "My pleasure"); a greeting, an address or an
# emoji alone is not enough ("Halo." ... "Tunggu." is a terse agent from the start).
COURTESY_LABELS = frozenset({"please", "thanks", "apology", "empathy", "hedge", "welcome"})
# Smiling and folded-hands emoji (and ":)"), a polite cue of the agent's earlier turns.
_FRIENDLY_EMOJI_RE = re.compile(
    "[\U0001f642\U0001f60a\U0001f600\U0001f601\U0001f603\U0001f604\U0001f917"
    "\U0001f64f\u263a\U0001f970\U0001f60d]|(?<![\\w:]):-?\\)"
)
# A take-up with the customer's address opening the turn is one too (part-O round): "Baik,
# Pak Fajar.", "Siap kak,", "Sure, sir." - the service register, as a please is; the address
# alone or a bare "Baik." is none.
_TAKE_UP_ADDRESS_RE = re.compile(
    expand(
        r"\W*(?:baik|siap|tentu|oke?|okay|sure|certainly|of\s+course)[\s,.!]+(?:"
        + ADDRESS_WORDS
        + r")(?![\w'])"
    ),
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
# An order to read the help pages, as the whole of its marker ("Baca FAQ.", "Read the
# manual."), in a turn made only of bare commands, is one of those commands (part-S round):
# the tone shift's wording, not blame; "Read the FAQ bro", "Baca FAQ di website, ... kami
# tidak melayani pertanyaan yang sudah ada jawabannya" and "Baca dong syarat dan
# ketentuannya" say more and stay blame.
_READ_ORDER_RE = re.compile(
    r"\W*(?:baca|read)\s+(?:the\s+)?(?:faq|manual|instructions|description|terms|deskripsi|"
    r"keterangan|caption|bio|s&k|syarat|ketentuan)\w*\W*",
    re.IGNORECASE,
)
# A customer's plain decline of what the agent just offered or asked, outside a
# cancellation (part-S round): "No thanks, standard is fine." to an upsell, "Nggak usah kak"
# to "mau sekalian tambah ...?", "Not interested". The labelling definitions' refusal is of
# an offer or a request, not only of a retention offer: curt wording after it is a tone
# shift (the pivot of ``context_acts`` stays the cancellation's, for the pushes).
_PLAIN_DECLINE_RE = re.compile(
    expand(
        r"\W*(?:(?:{tidak}|no|nope|nah)\W+(?:(?:{kak}|kakak|mas|{mbak}|pak|bu|min|sir|"
        r"ma'?am)\W+)?(?:{terima kasih}|{thanks}|thank\s+you|makasih|usah|perlu|dulu|deh)|"
        r"(?:{tidak})(?:usah|perlu|mau|minat|tertarik)|(?:i'?m\s+)?not\s+interested|"
        r"i'?ll\s+pass|not\s+for\s+me)(?![\w'])"
    ),
    re.IGNORECASE,
)
# Tone shift by the politeness means: after the pivot the agent's mean falls by
# TONE_DROP and below neutral (a plain, unadorned offer is no shift).
TONE_LOW_AFTER = 0.45

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


def _plain_decline(items: list[TurnAnalysis]) -> int | None:
    """The first customer message that declines the agent's offer or question just before
    it (``_PLAIN_DECLINE_RE``), or None."""
    previous: TurnAnalysis | None = None
    for item in items:
        if item.kind != "message":
            continue
        if (
            item.role == "customer"
            and previous is not None
            and previous.role == "agent"
            and "?" in previous.text
            and _PLAIN_DECLINE_RE.match(item.text) is not None
        ):
            return item.index
        previous = item
    return None


def _tone_shift(
    agent_items: list[TurnAnalysis],
    pivot: int | None,
    not_dismissing: frozenset[int],
    declined: int | None = None,
) -> tuple[bool, list[TurnAnalysis], bool, float, float]:
    """Whether the agent's tone shifted, the turns that show it, whether curt markers (not
    only a drop of the politeness mean) decided it, and the means before and after."""

    def shifting(item: TurnAnalysis) -> bool:
        return item.index not in not_dismissing and any(
            m.label in SHIFT_LABELS for m in item.markers
        )

    def commanding(item: TurnAnalysis) -> bool:
        return not shifting(item) and any(m.label == COMMANDS_LABEL for m in item.markers)

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
            or any(_TAKE_UP_ADDRESS_RE.match(i.text) is not None for i in earlier)
        )
        curt_after = [i for i in agent_items[1:] if shifting(i)] if polite_before else []
        # Curt wording after the customer's plain decline, the agent curt nowhere before it.
        if (
            not curt_after
            and declined is not None
            and not any(shifting(i) for i in agent_items if i.index < declined)
        ):
            curt_after = [i for i in agent_items if i.index > declined and shifting(i)]
        # Bare commands after the agent's courtesy, before any curt turn.
        first_order = next(
            (n for n, i in enumerate(agent_items) if shifting(i) or commanding(i)), None
        )
        courteous = first_order is not None and any(
            m.label in COURTESY_LABELS for i in agent_items[:first_order] for m in i.markers
        )
        if courteous:
            orders = [i for i in agent_items[1:] if commanding(i)]
            curt_after = sorted([*curt_after, *orders], key=lambda i: i.index)
        before_mean = agent_items[0].politeness if agent_items else 0.0
        after_mean = _mean([i.politeness for i in agent_items[1:]]) or before_mean
        return bool(curt_after), curt_after, True, before_mean, after_mean
    before_items = [i for i in agent_items if i.index < pivot]
    after_items = [i for i in agent_items if i.index > pivot]
    curt_before = any(shifting(i) for i in before_items)
    # Bare commands after the refusal shift the tone only when the agent gave none before it.
    ordered_before = any(commanding(i) for i in before_items)
    curt_after = [i for i in after_items if shifting(i) or (commanding(i) and not ordered_before)]
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
    for position, item in enumerate(items):
        order = bare_commands(item)
        if order is not None:
            kept = [
                m
                for m in item.markers
                if not (m.label == "blame" and _READ_ORDER_RE.fullmatch(m.text) is not None)
            ]
            if len(kept) < len(item.markers):
                item = replace(item, markers=tuple(kept), politeness=politeness_of(kept))
            items[position] = with_markers(item, [order], set())
    agent_items = [i for i in items if i.role == "agent" and i.kind == "message"]
    agent_politeness = round(_mean([i.politeness for i in agent_items]), 3) if agent_items else 0.5
    not_dismissing = _not_dismissing(items)
    tone_shift, shown, by_markers, before_mean, after_mean = _tone_shift(
        agent_items, pivot, not_dismissing, _plain_decline(items) if pivot is None else None
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
    # An auto-reply promising the answer later is no part of the agent's closing when the
    # agent wrote after it (part-Q round: a WhatsApp Business greeting "Terima kasih telah
    # menghubungi NetKita. Pesan Anda sudah kami terima ..." then the agent's bare answer
    # and an end event closed without courtesy).
    written = [i for i in closing_turn if not away_reply(i)]
    if written:
        closing_turn = written
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
    cut_turn, cut_unfinished = cut_off(items, state)
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
