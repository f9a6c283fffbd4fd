"""Per-piece records: the fast path of ``score_utterance`` on plain ASCII turns.

An ASCII turn is cut into pieces (``normalize.ascii_pieces``); when each piece is one raw
token (no ``_``, at most one inner ``'``), the pieces are its tokens. Everything the
per-utterance analysis needs of a piece is then a pure function of the piece, so it is
computed once per distinct piece and kept in one record: its normalised token, the sentiment
model's row of that token, its word row and its bigram rows by right neighbour, the marker
dispatch's decision for the piece, and whether it is an English or an Indonesian function
word (``strategies.looks_english``). A long turn then costs one look-up per piece instead of
one per piece and per stage.

Pieces that are not one raw token (``rock'n'roll``, ``a_b``), that do not normalise to
exactly one token (slang such as ``makasih`` -> ``terima kasih``) or that have a run of 3+
equal letters (the marker matching squeezes those) get no record: turns holding one take the
general path.
"""

from __future__ import annotations

import re
from operator import itemgetter

from karib.tone.features import NEGATION_SCOPE, NEGATORS
from karib.tone.lexicon import MARKER_DISPATCH
from karib.tone.normalize import LETTER_RUN_RE, is_token, normal_form
from karib.tone.sentiment import NO_RIGHTS as _NO_RIGHTS
from karib.tone.sentiment import Row, load_model
from karib.tone.strategies import ENGLISH_FUNCTION_WORDS, INDONESIAN_FUNCTION_WORDS, lower_words

RECORD_LIMIT = 200_000
# (token, row, word row, rights, decision, language): see ``_record``.
Record = tuple[str, Row, Row | None, dict[str, Row], "re.Pattern[str] | bool", int]
TOKEN = itemgetter(0)
ROW = itemgetter(1)
WORD_ROW = itemgetter(2)
RIGHTS = itemgetter(3)
DECISION = itemgetter(4)
LANGUAGE = itemgetter(5)
# The language field counts an English function word as 1 and an Indonesian one as
# INDONESIAN: one sum over a turn's records gives both counts.
INDONESIAN = 1 << 40

# ``strategies.looks_english`` counts function words among ``lower_words(lowered)``; on
# ASCII text those are the pieces that are letters (with one inner apostrophe), so counting
# the function words that are such words among the pieces gives the same counts.
ENGLISH_PIECES = frozenset(w for w in ENGLISH_FUNCTION_WORDS if lower_words(w) == [w])
INDONESIAN_PIECES = frozenset(w for w in INDONESIAN_FUNCTION_WORDS if lower_words(w) == [w])

_RECORDS: dict[str, Record | bool] = {}


def clear_cache() -> None:
    """Forget every record (the state of a fresh process)."""
    _RECORDS.clear()


def records_of(pieces: list[str]) -> list[Record] | None:
    """The records of ``pieces`` (pieces of a plain turn), or None when one has none."""
    records = list(map(_RECORDS.get, pieces))
    if not all(records):
        records = [
            _record(piece) if found is None else found
            for piece, found in zip(pieces, records, strict=True)
        ]
        if not all(records):
            return None
    return records  # type: ignore[return-value]  # all records, none False


def unit_rows(records: list[Record]) -> list[Row]:
    """The unit rows of a plain turn for ``SentimentModel.scores``, in the order of
    ``SentimentModel.predict_tokens`` (the sums depend on it): each distinct token's row in
    first-occurrence order, the word row of each further occurrence in sorted token order,
    each known bigram's row in text order, then each known negated word's row in text order
    (``features.negated``). One pass over the records gathers them (no look-up in the
    model's large tables but the bigrams of each token)."""
    model = load_model()
    rows: list[Row] = []
    further: list[str] = []
    pairs: list[Row] = []
    negated: list[str] = []
    seen: set[str] = set()
    rights: dict[str, Row] = _NO_RIGHTS
    left = 0
    for token, row, _, after, _, _ in records:
        if token in seen:
            further.append(token)
        else:
            seen.add(token)
            rows.append(row)
        if rights:
            pair = rights.get(token)
            if pair is not None:
                pairs.append(pair)
        rights = after
        if token in NEGATORS:
            left = NEGATION_SCOPE
        elif left:
            negated.append(token)
            left -= 1
    if further:
        # In the sorted tokens every token equal to its predecessor is one more occurrence:
        # the further occurrences, sorted, are that sequence.
        further.sort()
        rows += filter(None, map(model.word_row_of, further))
    rows += pairs
    if negated:
        rows += filter(None, map(model.negated_row_of, negated))
    return rows


def looks_english(records: list[Record]) -> bool:
    """``strategies.looks_english`` of the turn whose pieces have ``records``."""
    total = sum(map(LANGUAGE, records))
    english = total % INDONESIAN
    return bool(english) and english >= total // INDONESIAN


def _record(piece: str) -> Record | bool:
    record: Record | bool = False
    normal = normal_form(piece) if piece.isalnum() or is_token(piece) else ()
    if (
        MARKER_DISPATCH.pieces is not None
        and len(normal) == 1
        and normal[0]
        and LETTER_RUN_RE.search(piece) is None
    ):
        token = normal[0]
        model = load_model()
        record = (
            token,
            model.row_of(token),
            model.word_row_of(token),
            model.rights_of(token),
            MARKER_DISPATCH.decision(piece),
            (piece in ENGLISH_PIECES) + INDONESIAN * (piece in INDONESIAN_PIECES),
        )
    if len(_RECORDS) >= RECORD_LIMIT:
        _RECORDS.clear()
    _RECORDS[piece] = record
    return record
