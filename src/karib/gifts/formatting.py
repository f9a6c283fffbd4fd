"""Money as Indonesians write it: Rp1.500.000."""

from __future__ import annotations


def idr(value: int | None) -> str:
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{abs(int(value)):,}".replace(",", ".")
