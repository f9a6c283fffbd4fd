"""Hostile and damaged .xlsx uploads: the conversion to CSV stays within its caps and every
refusal is the translated ValueError asking for a CSV (secprobe10 F1, F4)."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from karib.people.imports import Source, text
from karib.people.imports.text import spreadsheet_as_csv
from karib.people.models import ContactImport

_OOXML = b"http://schemas.openxmlformats.org/"
_DOCUMENT = _OOXML + b"officeDocument/2006/relationships"
_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml."
NS = b'xmlns="' + _OOXML + b'spreadsheetml/2006/main"'
_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="'
    + _OOXML
    + b'package/2006/content-types">'
    + b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    + b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    + b'<Override PartName="/xl/workbook.xml" ContentType="'
    + _TYPE
    + b'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
    + _TYPE
    + b'worksheet+xml"/>%s</Types>'
)
_STRINGS_TYPE = b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + _TYPE
_STRINGS_TYPE += b'sharedStrings+xml"/>'
_RELS = (
    b'<Relationships xmlns="' + _OOXML + b'package/2006/relationships">'
    b'<Relationship Id="rId1" Type="' + _DOCUMENT + b'/officeDocument" Target="xl/workbook.xml"/>'
    b"</Relationships>"
)
_WORKBOOK = (
    b"<workbook " + NS + b' xmlns:r="' + _DOCUMENT + b'">'
    b'<sheets><sheet name="Kontak" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<Relationships xmlns="' + _OOXML + b'package/2006/relationships">'
    b'<Relationship Id="rId1" Type="' + _DOCUMENT + b'/worksheet" Target="worksheets/sheet1.xml"/>'
    b"</Relationships>"
)
_HEADER = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>Nama</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>Email</t></is></c></row>'
)


def _sheet(rows: bytes = b"", prolog: bytes = b"") -> bytes:
    return (
        prolog
        + b"<worksheet "
        + NS
        + b"><sheetData>"
        + _HEADER
        + rows
        + b"</sheetData></worksheet>"
    )


def _workbook(sheet: bytes | None = None, **members: bytes) -> bytes:
    """A minimal workbook; ``members`` adds or replaces parts (``xl__styles_xml`` is
    ``xl/styles.xml``)."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES
        % (_STRINGS_TYPE if "xl__sharedStrings_xml" in members else b""),
        "_rels/.rels": _RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": _sheet() if sheet is None else sheet,
    }
    parts.update(
        {name.replace("__", "/").replace("_xml", ".xml"): data for name, data in members.items()}
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _convert(raw: bytes) -> str:
    converted = spreadsheet_as_csv(Source(name="kontak.xlsx", raw=raw))
    assert converted is not None
    return converted.raw.decode("utf-8")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "members",
    [
        {"xl__styles_xml": b"<styleSheet " + NS + b"><fonts>" + b" " * text.MAX_STYLES_BYTES},
        {"xl__theme__theme1_xml": b"<a/>" + b" " * text.MAX_THEME_BYTES},
        # within the bytes, past the elements (openpyxl builds an object for each)
        {"xl__styles_xml": b"<styleSheet " + NS + b"><fonts>" + b"<font/>" * 20_001},
    ],
    ids=["styles-bytes", "theme-bytes", "styles-elements"],
)
def test_formatting_past_its_caps_is_refused_before_it_is_built(members):
    with pytest.raises(ValueError, match=r"formatting is too large.*CSV UTF-8"):
        _convert(_workbook(**members))


def test_shared_strings_past_their_cap_are_refused_before_they_are_read():
    # given one shared string of 64 MiB (64 KB compressed): openpyxl kept it in memory whole
    strings = (
        b"<sst " + NS + b"><si><t>" + b"A" * text.MAX_SHARED_STRINGS_BYTES + b"</t></si></sst>"
    )
    with pytest.raises(ValueError, match=r"holds too much.*CSV UTF-8"):
        _convert(_workbook(xl__sharedStrings_xml=strings))


def _lying_member(name: bytes, inflated: int, declared: bytes) -> bytes:
    """A zip whose only member declares ``declared`` (its size and CRC) but inflates to
    ``inflated`` zero bytes after it."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b"\0" * (1 << 20)
    data = packer.compress(declared) + b"".join(
        packer.compress(block) for _ in range(inflated >> 20)
    )
    data += packer.flush()
    crc, size = zlib.crc32(declared), len(declared)
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0
    )
    central = struct.pack(
        "<4s6H3L5H2L",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(data),
        size,
        len(name),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    records = local + name + data
    directory = central + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), len(records), 0)
    return records + directory + end


def test_a_member_is_never_inflated_past_its_declared_size():
    # given a manifest declared as 60 bytes whose compressed data inflates to 256 MiB: zipfile's
    # whole read (openpyxl's) inflated all of it before cutting it to the declared size
    raw = _lying_member(b"[Content_Types].xml", 256 << 20, b"<Types>" + b" " * 53)
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match="CSV UTF-8"):
            _convert(raw)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # then it is read a chunk at a time, only as far as it says it goes
    assert peak < 32 << 20


def test_a_zip_listing_more_than_a_workbook_has_is_refused_before_zipfile_reads_the_list():
    # given a zip whose central directory lists 30,000 members (zipfile builds each)
    entry = (
        struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0)
        + b"m"
    )
    directory = entry * 30_000
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), 30, 0)
    with pytest.raises(ValueError, match="holds too much"):
        _convert(b"PK\x03\x04" + b"\0" * 26 + directory + end)


def test_a_row_wider_than_a_contact_is_refused_before_openpyxl_builds_it():
    # given a row of one name then 15,000 cells past column 1,024 (openpyxl parses them all)
    row = (
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>Budi</t></is></c>' + b"<c><v>1</v></c>" * 15_000
    )
    with pytest.raises(ValueError, match="holds too much"):
        _convert(_workbook(_sheet(row + b"</row>")))


def test_a_sheet_past_the_elements_openpyxl_may_parse_is_refused(monkeypatch):
    # given a budget of 2,000 elements and a sheet of 1,000 contacts (three elements each)
    monkeypatch.setattr(text, "MAX_STREAMED_ELEMENTS", 2_000)
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r) for r in range(2, 1002)
    )
    with pytest.raises(ValueError, match="holds too much"):
        _convert(_workbook(_sheet(rows)))
    # and within the budget, it is read
    monkeypatch.setattr(text, "MAX_STREAMED_ELEMENTS", 10_000)
    assert _convert(_workbook(_sheet(rows))).splitlines()[1:3] == ["2", "3"]


def test_a_sparse_sheet_is_refused_past_the_rows_looked_at(monkeypatch):
    # given one cell every 9,999 rows: the run of empty rows never reaches the 10,000 that end
    # a sheet, and each empty row is looked at
    monkeypatch.setattr(text, "MAX_SCANNED_CELLS", 50_000)
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (r, r)
        for r in range(9_999, 100_000, 9_999)
    )
    with pytest.raises(ValueError, match="holds too much"):
        _convert(_workbook(_sheet(rows)))


def test_cells_past_the_columns_read_do_not_make_a_row_count():
    # given a contact row, then a row holding only a cell at column 1,025
    rows = (
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>Budi</t></is></c></row>'
        b'<row r="3"><c r="AMK3"><v>1</v></c></row>'
        b'<row r="4"><c r="A4" t="inlineStr"><is><t>Sari</t></is></c></row>'
    )
    # then that row is an empty line: the contacts keep their line numbers
    assert _convert(_workbook(_sheet(rows))) == "Nama,Email\nBudi\n\nSari\n"


LAUGHS = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
XXE = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize(
    "raw",
    [
        _workbook(_sheet()[:-20]),
        _workbook(xl__styles_xml=b"<styleSheet " + NS + b"><fonts>"),
        _workbook(_sheet(b'<row r="2"><c r="A2" t="inlineStr"><is><t>&nope;</t></is></c></row>')),
        _workbook(
            _sheet(b'<row r="2"><c r="A2" t="inlineStr"><is><t>&b;</t></is></c></row>', LAUGHS)
        ),
        _workbook(_sheet(b'<row r="2"><c r="A2" t="inlineStr"><is><t>&x;</t></is></c></row>', XXE)),
        _workbook(_sheet(b'<row r="2"><c r="A2" t="s"><v>7</v></c></row>')),  # no 8th string
        _lying_member(b"[Content_Types].xml", 0, b"<Types"),
    ],
    ids=[
        "truncated-sheet",
        "truncated-styles",
        "undefined-entity",
        "entity-declarations",
        "external-entity",
        "missing-shared-string",
        "truncated-manifest",
    ],
)
def test_a_damaged_workbook_asks_for_a_csv(raw):
    with pytest.raises(ValueError, match=r"cannot read.*CSV UTF-8"):
        _convert(raw)


def test_a_workbook_with_members_compressed_as_no_workbook_is_asks_for_a_csv():
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES % b"")
    with pytest.raises(ValueError, match=r"cannot read.*CSV UTF-8"):
        _convert(raw.getvalue())


def test_a_workbook_without_a_dimension_is_read_with_all_its_columns():
    # given a workbook written by openpyxl's write-only mode, which declares no dimension
    # (openpyxl then read one column), and one whose dimension says "A1"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Kontak")
    sheet.append(["Nama", "No HP", "Email"])
    sheet.append(["Budi Santoso", "0812-3456-7890", "budi@example.com"])
    out = io.BytesIO()
    book.save(out)
    wrong = _sheet(b'<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row>')
    wrong = wrong.replace(b"<sheetData>", b'<dimension ref="A1"/><sheetData>')
    # then every column and row is read
    assert (
        _convert(out.getvalue())
        == "Nama,No HP,Email\nBudi Santoso,0812-3456-7890,budi@example.com\n"
    )
    assert _convert(_workbook(wrong)) == "Nama,Email\n1,2\n"


@pytest.mark.parametrize(
    "raw",
    [
        _workbook(xl__styles_xml=b"<styleSheet " + NS + b"><fonts>" + b" " * text.MAX_STYLES_BYTES),
        _workbook(_sheet()[:-20]),
    ],
    ids=["formatting-too-large", "truncated-sheet"],
)
def test_an_upload_of_such_a_workbook_is_a_form_error(world, client_for, raw):
    client = client_for(world.owner)
    response = client.post(
        reverse("people:import-contacts"), {"file": SimpleUploadedFile("kontak.xlsx", raw)}
    )
    assert response.status_code == 422
    assert "CSV" in response.text
    assert not ContactImport.objects.exists()
