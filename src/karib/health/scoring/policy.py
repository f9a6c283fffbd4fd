"""The health policy: weights, half-lives and cadences as data with a version.

Pure Python (no Django). `DEFAULT_RULES` is version 1 as shipped; the database keeps every
version (`karib.health.models.HealthPolicy`) and the highest one in force is used. A rules
document only has to name what it changes: `Policy.from_rules` lays it over the defaults and
checks every value, so a typo is refused with the path of the bad key, never half-applied.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: Interaction kinds by depth of contact (visit / meal / trip > meeting > call > message).
DEFAULT_RULES: dict[str, Any] = {
    "base": 50,
    "bands": {"healthy_from": 70, "attention_from": 40},
    "cadence": {
        # expected days between contacts, by influence (1-5) ...
        "days_by_influence": {"1": 120, "2": 90, "3": 60, "4": 45, "5": 30},
        # ... times a factor by relationship stage
        "stage_factor": {
            "stranger": 1.5,
            "acquaintance": 1.25,
            "customer": 1.0,
            "trusted_advisor": 1.0,
            "close_friend": 0.75,
        },
    },
    "recency": {"in_cadence": 10, "floor": -12, "lapsed_span": 2.0},
    "frequency": {"window_days": 90, "per_contact": 3, "cap": 10},
    "depth": {
        "window_days": 180,
        "half_life_days": 90,
        "points_per_weight": 2.0,
        "cap": 12,
        "weights": {
            "site_visit": 3.0,
            "meal": 3.0,
            "trip": 3.0,
            "event": 2.0,
            "meeting": 2.0,
            "call": 1.0,
            "message": 0.5,
        },
    },
    "promises": {
        "kept_on_time": 3,
        "kept_late": 1,
        "at_risk": -4,
        "overdue": -6,
        "broken": -10,
        "silent_break": -15,
        "half_life_days": 365,
        "organization_share": 0.5,
    },
    "attitude": {
        "levels": {
            "champion": 10,
            "supporter": 5,
            "neutral": 0,
            "skeptic": -8,
            "blocker": -10,
        },
        "trend_window_days": 180,
        "trend_points": 4,
    },
    "refusal": {"refusing": -10, "envoy_in_contact": -4},
    "knowledge": {"per_fact": 1.5, "per_date": 1.0, "cap": 10},
    "gestures": {"per_gesture": 4, "half_life_days": 365, "cap": 8},
    "tone": {
        "window_days": 365,
        "half_life_days": 180,
        "flagged": -4,
        "negative_sentiment": -1,
        "positive_sentiment": 1,
        "sentiment_threshold": 0.2,
        "floor": -12,
        "cap": 3,
    },
    "organization": {
        "base": 50,
        "stakeholders_factor": 0.8,
        "coverage_min_influence": 4,
        "coverage_points": 10,
        "blocker_without_envoy": -8,
        "blockers_floor": -24,
        "reliability_window_days": 365,
        "reliability_target": 0.8,
        "reliability_factor": 40,
        "silent_break": -5,
        "contact_window_days": 90,
        "single_threaded": -8,
        "multi_threaded": 4,
        "multi_threaded_from": 3,
    },
}


class PolicyError(ValueError):
    """A rules document that does not fit the schema; `path` names the bad key."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def _merge(defaults: Any, given: Any, path: str) -> Any:
    if isinstance(defaults, dict):
        if not isinstance(given, Mapping):
            raise PolicyError(path or "rules", "expected an object")
        unknown = sorted(set(given) - set(defaults))
        if unknown:
            raise PolicyError(f"{path}.{unknown[0]}".lstrip("."), "unknown key")
        return {
            key: _merge(value, given[key], f"{path}.{key}".lstrip("."))
            if key in given
            else copy.deepcopy(value)
            for key, value in defaults.items()
        }
    if isinstance(given, bool) or not isinstance(given, int | float):
        raise PolicyError(path, "expected a number")
    if isinstance(defaults, int) and not isinstance(defaults, bool) and isinstance(given, float):
        if not given.is_integer():
            raise PolicyError(path, "expected a whole number")
        return int(given)
    return given


@dataclass(frozen=True)
class Policy:
    """One version of the rules, checked and complete."""

    version: int
    rules: Mapping[str, Any]

    @classmethod
    def from_rules(cls, version: int, rules: Mapping[str, Any] | None = None) -> Policy:
        merged = _merge(DEFAULT_RULES, rules or {}, "")
        for key in ("half_life_days",):
            for section in ("depth", "promises", "gestures", "tone"):
                if merged[section][key] <= 0:
                    raise PolicyError(f"{section}.{key}", "must be more than 0")
        for influence, days in merged["cadence"]["days_by_influence"].items():
            if days <= 0:
                raise PolicyError(f"cadence.days_by_influence.{influence}", "must be more than 0")
        bands = merged["bands"]
        if not 0 <= bands["attention_from"] <= bands["healthy_from"] <= 100:
            raise PolicyError("bands", "need 0 ≤ attention_from ≤ healthy_from ≤ 100")
        return cls(version=version, rules=merged)

    def __getitem__(self, section: str) -> Any:
        return self.rules[section]

    def cadence_days(self, *, influence: int, stage: str) -> int:
        cadence = self.rules["cadence"]
        days = cadence["days_by_influence"].get(str(influence), 60)
        return max(1, round(float(days) * float(cadence["stage_factor"].get(stage, 1.0))))

    def band(self, score: int) -> str:
        bands = self.rules["bands"]
        if score >= bands["healthy_from"]:
            return HEALTHY
        if score >= bands["attention_from"]:
            return ATTENTION
        return AT_RISK


HEALTHY = "healthy"
ATTENTION = "attention"
AT_RISK = "at_risk"
BANDS = (HEALTHY, ATTENTION, AT_RISK)

DEFAULT_POLICY = Policy.from_rules(1, DEFAULT_RULES)
