"""Conversation-level analysis: context-dependent acts, the summary, findings and score."""

from __future__ import annotations

import re
from dataclasses import replace

from karib.tone.normalize import expand
from karib.tone.records import (
    Analysis,
    Conversation,
    Finding,
    Marker,
    Summary,
    Turn,
    TurnAnalysis,
    UtteranceScore,
)
from karib.tone.scoring import (
    ACT_ORDER,
    CURT_ACT_LABELS,
    SOFTENERS,
    politeness_of,
    score_utterance,
)

ENGINE_VERSION = "1.1.0"

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
TONE_LOW = 0.55
TREND_DELTA = 0.3
CLOSURE_LABELS = frozenset({"thanks", "wishes", "welcome", "offer_help", "closing"})
CURT_KINDS = "curt"

_AGENT_ENDED_RE = re.compile(
    r"(?:diakhiri|ditutup|diputus|dimatikan|disconnected|ended|terminated|closed|hung\s+up|"
    r"dihentikan)\s+(?:oleh|by)\s+(?:the\s+)?(?:agen|agent|petugas|cs|operator|staff|staf)|"
    r"(?:agen|agent|petugas|operator)\s+(?:menutup|mengakhiri|memutus|ended|hung\s+up|closed|"
    r"disconnected|left)",
    re.IGNORECASE,
)
_NEGATION_START_RE = re.compile(
    r"^\W*(?:tidak|tdk|gak|ga|gk|nggak|ngga|enggak|engga|ndak|nope|no|nah|bukan|jangan)(?!\w)",
    re.IGNORECASE,
)
# Accepting an offer ("nggak apa-apa deh, aku ambil", "no problem, I'll take it", "boleh",
# "oke deal") is no refusal, even when it starts with a negation word.
_ACCEPT_RE = re.compile(
    expand(
        r"(?<![\w'])(?:{tidak}\s*(?:apa-?\s*apa|masalah)|no\s+problem|ambil|boleh|deal|"
        r"setuju|sounds\s+good|that\s+works|i'?ll\s+(?:take|accept|try|have)|let'?s\s+do|"
        r"(?:{mau}|coba)\s+(?:deh|dong|coba)|(?:sure|yes|ok|oke|okay),?\s+(?:please|i'?ll|"
        r"let'?s|deal|boleh|{mau}))(?![\w'])"
    ),
    re.IGNORECASE,
)
_UNFINISHED_RE = re.compile(
    r"(?:\.\.\.|\u2026|[-\u2013\u2014,:]|\b(?:dan|tapi|karena|and|but))\s*$"
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

EXPLANATIONS = {
    "push_after_refusal": {
        "id": "Agen tetap menawarkan retensi {n} kali setelah pelanggan menolak dengan jelas "
        "(giliran {first}).",
        "en": "The agent kept making retention offers {n} time(s) after the customer's clear "
        "refusal (turn {first}).",
    },
    "tone_shift": {
        "id": "Nada agen berubah menjadi ketus setelah penolakan atau tekanan: kesantunan turun "
        "dari {before} ke {after}.",
        "en": "The agent's tone turned curt after the refusal or pressure point: politeness "
        "fell from {before} to {after}.",
    },
    "no_courteous_closure": {
        "id": "Agen menutup percakapan tanpa ucapan terima kasih, salam, atau tawaran bantuan.",
        "en": "The agent closed without thanks, good wishes or an offer of further help.",
    },
    "customer_cut_off": {
        "id": "Percakapan berakhir sebelum pelanggan selesai bicara atau mendapat jawaban.",
        "en": "The conversation ended before the customer could finish or get an answer.",
    },
    "curt_language": {
        "id": "Agen memakai bahasa yang ketus atau merendahkan.",
        "en": "The agent used curt or dismissive language.",
    },
}


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


def _evidence(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


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


def _with_markers(item: TurnAnalysis, extra: list[Marker], acts: set[str]) -> TurnAnalysis:
    markers = tuple(sorted((*item.markers, *extra), key=lambda m: (m.start, m.end)))
    merged = set(item.acts) | acts
    ordered = tuple(a for a in ACT_ORDER if a in merged)
    return replace(item, markers=markers, acts=ordered, politeness=politeness_of(markers))


def analyze(conversation: Conversation, *, lang: str = "id") -> Analysis:
    """Analyse one conversation; explanations in Indonesian (``id``) or English (``en``)."""
    lang = "en" if lang == "en" else "id"
    items = [
        _from_score(t, score_utterance(t.text)) if t.kind == "message" else _blank(t)
        for t in conversation.turns
    ]
    messages = [i for i in items if i.kind == "message"]

    # Cancellation, offers and refusals in context.
    cancel_turns = [
        i.index for i in messages if i.role == "customer" and "cancellation_request" in i.acts
    ]
    first_cancel = cancel_turns[0] if cancel_turns else None
    offers: list[int] = []
    first_refusal: int | None = None
    offer_pending = False
    for position, item in enumerate(items):
        if item.kind != "message" or first_cancel is None or item.index < first_cancel:
            continue
        if item.role == "agent" and "retention_offer" in item.acts:
            offers.append(item.index)
            offer_pending = True
        elif item.role == "customer" and offer_pending:
            explicit = "refusal" in item.acts or "cancellation_request" in item.acts
            accepts = not explicit and _ACCEPT_RE.search(item.text) is not None
            refuses = explicit or (not accepts and _NEGATION_START_RE.match(item.text) is not None)
            if refuses:
                if "refusal" not in item.acts:
                    items[position] = _with_markers(item, [], {"refusal"})
                if first_refusal is None:
                    first_refusal = item.index
            offer_pending = False
    pushes = [i for i in offers if first_refusal is not None and i > first_refusal]

    # Pivot for tone shift: the customer's first clear refusal only. The customer's
    # wording (anger, curtness, negative sentiment) never moves it: the agent's score must
    # not depend on how rude the customer is.
    pivot = first_refusal

    # Dropped address: the agent addressed the customer before the pivot, stops after it;
    # and a short closing without address after an agent who addressed the customer in
    # most earlier turns ("Baik, terima kasih." after "Ibu ... Ibu ...").
    agent_positions = [p for p, i in enumerate(items) if i.role == "agent" and i.kind == "message"]

    def addressed_most(earlier: list[TurnAnalysis]) -> bool:
        addressed = sum(1 for i in earlier if any(m.label == "address" for m in i.markers))
        return bool(earlier) and addressed * 2 >= len(earlier)

    def drop_address(p: int) -> None:
        item = items[p]
        stripped = item.text.strip()
        start = item.text.find(stripped)
        marker = Marker("curt", "dropped_address", stripped, start, start + len(stripped))
        items[p] = _with_markers(item, [marker], set())

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

    agent_items = [items[p] for p in agent_positions]
    agent_politeness = round(_mean([i.politeness for i in agent_items]), 3) if agent_items else 0.5

    # Tone shift.
    tone_shift = False
    before_mean = after_mean = 0.0
    curt_after: list[TurnAnalysis] = []
    if pivot is not None:
        before_items = [i for i in agent_items if i.index < pivot]
        after_items = [i for i in agent_items if i.index > pivot]
        curt_before = any(m.kind == CURT_KINDS for i in before_items for m in i.markers)
        curt_after = [i for i in after_items if any(m.kind == CURT_KINDS for m in i.markers)]
        before_mean = _mean([i.politeness for i in before_items])
        after_mean = _mean([i.politeness for i in after_items])
        dropped = bool(before_items and after_items) and (
            after_mean <= before_mean - TONE_DROP and after_mean < TONE_LOW
        )
        tone_shift = dropped or (bool(curt_after) and not curt_before)
    else:
        # Without a refusal, curtness in a later agent turn is the shift (a terse one-word
        # reply alone is not).
        curt_after = [
            i
            for i in agent_items[1:]
            if any(m.kind == CURT_KINDS and m.label != "one_word" for m in i.markers)
        ]
        tone_shift = bool(curt_after)
        if agent_items:
            before_mean = agent_items[0].politeness
            after_mean = _mean([i.politeness for i in agent_items[1:]]) or before_mean

    # Closure and cut-off.
    last_agent = agent_items[-1] if agent_items else None
    # A closing that also dismisses ("Ya sudah, terima kasih.") is not courteous.
    courteous_closure = (
        last_agent is not None
        and any(m.label in CLOSURE_LABELS for m in last_agent.markers)
        and not any(m.label in CURT_ACT_LABELS for m in last_agent.markers)
    )
    curt_turns = [i for i in agent_items if any(m.label in CURT_ACT_LABELS for m in i.markers)]
    cut_off = False
    cut_turn: int | None = None
    if items:
        tail = items[-1]
        human = [i for i in items if i.kind != "event"]
        if tail.kind == "event" and _AGENT_ENDED_RE.search(tail.text):
            cut_off, cut_turn = True, tail.index
        elif human and human[-1].role == "customer":
            last = human[-1]
            unfinished = not last.text.strip() or _UNFINISHED_RE.search(last.text) is not None
            unanswered = bool(
                {"question", "cancellation_request", "refusal"} & set(last.acts)
            ) and not ({"thanks", "closing"} & set(last.acts))
            if unfinished or unanswered:
                cut_off, cut_turn = True, last.index

    # Customer sentiment trend.
    values = [
        i.sentiment_scores.get("positive", 0.0) - i.sentiment_scores.get("negative", 0.0)
        for i in messages
        if i.role == "customer"
    ]
    if len(values) < 2:
        trend = "unknown"
    else:
        half = len(values) // 2
        delta = _mean(values[len(values) - half :]) - _mean(values[:half])
        trend = (
            "improving"
            if delta > TREND_DELTA
            else "worsening"
            if delta < -TREND_DELTA
            else ("stable")
        )

    score = SCORE_BASE + SCORE_POLITENESS * agent_politeness
    score -= min(PENALTY_PUSH_MAX, PENALTY_PUSH * len(pushes))
    if tone_shift:
        score -= PENALTY_TONE_SHIFT
    if agent_items and not courteous_closure:
        score -= PENALTY_NO_CLOSURE
    if cut_off:
        score -= PENALTY_CUT_OFF
    if curt_turns:
        score -= PENALTY_CURT
    summary = Summary(
        cancellation_request=first_cancel is not None,
        first_refusal_turn=first_refusal,
        retention_offers=tuple(offers),
        pushes_after_refusal=len(pushes),
        tone_shift=tone_shift,
        courteous_closure=courteous_closure,
        customer_cut_off=cut_off,
        agent_politeness=agent_politeness,
        customer_sentiment_trend=trend,
        score=round(min(100.0, max(0.0, score))),
    )

    by_index = {i.index: i for i in items}
    findings: list[Finding] = []
    if pushes:
        findings.append(
            Finding(
                "push_after_refusal",
                "high" if len(pushes) >= 2 else "medium",
                tuple(pushes),
                tuple(_evidence(by_index[i].text) for i in pushes),
                EXPLANATIONS["push_after_refusal"][lang].format(n=len(pushes), first=first_refusal),
            )
        )
    if tone_shift:
        shown = curt_after or [i for i in agent_items if pivot is not None and i.index > pivot]
        curt_words = list(
            dict.fromkeys(
                m.text
                for i in shown
                for m in i.markers
                if m.kind == CURT_KINDS
                and m.text
                and m.label not in ("dropped_address", "one_word")
            )
        )
        findings.append(
            Finding(
                "tone_shift",
                "medium",
                tuple(i.index for i in shown),
                tuple(_evidence(w, 120) for w in curt_words)
                or tuple(_evidence(i.text) for i in shown),
                EXPLANATIONS["tone_shift"][lang].format(
                    before=f"{before_mean:.2f}", after=f"{after_mean:.2f}"
                ),
            )
        )
    if curt_turns:
        words = list(
            dict.fromkeys(
                m.text for i in curt_turns for m in i.markers if m.label in CURT_ACT_LABELS
            )
        )
        rude = any(m.label == "rude" for i in curt_turns for m in i.markers)
        findings.append(
            Finding(
                "curt_language",
                "high" if rude else "medium",
                tuple(i.index for i in curt_turns),
                tuple(_evidence(w, 120) for w in words),
                EXPLANATIONS["curt_language"][lang],
            )
        )
    if last_agent is not None and not courteous_closure:
        findings.append(
            Finding(
                "no_courteous_closure",
                "low",
                (last_agent.index,),
                (_evidence(last_agent.text),),
                EXPLANATIONS["no_courteous_closure"][lang],
            )
        )
    if cut_off and cut_turn is not None:
        findings.append(
            Finding(
                "customer_cut_off",
                "high",
                (cut_turn,),
                (_evidence(by_index[cut_turn].text),),
                EXPLANATIONS["customer_cut_off"][lang],
            )
        )
    return Analysis(
        conversation_id=conversation.conversation_id,
        language=detect_language([i.text for i in messages]),
        summary=summary,
        findings=tuple(findings),
        turns=tuple(items),
    )
