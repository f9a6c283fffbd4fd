"""What a generator proposes: one action for one user, identified by its cause."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Candidate:
    owner_id: int
    kind: str
    dedupe_key: str
    reason_code: str
    reason_params: dict[str, Any] = field(default_factory=dict)
    driver: str = ""
    urgency: int = 3
    impact: int = 3
    due_on: datetime.date | None = None
    url: str = ""
    person_id: int | None = None
    organization_id: int | None = None
    promise_id: int | None = None
    gift_id: int | None = None
    conversation_id: int | None = None

    @property
    def score(self) -> int:
        return max(1, min(5, self.urgency)) * max(1, min(5, self.impact))


def clamp(value: int) -> int:
    return max(1, min(5, value))


def urgency_for_days(days_left: int) -> int:
    """5 when overdue or due within 2 days, 4 within a week, 3 within two weeks, else 2."""
    if days_left <= 2:
        return 5
    if days_left <= 7:
        return 4
    if days_left <= 14:
        return 3
    return 2


def day(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value).date()
    return value.isoformat()
