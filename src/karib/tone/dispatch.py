r"""Leading-character dispatch of a combined alternation (markers and strategies).

``Dispatch`` gives exactly the matches of ``(?<![\w'])(?:(?P<name>pattern)|...)(?![\w'])``
on lower-cased text, faster on long turns: a candidate scan in C keeps only the word starts
that some alternative can start with, and each is tried against the alternatives that can
start with its first two characters; on ASCII text only the pieces that pass the piece
filter are tried. The filters are built from the parsed alternatives in ``filters.py``.
"""

from __future__ import annotations

import importlib
import re
from itertools import compress
from typing import TYPE_CHECKING, Any, cast

from karib.tone.filters import (
    HEAD,
    OPEN,
    PIECE_CHARS,
    grouped_filter,
    lead_filter,
    leads,
    piece_filters,
    start_heads,
)
from karib.tone.normalize import ascii_pieces
from karib.tone.questions import NOT_WORD_ASCII

# --- Leading-character dispatch -----------------------------------------------------------
# Python's regex engine tries every alternative of MARKER_RE at every word start. Each
# top-level alternative of each entry is analysed once (with the stdlib's regex parser) for
# the one or two characters it can start with; per leading pair, a smaller alternation holds
# only the alternatives that can start there, in the original order and with the original
# group names, so the first alternative that matches is the same one MARKER_RE would pick
# and the matches are identical. Without the parser (or with an alternative of unknown
# start) ``Dispatch`` falls back to the combined pattern.


def split_top(pattern: str) -> list[str]:
    """Split ``pattern`` at its top-level ``|``."""
    parts: list[str] = []
    depth = 0
    in_class = escaped = False
    current: list[str] = []
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


_PREFIX = 2  # dispatch on up to two leading characters
PIECE_CACHE_LIMIT = 200_000
NARROW_LIMIT = 10_000  # distinct narrow alternations kept
NARROW_FROM = 1_000  # narrower alternations only for pair patterns this long or longer


def _prefixes(items: list[Any], c: Any) -> set[str] | None:
    """Possible leading strings (up to _PREFIX chars) of a parsed pattern; a shorter string
    means any continuation, None means unknown (the alternative is tried everywhere). An
    empty string means the alternative may match nothing.

    These are the leading strings of ``leads``: an open one (the pattern goes on with
    something unknown after it) simply loses its mark. Joining an open string with what
    follows it would be wrong: ``(?:i\\s+)?am`` starts with "i " or "am", not "ia"."""
    found = leads(items, c, _PREFIX)
    if found is None:
        return None
    return {lead.removesuffix(OPEN) for lead in found}


def heads_of(pattern: str) -> frozenset[str] | None:
    """``filters.start_heads`` of the top-level alternatives of ``pattern`` (None without
    the stdlib's regex parser)."""
    try:
        parser: Any = importlib.import_module("re._parser")
        constants: Any = importlib.import_module("re._constants")
    except ImportError:  # pragma: no cover - other Python implementations
        return None
    return start_heads([list(parser.parse(a)) for a in split_top(pattern)], constants)


def head_of(lowered: str) -> str:
    """The first two characters of ASCII ``lowered`` from its first word character on (what
    ``filters.start_heads`` tells apart): the text after its leading non-word characters,
    cut to two."""
    return lowered.lstrip(NOT_WORD_ASCII)[:HEAD]


def may_start(pieces: list[str], heads: frozenset[str]) -> bool:
    """Whether a pattern of start ``heads`` may match the ASCII text of ``pieces``
    (``normalize.ascii_pieces``): ``head_of(text) in heads``, read from the first piece. The
    text before the first piece is separators (no word characters), so a first piece that
    starts with a word character and has two characters starts with the text's head; other
    first pieces ("'a", "a") say nothing (True), and a text without pieces has no word
    character (False)."""
    if not pieces:
        return False
    first = pieces[0]
    return len(first) < HEAD or first[0] == "'" or first[:HEAD] in heads


def _starts_anchored(items: list[Any], c: Any) -> bool:
    return (
        bool(items)
        and items[0][0] is c.AT
        and items[0][1] in (c.AT_BEGINNING, c.AT_BEGINNING_STRING)
    )


def _build(chosen: list[tuple[str, str]]) -> re.Pattern[str]:
    """The alternation of ``chosen`` (name, alternative) in order, each name a group."""
    groups: dict[str, list[str]] = {}
    for name, alternative in chosen:
        groups.setdefault(name, []).append(alternative)
    body = "|".join(f"(?P<{n}>{'|'.join(alts)})" for n, alts in groups.items())
    return re.compile(r"(?<![\w'])(?:" + body + r")(?![\w'])")


class Dispatch:
    """``finditer`` of ``(?<![\\w'])(?:(?P<name>pattern)|...)(?![\\w'])`` on lower-cased text,
    trying at each candidate position only the alternatives that can start with its first
    two characters (in their original order, so the same alternative wins)."""

    __slots__ = (
        "_alternatives",
        "_built",
        "_compiled",
        "_entries",
        "_filters",
        "_narrow",
        "_one_chosen",
        "_pieces",
        "_two_chosen",
        "anchored",
        "anchored_heads",
        "candidates",
        "combined",
        "one",
        "pieces",
        "two",
    )
    combined: re.Pattern[str]
    one: dict[str, re.Pattern[str]]
    two: dict[str, re.Pattern[str]]
    anchored: re.Pattern[str] | None
    anchored_heads: frozenset[str] | None
    candidates: re.Pattern[str] | None
    pieces: re.Pattern[str] | None
    _pieces: dict[str, re.Pattern[str] | bool]
    _alternatives: list[tuple[str, str]]
    _filters: list[str | None]
    _compiled: dict[int, re.Pattern[str]]
    _two_chosen: dict[str, list[int]]
    _one_chosen: dict[str, list[int]]
    _narrow: dict[tuple[int, ...], re.Pattern[str]]

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        # Nothing is parsed or compiled here: the tables are built on first use (``build``,
        # called by ``__getattr__`` the first time one of them is read), so importing the
        # modules that define a dispatch costs next to nothing.
        self._entries = list(entries)
        self._built = False

    if not TYPE_CHECKING:  # hidden from type checkers: the tables keep their declared types

        def __getattr__(self, name: str) -> Any:
            # Only called for a slot not set yet: before ``build`` that is every table, after
            # it none (the tables are plain slots then: no cost on the matching paths).
            if name in _TABLES and not self._built:
                self.build()
                return getattr(self, name)
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def built(self) -> bool:
        """Whether the tables are built (the first use builds them)."""
        return self._built

    def build(self) -> None:
        """Parse the alternatives and compile the tables (once; later calls do nothing)."""
        if self._built:
            return
        entries = self._entries
        parts = [f"(?P<{name}>{pattern})" for name, pattern in entries]
        self.combined = re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])")
        self.one = {}
        self.two = {}
        self.anchored = None
        # The leading strings of the start-anchored alternatives after their ``^\W*``
        # (``filters.start_heads``): on ASCII text whose ``head_of`` is none of them, no
        # anchored alternative matches (None: not known, the pattern decides).
        self.anchored_heads = None
        self.candidates = None
        # The piece filter and its per-piece cache: piece -> the pattern to try where it
        # starts (True: decided at the position, for one-character pieces; False: none).
        self.pieces = None
        self._pieces = {}
        # For the pieces that pass: the alternatives (name, source) in order, the filter of
        # each (source, compiled when first needed), the alternatives tried per leading pair
        # and first character, and the narrow alternation of each set of alternatives that
        # pass for some piece (smaller than the pair's: less pattern code per attempt).
        self._alternatives = []
        self._filters = []
        self._compiled = {}
        self._two_chosen = {}
        self._one_chosen = {}
        self._narrow = {}
        self._built = True  # every table has a value from here on
        anchored: list[tuple[str, str]] = []
        anchored_items: list[list[Any]] = []
        try:
            parser: Any = importlib.import_module("re._parser")
            constants: Any = importlib.import_module("re._constants")
        except ImportError:  # pragma: no cover - other Python implementations
            return
        alternatives: list[tuple[str, str, set[str] | None]] = []
        parsed: list[list[Any]] = []
        for name, pattern in entries:
            for alternative in split_top(pattern):
                items = list(parser.parse(alternative))
                if _starts_anchored(items, constants):
                    anchored.append((name, alternative))  # can only match at position 0
                    anchored_items.append(items)
                    continue
                parsed.append(items)
                found = _prefixes(items, constants)
                if found is not None and "" in found:
                    found = None
                alternatives.append((name, alternative, found))

        build = _build
        unknown = any(f is None for _, _, f in alternatives)
        known = [f for _, _, f in alternatives if f is not None]
        pairs = sorted({p for f in known for p in f if len(p) == _PREFIX})
        firsts = sorted({p[0] for f in known for p in f})
        for pair in pairs:
            indices = [
                i
                for i, (_, _, f) in enumerate(alternatives)
                if f is None or pair in f or pair[0] in f
            ]
            self._two_chosen[pair] = indices
            self.two[pair] = build([alternatives[i][:2] for i in indices])
        for first in firsts:
            indices = [i for i, (_, _, f) in enumerate(alternatives) if f is None or first in f]
            if indices:
                self._one_chosen[first] = indices
                self.one[first] = build([alternatives[i][:2] for i in indices])
        if unknown or not all(re.match(r"\w", ch) for ch in firsts):  # pragma: no cover
            self.candidates = None  # exact fallback: the combined pattern
            return
        if anchored:
            self.anchored = build(anchored)
            self.anchored_heads = start_heads(anchored_items, constants)
        # A word start is the start of the text or follows a char other than \w and '; the
        # preceding char is consumed (candidates are word chars, so none is skipped).
        lead = lead_filter(parsed, constants) or ""
        self.candidates = re.compile(
            r"(?:^|[^\w'])" + lead + "([" + re.escape("".join(firsts)) + "])"
        )
        filters = piece_filters(parsed, constants)
        if filters is not None:
            self.pieces = re.compile(grouped_filter(filters, [f for _, _, f in alternatives]))
            self._filters = list(filters)
            self._alternatives = [(n, a) for n, a, _ in alternatives]

    def clear_cache(self) -> None:
        """Forget the per-piece decisions and what was compiled for them (the state of a
        fresh process once the tables are built; before that there is nothing to forget)."""
        if not self._built:
            return
        self._pieces.clear()
        self._narrow.clear()
        self._compiled.clear()

    def _decide(self, piece: str) -> re.Pattern[str] | bool:
        """The pattern to try where ``piece`` starts (see ``_pieces``), cached."""
        assert self.pieces is not None  # noqa: S101 - only called with the piece filter
        decided: re.Pattern[str] | bool = False
        if self.pieces.fullmatch(piece) is not None:
            if len(piece) < _PREFIX:
                decided = True
            else:
                pair = piece[:_PREFIX]
                if pair in self.two:
                    decided = self._narrowed(piece, self._two_chosen[pair], self.two[pair])
                elif piece[0] in self.one:
                    decided = self._narrowed(piece, self._one_chosen[piece[0]], self.one[piece[0]])
        if len(self._pieces) >= PIECE_CACHE_LIMIT:
            self._pieces.clear()
        self._pieces[piece] = decided
        return decided

    def decision(self, piece: str) -> re.Pattern[str] | bool:
        """What ``finditer`` tries where ``piece`` starts (see ``_pieces``); only with the
        piece filter (``self.pieces``)."""
        known = self._pieces.get(piece)
        return self._decide(piece) if known is None else known

    def _narrowed(
        self, piece: str, indices: list[int], whole: re.Pattern[str]
    ) -> re.Pattern[str] | bool:
        """The alternation of the alternatives among ``indices`` (which ``whole`` holds)
        whose filter ``piece`` passes; False when none does, ``whole`` itself when that is
        small or all pass (compiling costs more than trying a small pattern)."""
        if len(whole.pattern) < NARROW_FROM:
            return whole
        chosen: list[int] = []
        for index in indices:
            test = self._compiled.get(index)
            if test is None:
                source = self._filters[index]
                if source is None:
                    continue
                test = self._compiled[index] = re.compile(source)
            if test.fullmatch(piece) is not None:
                chosen.append(index)
        if not chosen:
            return False
        if len(chosen) == len(indices):
            return whole
        key = tuple(chosen)
        pattern = self._narrow.get(key)
        if pattern is None:
            if len(self._narrow) >= NARROW_LIMIT:
                self._narrow.clear()
            pattern = self._narrow[key] = _build([self._alternatives[i] for i in chosen])
        return pattern

    def finditer(
        self,
        lowered: str,
        pieces: list[str] | None = None,
        decisions: list[re.Pattern[str] | bool] | None = None,
        anchor: int = 1,
    ) -> list[re.Match[str]]:
        """Exactly the matches of ``self.combined.finditer(lowered)``, as a list.

        ``pieces`` may pass ``normalize.ascii_pieces(lowered)`` when already known (ASCII
        text only), ``decisions`` the ``decision`` of each piece, and ``anchor`` 0 when no
        start-anchored alternative can match (``may_start`` of ``anchored_heads`` is
        False: the first piece tells)."""
        candidates = self.candidates
        if candidates is None:  # pragma: no cover
            return list(self.combined.finditer(lowered))
        found: list[re.Match[str]] = []
        end = 0
        anchored = False
        if anchor and self.anchored is not None and self.anchored.match(lowered) is not None:
            # A start-anchored alternative matches: let the combined pattern decide at 0.
            anchored = True
            match = self.combined.match(lowered)
            if match is not None:
                end = match.end()
                found.append(match)
        if self.pieces is not None and lowered.isascii():
            return self._by_pieces(lowered, pieces, decisions, found, end, anchored)
        two = self.two.get
        one = self.one.get
        for candidate in candidates.finditer(lowered):
            position = candidate.start(1)
            if position < end or (anchored and position == 0):
                continue
            pattern = two(lowered[position : position + _PREFIX]) or one(lowered[position])
            if pattern is None:
                continue
            match = pattern.match(lowered, position)
            if match is not None:
                end = match.end()
                found.append(match)
        return found

    def _by_pieces(
        self,
        lowered: str,
        pieces: list[str] | None,
        decisions: list[re.Pattern[str] | bool] | None,
        found: list[re.Match[str]],
        end: int,
        anchored: bool,
    ) -> list[re.Match[str]]:
        """``finditer`` on ASCII text: only the starts of the pieces that pass the piece
        filter are located (in order, with ``str.find``) and tried."""
        if pieces is None:
            pieces = ascii_pieces(lowered)
        if decisions is None:
            known = list(map(self._pieces.get, pieces))
            if None in known:
                decide = self._decide
                known = [
                    decide(piece) if decided is None else decided
                    for piece, decided in zip(pieces, known, strict=True)
                ]
            decisions = cast("list[re.Pattern[str] | bool]", known)
        if not any(decisions):
            return found
        size = len(lowered)
        cursor = 0
        find = lowered.find
        inside = PIECE_CHARS
        two = self.two.get
        one = self.one.get
        for piece, decided in compress(zip(pieces, decisions, strict=False), decisions):
            # The next occurrence of ``piece`` as a whole piece: every earlier equal piece
            # passed the filter too, so it was located before.
            length = len(piece)
            position = find(piece, cursor)
            while position >= 0 and (
                (position > 0 and lowered[position - 1] in inside)
                or (position + length < size and lowered[position + length] in inside)
            ):
                position = find(piece, position + 1)
            if position < 0:
                raise ValueError("the pieces are not those of the text")
            cursor = position + length
            if position < end or (anchored and position == 0):
                continue
            if decided is True:
                chosen = two(lowered[position : position + _PREFIX]) or one(piece)
                if chosen is None:
                    continue
                match = chosen.match(lowered, position)
            else:
                match = decided.match(lowered, position)  # type: ignore[union-attr]
            if match is not None:
                end = match.end()
                found.append(match)
        return found


# The attributes ``Dispatch.build`` sets (every slot but the entries and the flag): reading any
# of them first builds the tables.
_TABLES = frozenset(Dispatch.__slots__) - {"_built", "_entries"}
