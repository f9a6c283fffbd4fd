"""Per-utterance analysis: markers with spans, acts, politeness and sentiment."""

from __future__ import annotations

import re
from operator import attrgetter

from karib.tone import sentiment as sentiment_model
from karib.tone.cancellation import about_cancelling, polite_request
from karib.tone.lexicon import (
    GROUPS,
    IMPERATIVE_LOWER_RE,
    IMPERATIVE_RE,
    MARKER_DISPATCH,
    WORD_RE,
    is_lowered_question,
    is_question,
    marker_matches,
    marker_re_i,
)
from karib.tone.normalize import LETTER_RUN_RE, ascii_pieces, tokens_of
from karib.tone.pieces import (
    ANCHORED_START,
    CUES,
    DECISION,
    ENGLISH_PIECES,
    IMPERATIVE_START,
    INDONESIAN_PIECES,
    QUESTION_END,
    QUESTION_START,
    STARTS,
    Record,
    looks_english,
    records_of,
    unit_rows,
)
from karib.tone.questions import question_mark
from karib.tone.records import Marker, UtteranceScore, utterance_score
from karib.tone.strategies import find_strategies, load_weights

# Politeness weights per marker label (each label counts once per turn); see docs/tone.md.
POLITE_WEIGHTS: dict[str, float] = {
    "greeting": 0.10,
    "thanks": 0.18,
    "apology": 0.14,
    "please": 0.14,
    "address": 0.12,
    "hedge": 0.10,
    "wishes": 0.15,
    "welcome": 0.12,
    "offer_help": 0.15,
    "empathy": 0.10,
    "religious": 0.12,
}
CURT_WEIGHTS: dict[str, float] = {
    "bare_imperative": 0.25,
    "dismissive": 0.30,
    "blame": 0.35,
    "rude": 0.45,
    "one_word": 0.15,
    "dropped_address": 0.15,
}
BASE_POLITENESS = 0.5
_UNMARKED_POLITENESS = round(min(1.0, max(0.0, BASE_POLITENESS)), 3)  # no marker at all
_QUESTION_ONLY = ("question",)
_TO_CANCEL = ("cancellation_request",)
_ASKED_TO_CANCEL = ("question", "cancellation_request")
_SPAN = attrgetter("start", "end")
SOFTENERS = frozenset({"please", "address", "hedge", "apology", "thanks", "empathy", "religious"})
_THANKS_WORDS = ("kasih", "makasi", "mksh", "thank", "thx", "trims", "tks", "tq")
_THANKS_CARRIERS = frozenset({"refusal", "closing"})
_LABEL_ACTS = {
    "greeting": "greeting",
    "thanks": "thanks",
    "apology": "apology",
    "refusal": "refusal",
    "retention_offer": "retention_offer",
    "cancellation_request": "cancellation_request",
    "closing": "closing",
    "wishes": "closing",
    "welcome": "closing",
}
# An offer of more help that closes: "ada lagi yang bisa dibantu?", "anything else I can help
# with?", "anything else?", "don't hesitate"; not "anything else on the menu you'd like?".
_CLOSING_HELP_RE = re.compile(r"lagi|else|ragu|hesitate|free|senang|glad|happy", re.IGNORECASE)
_ELSE_OPEN_RE = re.compile(r"[\s,;:-]+(?!i\b|we\b|you\b|for\b|today\b)\w", re.IGNORECASE)
ACT_ORDER = (
    "greeting",
    "thanks",
    "apology",
    "question",
    "cancellation_request",
    "refusal",
    "retention_offer",
    "closing",
)


# Elongated letters ("makasiiih", "kakkk", "pleaseee"): markers are matched on a copy with
# every run of 3+ equal letters squeezed to one, and spans are mapped back to the raw text.
_ELONGATED_RE = LETTER_RUN_RE
# A cancellation word is no request when negated ("jangan batalkan", "don't want to
# cancel"), passive ("di-cancel"), about a phone call ("teleponnya ditutup saja") or about
# notifications and newsletters ("nonaktifkan notifikasi", "unsubscribe from the newsletter").
_CANCEL_BLOCK_BEFORE_RE = re.compile(
    r"(?:(?<![\w'])(?:jangan|tidak|tdk|gak|ga|gk|nggak|ngga|enggak|engga|ndak|tak|bukan|"
    r"don'?t|do\s+not|doesn'?t|never|not)\s+(?:[\w']+\s+){0,2}|(?<![\w'])di-|"
    r"(?:telepon|telpon|telp|panggilan|call|phone)\w*\s+)$"
)
_CANCEL_BLOCK_AFTER_RE = re.compile(
    r"\s*(?:from\s+)?(?:the\s+|our\s+|your\s+|my\s+)?(?:[\w-]+\s+)?(?:notifikasi|"
    r"notifications?|newsletters?|e-?mails?|sms|promo|iklan|ads|pengingat|reminders?|alarm)"
    r"(?![\w'])"
)
_REFUSAL_CANCELS_RE = re.compile(r"cancel|close|batal|tutup|berhenti|stop", re.IGNORECASE)
CURT_ACT_LABELS = frozenset({"rude", "blame", "dismissive"})
# Strategy weights are capped on turns carrying a service act (an offer, a request, a
# refusal): the fitted lexicon reads "what", "points" or "no" as impolite requests there.
STRATEGY_ACT_CAP = 0.05
SERVICE_ACTS = frozenset({"retention_offer", "cancellation_request", "refusal"})


def squeeze(lowered: str) -> tuple[str, list[int], list[int]] | None:
    """``lowered`` with 3+ letter runs squeezed to one letter, and per squeezed char its raw
    start and end; None when there is nothing to squeeze."""
    if _ELONGATED_RE.search(lowered) is None:
        return None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for match in _ELONGATED_RE.finditer(lowered):
        for i in range(position, match.start()):
            out.append(lowered[i])
            starts.append(i)
            ends.append(i + 1)
        out.append(match.group(1))
        starts.append(match.start())
        ends.append(match.end())
        position = match.end()
    for i in range(position, len(lowered)):
        out.append(lowered[i])
        starts.append(i)
        ends.append(i + 1)
    return "".join(out), starts, ends


def cancel_blocked(lowered: str, start: int, end: int) -> bool:
    """Whether the cancellation words at ``lowered[start:end]`` are no request: negated,
    passive, about a call or notifications, or a question about the policy, a condition or
    the procedure (``cancellation.about_cancelling``)."""
    window = max(0, start - 40)
    if _CANCEL_BLOCK_BEFORE_RE.search(lowered, window, start) is not None:
        return True
    if about_cancelling(lowered, start, end):  # the conversation pass's rule too
        return True
    return _CANCEL_BLOCK_AFTER_RE.match(lowered, end, min(len(lowered), end + 60)) is not None


def _may_be_english(pieces: list[str]) -> bool:
    """``strategies.looks_english(lower_words(lowered))`` from ``ascii_pieces(lowered)``."""
    english = sum(map(ENGLISH_PIECES.__contains__, pieces))
    return bool(english) and english >= sum(map(INDONESIAN_PIECES.__contains__, pieces))


def find_markers(
    text: str,
    *,
    strategies: bool = True,
    lowered: str | None = None,
    elongated: bool | None = None,
    word_count: int | None = None,
    pieces: list[str] | None = None,
    records: list[Record] | None = None,
) -> list[Marker]:
    """All markers of ``text`` with spans into ``text`` itself.

    With ``strategies`` the English politeness strategies (``strategies.py``) are added as
    markers of kind ``strategy``; they never decide curtness, softeners or one-word replies.
    ``lowered`` (``text.lower()``) and ``elongated`` (whether it has a run of 3+ equal
    letters) and ``word_count`` (``len(WORD_RE.findall(text))``) may be passed when already
    known (``score_utterance`` shares them with the sentiment model's tokenisation), and so
    may ``pieces`` (``normalize.ascii_pieces(lowered)``, when ``lowered`` is ASCII and as
    long as ``text``) and their ``records`` (``pieces.records_of``).
    """
    markers: list[Marker] = []
    labels: set[str] = set()
    starts = IMPERATIVE_START | ANCHORED_START  # (the records of the first piece may tell)
    if lowered is None:
        lowered = text.lower()
    squeezed = None
    if len(lowered) == len(text):
        squeezed = squeeze(lowered) if elongated is not False else None
        if squeezed is not None:
            matches = marker_matches(squeezed[0])
        elif records is not None:
            decisions = list(map(DECISION, records))
            starts = records[0][STARTS] if records else 0
            matches = MARKER_DISPATCH.finditer(lowered, pieces, decisions, starts & ANCHORED_START)
        elif pieces is not None:
            matches = MARKER_DISPATCH.finditer(lowered, pieces)
        else:
            matches = marker_matches(lowered)
    else:
        lowered = text
        pieces = records = None
        matches = list(marker_re_i().finditer(text))
    for match in matches:
        group = match.lastgroup
        if group is None:
            continue
        label, kind = GROUPS[group]
        start, end = match.span()
        if squeezed is not None:
            start, end = squeezed[1][start], squeezed[2][end - 1]
        if label == "cancellation_request" and cancel_blocked(lowered, start, end):
            # "tidak mau berhenti langganan", "I don't want to cancel": the negation that
            # the refusal pattern took ("tidak mau", "I don't want") negates the
            # cancellation, it refuses nothing.
            markers = [
                m
                for m in markers
                if not (m.label == "refusal" and m.end <= start and start - m.end <= 12)
            ]
            labels = {m.label for m in markers}
            continue
        matched = text[start:end]
        markers.append(Marker(kind, label, matched, start, end))
        labels.add(label)
        if label in _THANKS_CARRIERS and any(w in lowered[start:end] for w in _THANKS_WORDS):
            markers.append(Marker("polite", "thanks", matched, start, end))
            labels.add("thanks")
    if not labels & SOFTENERS:
        # (On ASCII text the case-sensitive twin on ``lowered`` gives the same span; it can
        # only match when the text's first two word characters are one of its heads.)
        if records is None or not text.isascii():
            imperative = IMPERATIVE_RE.match(text)
        elif starts & IMPERATIVE_START:
            imperative = IMPERATIVE_LOWER_RE.match(lowered)
        else:
            imperative = None
        if imperative:
            start = imperative.end() - len(imperative.group().lstrip(" \t\n.,!-\"'"))
            markers.append(
                Marker(
                    "curt",
                    "bare_imperative",
                    text[start : imperative.end()],
                    start,
                    imperative.end(),
                )
            )
    if not markers or (all(m.kind == "act" for m in markers) and not labels & SERVICE_ACTS):
        if word_count is None:
            word_count = len(WORD_RE.findall(text))
        # Numbers, links and emoji carry information: "4411", "Rp 250rb", "👍" are no
        # terse replies.
        if 0 < word_count <= 2 and not any(ch.isdigit() or ch in "/@" for ch in text):
            stripped = text.strip()
            start = text.find(stripped)
            markers.append(Marker("curt", "one_word", stripped, start, start + len(stripped)))
    if strategies and (
        pieces is None
        or (
            # (No English function word among the pieces: not English; most turns, in C.)
            not ENGLISH_PIECES.isdisjoint(pieces)
            and (looks_english(records) if records is not None else _may_be_english(pieces))
        )
    ):
        markers.extend(find_strategies(text, lowered))
    if len(markers) > 1:
        markers.sort(key=_SPAN)
    return markers


def hand_delta(markers: list[Marker] | tuple[Marker, ...]) -> float:
    """Sum of the polite minus the curt marker weights, each label counted once."""
    seen: set[str] = set()
    delta = 0.0
    for marker in markers:
        kind = marker.kind
        if kind == "polite":
            if marker.label not in seen:
                seen.add(marker.label)
                delta += POLITE_WEIGHTS.get(marker.label, 0.0)
        elif kind == "curt" and marker.label not in seen:
            seen.add(marker.label)
            delta -= CURT_WEIGHTS.get(marker.label, 0.0)
    return delta


def politeness_of(markers: list[Marker] | tuple[Marker, ...]) -> float:
    """0-1: a base of 0.5, plus polite and minus curt weights (each label counted once),
    plus the fitted English strategy weights (scaled and capped; see ``strategies.py``),
    minus the English strategies weighted like curt hand markers (``StrategyWeights.cue``:
    a bald command)."""
    if not markers:
        return _UNMARKED_POLITENESS
    score = BASE_POLITENESS + hand_delta(markers)
    if any(m.kind == "strategy" for m in markers):
        weights = load_weights()
        change = weights.delta(markers)
        if any(m.label in SERVICE_ACTS for m in markers):
            change = min(STRATEGY_ACT_CAP, max(-STRATEGY_ACT_CAP, change))
        score += change + weights.cue(markers)
    return round(min(1.0, max(0.0, score)), 3)


def acts_of(
    text: str,
    markers: list[Marker] | tuple[Marker, ...],
    lowered: str | None = None,
    cued: bool = True,
    asking: int = QUESTION_START | QUESTION_END,
) -> tuple[str, ...]:
    """The acts of ``text`` given its markers. ``lowered`` may pass ``text.lower()`` when
    ``text`` is ASCII: the question test then runs case-sensitively on it (same answer,
    ``lexicon.is_lowered_question``). ``cued`` False says that ``text`` has none of the cue
    words of ``cancellation.polite_request``, which then finds nothing (not called).
    ``asking`` 0 (with ``lowered``) says that neither the start nor the end of ``text``
    can hold a question word (``pieces.question_bits`` of its first and last pieces): the
    question test is then a "?" in the text (no regex call)."""
    if lowered is None:
        asks, asked = is_question, text
    elif asking:
        asks, asked = is_lowered_question, lowered
    else:
        asks, asked = question_mark, lowered
    if not markers:
        if cued and polite_request(text, lowered) is not None:  # "mohon dibatalkan", ...
            return _ASKED_TO_CANCEL if asks(asked) else _TO_CANCEL
        return _QUESTION_ONLY if asks(asked) else ()
    found = {_LABEL_ACTS[m.label] for m in markers if m.label in _LABEL_ACTS}
    if cued and "cancellation_request" not in found and polite_request(text, lowered) is not None:
        found.add("cancellation_request")
    if any(m.label == "refusal" and _REFUSAL_CANCELS_RE.search(m.text) for m in markers):
        # "No thank you, I'd just like to cancel": the refusal states the request too.
        found.add("cancellation_request")
    if any(
        m.label == "offer_help"
        and _CLOSING_HELP_RE.search(m.text)
        and not (m.text.lower().endswith("else") and _ELSE_OPEN_RE.match(text, m.end) is not None)
        for m in markers
    ):
        found.add("closing")
    if asks(asked):
        found.add("question")
    return tuple(a for a in ACT_ORDER if a in found)


def score_utterance(text: str) -> UtteranceScore:
    """Politeness, sentiment, markers and acts of one utterance (no conversation context)."""
    lowered = text.lower()
    if not lowered.isascii():
        return _score(text, lowered, None)
    # ASCII text is cut into pieces once, for the tokens and for the marker matching.
    pieces = ascii_pieces(lowered)
    if not text.isascii():
        return _score(text, lowered, pieces)
    records = records_of(pieces)
    if records is None:
        return _score(text, lowered, pieces)
    # A plain turn: one record per piece holds everything (``pieces.py``).
    markers = find_markers(
        text,
        lowered=lowered,
        elongated=False,
        word_count=len(pieces),
        pieces=pieces,
        records=records,
    )
    label, scores = sentiment_model.load_model().packed_label_scores(unit_rows(records))
    # (``cancellation.polite_request`` returns None at once unless a piece holds one of its
    # cue words: the records know which do.) The question bits of the first and the last
    # piece tell whether the question test needs more than a "?" (``acts_of``).
    asking = (
        records[0][STARTS] & QUESTION_START | records[-1][STARTS] & QUESTION_END if records else 0
    )
    return _utterance_score(text, markers, scores, lowered, label, any(map(CUES, records)), asking)


def _score(text: str, lowered: str, pieces: list[str] | None) -> UtteranceScore:
    """``score_utterance`` on any text; ``pieces`` are those of ASCII ``lowered``."""
    tokens, elongated, count = tokens_of(lowered, pieces)
    # On ASCII text the raw tokens are WORD_RE's words (same pattern, lower-casing keeps
    # the character classes).
    markers = find_markers(
        text,
        lowered=lowered,
        elongated=elongated,
        word_count=count if text.isascii() else None,
        pieces=pieces if len(lowered) == len(text) else None,
    )
    scores = sentiment_model.load_model().predict_tokens(tokens)
    return _utterance_score(text, markers, scores, lowered if text.isascii() else None)


def _utterance_score(
    text: str,
    markers: list[Marker],
    scores: dict[str, float],
    lowered: str | None = None,
    label: str | None = None,
    cued: bool = True,
    asking: int = QUESTION_START | QUESTION_END,
) -> UtteranceScore:
    """The score of ``text``; ``lowered`` may pass ``text.lower()`` of ASCII text, ``label``
    the sentiment label of ``scores``, ``cued`` False when ``text`` has none of the cue
    words of ``cancellation.polite_request`` and ``asking`` the question bits of its first
    and last pieces (``acts_of``)."""
    if label is None:
        label = max(scores, key=scores.__getitem__)
    if not markers:
        # No marker: the unmarked politeness, and a question or no act (``acts_of``).
        return utterance_score(
            text,
            _UNMARKED_POLITENESS,
            label,
            scores,
            (),
            acts_of(text, markers, lowered, cued, asking),
        )
    if label == "positive" and any(m.label in CURT_ACT_LABELS for m in markers):
        # Curt words ("terserah", "whatever") are never positive: the model, trained on
        # reviews, reads some of them as agreeable. Their positive mass moves to negative.
        label, scores = curt_sentiment(scores)
    return utterance_score(
        text,
        politeness_of(markers),
        label,
        scores,
        tuple(markers),
        acts_of(text, markers, lowered, cued, asking),
    )


def curt_sentiment(scores: dict[str, float]) -> tuple[str, dict[str, float]]:
    """Sentiment of a turn carrying a curt marker that the model read as positive."""
    positive = min(scores.get("positive", 0.0), 0.05)
    negative = scores.get("negative", 0.0) + scores.get("positive", 0.0) - positive
    moved = {
        "positive": round(positive, 4),
        "neutral": scores.get("neutral", 0.0),
        "negative": round(negative, 4),
    }
    label = max(moved, key=lambda k: moved[k])
    return label, moved
