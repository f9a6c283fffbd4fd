"""Personal data out of imported transcripts, through the engine's `karib.tone.redact`.

Redaction is on by default for every team (`ServiceSettings.redact_on_import`). It works when
the engine provides `redact` (engine 2.0); with an engine without it `REDACTION_AVAILABLE` is
False and transcripts are stored as written — the settings page says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from karib import tone

REDACTION_AVAILABLE = callable(getattr(tone, "redact", None))


@dataclasses.dataclass(frozen=True)
class Redacted:
    text: str
    kinds: tuple[str, ...] = ()


def _spans_applied(text: str, spans: Iterable[Any]) -> Redacted:
    """Replace each span (start, end, kind) by `[kind]`, from the end so offsets hold."""
    ordered = sorted(spans, key=lambda span: span.start, reverse=True)
    kinds: list[str] = []
    for span in ordered:
        kind = str(getattr(span, "kind", "personal data"))
        text = f"{text[: span.start]}[{kind}]{text[span.end :]}"
        kinds.append(kind)
    return Redacted(text=text, kinds=tuple(dict.fromkeys(reversed(kinds))))


def redact_text(text: str) -> Redacted:
    """The text with personal data replaced, and the kinds found (none without the engine's
    redaction)."""
    redact = getattr(tone, "redact", None)
    if not callable(redact):
        return Redacted(text=text)
    result = redact(text)
    if isinstance(result, str):
        return Redacted(text=result)
    spans = getattr(result, "spans", None)
    if hasattr(result, "text") and isinstance(result.text, str):
        kinds = tuple(dict.fromkeys(str(span.kind) for span in spans or ()))
        return Redacted(text=result.text, kinds=kinds)
    return _spans_applied(text, spans if spans is not None else result)


def redact_conversation(conversation: tone.Conversation) -> tuple[tone.Conversation, list[str]]:
    """The conversation with every turn's text redacted, and the kinds of data removed."""
    if not REDACTION_AVAILABLE:
        return conversation, []
    kinds: dict[str, None] = {}
    turns = []
    for turn in conversation.turns:
        redacted = redact_text(turn.text)
        kinds.update(dict.fromkeys(redacted.kinds))
        turns.append(dataclasses.replace(turn, text=redacted.text))
    return dataclasses.replace(conversation, turns=tuple(turns)), list(kinds)
