"""Real vCards of the realfiles3 probe, classes C5 to C12 (tests/people/vcard_fixtures/SOURCES.md).

Where a file's licence (LGPL: KDE kcontacts) does not let it be copied here, a card written with
our own text stands for it, built the way that producer writes.
"""

from pathlib import Path

import pytest
from django.utils import translation

from karib.people.imports.pipeline import detect, read_source
from karib.people.imports.rows import Source
from karib.people.imports.vcard import read_vcards

FIXTURES = Path(__file__).parent / "vcard_fixtures"


def _card(*lines: str, version: str = "2.1") -> bytes:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""]).encode()


# C5: a property with an empty parameter ("ADR;HOME;PREF;:", Outlook) is read, not dropped


def test_outlook_address_with_an_empty_parameter_is_kept():
    # given Outlook's export, its ADR written "ADR;HOME;PREF;:" (FolkerKinzel/VCards, MIT)
    raw = (FIXTURES / "folker__AnsiIssue.vcf").read_bytes()
    # when it is read
    [contact] = read_vcards(raw)
    # then the address is kept, and no line is reported unreadable
    assert contact.full_name == "Ralf Rastral"
    assert contact.addresses == ["Lämmerweg 12, Kleindorf, 98765, Deutschland"]
    assert contact.notices == []


@pytest.mark.parametrize(
    "line",
    ["TEL;CELL;:0812 3456 7890", "TEL;;CELL:0812 3456 7890", "TEL;CELL;;;:0812 3456 7890"],
)
def test_a_phone_with_an_empty_parameter_is_kept(line):
    [contact] = read_vcards(_card("N:Santoso;Budi", line))
    assert contact.phones == ["+6281234567890"]
    assert contact.notices == []


def test_a_quoted_parameter_keeps_its_semicolons():
    # given a vCard 4 ADR whose LABEL parameter holds ";;" inside quotes, and an empty parameter
    raw = _card(
        'ADR;LABEL="Jl. Merdeka 1;;Bandung";;TYPE=work:;;Jl. Merdeka 1;Bandung;;40111;Indonesia',
        "FN:Budi Santoso",
        version="4.0",
    )
    [contact] = read_vcards(raw)
    assert contact.addresses == ["Jl. Merdeka 1, Bandung, 40111, Indonesia"]


# C6: a vCard 2.1 address given only as LABEL (Evolution 1.x) is read as the address


def test_a_label_without_adr_is_the_address():
    # given an Evolution 1.x card (as KDE kcontacts' vcard4.vcf): a bare FN, an empty N and the
    # work address only as a quoted-printable LABEL of three lines, a bare comma in one
    raw = _card(
        "X-EVOLUTION-FILE-AS:Contoh, Inc.",
        "FN",
        "N:",
        "LABEL;QUOTED-PRINTABLE;WORK:Jl. Sudirman 1  Lt. 3=0AJakarta Pusat, DKI 10210=0AIndonesia",
        "TEL;WORK;VOICE:(021) 555-0442",
        "ORG:Contoh, Inc.",
    )
    [contact] = read_vcards(raw)
    assert contact.addresses == ["Jl. Sudirman 1 Lt. 3, Jakarta Pusat, DKI 10210, Indonesia"]
    assert contact.full_name == "Contoh, Inc."


def test_a_label_country_reads_the_phones_of_its_country():
    # given a card whose only address is a LABEL ending in "Deutschland", and a number without +
    raw = _card(
        "N:Rastral;Ralf",
        "LABEL;HOME;ENCODING=QUOTED-PRINTABLE:L=E4mmerweg 12=0D=0A98765 Kleindorf=0D=0ADeutschland",
        "TEL;HOME:040 5550100",
    )
    [contact] = read_vcards(raw)
    # then the label is the address, and its last line the country the numbers are read in
    assert contact.addresses == ["Lämmerweg 12, 98765 Kleindorf, Deutschland"]
    assert contact.phones == ["+49405550100"]


def test_a_label_beside_an_adr_is_not_a_second_address():
    # given Outlook's ADR and the LABEL that prints it
    raw = _card(
        "N:Rastral;Ralf",
        "ADR;HOME:;;Lämmerweg 12;Kleindorf;;98765;Deutschland",
        "LABEL;HOME;ENCODING=QUOTED-PRINTABLE:L=E4mmerweg 12=0D=0A98765 Kleindorf",
    )
    [contact] = read_vcards(raw)
    assert contact.addresses == ["Lämmerweg 12, Kleindorf, 98765, Deutschland"]


def test_a_label_whose_last_line_is_no_country_is_kept_whole():
    raw = _card("N:Santoso;Budi", "LABEL;WORK;ENCODING=QUOTED-PRINTABLE:Jl. Braga 5=0ABandung")
    [contact] = read_vcards(raw)
    assert contact.addresses == ["Jl. Braga 5, Bandung"]


# C7: FN written "Last, First" is shown "First Last", as N reads


@pytest.mark.parametrize(
    ("fn", "n", "expected"),
    [
        ("Mustermann, Heiko", "Mustermann;Heiko;;;", "Heiko Mustermann"),  # KDE kcontacts vcard5
        ("Läunig, Stephan", "Läunig;Stephan;;;", "Stephan Läunig"),  # Tine 2.0
        ("Santoso,  Budi", "Santoso;Budi;;;", "Budi Santoso"),
        ("Santoso, Budi Hartono", "Santoso;Budi;Hartono;;", "Budi Hartono Santoso"),
        # not N's family and given: kept as written
        ("Budi Santoso, S.E.", "Santoso;Budi;;;", "Budi Santoso, S.E."),
        ("PT Maju, Tbk", "Maju;PT;;;", "PT Maju, Tbk"),
    ],
)
def test_a_last_comma_first_display_name_is_turned_round(fn, n, expected):
    [contact] = read_vcards(_card(f"FN:{fn}", f"N:{n}", version="3.0"))
    assert contact.full_name == expected


def test_an_escaped_last_comma_first_in_vcard4_is_turned_round():
    # given ez-vcard's issue 114 card (Outlook, vCard 4.0): "FN:Dummy\, Dummy", N "Dummy;Dummy"
    raw = _card("FN:Hartono\\, Budi", "N:Hartono;Budi;;;", version="4.0")
    [contact] = read_vcards(raw)
    assert contact.full_name == "Budi Hartono"


# C10: a card with only a nickname is named by it


def test_a_card_with_only_a_nickname_is_named_by_it():
    # given Android's card of a nickname and a Google Talk address (AOSP, Apache-2.0)
    raw = (FIXTURES / "aosp__v21_im.vcf").read_bytes()
    [contact] = read_vcards(raw)
    assert (contact.full_name, contact.nickname, contact.left_out) == ("Nick", "Nick", False)


def test_a_nickname_names_the_card_before_its_phone():
    [contact] = read_vcards(_card("NICKNAME:Mas Bud", "TEL;CELL:0812 3456 7890", version="3.0"))
    assert contact.full_name == "Mas Bud"
    assert contact.phones == ["+6281234567890"]


# C11: an empty upload says it is empty, naming the file


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("folker__Empty.vcf", (FIXTURES / "folker__Empty.vcf").read_bytes()),  # a UTF-8 BOM only
        ("kontak.csv", b""),
        ("kontak.csv", b"\xef\xbb\xbf\r\n  \r\n"),
        ("kontak.vcf", b"\xff\xfe\r\x00\n\x00"),  # UTF-16 BOM and a line break
        ("kontak.xlsx", b""),
    ],
)
def test_an_empty_file_says_it_is_empty(name, raw):
    source = Source(name=name, raw=raw)
    for read in (detect, read_source):
        with translation.override("en"), pytest.raises(ValueError, match="is empty") as error:
            read(source)
        assert name in str(error.value)


# C12: a text given twice as a phone is reported once


def test_a_repeated_text_in_a_phone_field_is_reported_once():
    # given WhatsApp's shared card: the same "7yy-zzz-xxx" as HOME and as WhatsApp (MIT)
    raw = (FIXTURES / "folker__WhatsAppIssue.vcf").read_bytes()
    with translation.override("en"):
        [contact] = read_vcards(raw)
    assert contact.notices == [("phone", "“7yy-zzz-xxx” is not a phone number: kept in the note")]
    assert contact.note.count("7yy-zzz-xxx") == 1


def test_a_csv_row_of_only_a_nickname_is_named_by_it():
    raw = b"Name,Nickname,Email\nBudi Santoso,,budi@example.com\n,Mas Bud,\n"
    _budi, nickname_only = read_source(Source(name="kontak.csv", raw=raw))
    assert (nickname_only.full_name, nickname_only.left_out) == ("Mas Bud", False)
