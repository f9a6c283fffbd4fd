"""Every real vCard file of the corpus is read, with the contact counts of the manifest."""

import json
from pathlib import Path

import pytest

from karib.people.imports import Source, detect, read_source
from karib.people.imports.vcard import phone_e164, read_vcards

CORPUS = Path(__file__).parents[1] / "data" / "import_corpus"
MANIFESTS = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
MANIFEST = MANIFESTS["vcard"]
CSV_MANIFEST = MANIFESTS["csv"]


@pytest.mark.parametrize("name", sorted(CSV_MANIFEST))
def test_every_contact_csv_is_read(name):
    # given a real contact CSV and its independently counted rows
    source = Source(name=name, raw=(CORPUS / "csv" / name).read_bytes())
    # when it is detected and read with the suggested mapping
    opened = detect(source)
    contacts = read_source(source)
    # then its preset is recognised and every row is a named contact without errors
    assert opened is not None
    assert (opened.preset.name if opened.preset else None) == CSV_MANIFEST[name]["preset"]
    assert len(contacts) == CSV_MANIFEST[name]["contacts"]
    assert all(c.full_name and not c.errors for c in contacts)


def test_the_corpus_is_big_enough():
    assert len(MANIFEST) >= 30
    assert {path.name for path in (CORPUS / "vcard").iterdir()} == set(MANIFEST)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_every_vcard_file_is_read(name):
    # given a real file and its independently counted cards
    expected = MANIFEST[name]
    # when it is read
    contacts = read_vcards((CORPUS / "vcard" / name).read_bytes())
    # then every card is a contact, and only the cards checked by hand are refused
    assert len(contacts) == expected["contacts"]
    assert [c.line for c in contacts if c.errors] == expected.get("error_lines", [])
    for contact in contacts:
        if not contact.errors:
            assert contact.full_name


def test_rfc6350_example_keeps_dates_phones_and_organization():
    # when the RFC 6350 example card is read
    (contact,) = read_vcards((CORPUS / "vcard" / "mangstadt__rfc6350-example.vcf").read_bytes())
    # then its phones are E.164 (no tel: URI, no extension), its dates and ORG are kept
    assert contact.phones == ["+14186569254", "+14182626501"]
    assert [(d.kind, d.month, d.day) for d in contact.dates] == [
        ("birthday", 2, 3),
        ("anniversary", 8, 8),
    ]
    assert contact.organization == "Viagenie"


def test_vcard_21_quoted_printable_and_latin1_are_decoded():
    # given an Outlook-style vCard 2.1 in windows-1252 with a soft line break
    raw = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Müller;Jürgen\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Erste Zeile=0D=0A=\r\nzweite Zeile=C3=A4\r\n"
        "TEL;CELL:0812-3456-7890\r\nBDAY:19800403\r\nEND:VCARD\r\n"
    ).encode("cp1252")
    # when it is read
    (contact,) = read_vcards(raw)
    # then the name comes from N, the note is whole, the phone is E.164 (region ID)
    assert contact.full_name == "Jürgen Müller"
    assert contact.note == "Erste Zeile\nzweite Zeileä"
    assert contact.phones == ["+6281234567890"]
    assert [(d.year, d.month, d.day) for d in contact.dates] == [(1980, 4, 3)]


def test_utf16_files_are_read():
    raw = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dewi Anggraini\r\nEND:VCARD\r\n".encode("utf-16")
    assert [c.full_name for c in read_vcards(raw)] == ["Dewi Anggraini"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("tel:+1-418-656-9254;ext=102", "+14186569254"),
        ("0812 3456 7890", "+6281234567890"),
        ("+62 (21) 555-1234", "+62215551234"),
        ("not a phone", "not a phone"),
    ],
)
def test_phones_are_normalised_to_e164(value, expected):
    assert phone_e164(value) == expected


def test_thunderbird_export_keeps_quoted_fields_and_leaves_custom_columns_out():
    # given Thunderbird's own CSV export: a quoted job title, custom columns holding a tab,
    # a carriage return and a line break, and a non-ASCII note
    source = Source(name="t.csv", raw=(CORPUS / "csv" / "thunderbird__export.csv").read_bytes())
    # when it is read with the Thunderbird preset
    first, second = read_source(source)
    # then the display name, e-mail, job title and note are kept; the custom columns are not
    assert (first.line, first.full_name, first.emails) == (
        2,
        "contact number one",
        ["contact1@invalid"],
    )
    assert (second.line, second.job_title) == (3, '"worker"')
    assert second.note == "here's some unicode text…"
    assert not any("custom" in value for value in [second.note, *second.addresses, *second.urls])
