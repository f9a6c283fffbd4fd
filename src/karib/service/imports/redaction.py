"""Personal data out of imported transcripts, through the engine's `karib.tone.redact`.

Redaction is on by default for every team (`ServiceSettings.redact_on_import`). It works with
an engine that provides `redact` (engine 2.0: card numbers, NIK, NPWP, account numbers,
phones, e-mail addresses); with one without it `REDACTION_AVAILABLE` is False and transcripts
are stored as written — the settings page says so.
"""

from __future__ import annotations

import dataclasses

from karib import tone

REDACTION_AVAILABLE = callable(getattr(tone, "redact", None))


@dataclasses.dataclass(frozen=True)
class Redacted:
    text: str
    kinds: tuple[str, ...] = ()


def redact_text(text: str) -> Redacted:
    """The text with personal data replaced, and the kinds found (none without the engine's
    redaction). Accepts the engine's `Redaction` (text and findings) or a plain string."""
    redact = getattr(tone, "redact", None)
    if not callable(redact):
        return Redacted(text=text)
    result = redact(text)
    if isinstance(result, str):
        return Redacted(text=result)
    findings = getattr(result, "findings", None) or ()
    kinds = tuple(dict.fromkeys(str(found.kind) for found in findings))
    return Redacted(text=str(result.text), kinds=kinds)


def redact_conversation(conversation: tone.Conversation) -> tuple[tone.Conversation, list[str]]:
    """The conversation with every turn's text redacted, and the kinds of data removed."""
    if not REDACTION_AVAILABLE:
        return conversation, []
    kinds: dict[str, None] = {}
    turns = []
    changed = False
    for turn in conversation.turns:
        redacted = redact_text(turn.text)
        kinds.update(dict.fromkeys(redacted.kinds))
        if redacted.text == turn.text:  # most turns hold no personal data: kept as they are
            turns.append(turn)
            continue
        changed = True
        turns.append(dataclasses.replace(turn, text=redacted.text))
    if not changed:
        return conversation, list(kinds)
    return dataclasses.replace(conversation, turns=tuple(turns)), list(kinds)
