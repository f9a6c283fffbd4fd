"""A new piece's marker decision waits for its second try before the dispatch narrows it
(``pieces._Pending``): the first try runs the piece's whole pair alternation, which finds
the same match, and a piece seen once compiles nothing. These tests check that the pending
decision becomes the dispatch's own, and that the matches and the scores of a fresh process
(every turn scored once, then again) are those of the dispatch's decisions."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from karib.tone import lexicon, pieces
from karib.tone.normalize import ascii_pieces
from karib.tone.scoring import _score, score_utterance

FIXTURE = Path(__file__).parent / "cases" / "smsa_outputs.jsonl.gz"
DISPATCH = lexicon.MARKER_DISPATCH


def _texts() -> list[str]:
    with gzip.open(FIXTURE, "rt", encoding="utf-8") as handle:
        texts = [str(json.loads(line)["text"]) for line in handle]
    return texts[:300] + [
        "yang penting saya mau tutup kartu ini, yang lain tidak usah",
        "tidak usah kak, tidak perlu, saya sudah yakin mau berhenti",
        "dengan senang hati, ada lagi yang bisa dibantu?",
    ]


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]


@pytest.fixture
def fresh():
    """The per-piece caches as in a fresh process (and again after the test)."""
    pieces.clear_cache()
    DISPATCH.clear_cache()
    yield
    pieces.clear_cache()
    DISPATCH.clear_cache()


def test_a_new_piece_is_narrowed_on_its_second_try(fresh):
    # given: "yang" passes the piece filter and its pair alternation is long
    assert DISPATCH.two["ya"].pattern.__len__() >= pieces.NARROW_FROM
    turn = "ini yang saya mau"
    # when
    first = pieces.records_of(ascii_pieces(turn))
    score_utterance(turn)  # the first try
    pending = first[1][pieces.DECISION_FIELD] if first else None
    score_utterance(turn)  # the second
    second = pieces.records_of(ascii_pieces(turn))
    # then: pending at first, then the dispatch's own narrowed decision
    assert isinstance(pending, pieces._Pending)
    assert second is not None
    assert second[1][pieces.DECISION_FIELD] is DISPATCH.decision("yang")
    assert isinstance(DISPATCH.decision("yang"), re.Pattern)
    assert DISPATCH.decision("yang") is not DISPATCH.two["ya"]


def test_a_piece_no_alternative_can_start_needs_no_pending_decision(fresh):
    # given / when: pieces that fail the piece filter, and one of a short pair alternation
    records = pieces.records_of(["makanannya", "enak", "qq"])
    # then
    assert records is not None
    assert [r[pieces.DECISION_FIELD] for r in records] == [
        DISPATCH.decision(p) for p in ("makanannya", "enak", "qq")
    ]


def test_pending_decisions_find_the_matches_of_the_combined_pattern(fresh):
    # given
    texts = [t.lower() for t in _texts() if t.isascii()]
    # when / then: every turn twice (pending, then narrowed), as the plain path tries them
    for _ in range(2):
        for lowered in texts:
            found = ascii_pieces(lowered)
            records = pieces.records_of(found)
            if records is None:
                continue
            decisions = [r[pieces.DECISION_FIELD] for r in records]
            expected = _spans(list(DISPATCH.combined.finditer(lowered)))
            assert _spans(DISPATCH.finditer(lowered, found, decisions)) == expected, lowered


def test_a_fresh_process_scores_as_the_general_path(fresh):
    # given
    texts = [t for t in _texts() if t.isascii()]
    # when / then: cold (pending decisions), then warm
    for _ in range(2):
        for text in texts:
            lowered = text.lower()
            fast = score_utterance(text).to_dict()
            general = _score(text, lowered, ascii_pieces(lowered)).to_dict()
            assert json.dumps(fast) == json.dumps(general), text


def test_a_pending_decision_outlives_a_reset_of_the_records(fresh):
    # given: a pending decision whose record is forgotten before its second try
    turn = "yang"
    records = pieces.records_of([turn])
    assert records is not None
    pending = records[0][pieces.DECISION_FIELD]
    assert isinstance(pending, pieces._Pending)
    pieces.clear_cache()
    # when
    pending.match(turn, 0)
    pending.match(turn, 0)
    # then: the record is made anew, with a decision of its own
    again = pieces.records_of([turn])
    assert again is not None
    assert again[0][pieces.DECISION_FIELD] is not pending
