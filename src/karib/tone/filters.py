r"""The filters of the leading-character dispatch (``dispatch.Dispatch``), built once per
alternation from the alternatives as the stdlib's regex parser reads them.

* ``leads``: the leading strings of a parsed alternative, up to a few characters (the
  dispatch on its first two characters, and the candidate filter's lookahead,
  ``lead_filter``);
* ``piece_filters``: per alternative, a regex that a piece of ASCII text
  (``normalize.ascii_pieces``) must fullmatch for the alternative to start at that piece;
* ``grouped_filter``: those filters as one pattern, grouped by leading characters, tried
  once per distinct piece.
"""

from __future__ import annotations

import re
from typing import Any

# An alternative with more leading strings than this is not grouped (``grouped_filter``):
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


# --- Candidate filter ---------------------------------------------------------------------
# The leading-character dispatch (``dispatch.py``) still tries a pattern at nearly every word
# start of a long turn. The leading strings of every alternative, up to _LEAD characters, make
# one lookahead that the candidate scan checks in C: a word start none of them fits cannot
# start a match.
_LEAD = 4
OPEN = "\x00"  # a leading string ending in OPEN may continue with anything


def _lead_join(heads: set[str], tail: set[str] | None, size: int) -> set[str] | None:
    """``heads`` followed by ``tail`` (None: unknown, so unfinished heads become open)."""
    out: set[str] = set()
    for head in heads:
        if head.endswith(OPEN) or len(head) >= size:
            out.add(head)
        elif tail is None:
            if not head:
                return None
            out.add(head + OPEN)
        else:
            for rest in tail:
                joined = head + rest
                core = joined.removesuffix(OPEN)
                out.add(core[:size] if len(core) >= size else joined)
    return out


def leads(items: list[Any], c: Any, size: int) -> set[str] | None:
    """Leading strings (up to ``size`` chars) of a parsed pattern: complete at ``size``, open
    when ending in OPEN, otherwise followed by whatever comes after this part ("": this
    part may match nothing). None means unknown."""
    if not items:
        return {""}
    op, av = items[0]
    heads: set[str] | None
    if op is c.LITERAL or op is c.IN:
        heads = _chars_of(op, av, c)
    elif op is c.SUBPATTERN:
        heads = leads(list(av[3]), c, size)
    elif op is c.BRANCH:
        heads = set()
        for alternative in av[1]:
            found = leads(list(alternative), c, size)
            if found is None:
                return None
            heads |= found
    elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, sub = av
        one = leads(list(sub), c, size)
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
        heads = {OPEN}  # unknown from here on: what came before is open
    if heads is None:
        return None
    if all(h.endswith(OPEN) or len(h) >= size for h in heads):
        return heads
    return _lead_join(heads, leads(items[1:], c, size), size)


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


def lead_filter(alternatives: list[list[Any]], c: Any) -> str | None:
    """The lookahead of the candidate filter, or None when some alternative is unknown."""
    words: set[str] = set()
    for items in alternatives:
        found = leads(items, c, _LEAD)
        if found is None:
            return None
        for lead in found:
            lead = lead.removesuffix(OPEN)
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
PIECE_CHARS = frozenset(chr(i) for i in range(128) if chr(i).isalnum() or chr(i) in "_'")
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
        inside = sorted(chars & PIECE_CHARS)
        whole = "[" + "".join(re.escape(ch) for ch in inside) + "]" if inside else None
        return whole, "" if chars - PIECE_CHARS else None
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


def piece_filters(alternatives: list[list[Any]], c: Any) -> list[str | None] | None:
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


def grouped_filter(filters: list[str | None], leads: list[set[str] | None]) -> str:
    """The piece filter: a piece passes when it fullmatches the filter of some alternative.

    The filters are grouped by the leading strings their alternative can start with
    (``leads``, up to two characters; None: unknown, tried on every piece; more than
    GROUP_LEADS_MAX of them: tried on every piece whose first character starts one of them,
    so no filter is copied into many groups): by the first character, then by the second,
    each group behind a lookahead of its characters. A piece
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
        if lead is None:
            everywhere.append(source)
            continue
        if len(lead) > GROUP_LEADS_MAX:
            # Not copied into groups, but behind a lookahead of its first characters (one
            # charset test per piece instead of entering the filter's groups).
            firsts = "".join(re.escape(ch) for ch in sorted({string[0] for string in lead}))
            everywhere.append(f"(?=[{firsts}])(?:{source})")
            continue
        for string in sorted(lead):
            second = string[1:2] if string[1:2] in PIECE_CHARS else ""
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


# --- Start heads --------------------------------------------------------------------------
# A pattern all of whose alternatives read ``^\W*`` and then a word character (the imperative
# test, the start-anchored marker alternatives) can only match text whose first two word
# characters on (``text.lstrip(<every ASCII char that is no \w>)[:2]`` on ASCII text) are
# one of its leading strings of two characters: a set look-up decides most turns without
# entering the regex engine (each call of which allocates and frees its own stack).
HEAD = 2


def start_heads(alternatives: list[list[Any]], c: Any) -> frozenset[str] | None:
    """The two-character strings one of ``alternatives`` (parsed) can match right after its
    leading ``^\\W*``; None when an alternative does not start so, or when one could match
    something shorter or starting with no word character (no filter then)."""
    heads: set[str] = set()
    word = re.compile(r"\w")
    for items in alternatives:
        if len(items) < 3 or items[0] != (c.AT, c.AT_BEGINNING):
            return None
        op, av = items[1]
        if (
            op is not c.MAX_REPEAT
            or av[:2] != (0, c.MAXREPEAT)
            or list(av[2]) != [(c.IN, [(c.CATEGORY, c.CATEGORY_NOT_WORD)])]
        ):
            return None
        found = leads(list(items[2:]), c, HEAD)
        if found is None:
            return None
        for lead in found:
            if len(lead) != HEAD or lead.endswith(OPEN) or word.match(lead[0]) is None:
                return None
            heads.add(lead)
    return frozenset(heads)
