"""The per-conversation work of an import that needs no database: redaction, the stored
transcript, its content hash and the engine's analysis. Pure Python over `karib.tone`, so it
runs the same in the importing process or in a pool of worker processes (this module imports
no Django: a worker starts in a fraction of a second and never opens a database connection).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from karib import tone
from karib.tone.parsing import JSON_TOO_DEEP, conversation_from_object

from .metadata import parse_datetime
from .redaction import redact_conversation, redact_text

#: The engine's language for its own words; the app stores codes and values, so this only
#: decides the engine's built-in sentences, which are never shown.
ENGINE_LANGUAGE = "id"


def transcript_from_engine(conversation: tone.Conversation) -> list[dict[str, Any]]:
    """The stored transcript: one JSON object per turn."""
    return [
        {
            "index": turn.index,
            "speaker": turn.speaker,
            "role": turn.role,
            "text": turn.text,
            "ts": turn.ts,
            "kind": turn.kind,
        }
        for turn in conversation.turns
    ]


def transcript_plain_text(transcript: Sequence[dict[str, Any]]) -> str:
    """The transcript as searchable plain text: one "speaker: words" line per turn."""
    return "\n".join(f"{turn['speaker']}: {turn['text']}" for turn in transcript)


def content_hash(transcript: Sequence[dict[str, Any]]) -> str:
    """A fingerprint of the transcript: the same conversation imported twice has the same one."""
    canonical = [
        [turn["speaker"], turn["role"], turn["text"], turn.get("ts"), turn.get("kind")]
        for turn in transcript
    ]
    data = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def engine_analyze(conversation: tone.Conversation) -> tone.Analysis:
    return tone.analyze(conversation, lang=ENGINE_LANGUAGE)


#: What a worker sends back for a conversation, ready for the rows (`Prepared.rows`): plain
#: values, the large JSON columns already encoded, so that the importing process, the one
#: serial part of an import, neither encodes them nor unpickles nested data.
#: (conversation id, line, content hash, agent name, customer name, channel, product,
#: started at or None, transcript JSON, transcript text, redacted kinds JSON, language,
#: summary, summary JSON, turn analysis JSON, engine findings as dicts)
Row = tuple[Any, ...]


@dataclass(frozen=True)
class Prepared:
    """A chunk made ready: the conversations' ids and lines in order (up to the first input
    error), that error if any, and the rows as one pickled list (`Row`), which the importing
    process spools as it is and unpickles once, when it stores them."""

    ids: list[tuple[str, int | None]]
    error: tone.ToneInputError | None
    rows: bytes


def prepare_one(conversation: tone.Conversation, extra: dict[str, Any], *, redact: bool) -> Row:
    """Redact, analyse and make the row values of one conversation; `extra` is its object in
    the file (channel, product, start, agent: fields the engine ignores), or empty."""
    item, kinds = redact_conversation(conversation) if redact else (conversation, [])
    transcript = transcript_from_engine(item)
    data = engine_analyze(item).to_dict()
    agent_name = next((t["speaker"] for t in transcript if t["role"] == "agent"), "")
    customer_name = next((t["speaker"] for t in transcript if t["role"] == "customer"), "")
    if isinstance(extra.get("agent"), str):
        # the file's own "agent" field is a speaker name too: redacted like the turns' (a
        # WhatsApp Business number as the agent)
        agent_name = redact_text(extra["agent"]).text if redact else extra["agent"]
    started_at = parse_datetime(extra.get("started_at")) or next(
        (p for p in (parse_datetime(t["ts"]) for t in transcript) if p is not None), None
    )
    summary = data["summary"]
    return (
        item.conversation_id,
        getattr(item.turns[0], "line", None) if item.turns else None,
        content_hash(transcript),
        agent_name,
        customer_name,
        extra.get("channel"),
        extra.get("product"),
        started_at,
        _json(transcript),
        transcript_plain_text(transcript),
        _json(kinds),
        data["language"],
        summary,
        _json(summary),
        _json(data["turns"]),
        data["findings"],
    )


#: `json.dumps`'s output (as Django's `JSONField` stores it), without the check for cycles
#: the engine's plain data cannot have (a sixth of the encoding's time).
_ENCODER = json.JSONEncoder(check_circular=False)


def _json(value: object) -> str:
    """A JSON column's value as Django's `JSONField` stores it."""
    return _ENCODER.encode(value)


Work = tuple[str, Any]
"""A chunk of work: ("lines", [(line number, raw JSONL line), ...]) read straight from a
file, or ("parsed", [(conversation, extra), ...]) for formats parsed whole."""


def prepare_chunk(work: Work, *, file: str, agent: str | None, redact: bool) -> Prepared:
    """A chunk of conversations, in order (what a worker process runs); stops at the first
    input error, which the file is rejected for."""
    kind, items = work
    pairs = _jsonl_pairs(items, file=file, agent=agent) if kind == "lines" else iter(items)
    ids: list[tuple[str, int | None]] = []
    rows: list[Row] = []
    error: tone.ToneInputError | None = None
    for pair in pairs:
        if isinstance(pair, tone.ToneInputError):
            error = pair
            break
        error = nul_error(pair[0], pair[1], file=file)
        if error is not None:
            break
        row = prepare_one(pair[0], pair[1], redact=redact)
        ids.append((row[0], row[1]))
        rows.append(row)
    return Prepared(ids=ids, error=error, rows=pickle.dumps(rows, pickle.HIGHEST_PROTOCOL))


#: What a NUL character is refused as, in every format (the message JSONL lines get).
NUL_BYTES = "binary data (NUL bytes)"
#: The fields of a conversation's object in the file that are stored (`prepare_one`).
_STORED_EXTRA = ("agent", "channel", "product", "started_at")


def nul_error(
    conversation: tone.Conversation, extra: dict[str, Any], *, file: str
) -> tone.ToneInputError | None:
    """The input error of a conversation holding a NUL character, on its line, else None.

    PostgreSQL stores no NUL in a text column nor in JSON: such a conversation was stored on
    SQLite and made the file an internal error on PostgreSQL. A JSONL line with NUL bytes is
    refused as it is read; a NUL also comes from a UTF-16 text file (whose bytes are full of
    zeros, so the engine's binary check skips it), a JSON escape (``\\u0000``) or a UTF-8 file
    past its first 8 KiB. Every format now gets the same error."""
    first = conversation.turns[0].line if conversation.turns else None
    if "\x00" in conversation.conversation_id or any(
        isinstance(value, str) and "\x00" in value
        for value in (extra.get(key) for key in _STORED_EXTRA)
    ):
        return tone.ToneInputError(NUL_BYTES, file=file, line=first)
    for turn in conversation.turns:
        if "\x00" in turn.text or "\x00" in turn.speaker or (turn.ts and "\x00" in turn.ts):
            return tone.ToneInputError(
                NUL_BYTES, file=file, line=turn.line if turn.line is not None else first
            )
    return None


def _jsonl_pairs(
    lines: Iterable[tuple[int, bytes]], *, file: str, agent: str | None
) -> Iterator[tuple[tone.Conversation, dict[str, Any]] | tone.ToneInputError]:
    """The conversations of raw JSONL lines with their objects, or the error of a bad line,
    read as `tone.iter_conversations` reads a JSONL file (the same checks and messages), the
    JSON of each line parsed once for the engine and the metadata alike."""
    stem = Path(file).stem or "conversation"
    for number, data in lines:
        if len(data) > tone.MAX_BYTES:
            yield tone.ToneInputError("line over the 50 MB limit", file=file, line=number)
            return
        if b"\x00" in data:
            yield tone.ToneInputError(NUL_BYTES, file=file, line=number)
            return
        try:
            text = data.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield tone.ToneInputError("not UTF-8 text", file=file, line=number)
            return
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield tone.ToneInputError(f"malformed JSON line: {exc.msg}", file=file, line=number)
            return
        except RecursionError:
            yield tone.ToneInputError(JSON_TOO_DEEP, file=file, line=number)
            return
        try:
            conversation = conversation_from_object(
                obj,
                file=file,
                line=number,
                agent=agent,
                customer=None,
                default_id=f"{stem}-{number}",
            )
        except tone.ToneInputError as error:
            yield error
            return
        yield conversation, obj


def default_processes() -> int:
    """Worker processes for a large import: one per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class AnalysisPool:
    """Worker processes analysing chunks of conversations, results in the order given.

    Workers start from a clean forkserver (not a fork of a process with open database
    connections), which imports only this module and warms the engine (`engine_warm`). At
    most twice `processes` chunks are in flight, so memory stays bounded however long the file
    is."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__, f"{__package__}.engine_warm"])
        self._executor = ProcessPoolExecutor(max_workers=processes, mp_context=context)

    def map_chunks(
        self, chunks: Iterable[Work], *, file: str, agent: str | None, redact: bool
    ) -> Iterator[Prepared]:
        pending: deque[Future[Prepared]] = deque()
        for chunk in chunks:
            pending.append(
                self._executor.submit(prepare_chunk, chunk, file=file, agent=agent, redact=redact)
            )
            if len(pending) >= 2 * self.processes:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> AnalysisPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def prepare_chunks(
    chunks: Iterable[Work],
    *,
    file: str,
    agent: str | None,
    redact: bool,
    pool: AnalysisPool | None,
) -> Iterator[Prepared]:
    """Prepare chunk by chunk, in the pool when there is one, else in this process; the
    results are the same either way (the engine is deterministic)."""
    if pool is not None:
        yield from pool.map_chunks(chunks, file=file, agent=agent, redact=redact)
        return
    for chunk in chunks:
        yield prepare_chunk(chunk, file=file, agent=agent, redact=redact)
