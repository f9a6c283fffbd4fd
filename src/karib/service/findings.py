"""Which findings exist and how a stored finding is built from the engine's.

The engine's registry (`karib.tone.REGISTRY`, one detector per finding; its codes in
`karib.tone.FINDING_CODES`) is the list of codes; the app adds `playbook_breach`. A finding
carries a confidence (engine 2.0; 1.0 when the engine gives none) and the values of its
explanation, which `reasons.finding_explanation` words when shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from karib import tone

from .models import FindingCode, finding_label

PLAYBOOK_BREACH = FindingCode.PLAYBOOK_BREACH.value

#: The codes of engine 1.x, used while the engine has no registry.
ENGINE_1_CODES = (
    "push_after_refusal",
    "tone_shift",
    "curt_language",
    "no_courteous_closure",
    "customer_cut_off",
)


def engine_finding_codes() -> tuple[str, ...]:
    """The finding codes the engine can raise: its registry (`karib.tone.FINDING_CODES`,
    engine 2.0), else the codes of engine 1.x."""
    codes = getattr(tone, "FINDING_CODES", None)
    return tuple(str(code) for code in codes) if codes else ENGINE_1_CODES


def finding_codes() -> tuple[str, ...]:
    """Every code a stored finding may have: the engine's, then the playbook breach."""
    return (*engine_finding_codes(), PLAYBOOK_BREACH)


def finding_choices() -> list[tuple[str, str]]:
    """(code, label in the active language) for forms and filters."""
    return [(code, finding_label(code)) for code in finding_codes()]


def confidence_of(finding: object) -> float:
    """The engine's confidence in a finding, 0..1 (engine 1.x gives none: 1.0)."""
    value = getattr(finding, "confidence", None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return max(0.0, min(1.0, float(value)))
    return 1.0


_FIGURE_RE = re.compile(r"\d+\.\d+")


def explanation_params(finding: tone.Finding, summary: Mapping[str, Any]) -> dict[str, Any]:
    """The values of the finding's explanation: the engine's own when it gives them, else
    derived from the finding and the summary (engine 1.x words its explanations itself)."""
    given = getattr(finding, "params", None)
    if isinstance(given, Mapping):
        return dict(given)
    if finding.code == "push_after_refusal":
        return {"count": len(finding.turns), "first_turn": summary.get("first_refusal_turn")}
    if finding.code == "tone_shift":
        figures = _FIGURE_RE.findall(finding.explanation)  # the two politeness figures
        if len(figures) >= 2:
            return {"before": figures[0], "after": figures[1]}
    return {}


def visible(findings: Iterable[Any], min_confidence: float) -> list[Any]:
    """The findings a team shows: those at or above its confidence threshold."""
    return [
        f for f in findings if (f.confidence if f.confidence is not None else 1.0) >= min_confidence
    ]
