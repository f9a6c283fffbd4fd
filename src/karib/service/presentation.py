"""How conversation QA is drawn: the transcript with its markers and politeness shading, the
scorecard charts (server-rendered SVG, each with a text equivalent) and import reasons in
the reader's language. No queries here beyond what the objects passed in already hold.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import reasons
from .models import Conversation, ImportBatch, ImportFile
from .templatetags.service_acts import cue_label

if TYPE_CHECKING:
    from .selectors import Scorecard, TrendPoint


# --- charts ------------------------------------------------------------------------------


def trend_svg_points(
    trend: list[TrendPoint], *, width: int = 560, height: int = 160
) -> dict[str, Any]:
    """Coordinates for the agent's trend chart (scores 0 to 100)."""
    pad = 24
    usable_w = width - 2 * pad
    usable_h = height - 2 * pad
    step = usable_w / max(1, len(trend) - 1)
    points = []
    for position, point in enumerate(trend):
        if point.average is None:
            continue
        x = pad + position * step
        y = pad + usable_h * (1 - point.average / 100)
        points.append({"x": round(x, 1), "y": round(y, 1), "point": point})
    grid = [
        {"y": round(pad + usable_h * (1 - value / 100), 1), "value": value}
        for value in (0, 50, 100)
    ]
    return {
        "width": width,
        "height": height,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "grid": grid,
        "pad": pad,
        "right": width - pad,
    }


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    y: int
    width: float
    conversations: int


def team_chart(cards: list[Scorecard], *, width: int = 560, row: int = 28) -> dict[str, Any]:
    """A horizontal bar per agent: the average score (0..100) in the period. The table next
    to it is its text equivalent; each bar also carries its figure as text."""
    label_width = 160
    usable = width - label_width - 48
    bars = [
        Bar(
            label=card.agent.get_full_name() or card.agent.username,
            value=card.average_score,
            y=8 + position * row,
            width=round(usable * (card.average_score or 0) / 100, 1),
            conversations=card.conversations,
        )
        for position, card in enumerate(cards)
    ]
    return {
        "width": width,
        "height": 16 + row * len(bars),
        "label_width": label_width,
        "bar_height": row - 10,
        "bars": bars,
    }


# --- the transcript ----------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = ""  # "polite", "curt" or "act"; empty for plain text
    label: str = ""


@dataclass(frozen=True)
class TranscriptTurn:
    index: int
    role: str
    speaker: str
    kind: str
    ts: str | None
    politeness: float | None
    shade: str
    segments: list[Segment]
    acts: list[str]
    finding_codes: list[str]


#: The cues a transcript highlights. The engine's politeness strategies ("first_person",
#: "second_person", ...) are features of its politeness model, not words a reviewer acts on.
SHOWN_CUES = ("polite", "curt", "act")


def segments(text: str, markers: list[dict[str, Any]]) -> list[Segment]:
    """Split `text` at marker spans; overlapping markers keep the earliest (then longest).
    Each highlighted cue carries its label in the reader's language.

    The segments carry plain text: the template escapes it, nothing is marked safe.
    """
    spans = []
    for marker in markers:
        kind = str(marker.get("kind", ""))
        if kind not in SHOWN_CUES:
            continue
        span = marker.get("span") or [None, None]
        start, end = span[0], span[1]
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            spans.append((start, -end, kind, cue_label(kind, str(marker.get("label", "")))))
    spans.sort()
    parts: list[Segment] = []
    cursor = 0
    for start, negative_end, kind, label in spans:
        end = -negative_end
        if start < cursor:
            continue
        if start > cursor:
            parts.append(Segment(text[cursor:start]))
        parts.append(Segment(text[start:end], kind=kind, label=label))
        cursor = end
    if cursor < len(text):
        parts.append(Segment(text[cursor:]))
    return parts


def shade(politeness: float | None) -> str:
    if politeness is None:
        return ""
    if politeness >= 0.7:
        return "polite-high"
    if politeness >= 0.5:
        return "polite-mid"
    return "polite-low"


def transcript_turns(conversation: Conversation, findings: list[Any]) -> list[TranscriptTurn]:
    """The transcript as the conversation page shows it: analysed turns with segments, each
    turn marked with the (shown) findings that point at it."""
    analysis = getattr(conversation, "analysis", None)
    analysed = {int(t["index"]): t for t in (analysis.turns if analysis is not None else [])}
    by_turn: dict[int, list[str]] = defaultdict(list)
    for finding in findings:
        for index in finding.turns:
            by_turn[int(index)].append(finding.code)
    turns = []
    for turn in conversation.turns:
        index = int(turn["index"])
        detail = analysed.get(index, {})
        is_agent_message = turn["role"] == "agent" and turn.get("kind", "message") == "message"
        politeness = detail.get("politeness") if is_agent_message else None
        turns.append(
            TranscriptTurn(
                index=index,
                role=str(turn["role"]),
                speaker=str(turn["speaker"]),
                kind=str(turn.get("kind", "message")),
                ts=turn.get("ts"),
                politeness=politeness,
                shade=shade(politeness),
                segments=segments(str(turn["text"]), list(detail.get("markers", []))),
                acts=list(detail.get("acts", [])),
                finding_codes=by_turn.get(index, []),
            )
        )
    return turns


# --- import reasons ----------------------------------------------------------------------


def report_rows(batch: ImportBatch) -> list[dict[str, Any]]:
    """The import's report with each reason worded in the reader's language."""
    return [
        {**entry, "reason": reasons.import_reason(entry.get("code", ""), entry.get("params"))}
        for entry in batch.report
    ]


def file_error(import_file: ImportFile) -> str:
    """Why the file was rejected or waits, in the reader's language ("" when neither)."""
    if not import_file.error_code:
        return ""
    return reasons.import_reason(import_file.error_code, import_file.error_params)
