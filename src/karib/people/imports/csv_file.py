"""A contact CSV (or the first sheet of a workbook) read up to its header: encoding, delimiter,
the header row after any preamble, its preset; then its records, streamed each time."""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from django.utils.translation import gettext as _

from karib.core.spreadsheets import allow_long_csv_cells

from .csv_headers import (
    FIELDS,
    Preset,
    column_key,
    detect_preset,
    guess_field,
    suggested_mapping,
)
from .rows import Source
from .text import (
    Encoding,
    detect_encoding,
    open_text,
    spreadsheet_as_csv,
    text_lines,
    without_nul,
)


@dataclass
class CsvFile:
    """A contact CSV read up to its header: what Karib knows before the mapping step. Its
    records are read again from ``source`` as a stream each time they are needed."""

    source: Source
    encoding: Encoding
    delimiter: str
    header_line: int
    headers: list[str]
    preset: Preset | None
    #: The first records after the header (at most ``HEAD_LINES`` lines of the file): what
    #: a column's values say of it when its name does not (Outlook's "Title").
    samples: list[list[str]] = field(default_factory=list)

    @property
    def mapping(self) -> dict[str, str]:
        return suggested_mapping(self.headers, self.preset, self.samples)

    @property
    def header_key(self) -> str:
        """The same header (whatever the order of spaces and case) gives the same key."""
        return "|".join(column_key(h) for h in self.headers)[:500]


#: What the delimiter is guessed from: the first lines from the header on, cut to this many
#: characters (``csv.Sniffer`` took 2.9 s over a 19 MB line).
SNIFF_CHARS = 64 * 1024


def _delimiter(sample: str) -> str:
    if len(sample) > SNIFF_CHARS:
        cut = sample.rfind("\n", 0, SNIFF_CHARS)
        sample = sample[: cut if cut > 0 else SNIFF_CHARS]  # whole lines when there are some
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ",;\t|"}
        return max(counts, key=lambda d: counts[d])


# Outlook and Google write about 90 columns, a CRM export with every property a few hundred.
MAX_COLUMNS = 1000
# Each column name is a label of the mapping page, shown on every visit: a 19 MB header made a
# 20 MB page that took 22-31 s to build. A thousand columns of 60 characters fit.
MAX_HEADER_CHARS = 64 * 1024


def _header(line: str, delimiter: str) -> list[str] | None:
    """The line's cells if it is the header row (two columns or more, two Karib knows)."""
    headers = next(csv.reader([line], delimiter=delimiter), [])
    known = [h for h in headers if guess_field(h)]
    return headers if len(headers) >= 2 and len(known) >= 2 else None


#: The lines read for the header: a preamble of up to ``HEADER_LINES`` lines, and a few more.
HEAD_LINES = 25
HEADER_LINES = 20
#: The delimiter of a file of one column: no line of it is split, so "Budi Santoso, S.E." stays
#: one name. NUL, which no line holds (``without_nul`` drops it before ``csv`` reads a line).
ONE_COLUMN = "\0"
#: What a lone column may hold for its file to be a contact file: an e-mail list (Roundcube's
#: "Primary Email", "Email", "Surel"), a list of names ("Nama").
_LONE_FIELDS = ("email", "full_name")
#: The values looked at under a lone column; most of them must be what it holds.
_LONE_SAMPLE = 5
_ADDRESS = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+")
# A name: letters, spaces and the signs of names and degrees ("Budi Santoso, S.E.", "O'Neil",
# "Nur-Aini"), starting with a letter; no digit.
_NAME_SIGNS = frozenset(" .,'\u2019()-")
_NAME_WORDS = 6
_NAME_CHARS = 80
#: No e-mail address or name is longer (an address has at most 254 characters).
_VALUE_CHARS = 320


def _holds(field_name: str, value: str) -> bool:
    """Whether a cell under a lone column holds what the column's name says."""
    if len(value) > _VALUE_CHARS:
        return False
    if field_name == "email":
        return _ADDRESS.search(value) is not None
    return (
        len(value) <= _NAME_CHARS
        and len(value.split()) <= _NAME_WORDS
        and value[0].isalpha()
        and all(char.isalpha() or char in _NAME_SIGNS for char in value)
    )


@dataclass
class _Lone:
    """A line that names one column Karib knows as e-mail or full name, and what the lines
    below it say: ``misfit`` is the first (line offset, text) that holds no such value, when
    most of them hold none."""

    headers: list[str]
    column: str
    delimiter: str
    field_name: str
    misfit: tuple[int, str] | None


def _lone_column(line: str, delimiter: str, below: list[str]) -> _Lone | None:
    """The line as the header of a file of one column (an e-mail list, a list of names), read
    from the values of the lines below it; None when it names no such column, or has no line
    below it with a value."""
    cells = next(csv.reader([line], delimiter=delimiter), [])
    named = [cell for cell in cells if cell.strip()]
    field_name = guess_field(named[0]) if len(named) == 1 else ""
    if field_name not in _LONE_FIELDS:
        return None
    if len(cells) == 1:
        delimiter = ONE_COLUMN
    column = cells.index(named[0])
    values: list[tuple[int, str]] = []
    for offset, text in enumerate(below, start=1):
        if _header(text, _delimiter(text)) is not None:
            return None  # a title over the real header ("Email" over "Name,Email,Phone")
        row = next(csv.reader([text], delimiter=delimiter), [])
        value = row[column].strip() if column < len(row) else ""
        if value:
            values.append((offset, value))
        if len(values) == _LONE_SAMPLE:
            break
    if not values:
        return None
    misfits = [(offset, value) for offset, value in values if not _holds(field_name, value)]
    misfit = misfits[0] if len(misfits) * 2 >= len(values) else None
    return _Lone(cells, named[0], delimiter, field_name, misfit)


def _shown(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[: limit - 1]}\u2026"


def _misfit_message(lone: _Lone, line: int) -> str:
    """Why the lone column of ``line`` is no contact file's header: the first line below it
    that holds no value of its field."""
    offset, value = lone.misfit or (0, "")
    return _(
        "Line %(line)d has one column, “%(column)s”, but the lines below it hold no %(field)s "
        "(line %(value_line)d: “%(value)s”)."
    ) % {
        "line": line,
        "column": _shown(lone.column),
        "field": FIELDS[lone.field_name],
        "value_line": line + offset,
        "value": _shown(value),
    }


#: What is kept of each cell of the first records (``CsvFile.samples``): a title or a form of
#: address is short, and a long cell must not stay in memory for the whole import.
SAMPLE_CELL_CHARS = 100


def open_csv(raw: bytes | Source) -> CsvFile:
    """Find the file's encoding, its header row (after a preamble such as LinkedIn's "Notes:")
    and its delimiter, from its first lines; an Excel workbook is read as the CSV of its first
    sheet. Raises ValueError with a translated message."""
    allow_long_csv_cells()  # here and for its records (`records`): a long note must not stop it
    source = raw if isinstance(raw, Source) else Source(name="", raw=raw)
    source = spreadsheet_as_csv(source) or source  # an Excel workbook: its first sheet
    encoding = detect_encoding(source)
    lines = list(itertools.islice(_first_lines(source, encoding), HEAD_LINES))
    refusal = ""  # why a lone column's line is no header, said if no line is one
    for index, line in enumerate(lines[:HEADER_LINES]):
        if not line.strip():
            continue
        delimiter = _delimiter(
            "\n".join(item[: SNIFF_CHARS + 1] for item in lines[index : index + 5])
        )
        if len(line) > MAX_HEADER_CHARS:
            # Read as a header only as far as the limit: a long line that would be the header
            # is refused, any other is a line before the header (a preamble) as before.
            if _header(line[:MAX_HEADER_CHARS], delimiter) is not None:
                raise ValueError(
                    _(
                        "The header row (line %(line)d) has %(count)d characters; a contact "
                        "file's header has at most %(max)d."
                    )
                    % {"line": index + 1, "count": len(line), "max": MAX_HEADER_CHARS}
                )
            continue
        headers = _header(line, delimiter)
        if headers is None:
            # A file of one column: an e-mail list, a list of names (read from its values).
            lone = _lone_column(line, delimiter, lines[index + 1 :])
            if lone is not None and lone.misfit is None:
                headers, delimiter = lone.headers, lone.delimiter
            elif lone is not None and not refusal:
                refusal = _misfit_message(lone, index + 1)
        if headers is not None:
            if len(headers) > MAX_COLUMNS:
                # Each column is a choice on the mapping page: a file of thousands would take
                # minutes and hundreds of megabytes to show.
                raise ValueError(
                    _("Line %(line)d has %(count)d columns; a contact file has at most %(max)d.")
                    % {"line": index + 1, "count": len(headers), "max": MAX_COLUMNS}
                )
            preset = detect_preset(headers)
            samples = [
                [cell[:SAMPLE_CELL_CHARS] for cell in row]
                for row in csv.reader(lines[index + 1 :], delimiter=delimiter)
            ]
            return CsvFile(source, encoding, delimiter, index + 1, headers, preset, samples)
    if refusal:
        raise ValueError(refusal)
    first = next((at for at, line in enumerate(lines[:HEADER_LINES]) if line.strip()), None)
    if first is None:
        raise ValueError(_("No header row with contact columns (name, e-mail, phone ...) found."))
    where = _("Line %(line)d reads “%(text)s”; the header is looked for up to line %(last)d.") % {
        "last": min(len(lines), HEADER_LINES),
        "line": first + 1,
        "text": _shown(lines[first]),
    }
    found = _("No header row with contact columns (name, e-mail, phone ...) found.")
    raise ValueError(f"{found} {where}")


def _first_lines(source: Source, encoding: Encoding) -> Iterator[str]:
    lines = text_lines(source, encoding)
    first = next(lines, None)
    if first is not None:
        yield first.lstrip("\ufeff")
        yield from lines


def _lines(stream: TextIO) -> Iterator[str]:
    """The lines of the file with their endings (``\n`` only ends one, as ``csv`` wants)."""
    first = True
    for line in stream:
        line = without_nul(line)
        yield line.lstrip("\ufeff") if first else line
        first = False


def records(opened: CsvFile) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, cells) of every record after the header, streamed."""
    with open_text(opened.source, opened.encoding) as stream:
        reader = csv.reader(_lines(stream), delimiter=opened.delimiter)
        end = 0
        for row in reader:
            start, end = end + 1, reader.line_num
            if end > opened.header_line:
                yield start, row
