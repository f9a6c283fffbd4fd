"""Contact files as streams of text, in constant memory whatever their size.

The encoding is decided once per file, as ``decoding.decode`` decides it for bytes in memory: a
byte order mark, UTF-16 without one (Apple), UTF-8 (checked over the whole file, one chunk at
a time), else charset-normalizer's guess from a sample: the file's first 64 KiB, or, for a file
that is UTF-8 until further on, the lines with other bytes around the first that is not. The
text is then read through ``io.TextIOWrapper`` (lines split as ``str.splitlines`` splits them,
for vCard; at ``\\n`` only, as ``csv`` wants them) and never held whole.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TextIO

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from karib.tone.whatsapp import is_zip

from .decoding import LIKELY_ENCODINGS, LINE_BREAKS, mixes_scripts, utf16_without_bom
from .rows import Source

#: What the encoding is guessed from (and what ``is_vcard`` looks at).
PREFIX_BYTES = 64 * 1024
#: Bytes read (and characters decoded) at a time.
CHUNK = 64 * 1024
_WINDOW = 32 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Encoding:
    """How a file's bytes become text. A guessed code page replaces the bytes it cannot read
    beyond the sample it was guessed from (one odd character, not a refused file)."""

    name: str
    errors: str = "strict"


def head(source: Source, size: int | None = None) -> bytes:
    """The file's first ``size`` bytes (``PREFIX_BYTES``)."""
    with source.open() as stream:
        return bytes(stream.read(PREFIX_BYTES if size is None else size))


def byte_size(source: Source) -> int:
    """The file's size in bytes, read in chunks when its stream cannot seek."""
    with source.open() as stream:
        if stream.seekable():
            return int(stream.seek(0, io.SEEK_END))
        return sum(len(chunk) for chunk in iter(lambda: stream.read(CHUNK), b""))


def is_blank(source: Source) -> bool:
    """Only white space (as bytes), read until the first chunk that is not."""
    with source.open() as stream:
        return not any(chunk.strip() for chunk in iter(lambda: stream.read(CHUNK), b""))


def detect_encoding(source: Source) -> Encoding:
    """The file's encoding (see the module doc). Raises ValueError (translated)."""
    start = head(source)
    for bom, name in _BOMS:
        if start.startswith(bom):
            return Encoding(name)
    utf16 = utf16_without_bom(start, size=byte_size(source))
    if utf16:
        return Encoding(utf16)
    failed_at = _first_non_utf8(source)
    if failed_at is None:
        return Encoding("utf-8")
    sample = _line_prefix(start) if len(start) == PREFIX_BYTES else start
    if failed_at >= len(sample):
        # UTF-8 until further on: the lines with other bytes around the first that is not are
        # the evidence (many ASCII lines make a few accented letters look like Chinese).
        found = _non_ascii_lines(_window(source, failed_at))
        sample = found if sample.isascii() else _non_ascii_lines(sample) + found
    # Contact files come from Windows and phones: weigh their usual code pages first, as
    # charset-normalizer's guess over every code page is unreliable on a few short lines.
    best = from_bytes(sample, cp_isolation=LIKELY_ENCODINGS).best() or from_bytes(sample).best()
    if best is None:
        raise ValueError(_("The file is neither text nor in an encoding Karib recognises."))
    if best.encoding == "cp1251" and mixes_scripts(str(best)):
        # A Western file read as Cyrillic ("ЦzdemirЦ" for "ÖzdemirÖ").
        return Encoding("cp1252", "replace")
    return Encoding(best.encoding, "replace")


def _first_non_utf8(source: Source) -> int | None:
    """The offset of the first byte that is not UTF-8 (None: the whole file is UTF-8)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with source.open() as stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                pending = len(decoder.getstate()[0])
                return max(0, offset - pending + error.start)
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return max(0, offset - 4)
    return None


def _line_prefix(data: bytes) -> bytes:
    """``data`` up to its last line break (a multi-byte character is never cut)."""
    end = data.rfind(b"\n")
    return data[: end + 1] if end > 0 else data


def _non_ascii_lines(data: bytes) -> bytes:
    return b"".join(line for line in data.splitlines(keepends=True) if not line.isascii())


def _window(source: Source, offset: int) -> bytes:
    """The whole lines around ``offset``."""
    start = max(0, offset - _WINDOW // 2)
    with source.open() as stream:
        stream.seek(start)
        data = bytes(stream.read(_WINDOW))
    if start:
        data = data[data.find(b"\n") + 1 :]
    return _line_prefix(data)


def open_text(source: Source, encoding: Encoding) -> TextIO:
    """The file as text, line endings as written (``\\n`` ends a line when iterated)."""
    binary = io.BufferedReader(_Binary(source.open()), CHUNK)
    return io.TextIOWrapper(binary, encoding=encoding.name, errors=encoding.errors, newline="\n")


class _Binary(io.RawIOBase):
    """A file of any storage as the raw stream ``TextIOWrapper`` takes."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()


def text_lines(source: Source, encoding: Encoding) -> Iterator[str]:
    """The file's lines as ``str.splitlines`` gives them, read a chunk at a time, without NUL
    characters (see ``without_nul``)."""
    with open_text(source, encoding) as stream:
        for line in split_stream(stream):
            yield without_nul(line)


def without_nul(text: str) -> str:
    """``text`` without NUL characters. A NUL in a contact or chat file means nothing to a
    reader, and PostgreSQL stores none in text: kept, it made the import an internal error
    there while SQLite stored it (secprobe7, F8's kin)."""
    return text.replace("\x00", "") if "\x00" in text else text


def split_stream(stream: TextIO) -> Iterator[str]:
    """The stream's lines as ``str.splitlines`` gives them. Each chunk is searched once: the
    unfinished line is kept as pieces and joined when its break comes, so a line of any length
    is read in linear time (searching it again from its start with each chunk was quadratic).
    A chunk that ends on ``\r`` ends its line; a ``\n`` opening the next chunk is its pair."""
    pieces: list[str] = []  # the line not finished yet
    after_cr = False
    for chunk in iter(lambda: stream.read(CHUNK), ""):
        start = 1 if after_cr and chunk.startswith("\n") else 0
        after_cr = False
        for found in LINE_BREAKS.finditer(chunk, start):
            line = chunk[start : found.start()]
            if pieces:
                pieces.append(line)
                line = "".join(pieces)
                pieces.clear()
            yield line
            start = found.end()
            after_cr = found.group() == "\r" and start == len(chunk)
        if start < len(chunk):
            pieces.append(chunk[start:])
    if pieces:
        yield "".join(pieces)


#: What a workbook's first sheet may become as CSV text: more than any 20 MB upload of
#: contacts holds, less than a zip bomb would make.
MAX_SPREADSHEET_CHARS = 40 * 1024 * 1024
#: The columns read: wider than any contact export (HubSpot's run to a few hundred); a sheet
#: declared as wide as Excel allows (16,384) is read only this far.
MAX_SHEET_COLUMNS = 1024
#: A run of empty rows this long ends the sheet: what follows is formatting, not contacts (a
#: 1.5 KB workbook with a cell at A1 and one at XFD1048576 otherwise made a million rows of
#: 16,384 empty cells to read).
MAX_EMPTY_ROWS = 10_000
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls), among other Office files


def _not_a_workbook() -> ValueError:
    return ValueError(
        _(
            "This is a spreadsheet Karib cannot read: save it as CSV (File → Save As → "
            "CSV UTF-8) and upload that."
        )
    )


def _cell_text(value: object) -> str:
    """A cell as text: a whole number without ".0" (a phone typed as a number), a date as
    ISO (no day/month order to guess), anything else as ``str``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def spreadsheet_as_csv(source: Source) -> Source | None:
    """An Excel workbook (.xlsx) as the CSV text of its first sheet (UTF-8, ``,``), for the CSV
    path; None when the file is no zip. A zip that is no workbook, or an old .xls, raises
    ValueError (translated) asking for a CSV."""
    start = head(source, len(_OLE2))
    if start.startswith(_OLE2):
        raise _not_a_workbook()
    if not is_zip(start):
        return None
    import openpyxl  # only for workbooks: it takes a while to import
    from openpyxl.utils.exceptions import InvalidFileException

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    with source.open() as stream:
        try:
            book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
            raise _not_a_workbook() from None
        try:
            sheet = book.worksheets[0] if book.worksheets else None
            empty = 0  # empty rows not written yet: only those before a row that is not
            width = min(sheet.max_column or 1, MAX_SHEET_COLUMNS) if sheet else 1
            rows = sheet.iter_rows(max_col=width, values_only=True) if sheet else ()
            for row in rows:
                cells = [without_nul(_cell_text(value)) for value in row] if any(row) else []
                if not any(cells):
                    empty += 1
                    if empty >= MAX_EMPTY_ROWS:
                        break
                    continue
                while not cells[-1]:  # a sheet declared wider than it is written
                    cells.pop()
                out.write("\n" * empty)  # the rows keep their numbers as lines
                empty = 0
                writer.writerow(cells)
                if out.tell() > MAX_SPREADSHEET_CHARS:
                    raise ValueError(
                        _("The spreadsheet is too large: save it as CSV and upload that.")
                    )
        finally:
            book.close()
    return Source(name=source.name, raw=out.getvalue().encode("utf-8"))
