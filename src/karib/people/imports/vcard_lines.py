"""A vCard file's lines as vobject reads them: the file cut into cards (pictures, nested
cards and cards too long left out), vCard 2.1's quoted-printable values and backslash-continued
lines joined, bare commas of single-text values escaped, and the lines vobject cannot read left
out with a notice."""

from __future__ import annotations

import quopri
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import vobject  # type: ignore[import-untyped]
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_QP_PARAM_RE = re.compile(r";(?:ENCODING=)?QUOTED-PRINTABLE", re.IGNORECASE)
_CHARSET_RE = re.compile(r";CHARSET=([\w\-]+)", re.IGNORECASE)


def _unfold_quoted_printable(lines: list[str]) -> list[str]:
    """vCard 2.1 quoted-printable values decoded (soft line breaks joined) and re-escaped."""
    return _unfold_qp(lines, list(range(len(lines))))[0]


def _unfold_qp(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """``_unfold_quoted_printable`` with the file line of each line (a value's first)."""
    out: list[str] = []
    out_numbers: list[int] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        out_numbers.append(numbers[index])
        index += 1
        name, colon, value = line.partition(":")
        if not colon or not _QP_PARAM_RE.search(name):
            out.append(line)
            continue
        if value.endswith("=") and index < len(lines):
            # Joined once: appending line by line copied the value per soft break (quadratic).
            parts = [value[:-1]]
            while index < len(lines):
                piece = lines[index].lstrip()
                index += 1
                if not piece.endswith("="):
                    parts.append(piece)
                    break
                parts.append(piece[:-1])
            else:
                parts[-1] += "="  # the file ended on a soft break: kept as it was
            value = "".join(parts)
        charset_match = _CHARSET_RE.search(name)
        charset = charset_match.group(1) if charset_match else "utf-8"
        data = quopri.decodestring(value.encode("latin-1", "replace"))
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            # No CHARSET (The Bat!, old Outlook): the Windows code page wrote the bytes.
            text = data.decode("cp1252", "replace")
        text = text.replace("\r\n", "\\n").replace("\n", "\\n")
        name = _CHARSET_RE.sub("", _QP_PARAM_RE.sub("", name))
        out.append(f"{name}:{text}")
    return out, out_numbers


_BINARY_RE = re.compile(r"^(?:item\d+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_PROPERTY_RE = re.compile(r"^[A-Za-z0-9\-.]+[;:]")

#: The most characters a card may hold, its pictures, sounds and keys aside: vobject reads a
#: value a character at a time (about a second per MiB), so that one 19 MB note held the task
#: worker 43 s.
MAX_CARD_CHARS = 1024 * 1024


@dataclass(frozen=True)
class TooLong:
    """A card over ``MAX_CARD_CHARS``: ``line`` is the line that took it over."""

    line: int


@dataclass
class _Card:
    """A card's text as vobject reads it, and what was left out of it (``Contact.notices``)."""

    text: str
    notices: list[tuple[str, str]] = field(default_factory=list)


_BEGIN, _END = "BEGIN:VCARD", "END:VCARD"


def card_blocks(lines: Iterable[str]) -> Iterator[tuple[int, _Card | TooLong | None]]:
    """(first line, card) of every BEGIN:VCARD ... END:VCARD block, without the pictures,
    sounds and keys (base64 Karib does not keep); ``None`` for a card never closed, ``TooLong``
    for one over ``MAX_CARD_CHARS`` (its lines are no longer kept). Only the card being read is
    held.

    A card inside a card (vCard 2.1's AGENT, AOSP's nested cards) is left out of the card
    holding it, with a notice. A card that seems to hold others but never ends (its END:VCARD
    lost) is one that never ends: the lines after it (at most ``MAX_CARD_CHARS``, held until
    then) are read again as cards of their own, once, so a file is read in linear time."""
    source = enumerate(lines, start=1)
    replay: deque[tuple[int, str]] = deque()  # lines read again, nesting aside
    current: list[str] | None = None
    numbers: list[int] = []
    start = size = too_long = 0
    in_binary = False
    held: list[tuple[int, str]] = []  # every line since the first nested BEGIN:VCARD
    held_size = depth = 0
    nested: list[int] = []  # the first lines of the cards nested in this one
    while True:
        flat = bool(replay)
        item = replay.popleft() if replay else next(source, None)
        if item is None:
            if current is None:
                return
            yield (start, None)
            current = None
            replay.extend(held)
            held, held_size, depth, nested = [], 0, 0, []
            continue
        number, line = item
        upper = line.strip().upper()
        if current is not None and held:
            held.append(item)
            held_size += len(line) + 2
            if held_size > MAX_CARD_CHARS:  # no card holds this much: its END:VCARD is lost
                yield (start, None)
                current = None
                replay.extend(held)
                held, held_size, depth, nested = [], 0, 0, []
                continue
            if depth:
                depth += upper == _BEGIN
                depth -= upper == _END
                continue
        if upper == _BEGIN:
            if current is not None:
                if not flat:
                    if not held:
                        held, held_size = [item], len(line) + 2
                    depth = 1
                    nested.append(number)
                    continue
                yield (start, None)
            current, numbers, start, in_binary = [line.strip()], [number], number, False
            size, too_long = len(current[0]), 0
            continue
        if current is None:
            continue
        if in_binary and (not line.strip() or not _PROPERTY_RE.match(line)):
            continue  # the picture's base64 lines, folded or (vCard 2.1) not
        in_binary = _BINARY_RE.match(line) is not None
        if in_binary or upper.startswith("PROFILE:"):  # Lotus Notes' PROFILE:VCARD upsets vobject
            continue
        size += len(line) + 2
        if size > MAX_CARD_CHARS and not too_long:
            too_long = number
            current.clear()
            numbers.clear()
        if upper == _END:
            if too_long:
                yield (start, TooLong(too_long))
            else:
                current.append(line)
                numbers.append(number)
                card = _card(current, numbers)
                for line_number in nested:
                    message = _("the card inside this card (line %(line)d) was left out")
                    card.notices.append(("", message % {"line": line_number}))
                yield (start, card)
            current = None
            held, held_size, depth, nested = [], 0, 0, []
        elif not too_long:
            current.append(line)
            numbers.append(number)
    # not reached: the loop returns at the end of the lines


_VERSION_21_RE = re.compile(r"^VERSION:\s*2\.1\s*$", re.IGNORECASE)


def _card(lines: list[str], numbers: list[int]) -> _Card:
    """The text vobject reads of a card's lines (each with its file line): quoted-printable
    decoded, vCard 2.1's backslash-continued values joined, bare commas escaped, and the lines
    vobject cannot read left out with a notice (vobject skipped them without a word)."""
    lines, numbers = _unfold_qp(lines, numbers)
    if any(_VERSION_21_RE.match(line.strip()) for line in lines):
        lines, numbers = _join_backslash_lines(lines, numbers)
    lines = _escape_commas(_drop_empty_parameters(lines))
    kept: list[str] = []
    unreadable: list[int] = []
    index = 0
    while index < len(lines):
        end = index + 1
        while end < len(lines) and lines[end][:1] in (" ", "\t"):
            end += 1  # a folded line's continuations
        logical = lines[index] + "".join(part[1:] for part in lines[index + 1 : end])
        if not logical.strip() or vobject.base.line_re.match(logical):
            kept.extend(lines[index:end])
        else:
            unreadable.append(numbers[index])
        index = end
    card = _Card("\r\n".join(kept) + "\r\n")
    if unreadable:
        message = ngettext(
            "%(count)d line of this card could not be read and was left out (line %(lines)s)",
            "%(count)d lines of this card could not be read and were left out (lines %(lines)s)",
            len(unreadable),
        )
        shown = ", ".join(map(str, unreadable[:10])) + (", …" if len(unreadable) > 10 else "")
        card.notices.append(("", message % {"count": len(unreadable), "lines": shown}))
    return card


def _join_backslash_lines(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """vCard 2.1 as Android wrote it: a value continued on the next line after a backslash
    ("ADR;HOME:;;Hermann v. Brevern\\" then "9999999\\" then "Packstation 999;Hamburg;…"). A
    line ending in an unescaped backslash is joined with the next line when that one is no
    property (and no folded line), the break kept as a line break of the value."""
    out: list[str] = []
    out_numbers: list[int] = []
    for line, number in zip(lines, numbers, strict=True):
        if out and _continues(out[-1]) and _is_continuation(line):
            out[-1] = out[-1][:-1] + "\\n" + line
            continue
        out.append(line)
        out_numbers.append(number)
    return out, out_numbers


def _continues(line: str) -> bool:
    trailing = len(line) - len(line.rstrip("\\"))
    return trailing % 2 == 1 and ":" in line


def _is_continuation(line: str) -> bool:
    return (
        bool(line.strip())
        and line[:1] not in (" ", "\t")
        and not _PROPERTY_RE.match(line)
        and line.strip().upper() != _END
    )


# Text values vobject cuts at an unescaped comma ("FN:Läunig, Stephan" read as "Läunig").
_ONE_TEXT_RE = re.compile(r"^(?:[A-Za-z0-9\-]+\.)?(?:FN|NOTE|TITLE|ORG|LABEL)[;:]", re.IGNORECASE)
_UNESCAPED_COMMA_RE = re.compile(r"(?<!\\),")


def _escape_commas(lines: list[str]) -> list[str]:
    """Escape the bare commas of the single-text properties, their folded lines included."""
    out: list[str] = []
    inside = False
    for line in lines:
        if line[:1] in (" ", "\t"):
            out.append(_UNESCAPED_COMMA_RE.sub(r"\\,", line) if inside else line)
            continue
        inside = _ONE_TEXT_RE.match(line) is not None
        if inside:
            name, colon, value = _split_property(line)
            line = name + colon + _UNESCAPED_COMMA_RE.sub(r"\\,", value)
        out.append(line)
    return out


def _drop_empty_parameters(lines: list[str]) -> list[str]:
    """Properties without their empty parameters: Outlook writes "ADR;HOME;PREF;:" and vobject
    cannot read the line at all (the address, or a phone's "TEL;CELL;:", was lost)."""
    out: list[str] = []
    for line in lines:
        name, colon, value = _split_property(line)
        if colon and line[:1] not in (" ", "\t") and (";;" in name or name.endswith(";")):
            parts = _split_parameters(name)
            line = ";".join([parts[0], *(part for part in parts[1:] if part.strip())]) + ":" + value
        out.append(line)
    return out


def _split_parameters(name: str) -> list[str]:
    """A property's name and parameters, cut at the semicolons outside quotes."""
    parts: list[str] = []
    start = 0
    quoted = False
    for index, char in enumerate(name):
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            parts.append(name[start:index])
            start = index + 1
    parts.append(name[start:])
    return parts


def _split_property(line: str) -> tuple[str, str, str]:
    """(name with parameters, ":", value): the first colon outside a quoted parameter."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], ":", line[index + 1 :]
    return line, "", ""
