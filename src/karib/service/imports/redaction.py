"""Personal data out of imported transcripts, through the engine's `karib.tone.redact`.

Redaction is on by default for every team (`ServiceSettings.redact_on_import`). It works with
an engine that provides `redact` (engine 2.0: card numbers, NIK, NPWP, account numbers,
phones, e-mail addresses); with one without it `REDACTION_AVAILABLE` is False and transcripts
are stored as written — the settings page says so.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import PurePath

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
    """The conversation with every turn's text and speaker redacted, and its id, and the kinds
    of data removed. A speaker is often a phone number (a WhatsApp export from an unsaved
    contact) and an id may hold an e-mail address or a NIK (secprobe5, F3); the roles are
    already set, so a redacted speaker changes nothing else. A redacted id keeps a short hash
    of the original, so two conversations never share one and a re-import finds the same."""
    if not REDACTION_AVAILABLE:
        return conversation, []
    kinds: dict[str, None] = {}
    speakers: dict[str, str] = {}
    turns = []
    changed = False
    for turn in conversation.turns:
        redacted = redact_text(turn.text)
        kinds.update(dict.fromkeys(redacted.kinds))
        if turn.speaker not in speakers:
            speaker = redact_text(turn.speaker)
            kinds.update(dict.fromkeys(speaker.kinds))
            speakers[turn.speaker] = speaker.text
        speaker_text = speakers[turn.speaker]
        if redacted.text == turn.text and speaker_text == turn.speaker:
            turns.append(turn)  # most turns hold no personal data: kept as they are
            continue
        changed = True
        turns.append(dataclasses.replace(turn, text=redacted.text, speaker=speaker_text))
    identifier = redact_text(conversation.conversation_id)
    kinds.update(dict.fromkeys(identifier.kinds))
    conversation_id = conversation.conversation_id
    if identifier.text != conversation_id:
        digest = hashlib.sha256(conversation_id.encode()).hexdigest()[:8]
        conversation_id = f"{identifier.text} #{digest}"
        changed = True
    if not changed:
        return conversation, list(kinds)
    return (
        dataclasses.replace(conversation, turns=tuple(turns), conversation_id=conversation_id),
        list(kinds),
    )


def redact_file_name(name: str) -> str:
    """An uploaded file's name without personal data: WhatsApp names an export after the
    contact ("WhatsApp Chat with +62 812-3456-7890.txt"), and the name is shown on the import
    pages and reports and names the conversations read from it. Its suffix is kept, and a
    short hash of the original is added (as to a redacted id), so two customers' exports never
    share a name and a re-import of the same file finds its conversations again."""
    suffix = PurePath(name).suffix
    stem = name[: len(name) - len(suffix)] if suffix else name
    redacted = redact_text(stem).text
    if redacted == stem:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{redacted[:230]} #{digest}{suffix[:16]}"
