r"""Leading-character dispatch of a combined alternation (markers and strategies).

``Dispatch`` gives exactly the matches of ``(?<![\w'])(?:(?P<name>pattern)|...)(?![\w'])``
on lower-cased text, faster on long turns: a candidate scan in C keeps only the word starts
that some alternative can start with, and each is tried against the alternatives that can
start with its first two characters.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

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


def _concat(heads: set[str], tail: set[str] | None) -> set[str] | None:
    """Prefixes of ``head + tail``; a prefix shorter than _PREFIX means "then anything"."""
    out: set[str] = set()
    for head in heads:
        if len(head) >= _PREFIX:
            out.add(head[:_PREFIX])
        elif tail is None:
            if not head:
                return None
            out.add(head)
        else:
            out.update((head + t)[:_PREFIX] for t in tail)
    return out


def _prefixes(items: list[Any], c: Any) -> set[str] | None:
    """Possible leading strings (up to _PREFIX chars) of a parsed pattern; a shorter string
    means any continuation, None means unknown (the alternative is tried everywhere). An
    empty string means the rest may be empty: it stays as such for the caller to extend."""
    if not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    heads: set[str] | None
    if op is c.LITERAL or op is c.IN:
        heads = _chars_of(op, av, c)
    elif op is c.SUBPATTERN:
        heads = _prefixes(list(av[3]), c)
    elif op is c.BRANCH:
        heads = set()
        for alternative in av[1]:
            found = _prefixes(list(alternative), c)
            if found is None:
                return None
            heads |= found
    elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, sub = av
        one = _prefixes(list(sub), c)
        if one is None:
            return None
        heads = set()
        if low == 0:
            heads.add("")
        if high >= 1:
            heads |= one
        if high >= 2:
            two = _concat(one, one)
            if two is None:
                return None
            heads |= two
    elif op in (c.ASSERT, c.ASSERT_NOT):
        heads = {""}  # zero-width: constrains, never widens (a superset is safe)
    else:
        return None
    if heads is None:
        return None
    if all(len(h) >= _PREFIX for h in heads):
        return {h[:_PREFIX] for h in heads}
    return _concat(heads, _prefixes(rest, c))


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


class Dispatch:
    """``finditer`` of ``(?<![\\w'])(?:(?P<name>pattern)|...)(?![\\w'])`` on lower-cased text,
    trying at each candidate position only the alternatives that can start with its first
    two characters (in their original order, so the same alternative wins)."""

    __slots__ = ("anchored", "candidates", "combined", "one", "two")
    anchored: re.Pattern[str] | None

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        parts = [f"(?P<{name}>{pattern})" for name, pattern in entries]
        self.combined = re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])")
        self.one: dict[str, re.Pattern[str]] = {}
        self.two: dict[str, re.Pattern[str]] = {}
        self.anchored = None
        self.candidates: re.Pattern[str] | None = None
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

        def build(chosen: list[tuple[str, str]]) -> re.Pattern[str]:
            groups: dict[str, list[str]] = {}
            for name, alternative in chosen:
                groups.setdefault(name, []).append(alternative)
            body = "|".join(f"(?P<{n}>{'|'.join(alts)})" for n, alts in groups.items())
            return re.compile(r"(?<![\w'])(?:" + body + r")(?![\w'])")

        unknown = any(f is None for _, _, f in alternatives)
        known = [f for _, _, f in alternatives if f is not None]
        pairs = sorted({p for f in known for p in f if len(p) == _PREFIX})
        firsts = sorted({p[0] for f in known for p in f})
        for pair in pairs:
            chosen = [(n, a) for n, a, f in alternatives if f is None or pair in f or pair[0] in f]
            self.two[pair] = build(chosen)
        for first in firsts:
            chosen = [(n, a) for n, a, f in alternatives if f is None or first in f]
            if chosen:
                self.one[first] = build(chosen)
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

    def finditer(self, lowered: str) -> list[re.Match[str]]:
        """Exactly the matches of ``self.combined.finditer(lowered)``, as a list."""
        candidates = self.candidates
        if candidates is None:  # pragma: no cover
            return list(self.combined.finditer(lowered))
        two = self.two.get
        one = self.one.get
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
