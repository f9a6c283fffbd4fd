"""Helpers of the gifts tests: propose with defaults, approve on a given day."""

from __future__ import annotations

import datetime
import zoneinfo

from karib.gifts import services

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
JUNE = datetime.date(2026, 6, 1)


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    """`day` at `hour` o'clock in Jakarta."""
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=JAKARTA)


def propose(by, recipient, **kwargs):
    values = {
        "kind": "goods",
        "description": "Buku cerita wayang",
        "estimated_value": 250_000,
        "business_purpose": "Relationship",
        "proposed_on": JUNE,
    }
    values.update(kwargs)
    return services.gift_propose(by=by, recipient=recipient, **values)


def approve_on(gift, by, day: datetime.date = JUNE, note: str = ""):
    """Compliance approves `gift` on `day` (10:00 Jakarta)."""
    return services.gift_approve(gift=gift, by=by, note=note, decided_at=at(day, 10))
