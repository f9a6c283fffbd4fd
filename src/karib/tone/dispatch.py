r"""Leading-character dispatch of a combined alternation (markers and strategies).

``Dispatch`` gives exactly the matches of ``(?<![\w'])(?:(?P<name>pattern)|...)(?![\w'])``
on lower-cased text, faster on long turns: a candidate scan in C keeps only the word starts
that some alternative can start with, and each is tried against the alternatives that can
start with its first two characters.
"""

from __future__ import annotations

import importlib
import re
from itertools import compress
from typing import Any, cast

from karib.tone.normalize import ascii_pieces

# --- Leading-character dispatch -----------------------------------------------------------
# Python's regex engine tries every alternative of MARKER_RE at every word start. Each
# top-level alternative of each entry is analysed once (with the stdlib's regex parser) for
# the one or two characters it can start with; per leading pair, a smaller alternation holds
# only the alternatives that can start there, in the original order and with the original
# group names, so the first alternative that matches is the same one MARKER_RE would pick
# and the matches are identical. Without the parser (or with an alternative of unknown
# start) ``Dispatch`` falls back to the combined pattern.


def _split_top(pattern: str) -> list[str]:
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
# An alternative with more leading strings than this is not grouped (``_grouped_filter``):
# copying it into every group of its leading strings made the piece filter 6 times longer
# (0.25 s more to compile at import for 0.3 us less per new piece).
GROUP_LEADS_MAX = 4


def _chars_of(op: Any, av: Any, c: Any) -> set[str] | None:
    """The characters one parsed item matches, or None when unknown or too many."""
    if op is c.LITERAL:
        return {chr(av)}
    if op is not c.IN:
        return None
    chars: set[str] = set()
    for inner, arg in av:
        if inner is c.LITERAL:
            chars.add(chr(arg))
        elif inner is c.RANGE and arg[1] - arg[0] <= 300:
            chars.update(chr(x) for x in range(arg[0], arg[1] + 1))
        else:
            return None
    return chars


def _prefixes(items: list[Any], c: Any) -> set[str] | None:
    """Possible leading strings (up to _PREFIX chars) of a parsed pattern; a shorter string
    means any continuation, None means unknown (the alternative is tried everywhere). An
    empty string means the alternative may match nothing.

    These are the leading strings of ``_leads``: an open one (the pattern goes on with
    something unknown after it) simply loses its mark. Joining an open string with what
    follows it would be wrong: ``(?:i\\s+)?am`` starts with "i " or "am", not "ia"."""
    found = _leads(items, c, _PREFIX)
    if found is None:
        return None
    return {lead.removesuffix(_OPEN) for lead in found}


def _starts_anchored(items: list[Any], c: Any) -> bool:
    return (
        bool(items)
        and items[0][0] is c.AT
        and items[0][1] in (c.AT_BEGINNING, c.AT_BEGINNING_STRING)
    )


# --- Candidate filter ---------------------------------------------------------------------
# The dispatch above still tries a pattern at nearly every word start of a long turn. The
# leading strings of every alternative, up to _LEAD characters, make one lookahead that the
# candidate scan checks in C: a word start none of them fits cannot start a match.
_LEAD = 4
_OPEN = "\x00"  # a leading string ending in _OPEN may continue with anything


def _lead_join(heads: set[str], tail: set[str] | None, size: int) -> set[str] | None:
    """``heads`` followed by ``tail`` (None: unknown, so unfinished heads become open)."""
    out: set[str] = set()
    for head in heads:
        if head.endswith(_OPEN) or len(head) >= size:
            out.add(head)
        elif tail is None:
            if not head:
                return None
            out.add(head + _OPEN)
        else:
            for rest in tail:
                joined = head + rest
                core = joined.removesuffix(_OPEN)
                out.add(core[:size] if len(core) >= size else joined)
    return out


def _leads(items: list[Any], c: Any, size: int) -> set[str] | None:
    """Leading strings (up to ``size`` chars) of a parsed pattern: complete at ``size``, open
    when ending in _OPEN, otherwise followed by whatever comes after this part ("": this
    part may match nothing). None means unknown."""
    if not items:
        return {""}
    op, av = items[0]
    heads: set[str] | None
    if op is c.LITERAL or op is c.IN:
        heads = _chars_of(op, av, c)
    elif op is c.SUBPATTERN:
        heads = _leads(list(av[3]), c, size)
    elif op is c.BRANCH:
        heads = set()
        for alternative in av[1]:
            found = _leads(list(alternative), c, size)
            if found is None:
                return None
            heads |= found
    elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, sub = av
        one = _leads(list(sub), c, size)
        if one is None or "" in one:
            return None
        heads = {""} if low == 0 else set()
        copies: set[str] | None = one
        # k copies for k up to ``size``: each copy takes a character at least, so more
        # copies share the leading strings of ``size`` copies.
        for count in range(1, min(high, size) + 1):
            if copies is None:
                return None
            if count >= min(low, size):
                heads |= copies
            copies = _lead_join(copies, one, size)
    elif op in (c.ASSERT, c.ASSERT_NOT):
        heads = {""}  # zero-width: constrains, never widens (a superset is safe)
    else:
        heads = {_OPEN}  # unknown from here on: what came before is open
    if heads is None:
        return None
    if all(h.endswith(_OPEN) or len(h) >= size for h in heads):
        return heads
    return _lead_join(heads, _leads(items[1:], c, size), size)


def _trie(words: set[str]) -> str:
    """A regex matching any of ``words`` as a prefix (shared leading characters once)."""
    branches: dict[str, set[str]] = {}
    for word in words:
        branches.setdefault(word[0], set()).add(word[1:])
    parts = []
    for first in sorted(branches):
        rests = branches[first]
        if "" in rests:
            parts.append(re.escape(first))
        else:
            parts.append(re.escape(first) + "(?:" + _trie(rests) + ")")
    return "|".join(parts)


def _lead_filter(alternatives: list[list[Any]], c: Any) -> str | None:
    """The lookahead of the candidate filter, or None when some alternative is unknown."""
    words: set[str] = set()
    for items in alternatives:
        found = _leads(items, c, _LEAD)
        if found is None:
            return None
        for lead in found:
            lead = lead.removesuffix(_OPEN)
            if not lead:
                return None
            words.add(lead)
    return "(?=" + _trie(words) + ")"


# --- Piece filter -------------------------------------------------------------------------
# On ASCII text a match starts at the start of a *piece* (a maximal run of [A-Za-z0-9_'],
# ``normalize.ascii_pieces``) and, since it is followed by no \w or ', either is that whole
# piece or runs on past its end into the separator after it. So the piece alone decides
# whether a match can start there: it must be a string the alternative matches whole (W
# below) or one the alternative can match followed by a separator (C, a "cut"). Both are
# derived from the parsed alternative as regexes over piece characters, as supersets
# (assertions and anchors are ignored), and joined into one pattern that is tried once per
# distinct piece and cached: a long turn then costs a look-up per piece, and only the few
# pieces that pass are located and matched.
_PIECE_CHARS = frozenset(chr(i) for i in range(128) if chr(i).isalnum() or chr(i) in "_'")
_ASCII = frozenset(chr(i) for i in range(128))
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


class _Unknown(Exception):
    """A construct the piece filter does not model (the filter is then not used)."""


def _ascii_chars(op: Any, av: Any, c: Any) -> set[str]:
    """The ASCII characters one parsed single-character item matches."""
    if op is c.LITERAL:
        return {chr(av)} & set(_ASCII)
    if op is c.NOT_LITERAL:
        return set(_ASCII - {chr(av)})
    if op is c.ANY:
        return set(_ASCII)
    chars: set[str] = set()
    negate = False
    for inner, arg in av:
        if inner is c.NEGATE:
            negate = True
        elif inner is c.LITERAL:
            chars.add(chr(arg))
        elif inner is c.RANGE:
            chars.update(chr(x) for x in range(arg[0], min(arg[1], 127) + 1))
        elif inner is c.CATEGORY and str(arg) in _CATEGORIES:
            test = re.compile(_CATEGORIES[str(arg)])
            chars.update(ch for ch in _ASCII if test.fullmatch(ch))
        else:
            raise _Unknown(str(inner))
    chars &= _ASCII
    return set(_ASCII - chars) if negate else chars


def _either(options: list[str | None]) -> str | None:
    """An alternation of the options that can match (None matches nothing)."""
    kept = [o for o in options if o is not None]
    if not kept:
        return None
    return "(?:" + "|".join(kept) + ")"


def _whole_and_cut(items: list[Any], c: Any) -> tuple[str | None, str | None]:
    """For a parsed sequence, the regexes (None: nothing) of the piece strings it can match
    whole (W) and of those it can match followed by a separator (C)."""
    whole: str | None = ""
    cuts: list[str | None] = []
    for op, av in items:
        if whole is None:
            break
        item_whole, item_cut = _item_whole_and_cut(op, av, c)
        if item_cut is not None:
            cuts.append(whole + item_cut)
        whole = None if item_whole is None else whole + item_whole
    return whole, _either(cuts)


def _item_whole_and_cut(op: Any, av: Any, c: Any) -> tuple[str | None, str | None]:
    if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN):
        chars = _ascii_chars(op, av, c)
        inside = sorted(chars & _PIECE_CHARS)
        whole = "[" + "".join(re.escape(ch) for ch in inside) + "]" if inside else None
        return whole, "" if chars - _PIECE_CHARS else None
    if op is c.SUBPATTERN:
        if av[1] or av[2]:
            raise _Unknown("inline flags")
        whole, cut = _whole_and_cut(list(av[3]), c)
    elif op is c.ATOMIC_GROUP:
        whole, cut = _whole_and_cut(list(av), c)
    elif op is c.BRANCH:
        pairs = [_whole_and_cut(list(alternative), c) for alternative in av[1]]
        whole, cut = _either([w for w, _ in pairs]), _either([k for _, k in pairs])
    elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, sub = av
        one, one_cut = _whole_and_cut(list(sub), c)
        unbounded = high == c.MAXREPEAT
        if one is None:
            whole = "" if low == 0 else None
            before = ""
        else:
            whole = f"(?:{one}){{{low},{'' if unbounded else high}}}"
            before = f"(?:{one})*" if unbounded else f"(?:{one}){{0,{max(high - 1, 0)}}}"
        cut = None if one_cut is None or high == 0 else before + one_cut
        return whole, cut
    elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return "", None  # zero-width: ignoring it only widens
    else:
        raise _Unknown(str(op))
    return (
        None if whole is None else f"(?:{whole})",
        None if cut is None else f"(?:{cut})",
    )


def _piece_filters(alternatives: list[list[Any]], c: Any) -> list[str | None] | None:
    """Per alternative, the pattern a piece must fullmatch for it to start at the piece
    (None: it never starts at a piece of ASCII text); None when an alternative is not
    modelled or could start at no piece (it may match nothing, or start with a separator)."""
    filters: list[str | None] = []
    for items in alternatives:
        try:
            whole, cut = _whole_and_cut(items, c)
        except _Unknown:
            return None
        either = _either([whole, cut])
        if either is not None and re.fullmatch(either, "") is not None:
            return None
        filters.append(either)
    return filters


def _grouped_filter(filters: list[str | None], leads: list[set[str] | None]) -> str:
    """The piece filter: a piece passes when it fullmatches the filter of some alternative.

    The filters are grouped by the leading strings their alternative can start with
    (``leads``, up to two characters; None: unknown, and more than GROUP_LEADS_MAX of them:
    tried on every piece, so no filter is copied into many groups): by the first
    character, then by the second, each group behind a lookahead of its characters. A piece
    is tried against the filters of the alternatives that can start with its first two
    characters only, instead of against every alternative's. A piece passes a filter only
    if its alternative matches the piece, or the piece and a separator, from its start (both
    are read from the same parsed items), so its first two characters are a leading string
    of the alternative, or its first character is one that may go on with anything or with
    a separator (a piece of one character). Same pieces pass as with the plain alternation
    of the filters (a test checks it)."""
    tree: dict[str, dict[str, list[str]]] = {}
    everywhere: list[str] = []
    for source, lead in zip(filters, leads, strict=True):
        if source is None:
            continue
        if lead is None or len(lead) > GROUP_LEADS_MAX:
            everywhere.append(source)
            continue
        for string in sorted(lead):
            second = string[1:2] if string[1:2] in _PIECE_CHARS else ""
            group = tree.setdefault(string[0], {}).setdefault(second, [])
            if source not in group:
                group.append(source)
    parts = []
    for first, seconds in tree.items():
        inner = [
            f"(?=.{re.escape(second)})(?:{'|'.join(group)})"
            for second, group in seconds.items()
            if second
        ]
        if "" in seconds:
            inner.append("|".join(seconds[""]))
        parts.append(f"(?={re.escape(first)})(?:{'|'.join(inner)})")
    parts += everywhere
    return "|".join(parts) if parts else "(?!)"


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
        "_compiled",
        "_filters",
        "_narrow",
        "_one_chosen",
        "_pieces",
        "_two_chosen",
        "anchored",
        "candidates",
        "combined",
        "one",
        "pieces",
        "two",
    )
    anchored: re.Pattern[str] | None

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        parts = [f"(?P<{name}>{pattern})" for name, pattern in entries]
        self.combined = re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])")
        self.one: dict[str, re.Pattern[str]] = {}
        self.two: dict[str, re.Pattern[str]] = {}
        self.anchored = None
        self.candidates: re.Pattern[str] | None = None
        # The piece filter and its per-piece cache: piece -> the pattern to try where it
        # starts (True: decided at the position, for one-character pieces; False: none).
        self.pieces: re.Pattern[str] | None = None
        self._pieces: dict[str, re.Pattern[str] | bool] = {}
        # For the pieces that pass: the alternatives (name, source) in order, the filter of
        # each (source, compiled when first needed), the alternatives tried per leading pair
        # and first character, and the narrow alternation of each set of alternatives that
        # pass for some piece (smaller than the pair's: less pattern code per attempt).
        self._alternatives: list[tuple[str, str]] = []
        self._filters: list[str | None] = []
        self._compiled: dict[int, re.Pattern[str]] = {}
        self._two_chosen: dict[str, list[int]] = {}
        self._one_chosen: dict[str, list[int]] = {}
        self._narrow: dict[tuple[int, ...], re.Pattern[str]] = {}
        anchored: list[tuple[str, str]] = []
        try:
            parser: Any = importlib.import_module("re._parser")
            constants: Any = importlib.import_module("re._constants")
        except ImportError:  # pragma: no cover - other Python implementations
            return
        alternatives: list[tuple[str, str, set[str] | None]] = []
        parsed: list[list[Any]] = []
        for name, pattern in entries:
            for alternative in _split_top(pattern):
                items = list(parser.parse(alternative))
                if _starts_anchored(items, constants):
                    anchored.append((name, alternative))  # can only match at position 0
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
        # A word start is the start of the text or follows a char other than \w and '; the
        # preceding char is consumed (candidates are word chars, so none is skipped).
        lead = _lead_filter(parsed, constants) or ""
        self.candidates = re.compile(
            r"(?:^|[^\w'])" + lead + "([" + re.escape("".join(firsts)) + "])"
        )
        filters = _piece_filters(parsed, constants)
        if filters is not None:
            self.pieces = re.compile(_grouped_filter(filters, [f for _, _, f in alternatives]))
            self._filters = list(filters)
            self._alternatives = [(n, a) for n, a, _ in alternatives]

    def clear_cache(self) -> None:
        """Forget the per-piece decisions and what was compiled for them (the state of a
        fresh process)."""
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
    ) -> list[re.Match[str]]:
        """Exactly the matches of ``self.combined.finditer(lowered)``, as a list.

        ``pieces`` may pass ``normalize.ascii_pieces(lowered)`` when already known (ASCII
        text only), and ``decisions`` the ``decision`` of each piece."""
        candidates = self.candidates
        if candidates is None:  # pragma: no cover
            return list(self.combined.finditer(lowered))
        found: list[re.Match[str]] = []
        end = 0
        anchored = False
        if self.anchored is not None and self.anchored.match(lowered) is not None:
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
        inside = _PIECE_CHARS
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
