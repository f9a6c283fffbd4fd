"""Contact CSVs as other tools and spreadsheets really write them: date order and spellings,
Indonesian column names, phone cells a spreadsheet formatted as numbers."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.utils import translation

from karib.people.imports import Source
from karib.people.imports.contacts_csv import (
    date_order_notes,
    guess_field,
    open_csv,
    read_contacts,
)
from karib.people.imports.pipeline import read_source


@pytest.fixture(autouse=True)
def _english():
    """The messages are checked in English (the tests' language is Indonesian)."""
    with translation.override("en"):
        yield


def _dates(text: str, *, region: str = "ID") -> list[tuple[int | None, int, int]]:
    """The dates of a file whose last column is mapped to the birthday."""
    opened = open_csv(text.encode("utf-8"))
    mapping = {**opened.mapping, opened.headers[-1]: "birthday"}
    contacts = list(read_contacts(opened, mapping, region=region))
    assert not [c.errors for c in contacts if c.errors]
    return [(d.year, d.month, d.day) for c in contacts for d in c.dates]


def test_indonesian_excel_dates_are_day_first_without_evidence():
    # given Excel on Indonesian Windows: ";", a BOM, d/m/y dates whose days are all <= 12
    text = (
        "\ufeffNama;No HP;Email;Tanggal Lahir\n"
        "Budi Santoso;081234567890;budi@example.com;05/07/1985\n"
        "Siti Wijaya;08112223333;siti@example.com;11/02/1990\n"
    )
    # when it is read, then 05/07 is 5 July and 11/02 is 11 February
    assert _dates(text) == [(1985, 7, 5), (1990, 2, 11)]


def test_ambiguous_dates_follow_the_region_not_a_month_first_guess():
    # given a file with no evidence of its date order under an English column name
    text = "Name,Email,Birthday\nBudi,budi@example.com,05/07/1985\n"
    # when it is read for Indonesia, then day first; for the United States, month first
    assert _dates(text) == [(1985, 7, 5)]
    assert _dates(text, region="US") == [(1985, 5, 7)]


def test_a_second_field_above_12_makes_the_column_month_first():
    # given a US export: one date's second field is above 12
    text = "Name,Email,Birthday\nAnn,ann@example.com,05/07/1985\nBob,bob@example.com,12/25/1980\n"
    # when it is read, then the whole column is month first
    assert _dates(text) == [(1985, 5, 7), (1980, 12, 25)]


def test_each_date_column_has_its_own_evidence():
    # given one column that is day first by its values and another that is month first
    text = (
        "Name,Email,Birthday,Anniversary\n"
        "Ann,ann@example.com,25/12/1980,03/04/2010\n"
        "Bob,bob@example.com,03/04/1981,04/30/2012\n"
    )
    # when it is read, then each column keeps its own order
    assert _dates(text) == [(1980, 12, 25), (2010, 3, 4), (1981, 4, 3), (2012, 4, 30)]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Birthday (mm/dd/yyyy)", (1985, 5, 7)),
        ("Tanggal Lahir (dd/mm/yyyy)", (1985, 7, 5)),
        ("Tgl Lahir (hh/bb/tttt)", (1985, 7, 5)),
    ],
)
def test_a_format_hint_in_the_column_name_decides_the_order(header, expected):
    # given a column whose name says its date format, with ambiguous values
    text = f"Name,Email,{header}\nBudi,budi@example.com,05/07/1985\n"
    # when it is read (for the United States, where the default would be month first)
    # then the hint decides
    assert _dates(text, region="US") == [expected]


@pytest.mark.parametrize(
    "value",
    [
        "1985-07-05",
        "1985-07-05 00:00:00",
        "1985-07-05T00:00:00Z",
        "1985-07-05T00:00:00+07:00",
        "19850705",
        "1985/07/05",
        "05-Jul-85",
        "05-Jul-1985",
        "5 Juli 1985",
        "5 Jul 1985",
        "05/07/1985 00:00",
        '"July 5, 1985"',
        "5 july 1985",
    ],
)
def test_common_date_spellings_are_read(value):
    # given a birthday written the way spreadsheets, databases and people write it
    text = f"Name,Email,Birthday\nBudi,budi@example.com,{value}\n"
    # when it is read, then it is 5 July 1985
    assert _dates(text) == [(1985, 7, 5)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("17 Agt 1945", (1945, 8, 17)),
        ("17 Agustus 1945", (1945, 8, 17)),
        ("3 Mei 1970", (1970, 5, 3)),
        ("1 Okt 2000", (2000, 10, 1)),
        ("25 Des 1999", (1999, 12, 25)),
        ("9 Februari 1988", (1988, 2, 9)),
        ("5 Juli", (None, 7, 5)),
    ],
)
def test_indonesian_month_names_are_read(value, expected):
    text = f"Nama,Email,Ulang Tahun\nBudi,budi@example.com,{value}\n"
    assert _dates(text) == [expected]


@pytest.mark.parametrize("value", ["31/02/1985", "tahun lalu", "12345678", "1985-02-29"])
def test_a_bad_date_is_left_out_with_a_notice_naming_the_field(value):
    # given a cell that is no date
    text = f"Name,Email,Birthday\nBudi,budi@example.com,{value}\n"
    opened = open_csv(text.encode())
    # when it is read
    [contact] = list(read_contacts(opened, opened.mapping))
    # then the row has no date and no error, a notice on the birthday that quotes the cell,
    # and its note keeps the text under the column's name
    assert (contact.dates, contact.errors) == ([], [])
    assert [field for field, _message in contact.notices] == ["birthday"]
    assert value in contact.notices[0][1]
    assert contact.note == f"Birthday: {value}"
    assert contact.line == 2


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Tgl Lahir", "birthday"),
        ("Tanggal Lahir", "birthday"),
        ("Ulang Tahun", "birthday"),
        ("Tanggal Ulang Tahun", "birthday"),
        ("No Telp", "phone"),
        ("No. Telp.", "phone"),
        ("Telp", "phone"),
        ("Telepon Kantor", "phone"),
        ("Ponsel", "phone"),
        ("HP", "phone"),
        ("No WhatsApp", "phone"),
        ("WA", "phone"),
        ("Nama Usaha", "organization"),
        ("Nama Perusahaan", "organization"),
        ("Nama Toko", "organization"),
        ("Situs Web", "url"),
        ("Website", "url"),
        ("Hari Jadi", "anniversary"),
        ("Alamat Email", "email"),
        ("Alamat E-mail", "email"),
        ("Alamat E-mail Kantor", "email"),
        ("Alamat Surel", "email"),
        ("Alamat", "address"),
        ("Alamat Rumah", "address"),
        ("Tanggal Lahir (dd/mm/yyyy)", "birthday"),
        ("Birthday (YYYY-MM-DD)", "birthday"),
        ("Phone (mobile)", "phone"),
        # what a CRM says about an address is not the address (HubSpot, Salesforce)
        ("Email Domain", ""),
        ("Email Opt Out", ""),
        ("Email Bounced Reason", ""),
        ("Phone Opt-Out", ""),
        ("Email", "email"),
    ],
)
def test_indonesian_and_hinted_column_names_are_suggested(header, field):
    assert guess_field(header) == field


def test_an_email_address_column_holds_emails_not_addresses():
    # given an Indonesian sheet with both an address and an "Alamat Email" column
    text = "Nama,Alamat,Alamat Email\nBudi,Jakarta,budi@example.com\n"
    opened = open_csv(text.encode())
    # when it is read with the suggested mapping
    [contact] = list(read_contacts(opened, opened.mapping))
    # then the e-mail is an e-mail and the address an address
    assert (contact.emails, contact.addresses) == (["budi@example.com"], ["Jakarta"])


def _contact(text: str):
    opened = open_csv(text.encode())
    [contact] = list(read_contacts(opened, opened.mapping))
    return contact


@pytest.mark.parametrize("cell", ["+6281234567890.0", "6281234567890.0", "081234567890"])
def test_a_number_a_spreadsheet_wrote_as_a_float_keeps_its_digits(cell):
    # given a phone column exported as a number (a float's ".0" after it)
    contact = _contact(f"Nama,No HP\nBudi,{cell}\n")
    # when it is read, then the number is the one written, not one with a digit more
    assert (contact.phones, contact.errors) == (["+6281234567890"], [])


def test_a_number_in_scientific_notation_is_left_out_with_a_notice():
    # given a phone a spreadsheet shortened to "6.28123E+12" (its last digits are lost)
    contact = _contact("Nama,No HP\nBudi,6.28123E+12\n")
    # when it is read, then the row has a notice that says what happened, and no phone
    assert (contact.phones, contact.errors) == ([], [])
    [(field, message)] = contact.notices
    assert field == "phone"
    assert "6.28123E+12" in message
    assert "shortened" in message


@pytest.mark.parametrize(
    "cell",
    [
        '"0812 3456 7890 / 0813 1111 2222"',
        "0812 3456 7890 atau 0813-1111-2222",
        '"+62 812 3456 7890, +62 813 1111 2222"',
        '"0812-3456-7890; 0813-1111-2222"',
    ],
)
def test_two_numbers_in_one_cell_are_two_phones(cell):
    contact = _contact(f"Nama,No HP\nBudi,{cell}\n")
    assert contact.phones == ["+6281234567890", "+6281311112222"]


def test_a_number_with_a_short_suffix_is_not_split():
    # given an extension after a slash
    contact = _contact('Nama,Telp\nBudi,"021 555 1234 / 12"\n')
    # then it stays one phone, as written
    assert contact.phones == ["021 555 1234 / 12"]


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_excel_workbook_is_read_as_its_first_sheet():
    # given an .xlsx whose phone column holds numbers and whose birthday column holds dates
    raw = _workbook(
        [
            ["Nama", "No HP", "Email", "Tanggal Lahir"],
            ["Budi Santoso", 6281234567890, "budi@example.com", datetime.date(1985, 7, 5)],
            [None, None, None, None],
            ["Siti", "0811-222-333", None, "11/02/1990"],
        ]
    )
    # when it is read as an upload
    contacts = read_source(Source(name="kontak.xlsx", raw=raw))
    # then the cells are read as text: whole numbers without ".0", dates without an order to
    # guess, and each row keeps its line number
    assert [(c.line, c.full_name, c.phones) for c in contacts] == [
        (2, "Budi Santoso", ["+6281234567890"]),
        (4, "Siti", ["+62811222333"]),
    ]
    assert [(d.year, d.month, d.day) for c in contacts for d in c.dates] == [
        (1985, 7, 5),
        (1990, 2, 11),
    ]


def test_a_workbook_declared_as_large_as_excel_allows_is_read_as_what_it_holds():
    # given a 1.5 KB workbook with its contacts at the top and one cell at XFD1048576 (it
    # declared a million rows of 16,384 columns to read, minutes of empty cells)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nama", "No HP"])
    sheet.append(["Budi Santoso", "0812-3456-7890"])
    sheet["XFD1048576"] = "x"
    out = io.BytesIO()
    book.save(out)
    # when it is read as an upload
    contacts = read_source(Source(name="kontak.xlsx", raw=out.getvalue()))
    # then the contacts are read; the sheet ends after a long run of empty rows
    assert [(c.line, c.full_name) for c in contacts] == [(2, "Budi Santoso")]


@pytest.mark.parametrize(
    "raw",
    [
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,  # Excel 97-2003 (.xls)
        b"PK\x03\x04" + b"\x00" * 600,  # a broken zip
    ],
)
def test_a_spreadsheet_karib_cannot_read_asks_for_a_csv(raw):
    with pytest.raises(ValueError, match="CSV UTF-8"):
        read_source(Source(name="kontak.xls", raw=raw))


def test_the_date_order_used_can_be_shown_with_an_example():
    # given an Indonesian file whose dates are ambiguous, and one whose values decide
    ambiguous = open_csv(b"Nama;Email;Tanggal Lahir\nBudi;b@example.com;05/07/1985\n")
    decided = open_csv(b"Name,Email,Birthday\nA,a@example.com,03/04/1980\nB,b@x.id,25/12/1975\n")
    # when the pages ask how the dates are read
    notes = date_order_notes(ambiguous, ambiguous.mapping)
    # then they say the order and what the first ambiguous date becomes
    assert notes == [
        "“Tanggal Lahir”: dates are read as day/month/year (05/07/1985 is 1985-07-05)."
    ]
    assert date_order_notes(decided, decided.mapping) == [
        "“Birthday”: dates are read as day/month/year (03/04/1980 is 1980-04-03)."
    ]
    iso = open_csv(b"Name,Email,Birthday\nA,a@example.com,1980-04-03\n")
    assert date_order_notes(iso, iso.mapping) == []


@pytest.mark.parametrize("label_header", ["Event 1 - Label", "Event 1 - Type"])
def test_google_events_are_read_by_their_label(label_header):
    # given a Google export (current or legacy) with an anniversary, a birthday and another
    # event in its "Event N" columns
    text = (
        f"Name,E-mail 1 - Value,{label_header},Event 1 - Value,Event 2 - Label,Event 2 - Value\n"
        "Budi,budi@example.com,Anniversary,2012-09-09,Other,2020-01-01\n"
        "Siti,siti@example.com,Hari Jadi,--06-01,,\n"
    )
    opened = open_csv(text.encode())
    # when it is read with the suggested mapping
    contacts = list(read_contacts(opened, opened.mapping))
    # then the value columns are events, and each date has the kind its label says
    assert opened.mapping["Event 1 - Value"] == "event"
    assert [[(d.kind, d.year, d.month, d.day) for d in c.dates] for c in contacts] == [
        [("anniversary", 2012, 9, 9)],
        [("anniversary", None, 6, 1)],
    ]
