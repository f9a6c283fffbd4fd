"""A contact CSV (or the first sheet of a workbook) read up to its header: encoding, delimiter,
the header row after any preamble, its preset; then its records, streamed each time."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from django.utils.translation import gettext as _

from karib.core.spreadsheets import allow_long_csv_cells

from .csv_headers import Preset, column_key, detect_preset, guess_field, suggested_mapping
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

    @property
    def mapping(self) -> dict[str, str]:
        return suggested_mapping(self.headers, self.preset)

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


def open_csv(raw: bytes | Source) -> CsvFile:
    """Find the file's encoding, its header row (after a preamble such as LinkedIn's "Notes:")
    and its delimiter, from its first lines; an Excel workbook is read as the CSV of its first
    sheet. Raises ValueError with a translated message."""
    allow_long_csv_cells()  # here and for its records (`records`): a long note must not stop it
    source = raw if isinstance(raw, Source) else Source(name="", raw=raw)
    source = spreadsheet_as_csv(source) or source  # an Excel workbook: its first sheet
    encoding = detect_encoding(source)
    lines = list(itertools.islice(_first_lines(source, encoding), 25))
    for index, line in enumerate(lines[:20]):
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
        if headers is not None:
            if len(headers) > MAX_COLUMNS:
                # Each column is a choice on the mapping page: a file of thousands would take
                # minutes and hundreds of megabytes to show.
                raise ValueError(
                    _("Line %(line)d has %(count)d columns; a contact file has at most %(max)d.")
                    % {"line": index + 1, "count": len(headers), "max": MAX_COLUMNS}
                )
            preset = detect_preset(headers)
            return CsvFile(source, encoding, delimiter, index + 1, headers, preset)
    raise ValueError(_("No header row with contact columns (name, e-mail, phone ...) found."))


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
