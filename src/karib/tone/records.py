"""Frozen dataclasses going into and coming out of the engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["agent", "customer", "system"]
ConversationState = Literal["ended_by_agent", "ended_by_customer", "open"]
TurnKind = Literal["message", "event", "media"]


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn of a conversation: a message, a media placeholder or an event."""

    index: int
    speaker: str
    role: Role
    text: str
    ts: str | None = None
    kind: TurnKind = "message"
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Conversation:
    """A parsed conversation with every speaker's role resolved."""

    conversation_id: str
    turns: tuple[Turn, ...]
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Marker:
    """A politeness or curtness cue (``kind``) or an act cue found in a turn."""

    kind: str
    label: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "label": self.label,
            "text": self.text,
            "span": [self.start, self.end],
        }


@dataclass(frozen=True, slots=True)
class UtteranceScore:
    """Per-utterance analysis: politeness, sentiment, markers and acts."""

    text: str
    politeness: float
    sentiment: str
    sentiment_scores: Mapping[str, float]
    markers: tuple[Marker, ...]
    acts: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "politeness": self.politeness,
            "sentiment": self.sentiment,
            "sentiment_scores": dict(self.sentiment_scores),
            "markers": [m.to_dict() for m in self.markers],
            "acts": list(self.acts),
        }


_NEW = object.__new__
# The slots' setters: a frozen dataclass's ``__init__`` sets each field through
# ``object.__setattr__`` (a look-up by name per field); ``utterance_score`` sets them
# directly. (UtteranceScore has no ``__post_init__`` and no defaults.)
_SET_SCORE = tuple(
    getattr(UtteranceScore, name).__set__
    for name in ("text", "politeness", "sentiment", "sentiment_scores", "markers", "acts")
)


def utterance_score(
    text: str,
    politeness: float,
    sentiment: str,
    sentiment_scores: Mapping[str, float],
    markers: tuple[Marker, ...],
    acts: tuple[str, ...],
) -> UtteranceScore:
    """``UtteranceScore(text, politeness, ...)``, built faster (the per-turn hot path)."""
    score: UtteranceScore = _NEW(UtteranceScore)
    set_text, set_politeness, set_sentiment, set_scores, set_markers, set_acts = _SET_SCORE
    set_text(score, text)
    set_politeness(score, politeness)
    set_sentiment(score, sentiment)
    set_scores(score, sentiment_scores)
    set_markers(score, markers)
    set_acts(score, acts)
    return score


@dataclass(frozen=True, slots=True)
class TurnAnalysis:
    """A turn with its utterance score, in the context of the conversation."""

    index: int
    role: Role
    speaker: str
    text: str
    kind: TurnKind
    politeness: float
    sentiment: str
    sentiment_scores: Mapping[str, float]
    acts: tuple[str, ...]
    markers: tuple[Marker, ...]
    ts: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "index": self.index,
            "role": self.role,
            "speaker": self.speaker,
            "text": self.text,
            "kind": self.kind,
            "ts": self.ts,
            "politeness": self.politeness,
            "sentiment": self.sentiment,
            "sentiment_scores": dict(self.sentiment_scores),
            "acts": list(self.acts),
            "markers": [m.to_dict() for m in self.markers],
        }


@dataclass(frozen=True, slots=True)
class Summary:
    """The conversation-level verdicts; ``to_dict`` keys are a contract."""

    cancellation_request: bool
    first_refusal_turn: int | None
    retention_offers: tuple[int, ...]
    pushes_after_refusal: int
    tone_shift: bool
    courteous_closure: bool
    customer_cut_off: bool
    agent_politeness: float
    customer_sentiment_trend: str
    score: int
    conversation_state: ConversationState = "open"

    def to_dict(self) -> dict[str, object]:
        return {
            "cancellation_request": self.cancellation_request,
            "first_refusal_turn": self.first_refusal_turn,
            "retention_offers": list(self.retention_offers),
            "pushes_after_refusal": self.pushes_after_refusal,
            "tone_shift": self.tone_shift,
            "courteous_closure": self.courteous_closure,
            "customer_cut_off": self.customer_cut_off,
            "agent_politeness": self.agent_politeness,
            "customer_sentiment_trend": self.customer_sentiment_trend,
            "score": self.score,
            "conversation_state": self.conversation_state,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a team lead should look at, with the words that show it."""

    code: str
    severity: str
    turns: tuple[int, ...]
    evidence: tuple[str, ...]
    explanation: str
    confidence: float = 1.0

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "turns": list(self.turns),
            "evidence": list(self.evidence),
            "explanation": self.explanation,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """The analysis of one conversation; ``to_dict`` is the CLI's JSON object."""

    conversation_id: str
    language: str
    summary: Summary
    findings: tuple[Finding, ...]
    turns: tuple[TurnAnalysis, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, object]:
        return {
            "conversation_id": self.conversation_id,
            "language": self.language,
            "summary": self.summary.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "turns": [t.to_dict() for t in self.turns],
        }
