"""karib.tone: the conversation tone engine (pure Python, no Django).

Public API: ``parse``, ``iter_conversations``, ``analyze``, ``score_utterance`` and the
frozen dataclasses they take and return. See docs/tone.md.
"""

from karib.tone.analysis import ENGINE_VERSION, analyze, detect_language
from karib.tone.detectors import FINDING_CODES, REGISTRY, Detector
from karib.tone.errors import RoleError, ToneInputError
from karib.tone.parsing import MAX_BYTES, detect_format, iter_conversations, parse
from karib.tone.records import (
    Analysis,
    Conversation,
    Finding,
    Marker,
    Summary,
    Turn,
    TurnAnalysis,
    UtteranceScore,
)
from karib.tone.redact import Redacted, Redaction, redact
from karib.tone.scoring import score_utterance

__all__ = [
    "ENGINE_VERSION",
    "FINDING_CODES",
    "MAX_BYTES",
    "REGISTRY",
    "Analysis",
    "Conversation",
    "Detector",
    "Finding",
    "Marker",
    "Redacted",
    "Redaction",
    "RoleError",
    "Summary",
    "ToneInputError",
    "Turn",
    "TurnAnalysis",
    "UtteranceScore",
    "analyze",
    "detect_format",
    "detect_language",
    "iter_conversations",
    "parse",
    "redact",
    "score_utterance",
]
