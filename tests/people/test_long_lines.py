"""One long line in a contact file (secprobe7 F4): its lines are read once each (the reading
was quadratic in a line's length), a header row over ``MAX_HEADER_CHARS`` is refused with a
named error, labels are cut, a vCard card over ``MAX_CARD_CHARS`` is an error on its line.
Speed itself is measured by bench/input_pathological.py, not here."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from karib.people.imports import Source, contacts_import, read_source, text
from karib.people.imports.contacts_csv import MAX_HEADER_CHARS, open_csv
from karib.people.imports.decoding import LINE_BREAKS
from karib.people.imports.forms import MAX_LABEL_CHARS, ColumnMappingForm
from karib.people.imports.vcard import MAX_CARD_CHARS
from karib.people.models import ContactImport, Person

# --- split_stream: the lines of str.splitlines, as before -------------------------------


def _split_before(stream, chunk):
    """split_stream as it was before 30 Nov (quadratic in a line's length), the reference."""
    pending = ""
    for piece in iter(lambda: stream.read(chunk), ""):
        data = pending + piece
        start = 0
        for found in LINE_BREAKS.finditer(data):
            if found.group() == "\r" and found.end() == len(data):
                break
            yield data[start : found.start()]
            start = found.end()
        pending = data[start:]
    yield from pending.splitlines()


EDGES = [
    "",
    "a",
    "\r",
    "\n",
    "\r\n",
    "a\r\nb",
    "a\r",
    "a\rb",
    "\r\r\n\n",
    "\n\r",
    "ab\r\ncd\r\n",
    "x\x85y\u2028z\u2029w\x0bv\x0cu\x1ct\x1ds\x1er",
    "\r\n" * 5,
    "no break at the end",
    "é\r\nü\r" + "ĳ" * 20 + "\r\n",
    "A" * 50 + "\r\n" + "B" * 50,
]


def _lines(data: str, chunk: int, monkeypatch) -> list[str]:
    monkeypatch.setattr(text, "CHUNK", chunk)
    return list(text.split_stream(io.StringIO(data, newline="")))


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64 * 1024])
@pytest.mark.parametrize("data", EDGES, ids=repr)
def test_split_stream_gives_the_lines_of_splitlines_at_any_chunk_size(data, chunk, monkeypatch):
    # every chunk size puts a boundary inside a "\r\n" somewhere in these
    assert _lines(data, chunk, monkeypatch) == data.splitlines()
    assert _lines(data, chunk, monkeypatch) == list(
        _split_before(io.StringIO(data, newline=""), chunk)
    )


@given(
    st.text(alphabet=st.sampled_from(["a", "é", " ", "\r", "\n", "\x0b", "\x85", "\u2028"])),
    st.integers(min_value=1, max_value=9),
)
def test_split_stream_matches_splitlines_on_any_text(data, chunk):
    original = text.CHUNK
    text.CHUNK = chunk
    try:
        assert list(text.split_stream(io.StringIO(data, newline=""))) == data.splitlines()
    finally:
        text.CHUNK = original


def test_a_long_line_is_searched_for_breaks_once(monkeypatch):
    # given a 2 MB line without a break, read in the usual 64 KiB chunks, and a count of the
    # characters searched for a line break
    searched = []

    class Counting:
        def finditer(self, string, pos=0):
            searched.append(len(string) - pos)
            return LINE_BREAKS.finditer(string, pos)

    monkeypatch.setattr(text, "LINE_BREAKS", Counting())
    line = "A" * (2 * 1024 * 1024)
    # when its lines are read
    lines = list(text.split_stream(io.StringIO(line + "\r\nB\r\n", newline="")))
    # then they are whole, and each character was searched once (it was 16 times on average)
    assert lines == [line, "B"]
    assert sum(searched) == len(line) + 5


def test_a_file_streams_to_the_same_lines_across_a_chunk_boundary_inside_crlf(monkeypatch):
    # given a UTF-16 file whose "\r\n" falls across two reads
    monkeypatch.setattr(text, "CHUNK", 5)
    data = "BEGIN:VCARD\r\nFN:Dewi\r\nNOTE:" + "x" * 40 + "\r\nEND:VCARD\r\n"
    source = Source(name="a.vcf", raw=data.encode("utf-16"))
    # then its lines are those of the text split whole
    lines = list(text.text_lines(source, text.detect_encoding(source)))
    assert [line.lstrip("\ufeff") for line in lines] == data.splitlines()


# --- CSV: the header row and the labels ---------------------------------------------------


def _csv(header_cell: str, *, before: str = "") -> bytes:
    return (before + "Name,Email," + header_cell + "\nBudi,budi@example.com,x\n").encode()


def test_a_header_row_over_the_limit_is_refused_naming_its_line():
    # given a CSV whose header has a 100 KiB column name (after a blank line)
    raw = _csv("A" * 100 * 1024, before="\n")
    # when it is opened, then it is refused with the header's line, its length and the limit
    with (
        translation.override("en"),
        pytest.raises(ValueError, match=r"^The header row \(line 2\)") as refused,
    ):
        open_csv(Source(name="big.csv", raw=raw))
    assert str(refused.value) == (
        f"The header row (line 2) has {len(raw.splitlines()[1])} characters; a contact "
        f"file's header has at most {MAX_HEADER_CHARS}."
    )


def test_the_import_names_the_file_of_the_long_header(world):
    # when a good vCard and the CSV of a long header are imported together
    vcard = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dewi Anggraini\r\nEND:VCARD\r\n"
    sources = [
        Source(name="good.vcf", raw=vcard),
        Source(name="big.csv", raw=_csv("A" * (MAX_HEADER_CHARS + 1))),
    ]
    with translation.override("en"):
        report = contacts_import(sources=sources, user=world.owner, commit=True)
    # then the CSV is the file error, and nothing is written
    [(file, message)] = report.file_errors
    assert file == "big.csv"
    assert message.startswith("The header row (line 1) has ")
    assert not report.committed
    assert not Person.objects.filter(full_name="Dewi Anggraini").exists()


def test_the_upload_of_a_long_header_is_refused_and_not_kept(world, client_for):
    upload = SimpleUploadedFile("big.csv", _csv("A" * (MAX_HEADER_CHARS + 1)), "text/csv")
    response = client_for(world.owner).post(reverse("people:import-contacts"), {"file": upload})
    assert response.status_code == 422
    [error] = response.context["form"].errors["file"]
    assert "(baris 1)" in error  # the user's language: Indonesian by default
    assert str(MAX_HEADER_CHARS) in error
    assert not ContactImport.objects.exists()


def test_a_header_at_the_limit_is_read():
    cell = "A" * (MAX_HEADER_CHARS - len("Name,Email,"))
    opened = open_csv(Source(name="wide.csv", raw=_csv(cell)))
    assert opened.headers == ["Name", "Email", cell]
    assert opened.header_line == 1


def test_a_long_line_before_the_header_is_a_preamble_as_before():
    # given a long line of notes (no contact columns) before the header
    raw = _csv("Phone", before="Notes: " + "catatan " * 20_000 + "\n")
    # then the header after it is found
    opened = open_csv(Source(name="notes.csv", raw=raw))
    assert (opened.header_line, opened.headers) == (2, ["Name", "Email", "Phone"])


def test_a_long_note_in_a_record_is_still_read(world):
    # a long note is a cell of a record, not of the header: read whole as before
    note = "panjang " * 40_000
    raw = f'Name,Email,Notes\nBudi Santoso,budi@example.com,"{note}"\n'.encode()
    [contact] = read_source(Source(name="notes.csv", raw=raw))
    assert contact.note == note.strip()
    assert not contact.errors


def test_a_long_column_name_is_cut_on_the_mapping_page_and_kept_in_the_mapping():
    long_name = "Catatan " + "x" * 500
    form = ColumnMappingForm(
        {"column_0": "full_name", "column_1": "note"},
        headers=["Nama", long_name],
        initial_mapping={},
    )
    label = form.fields["column_1"].label
    assert len(label) == MAX_LABEL_CHARS
    assert label == long_name[: MAX_LABEL_CHARS - 1] + "…"
    assert form.fields["column_0"].label == "Nama"
    assert form.is_valid()
    assert form.mapping() == {"Nama": "full_name", long_name: "note"}


# --- vCard: a card over the limit ---------------------------------------------------------


def _card(name: str, *lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", *lines, "END:VCARD"]) + "\r\n"


def test_a_vcard_over_the_limit_is_an_error_on_its_line_and_the_others_are_read():
    # given three cards, the second with one note line longer than a card may be
    data = (
        _card("Dewi Anggraini")
        + _card("Budi Santoso", "NOTE:" + "A" * MAX_CARD_CHARS, "EMAIL:budi@example.com")
        + _card("Agus Salim")
    )
    # when the file is read (as the dry run reads it)
    with translation.override("en"):
        contacts = read_source(Source(name="long.vcf", raw=data.encode()))
    # then the second card is an error naming the line that took it over, the others are read
    assert [(c.line, c.full_name) for c in contacts] == [
        (1, "Dewi Anggraini"),
        (5, ""),
        (11, "Agus Salim"),
    ]
    assert contacts[1].errors == [
        (
            "",
            f"line 8 takes this card over {MAX_CARD_CHARS} characters (pictures aside); "
            "shorten it or leave the card out",
        )
    ]
    assert not contacts[0].errors
    assert not contacts[2].errors


def test_a_long_picture_does_not_count_against_the_limit():
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUFB" * (MAX_CARD_CHARS // 2)
    [contact] = read_source(
        Source(name="photo.vcf", raw=_card("Dewi Anggraini", photo, "NOTE:suka wayang").encode())
    )
    assert (contact.full_name, contact.note, contact.errors) == (
        "Dewi Anggraini",
        "suka wayang",
        [],
    )


def test_a_card_just_under_the_limit_is_read(monkeypatch):
    monkeypatch.setattr("karib.people.imports.vcard_lines.MAX_CARD_CHARS", 200)
    note = "n" * 100
    [contact] = read_source(Source(name="ok.vcf", raw=_card("Dewi", "NOTE:" + note).encode()))
    assert (contact.note, contact.errors) == (note, [])
    [over] = read_source(Source(name="no.vcf", raw=_card("Dewi", "NOTE:" + note * 2).encode()))
    assert over.errors
    assert not over.full_name


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("c.csv", b"Name,Email,Note\nBudi\x00 Santoso,budi@example.com,ca\x00tatan\n"),
        ("c.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Budi\x00 Santoso\r\nEND:VCARD\r\n"),
    ],
)
def test_a_nul_in_a_contact_file_is_left_out(name, raw):
    # a NUL means nothing to a reader, and PostgreSQL stores none: the contact is read without
    (contact,) = read_source(Source(name=name, raw=raw))
    assert contact.full_name == "Budi Santoso"
    assert not contact.errors
    assert "\x00" not in repr(contact)


def test_a_contact_file_with_a_nul_imports_on_every_database(world):
    # when a CSV whose name cell holds a NUL is imported (PostgreSQL stores no NUL in text)
    raw = b"Name,Email\nBudi\x00 Santoso,budi.nul@example.com\n"
    report = contacts_import(sources=[Source(name="c.csv", raw=raw)], user=world.owner, commit=True)
    # then the contact is stored, without it
    assert report.committed
    assert not report.file_errors
    assert Person.objects.filter(full_name="Budi Santoso").exists()
