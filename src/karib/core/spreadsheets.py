"""CSV/XLSX cells that a spreadsheet program must not run as formulas (CSV injection)."""

from __future__ import annotations

from typing import TypeVar, overload

T = TypeVar("T")

#: A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@overload
def spreadsheet_safe(value: str) -> str: ...
@overload
def spreadsheet_safe(value: T) -> T: ...
def spreadsheet_safe(value: object) -> object:
    """Text that would run as a formula, prefixed with ' so it stays text; other values as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_unescape(text: str) -> str:
    """Undo `spreadsheet_safe` when a file we exported comes back as an import."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
