"""Bytes of a contact file as text: the encoding (BOM, UTF-16 without one, UTF-8, else the
code pages contact files come in) and its lines, shared by the vCard and the CSV readers."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

LIKELY_ENCODINGS = ["cp1252", "iso8859_15", "cp1251", "gb18030", "big5", "shift_jis", "euc_kr"]


def decode(raw: bytes) -> str:
    """Text of a file: BOM first, then UTF-8, then charset-normalizer's best guess."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return raw.decode(name)
    utf16 = utf16_without_bom(raw)
    if utf16:
        return raw.decode(utf16)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Contact files come from Windows and phones: weigh their usual code pages only, as
    # charset-normalizer's guess over every code page is unreliable on a few short lines.
    best = from_bytes(raw, cp_isolation=LIKELY_ENCODINGS).best() or from_bytes(raw).best()
    if best is None:
        raise ValueError(_("The file is neither text nor in an encoding Karib recognises."))
    text = str(best)
    if best.encoding == "cp1251" and mixes_scripts(text):
        # A Western file read as Cyrillic ("ЦzdemirЦ" for "ÖzdemirÖ"): Latin and Cyrillic
        # letters inside one word do not happen in Russian text.
        return raw.decode("cp1252", "replace")
    return text


def utf16_without_bom(raw: bytes, *, size: int | None = None) -> str:
    """UTF-16 without a byte order mark (Apple's exports): ASCII text with every other byte
    zero; "" when the file is not. ``raw``: the file, or its first bytes and ``size`` its
    length."""
    head = raw[:200]
    if len(head) < 8 or (len(raw) if size is None else size) % 2:
        return ""
    even, odd = head[0::2], head[1::2]
    if even.count(0) > len(even) * 0.8 and not odd.count(0):
        return "utf-16-be"
    if odd.count(0) > len(odd) * 0.8 and not even.count(0):
        return "utf-16-le"
    return ""


_LATIN, _CYRILLIC = re.compile(r"[A-Za-z]"), re.compile(r"[\u0400-\u04ff]")


def mixes_scripts(text: str) -> bool:
    mixed = cyrillic = 0
    for word in re.findall(r"\w+", text[:20_000]):
        if _CYRILLIC.search(word):
            cyrillic += 1
            mixed += bool(_LATIN.search(word))
    return bool(cyrillic) and mixed * 2 >= cyrillic


LINE_BREAKS = re.compile(r"\r\n|\r|\n|\x0b|\x0c|\x1c|\x1d|\x1e|\x85|\u2028|\u2029")


def split_lines(text: str) -> Iterator[str]:
    """``text.splitlines()`` one line at a time (no list of every line of a large file)."""
    start = 0
    for found in LINE_BREAKS.finditer(text):
        yield text[start : found.start()]
        start = found.end()
    if start < len(text):
        yield text[start:]
