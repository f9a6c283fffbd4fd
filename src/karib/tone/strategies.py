"""English politeness strategies (Danescu-Niculescu-Mizil et al., ACL 2013) as lexical cues.

Each strategy is found with its span in the raw text and reported as a marker of kind
``strategy``. Its signed weight, added to the turn's politeness, was fitted by logistic
regression on the Stack Exchange half of the Stanford Politeness Corpus (CC BY 4.0; see
``data/NOTICE``) by ``scripts/train_tone_models.py`` and ships in ``data/politeness_en.json``.
Strategies are counted once per turn, like the other markers. Indonesian text rarely
triggers them; the Indonesian markers in ``lexicon.py`` keep their own weights.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

from karib.tone.dispatch import Dispatch
from karib.tone.normalize import ascii_pieces
from karib.tone.records import Marker

WEIGHTS_FILE = "politeness_en.json"

# Sentence-initial words (the first word of the text or after . ! ? or a line break).
_START_RE = re.compile(r"(?:^|[.!?\n])[\s\"'(*>-]*([a-z]+(?:'[a-z]+)?)")
START_WORDS: dict[str, str] = {
    "please": "please_start",
    "pls": "please_start",
    "plz": "please_start",
    "so": "direct_start",
    "then": "direct_start",
    "and": "direct_start",
    "but": "direct_start",
    "or": "direct_start",
    "what": "direct_question",
    "why": "direct_question",
    "who": "direct_question",
    "how": "direct_question",
    "where": "direct_question",
    "when": "direct_question",
    "which": "direct_question",
    "great": "deference",
    "good": "deference",
    "nice": "deference",
    "interesting": "deference",
    "cool": "deference",
    "excellent": "deference",
    "awesome": "deference",
    "i": "first_person_start",
    "i'm": "first_person_start",
    "i've": "first_person_start",
    "i'd": "first_person_start",
    "i'll": "first_person_start",
    "my": "first_person_start",
    "you": "second_person_start",
    "you're": "second_person_start",
    "you've": "second_person_start",
    "you'd": "second_person_start",
    "you'll": "second_person_start",
    "your": "second_person_start",
    "hi": "greeting_start",
    "hello": "greeting_start",
    "hey": "greeting_start",
    "do": "yes_no_start",
    "does": "yes_no_start",
    "did": "yes_no_start",
    "is": "yes_no_start",
    "are": "yes_no_start",
    "was": "yes_no_start",
    "have": "yes_no_start",
    "has": "yes_no_start",
}
# Bald on-record requests (Brown & Levinson 1987), the direct end of the request scale. Their
# weights come from Stack Exchange like the others'.
# - bare_command: a sentence that opens with a bare base-form request verb ("Set a reminder
#   ...", "show me the bill", "Explain why ..."; the "bare command" of Yeomans, Kantor &
#   Tingley 2018, here without a tagger: common request verbs that are rarely a sentence's
#   first noun). Words of START_WORDS ("do", "please") keep their own strategy.
# - want_statement: a want stated in the first person ("I need ...", "I want ...", "I'm in
#   need of ..."; on Stack Exchange it leans slightly polite: "I want to know ..." against a
#   bare direct question).
COMMAND_LABEL = "bare_command"
COMMAND_VERBS = frozenset(
    """add answer book bring call cancel change check choose close delete describe
    explain find fix get give go help keep let list look make move navigate note open order
    pick provide put read reboot remind remove repeat reply reschedule restart resend run
    schedule see send set show stop take tell try turn update use write""".split()  # noqa: SIM905 - a word list
)
# - bald_command: a bare_command in a turn with no softening strategy (please, a modal
#   question, thanks, an apology, a greeting, a hedge, deference): the command is the whole
#   request ("Set a reminder for 6 pm.", "Stop reverting my edits.").
#   "Let me check ..." offers rather than orders (OFFER_VERBS); a turn with a polite hand
#   marker (an address, wishes, an offer of help) is no bald command either (``cue``).
BALD_LABEL = "bald_command"
OFFER_VERBS = frozenset({"let"})
SOFTENING_LABELS = frozenset(
    {
        "please_start",
        "please_en",
        "please_end",
        "counterfactual_modal",
        "indicative_modal",
        "gratitude",
        "apologizing",
        "greeting_start",
        "hedge_en",
        "deference",
        "indirect_btw",
    }
)
# - please_end: a "please" that closes its sentence ("One latte, please.", "Can you explain
#   please?"): in a service register the courtesy of an order; on Stack Exchange a "please"
#   after the request leans impolite less than one inside it.
PLEASE_END_LABEL = "please_end"
_PLEASE_END_RE = re.compile(r"(?<![\w'])(?:please|pls|plz)(?=\s*(?:[.!?]+(?:\s|$)|$))")
_PLEASE_END_RE_I = re.compile(_PLEASE_END_RE.pattern, re.IGNORECASE)
WANT_LABEL = "want_statement"
_WANT_RE = re.compile(
    r"(?<![\w'])(?:i|we)(?:\s+(?:really|just|still|also|only))?\s+(?:need|want|wanna)(?![\w'])|"
    r"(?<![\w'])i'?m\s+in\s+need(?![\w'])"
)
_WANT_RE_I = re.compile(_WANT_RE.pattern, re.IGNORECASE)

# The direction of each strategy in politeness theory (Brown & Levinson 1987) and in the
# corpus paper's analysis (Danescu-Niculescu-Mizil et al. 2013, Table 3): +1 polite, -1
# impolite. Stack Exchange alone fits some of them the other way round ("please" inside a
# request impolite, "Please ..." at the start polite), which does not carry over to other
# registers; ``scripts/train_tone_models.py`` can keep such a strategy out (``directed``).
DIRECTIONS: dict[str, int] = {
    "gratitude": 1,
    "deference": 1,
    "greeting_start": 1,
    "positive_lexicon": 1,
    "apologizing": 1,
    "please_en": 1,
    "please_end": 1,
    "indirect_btw": 1,
    "counterfactual_modal": 1,
    "indicative_modal": 1,
    "hedge_en": 1,
    "first_person_start": 1,
    "first_person_plural": 1,
    "first_person": 1,
    "second_person": 1,
    "negative_lexicon": -1,
    "please_start": -1,
    "direct_question": -1,
    "direct_start": -1,
    "second_person_start": -1,
    "factuality": -1,
    "bare_command": -1,
    "bald_command": -1,
}


_HEDGES = (
    r"think|thought|suggest(?:ed|ing)?|guess|maybe|perhaps|probably|possibly|apparently|"
    r"seem(?:s|ed|ingly)?|assum(?:e|ed|ing)|suppos(?:e|ed|edly)|somewhat|sort\s+of|kind\s+of|"
    r"a\s+bit|a\s+little|likely|unlikely|i\s+believe|i\s+feel|i\s+wonder(?:ed)?|"
    r"wondering|might|not\s+sure|unsure|fairly|rather|presumably|i\s+hope|hopefully"
)
_POSITIVE = (
    r"great|good|nice|awesome|excellent|helpful|interesting|glad|happy|love|cool|wonderful|"
    r"best|perfect|fantastic|amazing|brilliant|correct|right|useful|kind|clever|elegant|"
    r"welcome|fine|neat|clear|works?|solved|agree|better|well|enjoy(?:ed)?|impressive|"
    r"valuable|smart|beautiful|thorough|detailed"
)
_NEGATIVE = (
    r"wrong|bad|problems?|errors?|fail(?:s|ed|ing|ure)?|stupid|useless|terrible|awful|"
    r"horrible|ugly|hate|worst|broken|nonsense|confus(?:ed|ing)|annoying|ridiculous|"
    r"pointless|silly|weird|mess|crap|hell|damn|idiot\w*|lazy|obviously|clearly|simply|"
    r"irrelevant|incorrect|invalid|bug(?:gy|s)?|doesn'?t\s+work|not\s+working|poor|"
    r"worse|difficult|hard|impossible|unfortunately|issue|complain\w*|waste|duplicate|"
    r"downvot\w*|close\s+vote|off[\s-]topic"
)
# (label, pattern) matched on lower-cased text between word boundaries; first wins.
PHRASES: tuple[tuple[str, str], ...] = (
    ("indirect_btw", r"by\s+the\s+way|btw"),
    ("counterfactual_modal", r"(?:could|would)\s+(?:you|u)"),
    ("indicative_modal", r"(?:can|will)\s+(?:you|u)"),
    ("gratitude", r"thanks?|thank\s+you|thx|ty|(?:i|we)\s+appreciate|appreciated|grateful"),
    (
        "apologizing",
        r"sorry|woops|oops|(?:i|we)\s+apologi[sz]e|apologies|forgive\s+me|excuse\s+me|"
        r"my\s+bad|pardon",
    ),
    ("factuality", r"in\s+fact|actually|the\s+(?:point|reality|truth)|really|indeed|of\s+course"),
    ("hedge_en", _HEDGES),
    ("please_en", r"please|pls|plz"),
    ("first_person_plural", r"we|us|our|ours|ourselves|let'?s"),
    ("first_person", r"i|me|my|mine|myself|i'm|i've|i'd|i'll"),
    ("second_person", r"you|your|yours|yourself|yourselves|you're|you've|you'd|you'll|u|ur"),
    ("positive_lexicon", _POSITIVE),
    ("negative_lexicon", _NEGATIVE),
)
# Start-of-sentence strategies take the place of their anywhere counterparts at that spot.
_START_SHADOWS = {
    "please_start": "please_en",
    "first_person_start": "first_person",
    "second_person_start": "second_person",
}
_SHADOWED = frozenset(_START_SHADOWS.values())


def _compile() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    parts = []
    groups: dict[str, str] = {}
    for number, (label, pattern) in enumerate(PHRASES):
        group = f"s{number}"
        groups[group] = label
        parts.append(f"(?P<{group}>{pattern})")
    combined = r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])"
    return re.compile(combined), re.compile(combined, re.IGNORECASE), groups


PHRASE_RE, PHRASE_RE_I, _GROUPS = _compile()
PHRASE_DISPATCH = Dispatch([(f"s{n}", pattern) for n, (_, pattern) in enumerate(PHRASES)])
_START_RE_I = re.compile(_START_RE.pattern, re.IGNORECASE)
WORD_RE = re.compile(r"(?<![\w'])[a-z]+(?:'[a-z]+)?(?![\w'])", re.IGNORECASE)
_WORD_RE_LOWER = re.compile(WORD_RE.pattern)
LABELS: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            *(label for label, _ in PHRASES),
            *START_WORDS.values(),
            COMMAND_LABEL,
            WANT_LABEL,
            BALD_LABEL,
            PLEASE_END_LABEL,
        ]
    )
)


def find_strategies(text: str, lowered: str | None = None, *, words: bool = True) -> list[Marker]:
    """The English strategy markers of ``text``: each strategy label once (its first
    occurrence), then each distinct word of the fitted lexicon (``polite_word`` /
    ``impolite_word``) unless ``words`` is false.

    ``lowered`` is ``text.lower()`` when that keeps the length (spans stay valid). Only a
    turn that reads as English (``looks_english``) gets them: the cues and weights were
    fitted on English requests and would misfire on Indonesian words (``main``, ``menu``).
    """
    if lowered is not None and len(lowered) == len(text):
        tokens = lower_words(lowered)
        cased = False
    else:
        tokens = [w.lower() for w in WORD_RE.findall(text)]
        cased = True
    if not looks_english(tokens):
        return []
    if cased:
        starts, source = _START_RE_I, text
        phrases = list(PHRASE_RE_I.finditer(text))
    else:
        starts, source = _START_RE, text.lower() if lowered is None else lowered
        phrases = PHRASE_DISPATCH.finditer(source)
    found: dict[str, Marker] = {}
    start_spans: set[int] = set()
    for match in starts.finditer(source):
        first = match.group(1).lower()
        label = START_WORDS.get(first)
        if label is None:
            if first not in COMMAND_VERBS or COMMAND_LABEL in found:
                continue
            label = COMMAND_LABEL
        begin, end = match.span(1)
        start_spans.add(begin)
        if label not in found:
            found[label] = Marker("strategy", label, text[begin:end], begin, end)
    for match in phrases:
        group = match.lastgroup
        if group is None:
            continue
        label = _GROUPS[group]
        begin, end = match.span()
        if label in found or (begin in start_spans and label in _SHADOWED):
            continue
        found[label] = Marker("strategy", label, text[begin:end], begin, end)
    # Most turns have neither word: one substring test each spares the regex scan.
    probe = source.lower() if cased else source
    want = None
    if "need" in probe or "wan" in probe:
        want = (_WANT_RE_I if cased else _WANT_RE).search(source)
    if want is not None:
        begin, end = want.span()
        found[WANT_LABEL] = Marker("strategy", WANT_LABEL, text[begin:end], begin, end)
    if "pl" in probe:
        closing = (_PLEASE_END_RE_I if cased else _PLEASE_END_RE).search(source)
        if closing is not None and closing.start() not in start_spans:
            begin, end = closing.span()
            marker = Marker("strategy", PLEASE_END_LABEL, text[begin:end], begin, end)
            anywhere = found.get("please_en")
            if anywhere is not None and anywhere.start == begin:
                # The closing "please" takes the place of its anywhere counterpart.
                del found["please_en"]
            found[PLEASE_END_LABEL] = marker
    command = found.get(COMMAND_LABEL)
    if (
        command is not None
        and found.keys().isdisjoint(SOFTENING_LABELS)
        and command.text.lower() not in OFFER_VERBS
    ):
        found[BALD_LABEL] = Marker("strategy", BALD_LABEL, command.text, command.start, command.end)
    markers = list(found.values())
    if words:
        lexicon = load_weights().words
        if cased:
            seen: set[str] = set()
            for match in WORD_RE.finditer(source):
                word = match.group().lower()
                if word in seen or word not in lexicon:
                    continue
                seen.add(word)
                begin, end = match.span()
                markers.append(_word_marker(text, word, lexicon[word], begin, end))
        else:
            # Distinct lexicon words in text order; each one's first occurrence is the first
            # boundary-delimited match of the word itself (exactly where WORD_RE finds it).
            for word in dict.fromkeys(tokens):
                weight = lexicon.get(word)
                if weight is None:
                    continue
                found_at = _word_pattern(word).search(source)
                if found_at is not None:
                    begin, end = found_at.span()
                    markers.append(_word_marker(text, word, weight, begin, end))
    return markers


def _word_marker(text: str, word: str, weight: float, begin: int, end: int) -> Marker:
    label = "polite_word" if weight > 0 else "impolite_word"
    return Marker("strategy", label, text[begin:end], begin, end)


def lower_words(lowered: str) -> list[str]:
    """Exactly ``_WORD_RE_LOWER.findall(lowered)``. On ASCII text a match is a whole piece
    (``normalize.ascii_pieces``: the boundary checks look at ``\\w`` and ``'`` only), so
    the words are the pieces of letters (and one inner apostrophe)."""
    if not lowered.isascii():
        return _WORD_RE_LOWER.findall(lowered)
    pieces = ascii_pieces(lowered)
    if "'" not in lowered:
        return list(filter(str.isalpha, pieces))
    return [p for p in pieces if p.isalpha() or _APOSTROPHE_WORD_RE.fullmatch(p) is not None]


_APOSTROPHE_WORD_RE = re.compile(r"[a-z]+'[a-z]+")


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])" + re.escape(word) + r"(?![\w'])")


def squash(value: float, cap: float) -> float:
    """``value`` for small values, smoothly bounded by +-``cap`` (no ties at the bounds)."""
    return cap * math.tanh(value / cap)


# Articles, prepositions and the copula stay out of the fitted lexicon: they would clutter
# the markers with cues nobody can act on (other function words keep their fitted weights).
STOPWORDS = frozenset(
    """a an the and or of to in on at by for from with as is are was were be it its this
    that""".split()  # noqa: SIM905 - a word list
)


# Function words that tell English from Indonesian turns (Indonesian chat mixes in English
# nouns and verbs, rarely English function words).
ENGLISH_FUNCTION_WORDS = frozenset(
    """the a an i you your my me we our us is are was were be been to of and for it this
    that please thanks thank could would can will what why how do does did not no have
    has with i'm i'd i've i'll you're don't can't it's there here just any some about if
    so but or on in at by from""".split()  # noqa: SIM905 - a word list
)
INDONESIAN_FUNCTION_WORDS = frozenset(
    """yang dan saya tidak ini itu untuk dengan ada mau sudah bisa kami anda ya kak terima
    kasih apa akan tolong mohon baik bapak ibu gak nggak ga aja dong sih udah di ke dari
    juga lagi kalau kalo tapi karena atau belum sama aku kamu nya deh kok nih lho pak bu
    mbak mas gimana kenapa banget bgt yg utk""".split()  # noqa: SIM905 - a word list
)


def looks_english(tokens: list[str]) -> bool:
    """At least one English function word and no fewer than Indonesian ones."""
    english = sum(map(ENGLISH_FUNCTION_WORDS.__contains__, tokens))
    if not english:
        return False
    return english >= sum(map(INDONESIAN_FUNCTION_WORDS.__contains__, tokens))


def english_words(lowered: str) -> set[str]:
    """The distinct lexicon-candidate words of lower-cased text, none unless it reads as
    English (training helper; mirrors ``find_strategies``)."""
    tokens = lower_words(lowered)
    if not looks_english(tokens):
        return set()
    return set(tokens) - STOPWORDS


class StrategyWeights:
    """Fitted weights (logit units), the scale that maps their sum into politeness and the
    cuts of the binary reading per language (``reads_polite``). ``hand`` holds strategies
    weighted like curt hand markers instead (politeness points, not fitted; see ``cue``)."""

    __slots__ = ("cap", "cuts", "hand", "scale", "strategies", "words")

    def __init__(
        self,
        scale: float,
        cap: float,
        strategies: dict[str, float],
        words: dict[str, float],
        cuts: dict[str, float] | None = None,
        hand: dict[str, float] | None = None,
    ) -> None:
        self.scale = scale
        self.cap = cap
        self.strategies = strategies
        self.words = words
        self.cuts = cuts or {}
        self.hand = hand or {}

    def delta(self, markers: list[Marker] | tuple[Marker, ...]) -> float:
        """Politeness change of the strategy markers: cap x tanh(scale x sum / cap), i.e.
        scale x (sum of weights) for small sums, smoothly bounded by +-cap. A turn with a
        curtness marker (or a strategy of ``hand`` and no polite hand marker) can only lose
        from its strategies:
        curtness is decided by the hand-written markers and no fitted cue excuses it."""
        curt = bald = polite = False
        total = 0.0
        seen: set[str] = set()
        hand = self.hand
        for marker in markers:
            kind = marker.kind
            if kind != "strategy":
                curt = curt or kind == "curt"
                polite = polite or kind == "polite"
                continue
            if marker.label in ("polite_word", "impolite_word"):
                key = "w:" + marker.text.lower()
                weight = self.words.get(marker.text.lower(), 0.0)
            elif marker.label in hand:
                bald = True
                continue
            else:
                key = marker.label
                weight = self.strategies.get(marker.label, 0.0)
            if key in seen:
                continue
            seen.add(key)
            total += weight
        change = squash(self.scale * total, self.cap)
        return min(0.0, change) if curt or (bald and not polite) else change

    def cue(self, markers: list[Marker] | tuple[Marker, ...]) -> float:
        """Politeness change of the strategies weighted as curt hand markers (``hand``):
        minus the largest such weight; none when a hand ``bare_imperative`` marker already
        counts the same command, or a polite hand marker softens it."""
        hand = self.hand
        if not hand:
            return 0.0
        weight = 0.0
        for marker in markers:
            if marker.label == "bare_imperative" or marker.kind == "polite":
                return 0.0
            if marker.kind == "strategy" and marker.label in hand:
                weight = max(weight, hand[marker.label])
        return -weight


@lru_cache(maxsize=1)
def load_weights() -> StrategyWeights:
    """The shipped weights, loaded once per process."""
    blob = resources.files("karib.tone").joinpath("data", WEIGHTS_FILE).read_text("utf-8")
    data = json.loads(blob)
    return StrategyWeights(
        float(data["scale"]),
        float(data["cap"]),
        {str(k): float(v) for k, v in data["strategies"].items()},
        {str(k): float(v) for k, v in data["words"].items()},
        {str(k): float(v) for k, v in data.get("cuts", {}).items()},
        {str(k): float(v) for k, v in data.get("hand", {}).items()},
    )


def reads_polite(text: str, politeness: float) -> bool:
    """The binary reading of a turn's politeness (polite against impolite, the task of
    Danescu-Niculescu-Mizil et al. 2013): at or above the cut of the scale the turn's score
    is on.

    A turn with a fitted English cue that carries weight (a strategy or a lexicon word of
    ``find_strategies``) is on the fitted scale and takes the ``english`` cut; any other
    turn (not read as English, or English with hand markers only: "One latte, please.")
    is on the narrower hand-marker scale and takes the ``other`` cut, the one Stack Exchange
    fits for the hand-marker score alone. Both are in ``data/politeness_en.json``
    (``scripts/train_tone_models.py``; docs/tone-history.md, "Politeness, engine 2.3")."""
    weights = load_weights()
    fitted = any(_fitted_weight(weights, m) for m in find_strategies(text))
    return politeness >= weights.cuts["english" if fitted else "other"]


def _fitted_weight(weights: StrategyWeights, marker: Marker) -> float:
    if marker.label in ("polite_word", "impolite_word"):
        return weights.words.get(marker.text.lower(), 0.0)
    return weights.strategies.get(marker.label, 0.0)
