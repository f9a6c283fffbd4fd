"""Money as the reader writes it: Rp1.500.000 in Indonesian, Rp1,500,000 in English.

Amounts are whole rupiah (IDR integers); the thousands separator follows the active language,
so a reason or an e-mail worded under ``translation.override`` writes its sums the same way.
"""

from __future__ import annotations

from django.utils import translation

#: the thousands separator per language; any other language writes the Indonesian way
_SEPARATORS = {"en": ","}


def idr(value: int | None) -> str:
    if value is None:
        return ""
    language = (translation.get_language() or "id").split("-")[0]
    separator = _SEPARATORS.get(language, ".")
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{abs(int(value)):,}".replace(",", separator)
