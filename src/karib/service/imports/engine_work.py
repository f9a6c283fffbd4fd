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
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from karib import tone

from .redaction import redact_conversation

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


@dataclass(frozen=True)
class Analysed:
    """One parsed conversation made ready to store: what the database rows need."""

    conversation_id: str
    line: int | None
    transcript: list[dict[str, Any]]
    transcript_text: str
    digest: str
    redacted_kinds: list[str]
    #: The engine's result in plain form (`tone.Analysis.to_dict()`): plain dicts and lists
    #: cross processes and the spool many times faster than the frozen dataclasses.
    data: dict[str, Any]


def analyse_one(conversation: tone.Conversation, *, redact: bool) -> Analysed:
    item, kinds = redact_conversation(conversation) if redact else (conversation, [])
    transcript = transcript_from_engine(item)
    result = engine_analyze(item)
    return Analysed(
        conversation_id=item.conversation_id,
        line=getattr(item.turns[0], "line", None) if item.turns else None,
        transcript=transcript,
        transcript_text=transcript_plain_text(transcript),
        digest=content_hash(transcript),
        redacted_kinds=kinds,
        data=result.to_dict(),
    )


def analyse_chunk(chunk: Sequence[tone.Conversation], redact: bool) -> list[Analysed]:
    """A chunk of conversations, in order (what a worker process runs)."""
    return [analyse_one(conversation, redact=redact) for conversation in chunk]


def default_processes() -> int:
    """Worker processes for a large import: one per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class AnalysisPool:
    """Worker processes analysing chunks of conversations, results in the order given.

    Workers start from a clean forkserver (not a fork of a process with open database
    connections) and import only this module. At most twice `processes` chunks are in flight, so
    memory stays bounded however long the file is."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        self._executor = ProcessPoolExecutor(max_workers=processes, mp_context=context)

    def map_chunks(
        self, chunks: Iterable[Sequence[tone.Conversation]], *, redact: bool
    ) -> Iterator[list[Analysed]]:
        pending: deque[Future[list[Analysed]]] = deque()
        for chunk in chunks:
            pending.append(self._executor.submit(analyse_chunk, list(chunk), redact))
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


def analyse_chunks(
    chunks: Iterable[Sequence[tone.Conversation]], *, redact: bool, pool: AnalysisPool | None
) -> Iterator[list[Analysed]]:
    """Analyse chunk by chunk, in the pool when there is one, else in this process; the
    results are the same either way (the engine is deterministic)."""
    if pool is not None:
        yield from pool.map_chunks(chunks, redact=redact)
        return
    for chunk in chunks:
        yield analyse_chunk(chunk, redact)
