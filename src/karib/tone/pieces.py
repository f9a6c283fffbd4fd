"""Per-piece records: the fast path of ``score_utterance`` on plain ASCII turns.

An ASCII turn is cut into pieces (``normalize.ascii_pieces``); when each piece is one raw
token (no ``_``, at most one inner ``'``), the pieces are its tokens. Everything the
per-utterance analysis needs of a piece is then a pure function of the piece, so it is
computed once per distinct piece and kept in one record: its normalised token, the sentiment
model's row of that token and its bigram rows by right neighbour (packed as 4 doubles each,
``sentiment.packed``: one object per row instead of a tuple of 4 floats, so a turn's sums
read fewer cache lines), the marker dispatch's decision for the piece, and whether it is an
English or an Indonesian function word (``strategies.looks_english``). A long turn then
costs one look-up per piece instead of one per piece and per stage.

Pieces that are not one raw token (``rock'n'roll``, ``a_b``), that do not normalise to
exactly one token (slang such as ``makasih`` -> ``terima kasih``) or that have a run of 3+
equal letters (the marker matching squeezes those) get no record: turns holding one take the
general path.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter
from typing import Final, cast

from karib.tone.cancellation import POLITE_CUE_PAIR, POLITE_CUES
from karib.tone.dispatch import NARROW_FROM, heads_of, split_top
from karib.tone.features import NEGATORS, negated
from karib.tone.filters import HEAD
from karib.tone.lexicon import IMPERATIVE_LOWER_RE, MARKER_DISPATCH, is_lowered_question
from karib.tone.normalize import LETTER_RUN_RE, is_token, normal_form
from karib.tone.questions import QUESTION_PARTS
from karib.tone.sentiment import NO_PACKED_RIGHTS, load_model, packed
from karib.tone.strategies import ENGLISH_FUNCTION_WORDS, INDONESIAN_FUNCTION_WORDS, lower_words

RECORD_LIMIT = 200_000
# (token, row, rights, decision, language, cued, starts): see ``_record``. The rows are
# packed (``sentiment.packed``).
Record = tuple[str, bytes, dict[str, bytes], "re.Pattern[str] | bool", int, bool, int]
TOKEN = itemgetter(0)
DECISION = itemgetter(3)
LANGUAGE = itemgetter(4)
CUES = itemgetter(5)
STARTS: Final = 6
# What a turn's first piece allows at the turn's start (``dispatch.may_start``), as bits of
# the record's ``starts``: the imperative (``lexicon.IMPERATIVE_LOWER_RE``), and the
# start-anchored marker alternatives (``Dispatch.anchored``). A turn whose first piece
# allows neither skips both regex calls.
IMPERATIVE_START = 1
ANCHORED_START = 2
# The question test (``lexicon.is_lowered_question``): QUESTION_START when the piece, as a
# turn's first piece, may start a question word (its start part), QUESTION_END when, as a
# turn's last piece, it may end one (its end part). A plain turn whose first piece has no
# QUESTION_START and whose last piece has no QUESTION_END is a question exactly when it
# holds a "?" (``scoring.acts_of``).
QUESTION_START = 4
QUESTION_END = 8
IMPERATIVE_HEADS = heads_of(IMPERATIVE_LOWER_RE.pattern)
# The language field counts an English function word as 1 and an Indonesian one as
# INDONESIAN: one sum over a turn's records gives both counts.
INDONESIAN = 1 << 40

# ``strategies.looks_english`` counts function words among ``lower_words(lowered)``; on
# ASCII text those are the pieces that are letters (with one inner apostrophe), so counting
# the function words that are such words among the pieces gives the same counts.
ENGLISH_PIECES = frozenset(w for w in ENGLISH_FUNCTION_WORDS if lower_words(w) == [w])
INDONESIAN_PIECES = frozenset(w for w in INDONESIAN_FUNCTION_WORDS if lower_words(w) == [w])

# ``cancellation.polite_request`` looks further only when the lower-cased text holds one of
# its cue words, or both of its pair ("end" and "my"). Each is letters only, so on ASCII
# text it lies inside one piece: a turn none of whose pieces holds one of them is no polite
# request. (The words are cancellation.py's own constants.)
CUE_WORDS = (*POLITE_CUES, *POLITE_CUE_PAIR)
_CUE_RE = re.compile("|".join(CUE_WORDS))

_RECORDS: dict[str, Record | bool] = {}
# A new piece's marker decision is the dispatch's own (``Dispatch.decision``) unless that
# would narrow a long pair alternation (``Dispatch._narrowed``: per-alternative filters and
# a narrow alternation compiled for the piece, about 1 ms, most of a cold pass). Such a
# piece is first tried with the whole pair alternation (``_Pending``): the same match, since
# narrowing only drops alternatives that cannot match at the piece. On its NARROW_AFTER-th
# try the dispatch narrows it and its record takes the narrowed decision, so a piece tried
# again and again costs what it cost before, and a piece seen once compiles nothing.
NARROW_AFTER = 2
DECISION_FIELD: Final = 3


class _Pending:
    """The marker decision of a new piece whose narrowing waits for its NARROW_AFTER-th try
    (see above). ``Dispatch.finditer`` uses a decision only by its truth and ``match``."""

    __slots__ = ("key", "piece", "tries", "whole")

    def __init__(self, piece: str, whole: re.Pattern[str]) -> None:
        self.piece = piece
        self.whole = whole
        self.key = piece  # (the record's key, set by ``_record``)
        self.tries = 0

    def match(self, lowered: str, position: int) -> re.Match[str] | None:
        self.tries += 1
        if self.tries >= NARROW_AFTER:
            # The dispatch's decision from now on (it caches it); the record takes it, unless
            # the records were reset or the piece's record replaced meanwhile.
            decided = MARKER_DISPATCH.decision(self.piece)
            record = _RECORDS.get(self.key)
            if isinstance(record, tuple) and cast("object", record[DECISION_FIELD]) is self:
                _RECORDS[self.key] = (*record[:DECISION_FIELD], decided, *record[4:])
        return self.whole.match(lowered, position)


def settled(decision: re.Pattern[str] | bool) -> re.Pattern[str] | bool:
    """A record's marker decision as the dispatch decides it (a pending one narrowed)."""
    if isinstance(decision, _Pending):
        return MARKER_DISPATCH.decision(decision.piece)
    return decision


def _decision(piece: str) -> re.Pattern[str] | bool:
    """``MARKER_DISPATCH.decision(piece)``, or a ``_Pending`` where that would narrow: the
    steps of ``Dispatch._decide`` up to the narrowing. (The pending decision stands in for a
    pattern: only ``match`` is called on it.)"""
    dispatch = MARKER_DISPATCH
    if dispatch.pieces is None or len(piece) < HEAD:
        return dispatch.decision(piece)
    whole = dispatch.two.get(piece[:HEAD]) or dispatch.one.get(piece[0])
    if whole is None or len(whole.pattern) < NARROW_FROM:
        return dispatch.decision(piece)  # nothing to narrow (no compile)
    if dispatch.pieces.fullmatch(piece) is None:
        return False
    return cast("re.Pattern[str]", _Pending(piece, whole))


def clear_cache() -> None:
    """Forget every record (the state of a fresh process)."""
    _RECORDS.clear()


def records_of(pieces: list[str]) -> list[Record] | None:
    """The records of ``pieces`` (pieces of a plain turn), or None when one has none."""
    records = list(map(_RECORDS.get, pieces))
    if not all(records):
        if False in records:
            return None  # a piece known to have no record
        get = _RECORDS.get
        # (A new piece seen twice in the turn is made once: the second look-up finds it.)
        records = [
            found if found is not None else get(piece) or _record(piece)
            for piece, found in zip(pieces, records, strict=True)
        ]
        if not all(records):
            return None
    return records  # type: ignore[return-value]  # all records, none False


def unit_rows(records: list[Record]) -> list[bytes]:
    """The unit rows of a plain turn for ``SentimentModel.packed_scores``, in the order of
    ``SentimentModel.predict_tokens`` (the sums depend on it): each distinct token's row in
    first-occurrence order, the word row of each further occurrence in sorted token order,
    each known bigram's row in text order, then each known negated word's row in text order
    (``features.negated``). One pass over the records gathers the first three (no look-up
    in the model's large tables but the bigrams of each token); the negated words take a
    second pass when the turn has a negator."""
    model = load_model()
    rows: list[bytes] = []
    further: list[str] = []
    pairs: list[bytes] = []
    seen: set[str] = set()
    rights: dict[str, bytes] = NO_PACKED_RIGHTS
    for token, row, after, _, _, _, _ in records:
        if token in seen:
            further.append(token)
        else:
            seen.add(token)
            rows.append(row)
        if token in rights:  # (no method call: most tokens have bigram rows to look in)
            pairs.append(rights[token])
        rights = after
    if further:
        # In the sorted tokens every token equal to its predecessor is one more occurrence:
        # the further occurrences, sorted, are that sequence.
        further.sort()
        rows += filter(None, map(model.packed_words.get, further))
    rows += pairs
    if not NEGATORS.isdisjoint(seen):
        # A negation scope (most turns have no negator: no second pass).
        rows += filter(None, map(model.packed_negs.get, negated(list(map(TOKEN, records)))))
    return rows


def looks_english(records: list[Record]) -> bool:
    """``strategies.looks_english`` of the turn whose pieces have ``records``."""
    total = sum(map(LANGUAGE, records))
    english = total % INDONESIAN
    return bool(english) and english >= total // INDONESIAN


_Q_START, _Q_END, _ = QUESTION_PARTS[is_lowered_question]
_WORDS = r"(?:[a-z]+|\(\?:[a-z]+(?:\|[a-z]+)*\))"
_SPACED = r"([a-z]+)\\s\+" + _WORDS


def _alternatives(pattern: str, before: str, after: str) -> list[str] | None:
    """The top-level alternatives of ``pattern`` = before + "(?:" + alternation + ")" +
    after, or None when it is not so written."""
    head, tail = before + "(?:", ")" + after
    if not (pattern.startswith(head) and pattern.endswith(tail)):
        return None
    return split_top(pattern[len(head) : -len(tail)])


def _question_words() -> tuple[frozenset[str] | None, bool]:
    """What the question bits need to be exact: the first words of the start part's
    alternatives that go on after a space ("di" of "di\\s+mana": a first piece "di" may
    start one), None when an alternative is neither letters nor such words (then every
    first piece gets QUESTION_START); and whether every alternative of the end part is
    letters (a match then lies inside the last piece, so searching that piece alone tells)."""
    spaced: set[str] | None = set()
    starts = _alternatives(_Q_START.pattern, r"^\W*", r"(?!\w)")
    for alternative in starts or [""]:
        found = re.fullmatch(_SPACED, alternative)
        if found is not None and spaced is not None:
            spaced.add(found[1])
        elif re.fullmatch(_WORDS, alternative) is None:
            spaced = None
    ends = _alternatives(_Q_END.pattern, r"(?<![\w'])", r"\W*$")
    letters = ends is not None and all(re.fullmatch(_WORDS, a) for a in ends)
    return (None if spaced is None else frozenset(spaced)), letters


_SPACED_FIRSTS, _END_LETTERS = _question_words()
# Cheap tests before the regex calls (the cold pass makes a record per new piece): the
# start part's heads (``filters.start_heads``), and the last two letters of its end part's
# words (a word of letters ends the piece but for "'"s).
_Q_HEADS = heads_of(_Q_START.pattern)
_END_WORDS = re.findall("[a-z]+", _Q_END.pattern.removeprefix(r"(?<![\w'])"))
_END_TAILS = frozenset(w[-HEAD:] for w in _END_WORDS) if min(map(len, _END_WORDS)) >= HEAD else None


def question_bits(piece: str) -> int:
    """The QUESTION_START and QUESTION_END bits of ``piece`` (a piece of ASCII lower-cased
    text). The separators before a turn's first piece and after its last are no word
    characters, so the start part matches the turn's start where it matches the first
    piece's (or, for a spaced alternative, the piece is its first word), and the end part
    matches at the turn's end where it matches at the last piece's (a word of letters lies
    inside one piece and may be followed by "'" only). A piece of "'" only gets both bits."""
    if not piece.strip("'"):
        return QUESTION_START | QUESTION_END  # no word character: the next piece decides
    bits = 0
    if (
        _SPACED_FIRSTS is None
        or piece in _SPACED_FIRSTS
        or (
            (_Q_HEADS is None or len(piece) < HEAD or piece[0] == "'" or piece[:HEAD] in _Q_HEADS)
            and _Q_START.match(piece) is not None
        )
    ):
        bits |= QUESTION_START
    if not _END_LETTERS or (
        (_END_TAILS is None or piece.rstrip("'")[-HEAD:] in _END_TAILS)
        and _Q_END.search(piece) is not None
    ):
        bits |= QUESTION_END
    return bits


@lru_cache(maxsize=1)
def _start_bits() -> tuple[dict[str, int], int]:
    """The ``starts`` bits by two-character head, and those of any other head (the bit of a
    pattern whose heads are not known is always set). Computed on first use: it reads the
    marker dispatch's tables, which are built on first use too (not at import)."""
    anchored = MARKER_DISPATCH.anchored_heads
    unknown = IMPERATIVE_START * (IMPERATIVE_HEADS is None) | ANCHORED_START * (anchored is None)
    bits: dict[str, int] = {}
    for heads, bit in ((IMPERATIVE_HEADS, IMPERATIVE_START), (anchored, ANCHORED_START)):
        for head in heads or ():
            bits[head] = bits.get(head, unknown) | bit
    return bits, unknown


# (A first piece shorter than a head, or starting with "'", cannot tell: both bits.)
_ALL_STARTS = IMPERATIVE_START | ANCHORED_START


def _record(piece: str) -> Record | bool:
    record: Record | bool = False
    key = piece
    normal = normal_form(piece) if piece.isalnum() or is_token(piece) else ()
    if (
        MARKER_DISPATCH.pieces is not None
        and len(normal) == 1
        and normal[0]
        and LETTER_RUN_RE.search(piece) is None
    ):
        token = normal[0]
        model = load_model()
        start_bits, other_starts = _start_bits()
        record = (
            token,
            packed(model.row_of(token)),
            model.packed_rights_of(token),
            _decision(piece),
            (piece in ENGLISH_PIECES) + INDONESIAN * (piece in INDONESIAN_PIECES),
            _CUE_RE.search(piece) is not None,
            (
                start_bits.get(piece[:HEAD], other_starts)
                if len(piece) >= HEAD and piece[0] != "'"
                else _ALL_STARTS
            )
            | question_bits(piece),
        )
        if token == piece:
            # Keyed by the token itself when the piece is its own token (most pieces): the
            # look-up of the next equal piece then reads the string the sums read anyway.
            key = token
        decided = record[DECISION_FIELD]
        if isinstance(decided, _Pending):
            decided.key = key
    if len(_RECORDS) >= RECORD_LIMIT:
        _RECORDS.clear()
    _RECORDS[key] = record
    return record
