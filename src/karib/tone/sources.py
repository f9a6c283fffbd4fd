"""Reading conversation files: bytes and encodings, format detection, and building a
conversation from its parsed rows (shared by every format)."""

from __future__ import annotations

import codecs
import datetime
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from karib.tone import whatsapp
from karib.tone.errors import ToneInputError
from karib.tone.records import Conversation, Role, Turn, TurnKind
from karib.tone.roles import resolve_roles
from karib.tone.whatsapp_layouts import stamp_like

MAX_BYTES = 50 * 1024 * 1024
FORMATS = ("text", "whatsapp", "json", "jsonl", "csv")
_EXTENSIONS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}

Source = str | bytes | os.PathLike[str]

# --- reading bytes -------------------------------------------------------------------------


def utf16_without_bom(raw: bytes) -> str:
    """UTF-16 without a byte order mark (Apple's exports; an iOS chat saved by some tools):
    ASCII text with every other byte zero; "" when ``raw`` (a file, or its first bytes) is
    not. The twin of ``karib.people.imports.decoding.utf16_without_bom``, copied because
    karib.tone imports no Django (that module does); keep the two rules alike."""
    head = raw[:200]
    if len(head) < 8 or len(raw) % 2:
        return ""
    even, odd = head[0::2], head[1::2]
    if even.count(0) > len(even) * 0.8 and not odd.count(0):
        return "utf-16-be"
    if odd.count(0) > len(odd) * 0.8 and not even.count(0):
        return "utf-16-le"
    return ""


def _utf16(data: bytes) -> str:
    """The codec of UTF-16 bytes, with or without a byte order mark; "" for other bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return utf16_without_bom(data)


def _check_bytes(data: bytes, file: str, *, text: bool = False) -> None:
    """Refuse a file over the limit, or binary data; ``text``: ``data`` is a str's UTF-8."""
    if len(data) > MAX_BYTES:
        raise ToneInputError(
            f"file is {len(data) / 1048576:.1f} MB, over the 50 MB limit; "
            "split it or use JSONL/CSV, which are streamed",
            file=file,
        )
    if b"\x00" in data[:8192] and (text or not _utf16(data)):
        raise ToneInputError("binary file (contains NUL bytes), not a conversation", file=file)


def sniff_text(head: bytes) -> str:
    """The first bytes of a file decoded for format detection only (UTF-8 or UTF-16, with or
    without a byte order mark; undecodable bytes replaced)."""
    codec = _utf16(head)
    if codec:
        return head[: len(head) - len(head) % 2].decode(codec, "replace")
    return head.decode("utf-8-sig", "replace")


def _unzipped(data: bytes, file: str) -> bytes:
    """The chat inside a zipped WhatsApp export (iOS always zips), else ``data`` as it is."""
    if not whatsapp.is_zip(data):
        return data
    return whatsapp.chat_in_zip(io.BytesIO(data), file=file, max_bytes=MAX_BYTES)[1]


def _decode(data: bytes, file: str, first_line: int = 1) -> str:
    codec = _utf16(data)
    if codec:
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            raise ToneInputError("undecodable UTF-16 text", file=file) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        raise ToneInputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded); "
            "save the file as UTF-8",
            file=file,
            line=line,
        ) from exc


def _read(source: Source, name: str | None) -> tuple[str, str, str | None]:
    """Return (text, display name, file suffix) for any accepted source."""
    if isinstance(source, bytes):
        file = name or "<input>"
        source = _unzipped(source, file)
        _check_bytes(source, file)
        return _decode(source, file), file, None
    if isinstance(source, str) and ("\n" in source or not source or not os.path.isfile(source)):
        file = name or "<input>"
        _check_bytes(source.encode("utf-8", "surrogatepass"), file, text=True)
        return source, file, None
    path = Path(source)
    file = name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ToneInputError(
                f"file is {size / 1048576:.1f} MB, over the 50 MB limit; "
                "split it or use JSONL/CSV, which are streamed",
                file=file,
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ToneInputError(f"cannot read file: {exc.strerror or exc}", file=file) from exc
    suffix = path.suffix.lower()
    if whatsapp.is_zip(data):
        data, suffix = _unzipped(data, file), ".txt"
    _check_bytes(data, file)
    return _decode(data, file), file, suffix


# --- format detection ----------------------------------------------------------------------

_CSV_HEADER_RE = re.compile(r"conversation_id", re.IGNORECASE)


def detect_format(text: str, suffix: str | None = None) -> str:
    """Guess the format of a document from its suffix and first lines."""
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    head = text.lstrip("\ufeff\u200e\u200f \t\r\n")
    first = head.split("\n", 1)[0]
    # A first line that opens with a date and a time is a chat export's header, read or not:
    # the WhatsApp reader names a layout it does not read (the text reader would only say
    # it expected "SPEAKER: text").
    if whatsapp.is_header(first) or stamp_like(first):
        return "whatsapp"
    if head.startswith("[") and head[1:].lstrip().startswith(("{", "]")):
        return "json"
    if head.startswith("{"):
        lines = [ln for ln in head.split("\n", 3)[:3] if ln.strip()]
        if len(lines) > 1 and all(ln.strip().startswith("{") for ln in lines):
            try:
                json.loads(lines[0])
            except ValueError:
                return "json"
            return "jsonl"
        return "json"
    if _CSV_HEADER_RE.search(first) and re.search(r"\bspeaker\b", first, re.IGNORECASE):
        return "csv"
    return "text"


# --- building conversations ----------------------------------------------------------------


def _stem(file: str) -> str:
    base = os.path.basename(file)
    stem = os.path.splitext(base)[0]
    return stem if stem and not stem.startswith("<") else "conversation"


def _is_iso(value: str) -> bool:
    """An ISO 8601 date-time, date or time of day (``Z`` allowed)."""
    text = value.strip()
    if not text or not text[0].isdigit():
        return False
    for kind in (datetime.datetime, datetime.date, datetime.time):
        try:
            kind.fromisoformat(text)
        except ValueError:
            continue
        return True
    return False


def _build(
    conversation_id: str,
    raw: list[tuple[str, str, str | None, TurnKind, int | None]],
    *,
    file: str,
    line: int | None,
    agent: str | None,
    customer: str | None,
    explicit: dict[str, Role] | None = None,
) -> Conversation:
    """``raw`` holds (speaker, text, ts, kind, line); events have kind "event"."""
    if not any(kind != "event" for _, _, _, kind, _ in raw):
        raise ToneInputError("no turns found in conversation", file=file, line=line)
    speakers: list[str] = []
    seen: set[str] = set()
    for speaker, _, _, kind, _ in raw:
        if kind != "event" and speaker not in seen:
            seen.add(speaker)
            speakers.append(speaker)
    roles = resolve_roles(
        speakers, agent=agent, customer=customer, explicit=explicit, file=file, line=line
    )
    turns = []
    for index, (speaker, text, ts, kind, turn_line) in enumerate(raw):
        if ts is not None and not _is_iso(ts):
            raise ToneInputError(
                f"turn {index}: timestamp {ts!r} is not an ISO 8601 date-time "
                f"(e.g. 2024-03-01T09:00:00+07:00)",
                file=file,
                line=turn_line if turn_line is not None else line,
            )
        role: Role = "system" if kind == "event" else roles[speaker]
        if role == "system" and kind == "message":
            kind = "event"
        turns.append(Turn(index, speaker, role, text, ts, kind, turn_line))
    return Conversation(conversation_id, tuple(turns), file)


# --- plain text ----------------------------------------------------------------------------


def _unique(
    items: Iterable[Conversation | ToneInputError], file: str
) -> Iterator[Conversation | ToneInputError]:
    """Pass a batch through, reporting (and skipping) a repeated conversation id."""
    first_line: dict[str, int | None] = {}
    for item in items:
        if isinstance(item, Conversation):
            cid = item.conversation_id
            line = item.turns[0].line if item.turns else None
            if cid in first_line:
                where = first_line[cid]
                yield ToneInputError(
                    f"duplicate conversation id {cid!r}"
                    + (f" (first seen on line {where})" if where is not None else "")
                    + "; this one is skipped",
                    file=file,
                    line=line,
                )
                continue
            first_line[cid] = line
        yield item
