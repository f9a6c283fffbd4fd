"""CSV/XLSX cells that a spreadsheet program must not run as formulas (CSV injection).

A CSV written with `,` may be opened with `;` as the separator (Excel with Indonesian regional
settings) and the other way round, so a cell is split on both: `x;=1+1;y` is one harmless cell
under `,` but three cells, one of them a formula, under `;`. Every piece that would start a
formula, under either separator, gets a leading `'`: the cell stays text wherever it is opened.
"""

from __future__ import annotations

import csv
import re
from typing import TypeVar, overload

T = TypeVar("T")

#: A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The separators a CSV file may be opened with (Excel picks one from the regional settings).
SEPARATORS = ",;"

# A piece starts at the beginning of the cell or right after a separator; the spaces and double
# quotes a spreadsheet skips before reading the piece do not make it safe.
# A lone sign closing a piece ("Rp 500.000,-") is no formula and stays as written.
_FORMULA_AHEAD = r"(?=[=@\t\r]|[+\-](?![,;]|$))"
_DANGEROUS_PIECE = re.compile(r'(^|[,;])([ "]*)' + _FORMULA_AHEAD)
_NEUTRALISED_PIECE = re.compile(r'(^|[,;])\'([ "]*)' + _FORMULA_AHEAD)


@overload
def spreadsheet_safe(value: str) -> str: ...
@overload
def spreadsheet_safe(value: T) -> T: ...
def spreadsheet_safe(value: object) -> object:
    """Text whose cell or any `,`/`;` piece would run as a formula, with a `'` before that piece.

    Other values (numbers, dates, None) are returned as they are.
    """
    if not isinstance(value, str):
        return value
    return _DANGEROUS_PIECE.sub(r"\1'\2", value)


def spreadsheet_unescape(text: str) -> str:
    """Undo `spreadsheet_safe` when a file we exported comes back as an import."""
    return _NEUTRALISED_PIECE.sub(r"\1\2", text)


#: The longest CSV cell the importers read: as long as the largest upload (20 MB). The csv
#: module's default of 131,072 characters would stop a file with one long note in the middle
#: with `csv.Error`; the upload limit already bounds the memory.
CSV_CELL_LIMIT = 20 * 1024 * 1024


def allow_long_csv_cells() -> None:
    """Raise the csv module's cell limit (process-wide, never lowered) to `CSV_CELL_LIMIT`."""
    if csv.field_size_limit() < CSV_CELL_LIMIT:
        csv.field_size_limit(CSV_CELL_LIMIT)
