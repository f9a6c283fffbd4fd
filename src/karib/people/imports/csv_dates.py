"""Dates in the cells of a contact CSV: the spellings tools and people write (ISO, digits in
either order, month names in Indonesian and English), and each date column's order of day and
month, from its name, its values, the other date columns or the region."""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

from .csv_file import CsvFile, records
from .vcard import DEFAULT_REGION

NO_DATE = frozenset({"0/0/00", "00/00/0000", "0.0.00"})  # Outlook's "no date"

# Month names and abbreviations, Indonesian and English ("Mei", "Agu"/"Agt", "Okt", "Des").
_MONTH_NAMES: dict[str, int] = {
    **dict.fromkeys(["jan", "januari", "january"], 1),
    **dict.fromkeys(["feb", "febr", "februari", "pebruari", "february"], 2),
    **dict.fromkeys(["mar", "maret", "march"], 3),
    **dict.fromkeys(["apr", "april"], 4),
    **dict.fromkeys(["mei", "may"], 5),
    **dict.fromkeys(["jun", "juni", "june"], 6),
    **dict.fromkeys(["jul", "juli", "july"], 7),
    **dict.fromkeys(["agu", "agt", "ags", "agst", "agus", "agustus", "aug", "august"], 8),
    **dict.fromkeys(["sep", "sept", "september"], 9),
    **dict.fromkeys(["okt", "oct", "oktober", "october"], 10),
    **dict.fromkeys(["nov", "nop", "november", "nopember"], 11),
    **dict.fromkeys(["des", "dec", "desember", "december"], 12),
}
# A time after the date (spreadsheets, databases, APIs): "1985-07-05 00:00:00",
# "1985-07-05T00:00:00Z", "05/07/1985 0:00", "7/5/1985 12:00 AM".
_TIME_PART = re.compile(
    r"(?:[ T]|,\s*)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?\s?m\.?)?"
    r"\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
#: A date in digits whose order the column decides: "05/07/1985", "5.7.85", "05-07-1985",
#: and without its year (Mailchimp's birthday "03/12", people's "5/7").
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2,4}))?")
_DAY_NAME_YEAR = re.compile(r"(\d{1,2})\.?[\s\-/]*([^\W\d_]+)\.?,?(?:[\s\-/]*(\d{2}|\d{4}))?")
_NAME_DAY_YEAR = re.compile(
    r"([^\W\d_]+)\.?[\s\-/]*(\d{1,2})(?:st|nd|rd|th)?,?(?:[\s\-/]*(\d{4}))?", re.IGNORECASE
)


def _year(digits: str) -> int:
    value = int(digits)
    return value + (1900 if value > 30 else 2000) if value < 100 else value


def _checked(year: int | None, month: int, day: int) -> tuple[int | None, int, int] | None:
    """The date if it exists (a year-less 29 February does)."""
    try:
        datetime.date(year or 2000, month, day)
    except ValueError:
        return None
    return (year, month, day)


def parse_date(value: str, month_first: bool) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a cell, or None when it is no date. ``month_first``
    decides a date written in digits whose first two fields could both be the month."""
    text = value.strip()
    if not text or text in NO_DATE:
        return None
    text = _TIME_PART.sub("", text).strip()
    iso = re.fullmatch(r"(\d{4}|-)-(\d{1,2})-(\d{1,2})", text) or re.fullmatch(
        r"(--)(\d{2})-?(\d{2})", text
    )
    if iso is None:
        iso = re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", text)
    if iso is None and len(text) == 8 and text.isdigit() and 1800 <= int(text[:4]) <= 2200:
        iso = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)  # 19850705
    if iso:
        year = int(iso.group(1)) if iso.group(1).isdigit() else None
        return _checked(year, int(iso.group(2)), int(iso.group(3)))
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric:
        a, b = int(numeric.group(1)), int(numeric.group(2))
        month, day = (a, b) if month_first and a <= 12 else (b, a)
        if day <= 12 and month > 12:
            month, day = day, month
        year = _year(numeric.group(3)) if numeric.group(3) else None
        return _checked(year, month, day) if 1 <= month <= 12 else None
    named = _DAY_NAME_YEAR.fullmatch(text)  # "5 Juli 1985", "05-Jul-85", "5 Jul"
    if named and named.group(2).casefold() in _MONTH_NAMES:
        year = _year(named.group(3)) if named.group(3) else None
        return _checked(year, _MONTH_NAMES[named.group(2).casefold()], int(named.group(1)))
    named = _NAME_DAY_YEAR.fullmatch(text)  # "July 5, 1985", "Jul 5"
    if named and named.group(1).casefold() in _MONTH_NAMES:
        year = int(named.group(3)) if named.group(3) else None
        return _checked(year, _MONTH_NAMES[named.group(1).casefold()], int(named.group(2)))
    return None


#: Where dates are written month first (en-US and the regions that follow it); everywhere
#: else, Indonesia (the default region) included, a date in digits is day first.
MONTH_FIRST_REGIONS = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI", "UM"})
_MONTH_FIRST_HINT = re.compile(r"\bm{1,2}\s*[/.\-]\s*d{1,2}\b|\bbb\s*[/.\-]\s*hh\b")
_DAY_FIRST_HINT = re.compile(r"\bd{1,2}\s*[/.\-]\s*m{1,2}\b|\bhh\s*[/.\-]\s*bb\b")
_INDONESIAN_DATE_WORD = re.compile(r"\b(?:tgl|tanggal)\b")


def _header_order(header: str) -> bool | None:
    """Month first (True), day first (False) or unknown, from a column name's format hint
    ("Birthday (mm/dd/yyyy)", "Tanggal Lahir (dd/mm/yyyy)", "hh/bb/tttt")."""
    lowered = header.casefold()
    if _MONTH_FIRST_HINT.search(lowered):
        return True
    if _DAY_FIRST_HINT.search(lowered):
        return False
    return None


def date_orders(
    opened: CsvFile,
    columns: list[int],
    *,
    region: str = DEFAULT_REGION,
    preset: bool | None = None,
) -> dict[int, bool]:
    """Whether each date column writes its dates in digits month first (True) or day first.

    Evidence, per column: a format hint in its name; then its values (a first field above 12
    is a day, a second field above 12 is a day); then an Indonesian date word in its name
    ("Tgl", "Tanggal": day first); then the order of the tool that wrote the file
    (``preset``: Mailchimp writes its birthdays MM/DD); then the other date columns of the file,
    when they agree; else the region's habit (``MONTH_FIRST_REGIONS``): day first for Indonesia.
    An ambiguous column is never read month first without a reason. Dates without their year
    ("03/12") are read in the same order."""
    orders: dict[int, bool] = {}
    for column in columns:
        hint = _header_order(opened.headers[column]) if column < len(opened.headers) else None
        if hint is not None:
            orders[column] = hint
    open_columns = [c for c in columns if c not in orders]
    if open_columns:
        for _line, row in records(opened):
            for column in list(open_columns):
                if column >= len(row):
                    continue
                found = _NUMERIC_DATE.fullmatch(_TIME_PART.sub("", row[column].strip()).strip())
                if found and (int(found.group(1)) > 12) != (int(found.group(2)) > 12):
                    orders[column] = int(found.group(2)) > 12
                    open_columns.remove(column)
            if not open_columns:
                break
    for column in open_columns:
        if column < len(opened.headers) and _INDONESIAN_DATE_WORD.search(
            opened.headers[column].casefold()
        ):
            orders[column] = False
    if preset is not None:
        orders |= {column: preset for column in columns if column not in orders}
    known = set(orders.values())
    default = known.pop() if len(known) == 1 else region.upper() in MONTH_FIRST_REGIONS
    return {column: orders.get(column, default) for column in columns}


def date_order_notes(
    opened: CsvFile, mapping: dict[str, str], *, region: str = DEFAULT_REGION
) -> list[str]:
    """For the mapping or dry-run page: how each date column's digit dates are read, with its
    first ambiguous value as the example ("05/07/1985 is 1985-07-05"), so that a wrong order
    is seen before the import. Nothing for a column without an ambiguous date."""
    fields = [mapping.get(h, "") for h in opened.headers]
    columns = [i for i, f in enumerate(fields) if f in ("birthday", "anniversary", "event")]
    if not columns:
        return []
    preset = opened.preset.month_first if opened.preset is not None else None
    orders = date_orders(opened, columns, region=region, preset=preset)
    examples: dict[int, str] = {}
    for _line, row in records(opened):
        for column in columns:
            if column in examples or column >= len(row):
                continue
            value = row[column].strip()
            found = _NUMERIC_DATE.fullmatch(_TIME_PART.sub("", value).strip())
            if found and int(found.group(1)) <= 12 and int(found.group(2)) <= 12:
                examples[column] = value
        if len(examples) == len(columns):
            break
    notes = []
    for column in columns:
        if column not in examples:
            continue
        parsed = parse_date(examples[column], orders[column])
        if parsed is None:
            continue
        year, month, day = parsed
        values = {
            "column": opened.headers[column],
            "example": examples[column],
            "date": f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}",
        }
        if orders[column]:
            message = _("“%(column)s”: dates are read as month/day/year (%(example)s is %(date)s).")
        else:
            message = _("“%(column)s”: dates are read as day/month/year (%(example)s is %(date)s).")
        notes.append(message % values)
    return notes
