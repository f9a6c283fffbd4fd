"""Contact files are read as streams: the same text and contacts as a file decoded whole, in
reads of a bounded size whatever the file's size."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from karib.people.imports import Source, read_source, text
from karib.people.imports.decoding import decode
from karib.people.imports.pipeline import contacts_import
from karib.people.imports.vcard import read_vcards

CORPUS = Path(__file__).resolve().parent.parent / "data" / "import_corpus"
FILES = sorted([*(CORPUS / "vcard").iterdir(), *(CORPUS / "csv").iterdir()])


@pytest.fixture
def small_chunks(monkeypatch):
    """Reads of 7 bytes or characters, a prefix of 64 bytes: every line ending, multi-byte
    character and card falls across a chunk somewhere in the corpus."""
    monkeypatch.setattr(text, "CHUNK", 7)
    monkeypatch.setattr(text, "PREFIX_BYTES", 64)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_corpus_file_streams_to_the_text_it_decodes_to_whole(path, monkeypatch):
    # given a real file, read in chunks of 7 (its encoding still guessed from the whole file
    # when it is smaller than the usual prefix, as every corpus file is)
    monkeypatch.setattr(text, "CHUNK", 7)
    raw = path.read_bytes()
    source = Source.from_path(path)
    # when it is read as a stream
    encoding = text.detect_encoding(source)
    with text.open_text(source, encoding) as stream:
        streamed = stream.read()
    # then the text and its lines are those of the whole file decoded at once
    whole = decode(raw)
    assert streamed.lstrip("\ufeff") == whole.lstrip("\ufeff")
    assert list(text.text_lines(source, encoding)) == whole.splitlines()


@pytest.mark.parametrize("path", sorted((CORPUS / "vcard").iterdir()), ids=lambda path: path.name)
def test_every_corpus_vcard_streams_to_the_same_contacts(path, small_chunks):
    # when a vCard file is read card by card from its path, in chunks of 7
    streamed = read_source(Source.from_path(path))
    # then its contacts are those of the file read whole
    assert streamed == read_vcards(path.read_bytes())


@pytest.mark.parametrize("chunks", ["usual", "small"])
def test_a_latin1_line_after_the_prefix_is_read_in_its_code_page(chunks, monkeypatch):
    if chunks == "small":
        monkeypatch.setattr(text, "CHUNK", 7)
        monkeypatch.setattr(text, "PREFIX_BYTES", 64)
    # given a file that is ASCII for its first 120 KB (past the 64 KiB prefix), then a name
    # in windows-1252
    lines = [f"Kontak {n},kontak{n}@contoh.id" for n in range(4000)]
    raw = ("Nama,Surel\n" + "\n".join(lines) + "\nJürgen Müller,jm@contoh.de\n").encode("cp1252")
    source = Source(name="kontak.csv", raw=raw)
    # when it is read as a stream
    contacts = read_source(source)
    # then the name is read as written, not replaced
    assert contacts[-1].full_name == "Jürgen Müller"
    assert len(contacts) == 4001


def test_utf16_without_a_byte_order_mark_is_read(small_chunks):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dewi Anggraini\r\nEND:VCARD\r\n"
    for codec in ("utf-16-le", "utf-16-be"):
        (contact,) = read_source(Source(name="kontak.vcf", raw=card.encode(codec)))
        assert contact.full_name == "Dewi Anggraini"


class _Counting(io.BytesIO):
    largest = 0
    opened = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        type(self).largest = max(type(self).largest, len(data))
        return data


def _counting_source(name: str, raw: bytes) -> Source:
    def opener() -> _Counting:
        _Counting.opened += 1
        return _Counting(raw)

    return Source(name=name, opener=opener)


@pytest.mark.django_db
def test_the_dry_run_reads_a_large_file_in_bounded_chunks(world):
    # given a vCard file of 1.3 MB and a CSV file of 0.5 MB
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kontak {n}\r\nEMAIL:k{n}@contoh.id\r\n"
        f"NOTE:{'catatan panjang ' * 4}\r\nEND:VCARD\r\n"
        for n in range(10_000)
    ).encode()
    sheet = "Nama,Surel\n" + "".join(f"Orang {n},c{n}@contoh.id\n" for n in range(20_000))
    assert len(cards) > 1_000_000
    _Counting.largest = 0
    # when their dry run runs
    report = contacts_import(
        sources=[
            _counting_source("kartu.vcf", cards),
            _counting_source("kontak.csv", sheet.encode()),
        ],
        user=world.owner,
        commit=False,
        keep_rows=10,
    )
    # then every contact was checked, and no read took more than a chunk of the file
    assert not report.has_errors
    assert report.created_count == 30_000
    assert 0 < _Counting.largest <= text.PREFIX_BYTES
