"""Reading conversations: plain text, WhatsApp exports, JSON, JSONL and CSV.

The formats live in ``sources`` (bytes, detection, building), ``chats`` (plain text,
WhatsApp) and ``batches`` (JSON, JSONL, CSV); this module holds the entry points and keeps
the public names importable from here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from karib.tone import whatsapp
from karib.tone.batches import (
    JSON_TOO_DEEP,
    _iter_csv,
    _iter_jsonl,
    conversation_from_object,
    parse_json,
)
from karib.tone.chats import DATE_ORDERS, parse_text, parse_whatsapp, whatsapp_date_order
from karib.tone.errors import ToneInputError
from karib.tone.records import Conversation
from karib.tone.sources import (
    _EXTENSIONS,
    FORMATS,
    MAX_BYTES,
    Source,
    _decode,
    _read,
    _stem,
    _unique,
    detect_format,
    sniff_text,
)

__all__ = [
    "DATE_ORDERS",
    "FORMATS",
    "JSON_TOO_DEEP",
    "MAX_BYTES",
    "Source",
    "conversation_from_object",
    "detect_format",
    "is_batch",
    "iter_conversations",
    "parse",
    "parse_json",
    "parse_text",
    "parse_whatsapp",
    "whatsapp_date_order",
]


def parse(
    source: Source,
    *,
    fmt: str | None = None,
    agent: str | None = None,
    customer: str | None = None,
    name: str | None = None,
    date_order: str | None = None,
    known_agents: Iterable[str] = (),
) -> list[Conversation]:
    """Parse a file path, bytes or text into conversations (roles resolved).

    A ``str`` is taken as a path when it names an existing file and has no newline,
    otherwise as the document itself. Raises ``ToneInputError`` (or ``RoleError``).

    WhatsApp only: ``date_order`` forces "dmy", "mdy" or "ymd"; "strict" raises
    ``AmbiguousDateOrder`` when the file gives no evidence (None guesses). Speakers named
    in ``known_agents`` (the team's users) are agents.
    """
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ToneInputError(
            f"unknown date order {date_order!r}; use one of {', '.join(DATE_ORDERS)}"
        )
    text, file, suffix = _read(source, name)
    if not text.strip():
        raise ToneInputError("empty file: no turns found", file=file)
    if fmt is not None and fmt not in FORMATS:
        raise ToneInputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", file=file)
    chosen = fmt or detect_format(text, suffix)
    cid = _stem(file)
    if chosen == "text":
        return [parse_text(text, file=file, conversation_id=cid, agent=agent, customer=customer)]
    if chosen == "whatsapp":
        return [
            parse_whatsapp(
                text,
                file=file,
                conversation_id=cid,
                agent=agent,
                customer=customer,
                date_order=date_order,
                known_agents=known_agents,
            )
        ]
    if chosen == "json":
        return parse_json(text, file=file, conversation_id=cid, agent=agent, customer=customer)
    numbered = enumerate(text.splitlines(keepends=True), start=1)
    iterator = (
        _iter_jsonl(numbered, file=file, agent=agent, customer=customer)
        if chosen == "jsonl"
        else _iter_csv(numbered, file=file, agent=agent, customer=customer)
    )
    out: list[Conversation] = []
    for item in _unique(iterator, file):
        if isinstance(item, ToneInputError):
            raise item
        out.append(item)
    return out


def _stream_lines(path: Path, file: str) -> Iterator[tuple[int, str] | ToneInputError]:
    with path.open("rb") as handle:
        for number, data in enumerate(handle, start=1):
            if len(data) > MAX_BYTES:
                yield ToneInputError("line over the 50 MB limit", file=file, line=number)
                continue
            if b"\x00" in data:
                yield ToneInputError("binary data (NUL bytes)", file=file, line=number)
                continue
            try:
                text = _decode(data, file, number) if number == 1 else data.decode("utf-8")
            except (ToneInputError, UnicodeDecodeError):
                yield ToneInputError("not UTF-8 text", file=file, line=number)
                continue
            yield number, text  # with its line ending (CSV fields may span lines)


def is_batch(path: str | os.PathLike[str], fmt: str | None = None) -> bool:
    """Whether a file holds a batch of conversations (JSONL, CSV or a JSON array), judged
    from the format, the suffix or the first 4 KiB; unreadable files count as single."""
    p = Path(path)
    chosen = fmt or _EXTENSIONS.get(p.suffix.lower())
    if chosen in ("jsonl", "csv"):
        return True
    if chosen not in (None, "json"):
        return False
    try:
        with p.open("rb") as handle:
            head = sniff_text(handle.read(4096))
    except OSError:
        return False
    if chosen == "json":
        return head.lstrip().startswith("[")
    try:
        detected = detect_format(head, p.suffix.lower())
    except ValueError:
        return False
    return detected in ("jsonl", "csv") or (detected == "json" and head.lstrip().startswith("["))


def iter_conversations(
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    agent: str | None = None,
    customer: str | None = None,
    name: str | None = None,
) -> Iterator[Conversation | ToneInputError]:
    """Yield conversations (or the error of each bad one) from a file.

    JSONL and CSV are streamed line by line in constant memory, with no overall size
    limit; other formats are parsed whole (50 MB limit) and yield their conversations,
    or a single error.
    """
    file = name or os.fspath(path)
    p = Path(path)
    suffix = p.suffix.lower()
    chosen = fmt or _EXTENSIONS.get(suffix)
    if chosen is None:
        try:
            with p.open("rb") as handle:
                head = handle.read(4096)
        except OSError as exc:
            yield ToneInputError(f"cannot read file: {exc.strerror or exc}", file=file)
            return
        if whatsapp.is_zip(head):  # a zipped export: read whole, its chat detected
            chosen = None
        else:
            try:
                chosen = detect_format(sniff_text(head), suffix)
            except ValueError:
                chosen = "text"
    if chosen not in ("jsonl", "csv"):
        try:
            yield from parse(p, fmt=chosen, agent=agent, customer=customer, name=file)
        except ToneInputError as error:
            yield error
        return
    try:
        if p.stat().st_size == 0:
            yield ToneInputError("empty file: no turns found", file=file)
            return
    except OSError as exc:
        yield ToneInputError(f"cannot read file: {exc.strerror or exc}", file=file)
        return
    errors: list[ToneInputError] = []

    def good_lines() -> Iterator[tuple[int, str]]:
        for item in _stream_lines(p, file):
            if isinstance(item, ToneInputError):
                errors.append(item)
            else:
                yield item

    inner = (
        _iter_jsonl(good_lines(), file=file, agent=agent, customer=customer)
        if chosen == "jsonl"
        else _iter_csv(good_lines(), file=file, agent=agent, customer=customer)
    )
    for conversation in _unique(inner, file):
        while errors:
            yield errors.pop(0)
        yield conversation
    while errors:
        yield errors.pop(0)
