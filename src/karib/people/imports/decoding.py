"""Bytes of a contact file as text: the encoding (BOM, UTF-16 without one, UTF-8, else the
code pages contact files come in) and its lines, shared by the vCard and the CSV readers."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

LIKELY_ENCODINGS = ["cp1252", "iso8859_15", "cp1251", "gb18030", "big5", "shift_jis", "euc_kr"]


def decode(raw: bytes, *, vcard: bool = False) -> str:
    """Text of a file: BOM first, then UTF-8, then charset-normalizer's best guess. A
    ``vcard``'s folds that split a character are mended first (``mend_folds``), and a
    ``CHARSET=`` it names is tried before the guess (``charset_hint``)."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return (mend_folds(raw) if vcard and name == "utf-8-sig" else raw).decode(name)
    utf16 = utf16_without_bom(raw)
    if utf16:
        return raw.decode(utf16)
    if vcard:
        raw = mend_folds(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    hint = charset_hint(raw) if vcard else None
    if hint is not None:
        return raw.decode(hint, "replace")
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


# A vCard folds its lines every 75 octets (RFC 6350 3.2: a line break and one space or tab),
# and some writers (ownCloud Contacts, KDE keeps its card as a regression test) fold in the
# middle of a UTF-8 character: the file is then no UTF-8 until it is unfolded. The bytes of the
# character before the fold (a lead byte and the continuation bytes it has there), followed by
# the fold and a continuation byte.
_SPLIT_FOLD_RE = re.compile(
    rb"([\xc2-\xdf]|[\xe0-\xef][\x80-\xbf]?|[\xf0-\xf4][\x80-\xbf]{0,2})"
    rb"(\r\n[ \t]|[\r\n][ \t])(?=[\x80-\xbf])"
)
#: A split character and its fold take at most 9 bytes: what is held back of each chunk.
_FOLD_HOLD = 8


def mend_folds(data: bytes) -> bytes:
    """A vCard's bytes with every fold that splits a UTF-8 character moved before that
    character ("\xd0\r\n \xbb" becomes "\r\n \xd0\xbb"). Unfolded, the text is the same, and so
    are the file's length and lines (line numbers stay true); in any other encoding too, since
    unfolding joins the bytes either way."""
    return _SPLIT_FOLD_RE.sub(rb"\2\1", data)


def mend_fold_chunks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """``mend_folds`` over a file read a chunk at a time: the tail of each chunk that may hold
    the start of a split character (and the byte after its fold) waits for the next one."""
    carry = b""
    for chunk in chunks:
        data = carry + chunk if carry else chunk
        cut = len(data) - _FOLD_HOLD
        if cut <= 0:
            carry = data
            continue
        out: list[bytes] = []
        position = 0
        for found in _SPLIT_FOLD_RE.finditer(data):
            if found.start() >= cut:
                break
            out += (data[position : found.start()], found.group(2), found.group(1))
            position = found.end()
            cut = max(cut, position)
        out.append(data[position:cut])
        carry = data[cut:]
        yield b"".join(out)
    if carry:
        yield mend_folds(carry)


_CHARSET_PARAM_RE = re.compile(rb";\s*CHARSET=\"?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
#: What phones mean by a CHARSET: Japanese phones' "Shift_JIS" is Windows' code page 932 (NEC
#: and IBM characters besides JIS X 0208), as charset-normalizer and browsers read it.
_CHARSET_ALIASES = {"shift_jis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932"}


def charset_hint(data: bytes) -> str | None:
    """The encoding a vCard's ``CHARSET=`` parameters name for its bytes that are not UTF-8
    (Japanese phones write Shift_JIS, old Nokias ISO-8859-1), as a Python codec: a parameter of
    a line holding such bytes first, then any; only one that reads all those lines of
    ``data`` (the head of the file) without an error. None: no hint, or none that fits."""
    named: list[tuple[bool, bytes]] = []
    eight_bit: list[bytes] = []
    for line in data.splitlines():
        ascii_line = line.isascii()
        if not ascii_line:
            eight_bit.append(line)
        found = _CHARSET_PARAM_RE.search(line.partition(b":")[0])
        if found:
            named.append((ascii_line, found.group(1)))
    if not eight_bit:
        return None
    tried: set[str] = set()
    for _ascii, name in sorted(named, key=lambda item: item[0]):  # 8-bit lines first
        text = name.decode("ascii").lower()
        try:
            codec = codecs.lookup(_CHARSET_ALIASES.get(text, text)).name
        except LookupError:
            continue
        codec = _CHARSET_ALIASES.get(codec, codec)
        if codec in tried or codec.startswith("utf"):
            continue
        tried.add(codec)
        try:
            for line in eight_bit:
                line.decode(codec)
        except UnicodeDecodeError:
            continue
        return codec
    return None
