"""Contact files as streams of text, in constant memory whatever their size.

The encoding is decided once per file, as ``decoding.decode`` decides it for bytes in memory: a
byte order mark, UTF-16 without one (Apple), UTF-8 (checked over the whole file, one chunk at
a time), else charset-normalizer's guess from a sample: the file's first 64 KiB, or, for a file
that is UTF-8 until further on, the lines with other bytes around the first that is not. A
vCard is checked and read with its folds that split a character mended (``mend_folds``), and
its own ``CHARSET=`` comes before the guess (``charset_hint``). The
text is then read through ``io.TextIOWrapper`` (lines split as ``str.splitlines`` splits them,
for vCard; at ``\\n`` only, as ``csv`` wants them) and never held whole.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import struct
import xml.parsers.expat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, TextIO
from xml.etree import ElementTree

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from karib.tone.whatsapp import is_zip

from .decoding import (
    LIKELY_ENCODINGS,
    LINE_BREAKS,
    charset_hint,
    mend_fold_chunks,
    mend_folds,
    mixes_scripts,
    utf16_without_bom,
)
from .rows import Source
from .vcard import is_vcard

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
    #: A vCard's: its folds that split a character are mended as it is read (``mend_folds``).
    vcard: bool = False


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
    size = byte_size(source)
    for bom, name in _BOMS:
        if start.startswith(bom):
            return Encoding(name, vcard=name == "utf-8-sig" and is_vcard(start, size=size))
    utf16 = utf16_without_bom(start, size=size)
    if utf16:
        return Encoding(utf16)
    # A vCard is checked (and read) with its folds that split a character mended: ownCloud's
    # folds every 75 octets, in the middle of a Cyrillic or Greek letter.
    vcard = is_vcard(start, size=size)
    failed_at = _first_non_utf8(source, vcard=vcard)
    if failed_at is None:
        return Encoding("utf-8", vcard=vcard)
    if vcard:
        start = mend_folds(start)
    sample = _line_prefix(start) if len(start) == PREFIX_BYTES else start
    if failed_at >= len(sample):
        # UTF-8 until further on: the lines with other bytes around the first that is not are
        # the evidence (many ASCII lines make a few accented letters look like Chinese).
        window = _window(source, failed_at)
        found = _non_ascii_lines(mend_folds(window) if vcard else window)
        sample = found if sample.isascii() else _non_ascii_lines(sample) + found
    # A vCard's own CHARSET= (Japanese phones' Shift_JIS) before any guess: guessed, its
    # 0x5C trail bytes became backslashes, read as escapes.
    hint = charset_hint(sample) if vcard else None
    if hint is not None:
        return Encoding(hint, "replace", vcard=True)
    # Contact files come from Windows and phones: weigh their usual code pages first, as
    # charset-normalizer's guess over every code page is unreliable on a few short lines.
    best = from_bytes(sample, cp_isolation=LIKELY_ENCODINGS).best() or from_bytes(sample).best()
    if best is None:
        raise ValueError(_("The file is neither text nor in an encoding Karib recognises."))
    if best.encoding == "cp1251" and mixes_scripts(str(best)):
        # A Western file read as Cyrillic ("ЦzdemirЦ" for "ÖzdemirÖ").
        return Encoding("cp1252", "replace", vcard=vcard)
    return Encoding(best.encoding, "replace", vcard=vcard)


def _chunks(stream: IO[bytes], *, vcard: bool = False) -> Iterator[bytes]:
    """The stream's bytes a chunk at a time; a vCard's with its split folds mended."""
    chunks = iter(lambda: bytes(stream.read(CHUNK)), b"")
    return mend_fold_chunks(chunks) if vcard else chunks


def _first_non_utf8(source: Source, *, vcard: bool = False) -> int | None:
    """The offset of the first byte that is not UTF-8 (None: the whole file is UTF-8); in a
    ``vcard``, once its folds that split a character are mended (same offsets)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with source.open() as stream:
        for chunk in _chunks(stream, vcard=vcard):
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
    binary = io.BufferedReader(_Binary(source.open(), vcard=encoding.vcard), CHUNK)
    return io.TextIOWrapper(binary, encoding=encoding.name, errors=encoding.errors, newline="\n")


class _Binary(io.RawIOBase):
    """A file of any storage as the raw stream ``TextIOWrapper`` takes."""

    def __init__(self, stream: IO[bytes], *, vcard: bool = False) -> None:
        self._stream = stream
        # A vCard's bytes go through ``mend_fold_chunks``: read as chunks, handed out as asked.
        self._chunks = _chunks(stream, vcard=True) if vcard else None
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._chunks is None:
            data = self._stream.read(len(buffer))
            buffer[: len(data)] = data
            return len(data)
        while not self._pending:
            chunk = next(self._chunks, b"")
            if not chunk:
                return 0
            self._pending = memoryview(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

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
#: The columns read: wider than any contact export (HubSpot's run to a few hundred); cells
#: further right are parsed (openpyxl reads a row whole) but not kept.
MAX_SHEET_COLUMNS = 1024
#: A run of rows with nothing in their first ``MAX_SHEET_COLUMNS`` columns this long ends the
#: sheet: what follows is formatting, not contacts.
MAX_EMPTY_ROWS = 10_000
#: The rows (each at least one) and cells the conversion looks at: 16 million is a
#: 200,000-contact sheet 80 columns wide. One cell every 9,999 rows of a sheet that claims a
#: billion rows otherwise kept it looping through empty rows for minutes (secprobe10).
MAX_SCANNED_CELLS = 16_000_000
#: Excel's last row: a row further down is no Excel sheet.
MAX_SHEET_ROWS = 1_048_576

# What a workbook may unpack to, checked on each member's declared size before openpyxl reads
# it and on the bytes it reads (zipfile stops a member at its declared size, but a whole read
# inflates everything compressed first: a member declared 100 bytes made 1 GiB). Measured on
# a 100,000-contact export (openpyxl, 15 columns, 7.6 MB upload): sheet 80.8 MB, styles
# 2.8 KB, theme 10 KB, the other parts under 1 KB each. Excel's and Google Sheets' exports
# have styles and themes of a few KB and keep the text in sharedStrings.xml.
#: All members together (declared sizes).
MAX_WORKBOOK_BYTES = 320 * 1024 * 1024
#: A member openpyxl reads as a stream (the sheets): a 200,000-contact sheet is ~160 MB.
MAX_SHEET_BYTES = 256 * 1024 * 1024
#: The shared strings, which openpyxl keeps in memory (~4.5 bytes of memory a byte of text).
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
#: A member openpyxl reads whole (workbook, relationships, properties) and its XML elements.
MAX_PART_BYTES = 4 * 1024 * 1024
MAX_PART_ELEMENTS = 100_000
#: The formatting: openpyxl builds an object for each element of styles.xml (20 MB of
#: ``<font/>`` took 140 s and 1.6 GiB); the theme is kept as bytes.
MAX_STYLES_BYTES = 1024 * 1024
MAX_STYLES_ELEMENTS = 20_000
MAX_THEME_BYTES = 1024 * 1024
#: The XML elements of the members openpyxl streams (sheets, shared strings): openpyxl spends
#: ~25 µs on each; a 100,000-contact sheet of 15 columns holds 4.6 million.
MAX_STREAMED_ELEMENTS = 8_000_000
#: The elements of one row, which openpyxl builds whole before reading its cells: a cell is
#: two or three (more in rich text), so a row of ``MAX_SHEET_COLUMNS`` cells fits.
MAX_ROW_ELEMENTS = 16_384
#: The zip's central directory, which zipfile reads whole on opening (a 20 MB upload listing
#: 446,000 members took 9.7 s and 190 MB): a workbook has a few dozen members.
MAX_DIRECTORY_BYTES = 1024 * 1024
_STYLES = "xl/styles.xml"
_THEMES = "xl/theme/"
_MANIFEST = "[Content_Types].xml"
_END_OF_DIRECTORY = b"PK\x05\x06"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls), among other Office files


def _not_a_workbook() -> ValueError:
    return ValueError(
        _(
            "This is a spreadsheet Karib cannot read: save it as CSV (File → Save As → "
            "CSV UTF-8) and upload that."
        )
    )


class _Refused(Exception):
    """A workbook refused while openpyxl reads it (not a ValueError: openpyxl rewords those)."""

    def __init__(self, error: ValueError) -> None:
        super().__init__(str(error))
        self.error = error


def _too_large(what: str) -> _Refused:
    if what == "formatting":
        message = _(
            "The spreadsheet's formatting is too large for Karib to read: save it as CSV "
            "(File → Save As → CSV UTF-8) and upload that."
        )
    else:
        message = _(
            "The spreadsheet holds too much for Karib to read: save it as CSV (File → Save "
            "As → CSV UTF-8) and upload that."
        )
    return _Refused(ValueError(message))


def _damaged() -> _Refused:
    return _Refused(_not_a_workbook())


class _ElementCounter:
    """Counts the XML elements of a member as its bytes are read, refusing past ``limit``, a
    row of more than ``MAX_ROW_ELEMENTS``, or a document type declaration (entities; no
    workbook has one). Expat costs ~0.5 µs an element, openpyxl ~25 µs."""

    def __init__(self, limit: int, what: str) -> None:
        self.count = 0
        self._limit = limit
        self._what = what
        self._row = -1  # elements of the row being read (-1: outside any row)
        self._finished = False
        self._parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.StartDoctypeDeclHandler = _refuse_doctype

    def feed(self, data: bytes, *, final: bool = False) -> None:
        if self._finished:
            return
        self._finished = final
        try:
            self._parser.Parse(data, final)
        except xml.parsers.expat.ExpatError:
            raise _damaged() from None

    def _start(self, name: str, attributes: object) -> None:
        self.count += 1
        if self.count > self._limit:
            raise _too_large(self._what)
        if name.endswith("}row") or name == "row":
            self._row = 0
        elif self._row >= 0:
            self._row += 1
            if self._row > MAX_ROW_ELEMENTS:
                raise _too_large(self._what)

    def _end(self, name: str) -> None:
        if name.endswith("}row") or name == "row":
            self._row = -1


class _Member(io.RawIOBase):
    """A member of a ``_Workbook`` as openpyxl reads it: whole (``read()``: a part, capped at
    ``MAX_PART_BYTES``) or as a stream (``read(n)``: a sheet or the shared strings), read a
    chunk at a time whichever way, its elements counted against the workbook's budget."""

    def __init__(self, archive: _Workbook, info: zipfile.ZipInfo) -> None:
        super().__init__()
        self._archive = archive
        self._info = info
        self._stream = zipfile.ZipFile.open(archive, info)
        self._counter: _ElementCounter | None = None
        self._counted = 0  # elements already charged to the workbook's budget
        self._parses = True

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            counter = self._start(whole=True)
            return b"".join(iter(lambda: self._read(counter, CHUNK), b""))
        return self._read(self._start(whole=False), size)

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _start(self, *, whole: bool) -> _ElementCounter:
        if self._counter is not None:
            return self._counter
        name = self._info.filename
        if name == _STYLES:
            size, limit, what = MAX_STYLES_BYTES, MAX_STYLES_ELEMENTS, "formatting"
        elif name.startswith(_THEMES):
            size, limit, what = MAX_THEME_BYTES, MAX_STYLES_ELEMENTS, "formatting"
        elif whole:
            size, limit, what = MAX_PART_BYTES, MAX_PART_ELEMENTS, "content"
        else:
            size = MAX_SHEET_BYTES
            if name == self._archive.shared_strings:
                size = MAX_SHARED_STRINGS_BYTES
            limit, what = self._archive.elements_left, "content"
        if self._info.file_size > size:
            raise _too_large(what)
        self._counter = _ElementCounter(limit, what)
        # The theme is kept as bytes, never parsed: not refused as damaged XML.
        self._parses = not name.startswith(_THEMES)
        return self._counter

    def _read(self, counter: _ElementCounter, size: int) -> bytes:
        data = bytes(self._stream.read(size))
        if self._parses:
            counter.feed(data, final=not data)
            if not self._archive.charge(counter.count - self._counted, self._info):
                raise _too_large("content")
            self._counted = counter.count
        return data

    def close(self) -> None:
        self._stream.close()
        super().close()


class _Workbook(zipfile.ZipFile):
    """The upload as the zip openpyxl reads: each member checked on its declared size and
    read through ``_Member``. Raises ``_Refused``."""

    def __init__(self, stream: IO[bytes]) -> None:
        if _directory_size(stream) > MAX_DIRECTORY_BYTES:
            raise _too_large("content")
        super().__init__(stream)
        self.elements_left = MAX_STREAMED_ELEMENTS
        for name, size in ((_STYLES, MAX_STYLES_BYTES), (_THEMES, MAX_THEME_BYTES)):
            if any(i.filename.startswith(name) and i.file_size > size for i in self.infolist()):
                raise _too_large("formatting")
        total = 0
        for info in self.infolist():
            if info.flag_bits & 0x1 or info.compress_type not in (
                zipfile.ZIP_STORED,
                zipfile.ZIP_DEFLATED,
            ):
                raise _damaged()  # encrypted, or compressed as no workbook is
            total += info.file_size
            if info.file_size > MAX_SHEET_BYTES:
                raise _too_large("content")
        if total > MAX_WORKBOOK_BYTES:
            raise _too_large("content")
        self.shared_strings = _shared_strings_part(self.read(_MANIFEST))

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):  # type: ignore[no-untyped-def]
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        if mode != "r":
            raise _damaged()
        return _Member(self, info)

    def charge(self, elements: int, info: zipfile.ZipInfo) -> bool:
        """Spend ``elements`` of the streamed budget (parts read whole have their own)."""
        if info.filename == _STYLES or info.filename.startswith(_THEMES):
            return True
        self.elements_left -= elements
        return self.elements_left >= 0


def _directory_size(stream: IO[bytes]) -> int:
    """The byte size of the zip's central directory as its end record gives it (the record
    zipfile reads: the last one), 0 when there is none (zipfile then refuses the file)."""
    end = stream.seek(0, io.SEEK_END)
    stream.seek(max(0, end - 22 - 0xFFFF))
    tail = bytes(stream.read())
    stream.seek(0)
    found = tail.rfind(_END_OF_DIRECTORY)
    if found < 0 or len(tail) - found < 22:
        return 0
    (size,) = struct.unpack("<L", tail[found + 12 : found + 16])
    return int(size)


def _shared_strings_part(manifest: bytes) -> str | None:
    """The member holding the shared strings, as the manifest names it (openpyxl's choice)."""
    from openpyxl.xml.constants import SHARED_STRINGS

    found: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if attributes.get("ContentType") == SHARED_STRINGS and "PartName" in attributes:
            found.append(attributes["PartName"].lstrip("/"))

    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = _refuse_doctype
    try:
        parser.Parse(manifest, True)
    except xml.parsers.expat.ExpatError:
        raise _damaged() from None
    return found[0] if found else None


def _refuse_doctype(*args: object) -> None:
    raise _damaged()  # entities (billion laughs, external files): no workbook declares one


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
    path; None when the file is no zip. A zip that is no workbook, an old .xls, or a workbook
    past the caps above raises ValueError (translated) asking for a CSV."""
    start = head(source, len(_OLE2))
    if start.startswith(_OLE2):
        raise _not_a_workbook()
    if not is_zip(start):
        return None
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with source.open() as stream:
            return Source(name=source.name, raw=_first_sheet_as_csv(stream).encode("utf-8"))
    except _Refused as refused:
        raise refused.error from None
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ElementTree.ParseError,
        xml.parsers.expat.ExpatError,
        KeyError,
        IndexError,
        TypeError,
        AttributeError,
        ValueError,
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,
        struct.error,
    ) as error:
        if isinstance(error.__cause__, _Refused):  # openpyxl rewords what it reads as ValueError
            raise error.__cause__.error from None
        raise _not_a_workbook() from None


def _first_sheet_as_csv(stream: IO[bytes]) -> str:
    """The first sheet as CSV text, reading at most the caps above. Raises ``_Refused``,
    ValueError and the parse errors ``spreadsheet_as_csv`` turns into a refusal."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.worksheet._reader import WorkSheetParser

    if not stream.seekable():
        stream = io.BytesIO(stream.read(MAX_WORKBOOK_BYTES))
    archive = _Workbook(stream)  # checked before openpyxl opens the zip as it would
    try:
        reader = ExcelReader(stream, read_only=True, data_only=True)
        reader.archive.close()
        reader.archive = archive
        reader.valid_files = archive.namelist()
        # openpyxl's ``read()`` up to the sheets, whose parts are not needed: its read-only
        # sheet parses the whole sheet once more just to size it when the exporter declared no
        # dimension (most do not), a third of the time and of the element budget.
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        book: Any = reader.wb
        apply_stylesheet(archive, book)
        path = _first_worksheet(reader)
        if path is None:
            return ""
        with _Member(archive, archive.getinfo(path)) as source:
            parser = WorkSheetParser(
                source,
                reader.shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            return _rows_as_csv(_row_values(parser.parse()))
    finally:
        archive.close()


def _first_worksheet(reader: Any) -> str | None:
    """The part of the workbook's first worksheet (a chart sheet is none), as openpyxl's
    ``worksheets[0]``."""
    for _sheet, relation in reader.parser.find_sheets():
        if relation.target in reader.valid_files and "chartsheet" not in relation.Type:
            return str(relation.target)
    return None


def _row_values(parsed: Iterable[tuple[int, list[dict[str, Any]]]]) -> Iterator[list[object]]:
    """Each row of the sheet from the first, as the values of its cells from column A to its
    last cell (a missing cell None); a row the sheet leaves out is empty. Lazy: the caller stops
    at its caps, whatever row number a cell claims."""
    expected = 1
    for number, cells in parsed:
        while expected < number:
            yield []
            expected += 1
        expected = max(expected, number + 1)
        width = cells[-1]["column"] if cells else 0
        values: list[object] = [None] * width
        for cell in cells:
            if 1 <= cell["column"] <= width:
                values[cell["column"] - 1] = cell["value"]
        yield values


def _rows_as_csv(rows: Iterable[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    empty = 0  # empty rows not written yet: only those before a row that is not
    scanned = 0
    for number, row in enumerate(rows, start=1):
        scanned += max(1, len(row))
        if scanned > MAX_SCANNED_CELLS or number > MAX_SHEET_ROWS:
            raise _too_large("content")
        values = row[:MAX_SHEET_COLUMNS]
        end = len(values)
        while end and values[end - 1] is None:
            end -= 1
        cells = [without_nul(_cell_text(value)) for value in values[:end]]
        while cells and not cells[-1]:  # cells holding ""
            cells.pop()
        if not cells:
            empty += 1
            if empty >= MAX_EMPTY_ROWS:
                break
            continue
        out.write("\n" * empty)  # the rows keep their numbers as lines
        empty = 0
        writer.writerow(cells)
        if out.tell() > MAX_SPREADSHEET_CHARS:
            raise _Refused(
                ValueError(_("The spreadsheet is too large: save it as CSV and upload that."))
            )
    return out.getvalue()
