"""vCard classes of the realfiles2 probe: a file folded inside a UTF-8 character (C4), lines
vobject cannot read (C6), address parts, ORG units and phone fields that hold no number (C7),
Shift_JIS cards that name their CHARSET (C8), and a card nested in a card (C9).

AOSP's vCard test files (Apache-2.0) are in ``vcard_fixtures`` (see its SOURCES.md); the
cards that stand for LGPL files (KDE's ownCloud card, Evolution's free-text phone) are our own.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.utils import translation

from karib.people.imports import Source, read_source, text
from karib.people.imports.decoding import charset_hint, mend_fold_chunks, mend_folds
from karib.people.imports.phones import is_phone_number, phone_e164
from karib.people.imports.vcard import read_vcards

FIXTURES = Path(__file__).parent / "vcard_fixtures"


def _card(*lines: str, version: str = "3.0") -> bytes:
    body = "\r\n".join(lines)
    return f"BEGIN:VCARD\r\nVERSION:{version}\r\n{body}\r\nEND:VCARD\r\n".encode()


def _fold_octets(line: str, width: int = 75) -> bytes:
    """A line folded every ``width`` octets, as ownCloud Contacts 0.3 folds: whatever
    character the cut falls in."""
    data = line.encode()
    pieces = [data[:width]] + [data[i : i + width - 1] for i in range(width, len(data), width - 1)]
    return b"\r\n ".join(pieces)


def _streamed(raw: bytes, monkeypatch=None, chunk: int | None = None):
    """The contacts of ``raw`` read as the import reads an upload: as a stream."""
    if chunk is not None:
        monkeypatch.setattr(text, "CHUNK", chunk)
    return read_source(Source(name="kontak.vcf", opener=lambda: io.BytesIO(raw)))


# C4. A fold in the middle of a UTF-8 character


GREEK = "Αλέξανδρος Παπαδόπουλος-Καραγιάννης Θεσσαλονίκη Ελευθερίου Βενιζέλου"
RUSSIAN = "Длинный комментарий на русском языке, чтобы получилась строка более 70 символов."


def _split_card() -> bytes:
    """A card whose FN and NOTE are folded inside two-byte characters (our own text, folded
    as KDE's ownCloud regression card is), then a second, plain card."""
    lines = [
        b"BEGIN:VCARD",
        b"VERSION:3.0",
        _fold_octets("FN:" + GREEK),
        _fold_octets("NOTE:" + RUSSIAN),
        b"END:VCARD",
        b"BEGIN:VCARD",
        b"VERSION:3.0",
        b"FN:Budi Santoso",
        b"END:VCARD",
    ]
    return b"\r\n".join(lines) + b"\r\n"


def test_the_test_card_is_folded_inside_a_character():
    raw = _split_card()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_a_vcard_folded_inside_a_utf8_character_is_read():
    # given a UTF-8 card folded every 75 octets, cutting Greek and Cyrillic letters in two
    raw = _split_card()
    # when it is imported (as an upload is: a stream) and read whole
    for contacts in (_streamed(raw), read_vcards(raw)):
        # then both cards are read, their text whole, and the second keeps its line
        greek, budi = contacts
        assert (greek.full_name, greek.note) == (GREEK, RUSSIAN)
        assert (budi.full_name, budi.line) == ("Budi Santoso", _split_card().count(b"\n") - 3)


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 64])
def test_a_fold_inside_a_character_is_mended_across_any_chunk_boundary(chunk, monkeypatch):
    # given the card read in chunks of a few bytes (a fold and its character fall across
    # chunks everywhere)
    contacts = _streamed(_split_card(), monkeypatch, chunk)
    # then it reads as the whole file does
    assert [(c.full_name, c.note, c.line) for c in contacts] == [
        (c.full_name, c.note, c.line) for c in read_vcards(_split_card())
    ]


def test_mending_moves_the_fold_and_keeps_length_and_lines():
    data = "FN:Ж".encode() + b"\r\n" + b"BEGIN"  # no fold: nothing to mend
    assert mend_folds(data) == data
    split = b"NOTE:\xd0\r\n \x96\xd0\xb0\r\n\t\xe2\x82\r\n \xac"  # Ж, then € cut after 2 bytes
    mended = mend_folds(split)
    assert mended == b"NOTE:\r\n \xd0\x96\xd0\xb0\r\n\t\r\n \xe2\x82\xac"
    assert len(mended) == len(split)
    assert mended.count(b"\n") == split.count(b"\n")
    for size in range(1, len(split) + 1):
        chunks = [split[i : i + size] for i in range(0, len(split), size)]
        assert b"".join(mend_fold_chunks(chunks)) == mended


def test_a_csv_is_not_mended():
    # a CSV has no folds: a line that starts with a space after a cut character stays
    # invalid UTF-8, read in its guessed code page as before
    raw = "Nama,Catatan\nBudi,x\xe9\n y\n".encode("cp1252")
    assert text.detect_encoding(Source(name="a.csv", raw=raw)).vcard is False


# C6. Lines vobject cannot read


def test_a_vcard_21_address_continued_after_backslashes_is_read_whole():
    # given Android's 2.1 card (AOSP test data) whose second address goes on over three
    # lines, each ending in a backslash
    (contact,) = read_vcards((FIXTURES / "aosp__v21_adr_multiple_line.vcf").read_bytes())
    # then the address is whole, its line breaks kept, and nothing was left out
    assert contact.addresses == [
        "Grindelberg 999, Hamburg, 99999, Deutschland",
        "Hermann v. Brevern\n9999999\nPackstation 999, Hamburg, 99999, Deutschland",
    ]
    assert not contact.notices
    assert contact.dates[0].year == 2008  # the line after the address is still read


def test_a_backslash_before_a_property_joins_nothing():
    contact = read_vcards(_card("FN:Budi\\", "TEL:0811-2223-333", "NOTE:C:\\", version="2.1"))[0]
    assert (contact.phones, contact.notices) == (["+628112223333"], [])


def test_lines_vobject_cannot_read_are_a_notice_with_their_lines():
    # given a card with two lines that are no property (an address pasted as it is)
    raw = _card(
        "FN:Budi Santoso",
        "TEL:0811-2223-333",
        "LABEL,TYPE=HOME:Jl. Merdeka 5",
        "Bandung 40111",
        "NOTE:Pelanggan lama",
    )
    with translation.override("en"):
        (contact,) = read_vcards(raw)
    # then the card is read, and its row says which lines were left out
    assert (contact.full_name, contact.note) == ("Budi Santoso", "Pelanggan lama")
    assert contact.notices == [
        ("", "2 lines of this card could not be read and were left out (lines 5, 6)")
    ]


def test_a_folded_unreadable_line_is_one_line_of_the_notice():
    raw = _card("FN:Budi", "no property here", " folded on", "NOTE:x")
    with translation.override("en"):
        (contact,) = read_vcards(raw)
    assert contact.notices == [
        ("", "1 line of this card could not be read and was left out (line 4)")
    ]


# C7. Address parts, ORG units, phone fields that hold no number


def test_the_extended_address_and_po_box_are_kept_in_the_address():
    with translation.override("en"):
        contact = read_vcards(
            _card(
                "FN:Dewi Lestari",
                "ADR;TYPE=HOME:;Apartemen Taman Anggrek Tower 3 Lt 12;Jl. Letjen S. Parman Kav. 21;"
                "Jakarta Barat;DKI Jakarta;11470;Indonesia",
                "ADR;TYPE=WORK:1234;;;Jakarta;;10000;Indonesia",
                "ADR;TYPE=POSTAL:Kotak Pos 99 JKT;;;;;;",
                version="4.0",
            )
        )[0]
    assert contact.addresses == [
        "Jl. Letjen S. Parman Kav. 21, Apartemen Taman Anggrek Tower 3 Lt 12, Jakarta Barat, "
        "DKI Jakarta, 11470, Indonesia",
        "PO Box 1234, Jakarta, 10000, Indonesia",
        "Kotak Pos 99 JKT",
    ]


def test_a_japanese_address_in_the_extended_part_is_kept():
    # AOSP's Shift_JIS 2.1 card writes the whole Tokyo address in ADR's extended part
    (contact,) = read_vcards((FIXTURES / "aosp__v21_japanese_2.vcf").read_bytes())
    assert contact.addresses == ["東京都渋谷区桜丘町26-1セルリアンタワー6階, 150-8512"]


@pytest.mark.parametrize(
    ("org", "title", "organization", "job_title"),
    [
        ("PT Maju;Divisi Penjualan", "Manajer Area", "PT Maju", "Manajer Area (Divisi Penjualan)"),
        ("PT Maju;Divisi Penjualan;Tim Jakarta", "", "PT Maju", "Divisi Penjualan, Tim Jakarta"),
        ("PT Maju;", "Direktur", "PT Maju", "Direktur"),  # iOS writes an empty unit
        ("PT Maju", "Direktur", "PT Maju", "Direktur"),
    ],
)
def test_the_units_of_org_are_kept_with_the_job_title(org, title, organization, job_title):
    lines = ["FN:Agus Salim", f"ORG:{org}"] + ([f"TITLE:{title}"] if title else [])
    contact = read_vcards(_card(*lines))[0]
    assert (contact.organization, contact.job_title) == (organization, job_title)


def test_tel_uris_and_words_in_a_phone_field_are_no_phones():
    # given AOSP's vCard 4.0 card (tel: and sip: URIs) and a phone field holding words, as
    # Evolution keeps one
    (aosp,) = read_vcards((FIXTURES / "aosp__v40_sip.vcf").read_bytes())
    with translation.override("en"):
        (words,) = read_vcards(
            _card(
                "FN:Lisa",
                "TEL;TYPE=HOME:tanya Jenny nomor Lisa",
                "TEL;VALUE=uri;TYPE=cell:tel:+62-811-2223-333",
                "TEL:tel:0811-2223-333;ext=12",
                "TEL:sip:lisa@voip.example.id",
            )
        )
    # then no phone keeps "tel:", and what is no number is kept in the note, with a notice
    assert aosp.phones == []
    assert not any(phone.startswith(("tel:", "sip:")) for phone in aosp.phones)
    assert "sip:example@example.com" in aosp.note
    assert words.phones == ["+628112223333"]
    assert words.note == "Phone: tanya Jenny nomor Lisa\n\nPhone: sip:lisa@voip.example.id"
    assert words.notices == [
        ("phone", "“tanya Jenny nomor Lisa” is not a phone number: kept in the note"),
        ("phone", "“sip:lisa@voip.example.id” is not a phone number: kept in the note"),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0811-2223-333", True),
        ("112", True),  # emergency and short service numbers
        ("+62 21 555 1234 ext. 12", True),
        ("1-800-ELEPHANT", True),  # a vanity number, kept as written
        ("0812 555 1234 (kantor)", True),
        ("ask Jenny for Lisa's number", False),
        ("1", False),
        ("sip:+6281122233@operator.example", False),
        ("6101231234@pagersample.com", False),  # AOSP's pager: an address, not a number
    ],
)
def test_what_a_phone_field_must_hold_to_be_a_phone(value, expected):
    assert is_phone_number(value) is expected


def test_an_invalid_tel_uri_is_kept_without_its_scheme():
    assert phone_e164("tel:12345") == "12345"
    assert phone_e164("TEL:+62-811-2223-333") == "+628112223333"


# C8. Shift_JIS cards that name their CHARSET


@pytest.mark.parametrize("name", ["aosp__v21_japanese_3.vcf", "aosp__v30_japanese.vcf"])
def test_a_shift_jis_card_is_read_in_the_charset_it_names(name):
    # given AOSP's Shift_JIS cards, whose characters hold 0x5C (a backslash in ASCII) as
    # their second byte, with CHARSET=SHIFT_JIS and nothing else to tell the encoding
    raw = (FIXTURES / name).read_bytes()
    assert b"\x94\x5c" in raw  # 能
    # when they are read whole or as an upload
    for (contact,) in (read_vcards(raw), _streamed(raw)):
        # then the name is Japanese, no byte read as an escape
        assert contact.full_name == "伊能 圭一 伊予"


def test_a_charset_that_does_not_fit_the_bytes_is_no_hint():
    raw = b"FN;CHARSET=SHIFT_JIS:M\xfcller \x81\r\n"  # a lead byte with no second byte
    assert charset_hint(raw) is None
    assert charset_hint(b"FN:Budi\r\n") is None  # nothing but ASCII: nothing to decode
    latin = "N;CHARSET=ISO-8859-1:Müller;Jürgen\r\n".encode("latin-1")
    assert charset_hint(latin) == "iso8859-1"


# C9. A card nested in a card


def test_a_card_nested_in_a_card_is_left_out_with_a_notice():
    # given AOSP's 2.1 card holding two cards, then a phone of its own
    with translation.override("en"):
        for contacts in (
            read_vcards((FIXTURES / "aosp__v21_nest.vcf").read_bytes()),
            _streamed((FIXTURES / "aosp__v21_nest.vcf").read_bytes()),
        ):
            # then the outer card is read, and the nested ones are a notice, not an error
            (parent,) = contacts
            assert (parent.full_name, parent.errors) == ("parent", [])
            assert parent.notices[:2] == [
                ("", "the card inside this card (line 4) was left out"),
                ("", "the card inside this card (line 8) was left out"),
            ]


def test_an_agent_card_is_left_out_and_the_outer_card_read():
    raw = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Santoso;Budi\r\nAGENT:\r\nBEGIN:VCARD\r\n"
        b"VERSION:2.1\r\nN:Sekretaris;Rina\r\nTEL:0811-2223-333\r\nEND:VCARD\r\n"
        b"TEL:0812-3456-7890\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:Lestari;Dewi\r\n"
        b"END:VCARD\r\n"
    )
    budi, dewi = read_vcards(raw)
    assert (budi.full_name, budi.phones, budi.errors) == ("Budi Santoso", ["+6281234567890"], [])
    assert len(budi.notices) == 1
    assert (dewi.full_name, dewi.line) == ("Dewi Lestari", 12)


@pytest.mark.parametrize("read", ["whole", "streamed"])
def test_a_card_that_never_ends_is_still_an_error_and_the_next_cards_are_read(read):
    # given a card whose END:VCARD is lost, followed by two whole cards
    raw = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tanpa Akhir\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Budi\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dewi\r\nEND:VCARD\r\n"
    )
    contacts = read_vcards(raw) if read == "whole" else _streamed(raw)
    # then the first is an error on its line (never taken for a card holding the others)
    assert [(c.line, c.full_name, bool(c.errors)) for c in contacts] == [
        (1, "", True),
        (4, "Budi", False),
        (8, "Dewi", False),
    ]
