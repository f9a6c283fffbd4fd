"""Every real vCard file of the corpus is read, with the contact counts of the manifest."""

import json
import quopri
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karib.people.imports import Source, detect, read_source
from karib.people.imports.vcard import _unfold_quoted_printable, phone_e164, read_vcards

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
    # then every card is a contact, and only the cards checked by hand are refused or left
    # out (no name, e-mail or phone)
    assert len(contacts) == expected["contacts"]
    refused = [c.line for c in contacts if c.errors or c.left_out]
    assert refused == expected.get("error_lines", [])
    for contact in contacts:
        if not contact.errors and not contact.left_out:
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
    assert (first.line, first.full_name, first.emails) == (2, "contact number one", [])
    # ("contact1@invalid" is no e-mail address: left out with a notice, kept in the note)
    assert [field for field, _message in first.notices] == ["email"]
    assert first.note == "Primary Email: contact1@invalid"
    assert (second.line, second.job_title) == (3, '"worker"')
    assert second.note == "here's some unicode text…\n\nPrimary Email: contact2@invalid"
    assert not any("custom" in value for value in [second.note, *second.addresses, *second.urls])


def _csv(name):
    source = Source(name=name, raw=(CORPUS / "csv" / name).read_bytes())
    return detect(source), read_source(source)


def test_german_outlook_2013_export_keeps_names_company_phones_and_no_date():
    # given Outlook 2013's German export: windows-1252, a quoted line break in "Notizen",
    # "0.0.00" for no birthday, and e-mail type and display-name columns beside the address
    opened, (first, second) = _csv("tine__outlook2013_de.csv")
    # then the Outlook preset maps the German columns and every row is clean
    assert opened.preset.name == "Outlook"
    assert (first.line, first.full_name, first.emails) == (
        2,
        "Andreas Becker",
        ["a.becker@example.com"],
    )
    assert (first.organization, first.job_title, first.dates) == ("unittest", "Vertrieb", [])
    assert first.phones == ["+49405550100550"]
    assert (second.line, second.full_name) == (4, "Konrad Weiß")
    assert second.emails == ["k.weiss@example.com"]
    assert not first.errors
    assert not second.errors


def test_outlook_row_with_only_a_company_is_named_after_its_company():
    # the rule of vCard: a company's row is named after the company, not its switchboard
    _opened, (company, person) = _csv("tine__outlook2007_de_example.csv")
    assert (company.full_name, company.organization) == ("The Firm", "The Firm")
    assert company.phones == ["+4983242332"]
    assert (person.full_name, person.job_title) == ("Vorname Nachname", "Pressestelle")


def test_windows_1252_file_is_not_read_as_cyrillic():
    _opened, contacts = _csv("tine__win1252.csv")
    assert contacts[2].full_name == "ÖzdemirÖ Üglü"


def test_csv_with_only_email_columns_names_contacts_by_their_address():
    _opened, (contact,) = _csv("roundcube__outlook_emails.csv")
    assert contact.full_name == "test1@domain.tld"
    assert contact.emails == ["test1@domain.tld", "test2@domain.tld", "test3@domain.tld"]


def test_german_apple_export_gets_a_suggested_mapping():
    opened, (contact,) = _csv("tine__mac_addressbook_de.csv")
    assert opened.delimiter == "\t"
    assert (contact.full_name, contact.organization, contact.emails) == (
        "Max Mustermann",
        "Musterfirma",
        ["max@muster.de"],
    )
    assert [(d.year, d.month, d.day) for d in contact.dates] == [(1999, 1, 1)]


def _card(name):
    (contact,) = read_vcards((CORPUS / "vcard" / name).read_bytes())
    return contact


def test_quoted_printable_without_charset_is_read_as_windows_text():
    assert _card("roundcube__thebat.vcf").full_name == "Piotr Iksiñski"


def test_utf16_without_byte_order_mark_is_a_vcard():
    raw = (CORPUS / "vcard" / "roundcube__utf-16_sample.vcf").read_bytes()
    assert detect(Source(name="x.vcf", raw=raw)) is None
    assert _card("roundcube__utf-16_sample.vcf").full_name == "Ǽgean ĽdaMonté"


def test_unescaped_commas_do_not_cut_names_and_escaped_colons_leave_urls():
    # given Latin-1 cards whose FN is "Last, First" (shown in N's order) and LABEL lines broken
    assert _card("tine__HerrFalkMuenchen.vcf").full_name == "Falk München"
    assert _card("tine__HerrStephanLaunig.vcf").full_name == "Stephan Läunig"  # N's order
    # and Apple's and SOGo's "http\://" URLs
    assert _card("roundcube__apple.vcf").urls == ["http://www.apple.ch"]
    assert _card("tine__sogo_connector.vcf").urls == [
        "http://www.tine20.com",
        "http://www.tine20.org",
    ]


def test_bare_commas_in_note_title_and_org_are_kept():
    raw = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Budi Santoso, S.E.\r\nORG:PT Maju, Tbk;Keuangan\r\n"
        b"TITLE:Kepala, Bagian\r\nNOTE:satu, dua\r\n , tiga\r\nEND:VCARD\r\n"
    )
    (contact,) = read_vcards(raw)
    assert contact.full_name == "Budi Santoso, S.E."
    # ORG's unit is kept after the title (rfvcard2 C7; it was dropped)
    assert (contact.organization, contact.job_title) == (
        "PT Maju, Tbk",
        "Kepala, Bagian (Keuangan)",
    )
    assert contact.note == "satu, dua, tiga"


def test_lines_vobject_skips_are_not_logged(caplog):
    # given a card whose broken LABEL lines vobject skips (they hold an address)
    with caplog.at_level("DEBUG"):
        _card("tine__HerrFalkMuenchen.vcf")
    # then nothing of it reaches the logs
    assert not [r for r in caplog.records if r.name.startswith("vobject")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="xy= \t", max_size=6), max_size=8),
    st.booleans(),
)
def test_quoted_printable_soft_breaks_join_as_one_line_at_a_time_did(pieces, end_soft):
    """Soft line breaks are joined in one pass; the value is what appending line by line gave
    (that copied the value per break: minutes for a 3 MB note)."""
    # given a property whose value goes on over the lines `pieces`, each ended by "="
    lines = ["NOTE;ENCODING=QUOTED-PRINTABLE:start="] + [f"{p}=" for p in pieces]
    if not end_soft:
        lines.append("last")
    lines.append("TEL:1")
    # the joining as it was before
    value, index = "start=", 1
    while value.endswith("=") and index < len(lines):
        value = value[:-1] + lines[index].lstrip()
        index += 1
    # when
    unfolded = _unfold_quoted_printable(lines)
    # then the decoded note is the same and the rest of the card follows it
    expected = quopri.decodestring(value.encode("latin-1")).decode("utf-8", "replace")
    assert unfolded[0] == "NOTE:" + expected.replace("\r\n", "\\n").replace("\n", "\\n")
    assert unfolded[1:] == lines[index:]
