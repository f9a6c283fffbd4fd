"""What the second real-files probe found lost in contact CSVs (classes C3 and C5): a file of one
column (an e-mail list such as Roundcube's "Primary Email", a list of names under "Nama") was
refused as having no header; the phones of Outlook's, Roundcube's and Salesforce's other phone
columns were dropped; Outlook's "Title" ("Dr.") became a job title without its preset; the
department was dropped. The lines are our own (the probe's Roundcube samples are GPL)."""

from __future__ import annotations

import csv

import pytest
from django.utils import translation

from karib.people.imports import Source, contacts_import
from karib.people.imports.contacts_csv import guess_field, open_csv, read_contacts
from karib.people.imports.csv_headers import is_honorific
from karib.people.models import Person, PersonalFact


@pytest.fixture(autouse=True)
def _english():
    """The messages are checked in English (the tests' language is Indonesian)."""
    with translation.override("en"):
        yield


def _contacts(text: str):
    opened = open_csv(Source(name="contacts.csv", raw=text.encode("utf-8")))
    return opened, list(read_contacts(opened, opened.mapping))


# --- C3: a file of one column -----------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Primary Email",
        "Email",
        "Email Address",
        "E-mail",
        "E-Mail Address",
        "Surel",
        "Alamat Email",
    ],
)
def test_a_list_of_email_addresses_under_one_column_is_read(header):
    # given an e-mail list as Roundcube, a newsletter tool or a sheet writes it
    text = f"{header}\nbudi@example.com\nani.lestari@example.co.id\n\nrina@example.com\n"
    # when it is opened, then its lone column is the header, mapped to e-mail
    opened, contacts = _contacts(text)
    assert opened.headers == [header]
    assert opened.mapping == {header: "email"}
    # and every address is a contact named after it, with its line
    assert [(c.line, c.emails, c.full_name) for c in contacts] == [
        (2, ["budi@example.com"], "budi@example.com"),
        (3, ["ani.lestari@example.co.id"], "ani.lestari@example.co.id"),
        (5, ["rina@example.com"], "rina@example.com"),
    ]


def test_a_list_of_names_keeps_each_line_whole():
    # given a sheet of names under "Nama", a degree after a comma, one name quoted
    text = 'Nama\nBudi Santoso, S.E.\nAni Lestari\n"Wijaya, Andi"\nIbu Sari\n'
    opened, contacts = _contacts(text)
    assert opened.mapping == {"Nama": "full_name"}
    # then no name is split at its comma
    assert [c.full_name for c in contacts] == [
        "Budi Santoso, S.E.",
        "Ani Lestari",
        "Wijaya, Andi",
        "Ibu Sari",
    ]


def test_an_address_the_list_cannot_read_is_kept_in_the_note():
    # given an e-mail list with one typo among good addresses
    _opened, contacts = _contacts("Email\nbudi@example.com\nani-at-example.com\nrina@example.com\n")
    # then the file is read, and the bad cell is a notice kept in its row's note
    assert [c.emails for c in contacts] == [["budi@example.com"], [], ["rina@example.com"]]
    assert "ani-at-example.com" in contacts[1].note


def test_a_title_line_over_the_real_header_is_no_lone_column():
    # given a sheet whose first line says what it is, over its real header
    text = "Email\nName,Email,Phone\nBudi,budi@example.com,0812 3456 7890\n"
    opened, (budi,) = _contacts(text)
    assert (opened.header_line, opened.headers) == (2, ["Name", "Email", "Phone"])
    assert (budi.full_name, budi.emails) == ("Budi", ["budi@example.com"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (  # a random text file: no line names a contact column
            "Shopping list\nrice\n2 kg sugar\n",
            "No header row with contact columns (name, e-mail, phone ...) found. Line 1 reads "
            "“Shopping list”; the header is looked for up to line 3.",
        ),
        (  # an e-mail header over lines that hold no address
            "\nEmail\nsee the attached file\nthanks\n",
            "Line 2 has one column, “Email”, but the lines below it hold no e-mail "
            "(line 3: “see the attached file”).",
        ),
        (  # a name header over sentences and numbers
            "Nama\nRapat evaluasi kuartal ketiga bersama seluruh tim penjualan\n2024\n",
            "Line 1 has one column, “Nama”, but the lines below it hold no full name "
            "(line 2: “Rapat evaluasi kuartal ketiga bersama seluruh tim penjualan”).",
        ),
    ],
)
def test_a_text_of_one_column_that_holds_no_contacts_is_refused_naming_its_line(text, message):
    with pytest.raises(ValueError, match=r"[Ll]ine \d") as refused:
        open_csv(Source(name="notes.txt", raw=text.encode()))
    assert str(refused.value) == message


def test_the_import_names_the_file_it_refuses_and_reads_the_email_list(world):
    # given an e-mail list and a text file of one column imported together
    sources = [
        Source(name="newsletter.csv", raw=b"Primary Email\ntest1@example.com\ntest2@example.com\n"),
        Source(name="notes.txt", raw=b"Nama\nRapat jam 10 di kantor pusat\n"),
    ]
    report = contacts_import(sources=sources, user=world.owner, commit=False)
    # then the text file is the file error, with its name and the line that is no name
    [(file, message)] = report.file_errors
    assert file == "notes.txt"
    assert "(line 2: “Rapat jam 10 di kantor pusat”)" in message
    # and the list is read: a contact per address
    assert [(r.line, r.action) for r in report.rows] == [(2, "create"), (3, "create")]


def test_an_email_list_is_imported(world):
    report = contacts_import(
        sources=[Source(name="email.csv", raw=b"Email\ntest1@example.com\ntest2@example.com\n")],
        user=world.owner,
        commit=True,
    )
    assert report.committed, report.rows
    created = Person.objects.filter(full_name__startswith="test").order_by("full_name")
    assert [(p.full_name, p.emails) for p in created] == [
        ("test1@example.com", ["test1@example.com"]),
        ("test2@example.com", ["test2@example.com"]),
    ]


# --- C5: phones under other names, Outlook's "Title", the department ---------------------------


@pytest.mark.parametrize(
    "header",
    [
        # Outlook (English): every phone column but the faxes and the assistant's
        *("Company Main Phone", "Primary Phone", "Other Phone", "Car Phone", "Callback"),
        *("Radio Phone", "ISDN", "Pager", "TTY/TDD Phone", "Home Phone 2", "Business Phone 2"),
        # Roundcube, Salesforce, Thunderbird, Apple, other CRMs
        *("Home Mobile", "Work Mobile", "HomePhone", "OtherPhone", "Pager Number", "iPhone"),
        *("Main Phone", "Work Cell", "Office Tel"),
        # German Outlook and Apple
        *("Telefon Firma", "Autotelefon", "Rückmeldung", "ISDN", "Andere Telefonnummer"),
        # Indonesian sheets
        *("No. Telepon Kantor", "Nomor WhatsApp", "Nomor HP", "No HP Kantor", "Telepon Rumah"),
    ],
)
def test_phone_columns_of_every_exporter_are_phones(header):
    assert guess_field(header) == "phone"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Assistant's Phone", "assistant_phone"),
        ("AssistantPhone", "assistant_phone"),
        ("Telefon Assistent", "assistant_phone"),
        ("Department", "department"),
        ("Organization 1 - Department", "department"),
        ("Organization Department", "department"),
        ("Abteilung", "department"),
        ("Divisi", "department"),
        ("Unit Kerja", "department"),
        # a number that is no phone
        ("Nomor KTP", ""),
        ("Nomor Induk Pegawai", ""),
        ("Business Fax", "fax"),
    ],
)
def test_columns_that_are_no_phone_of_the_person(header, field):
    assert guess_field(header) == field


OUTLOOK_HEADER = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business Country/Region,Assistant's Phone,Business Fax,Business Phone,Callback,Car Phone,"
    "Company Main Phone,Home Phone,ISDN,Mobile Phone,Other Phone,Pager,Primary Phone,"
    "Radio Phone,E-mail Address,E-mail Type,Notes"
)
_OUTLOOK_COLUMNS = next(csv.reader([OUTLOOK_HEADER]))


def _outlook(values: dict[str, str]) -> str:
    row = ",".join(f'"{values.get(column, "")}"' for column in _OUTLOOK_COLUMNS)
    return f"{OUTLOOK_HEADER}\n{row}\n"


def test_an_outlook_row_keeps_every_phone_and_its_assistants_in_the_note():
    # given an Outlook export whose phones are in its less common columns
    text = _outlook(
        {
            "Title": "Dr.",
            "First Name": "Budi",
            "Last Name": "Santoso",
            "Company": "PT Maju",
            "Department": "Divisi Penjualan",
            "Job Title": "Kepala Cabang",
            "Company Main Phone": "021 5550 100",
            "Primary Phone": "0812 1111 2222",
            "Other Phone": "0812 3333 4444",
            "Car Phone": "0812 5555 6666",
            "Callback": "0812 7777 8888",
            "Radio Phone": "0812 9999 0000",
            "ISDN": "021 5550 200",
            "Assistant's Phone": "021 5550 101",
            "E-mail Address": "budi@maju.co.id",
        }
    )
    opened, (budi,) = _contacts(text)
    assert opened.preset is not None
    assert opened.preset.name == "Outlook"
    # then every number of his is a phone, in the order of the columns
    assert budi.phones == [
        "+6281277778888",  # Callback
        "+6281255556666",  # Car Phone
        "+62215550100",  # Company Main Phone
        "+62215550200",  # ISDN
        "+6281233334444",  # Other Phone
        "+6281211112222",  # Primary Phone
        "+6281299990000",  # Radio Phone
    ]
    assert "+62215550101" not in budi.phones
    # his title is the prefix of his name, his job title his own, his department in the note
    assert budi.full_name == "Dr. Budi Santoso"
    assert budi.job_title == "Kepala Cabang"
    assert "Department: Divisi Penjualan" in budi.note
    assert "Assistant's phone: +62215550101" in budi.note


@pytest.mark.parametrize(
    ("text", "prefix_column"),
    [
        # Roundcube's Outlook-like header, no preset: "Title" between the names
        (
            "Display Name,Title,First Name,Last Name,Email Home,Home Mobile,Other Phone\n"
            "Budi Santoso,Dr.,Budi,Santoso,budi@example.com,0812 3456 7890,021 555 0100\n",
            True,
        ),
        # a sheet: Title first, next to the first name, Indonesian forms of address
        ("Title,First Name,Last Name,Email\nBpk.,Budi,Santoso,budi@example.com\n", True),
        ("Title,First Name,Last Name,Email\nIbu,Sari,Dewi,sari@example.com\n", True),
        # a Title column with a Job Title column beside it: the prefix, whatever it holds
        ("Title,First Name,Last Name,Job Title\nPrefix,Budi,Santoso,Direktur\n", True),
        # no values: its place next to the names says it
        ("Title,First Name,Last Name,Email\n,Budi,Santoso,budi@example.com\n", True),
        # a CRM's Title away from the names, holding job titles
        ("Name,Email,Title,Company\nBudi,budi@example.com,Sales Manager,PT Maju\n", False),
        # next to the names, but its values are job titles: the values decide
        (
            "Title,First Name,Last Name\nDirektur Utama,Budi,Santoso\nManager,Ani,Lestari\n",
            False,
        ),
        # away from the names, but holding forms of address
        ("Name,Email,Title\nBudi Santoso,budi@example.com,Mr.\nSari,sari@example.com,Mrs\n", True),
    ],
)
def test_a_title_column_is_a_prefix_or_a_job_title_by_its_values_and_place(text, prefix_column):
    opened = open_csv(text.encode())
    assert opened.preset is None
    assert opened.mapping["Title"] == ("prefix" if prefix_column else "job_title")


def test_roundcubes_title_is_no_job_title_and_its_phones_are_kept():
    # the probe's repro: "Dr." was the job title, and the mobile and other phone were lost
    text = (
        "Display Name,Title,First Name,Last Name,Email Home,Home Mobile,Other Phone\n"
        "Budi Santoso,Dr.,Budi,Santoso,budi@example.com,0812 3456 7890,021 555 0100\n"
    )
    _opened, (budi,) = _contacts(text)
    assert budi.job_title == ""
    assert budi.phones == ["+6281234567890", "+62215550100"]


def test_a_preset_still_says_what_its_title_holds():
    # Salesforce's "Title" is the job title, even of a doctor
    text = "First Name,Last Name,Account Name,Email,Title\nAni,Lestari,RS Sehat,a@rs.id,Dr.\n"
    opened = open_csv(text.encode())
    assert opened.preset is not None
    assert opened.mapping["Title"] == "job_title"


@pytest.mark.parametrize(
    ("cell", "honorific"),
    [
        ("Dr.", True),
        ("Prof. Dr.", True),
        ("Bpk.", True),
        ("Ibu", True),
        ("Hj.", True),
        ("Mrs", True),
        ("Director", False),
        ("Dr. of Sales", False),
        ("", False),
    ],
)
def test_what_a_form_of_address_is(cell, honorific):
    assert is_honorific(cell) is honorific


def test_the_department_of_thunderbird_and_google_is_kept_in_the_note():
    thunderbird = (
        "First Name,Last Name,Display Name,Primary Email,Job Title,Department,Organization\n"
        "Ana,Lim,Ana Lim,ana@example.com,Analis,Riset Pasar,PT Data\n"
    )
    google = (
        "First Name,Last Name,Organization 1 - Name,Organization 1 - Title,"
        "Organization 1 - Department,E-mail 1 - Value\n"
        "Ana,Lim,PT Data,Analis,Riset Pasar,ana@example.com\n"
    )
    for text in (thunderbird, google):
        _opened, (ana,) = _contacts(text)
        assert (ana.organization, ana.job_title) == ("PT Data", "Analis")
        assert ana.note == "Department: Riset Pasar"


def test_the_department_and_assistants_phone_become_the_persons_note(world):
    text = _outlook(
        {
            "First Name": "Sari",
            "Last Name": "Dewi",
            "Department": "Pengadaan",
            "Assistant's Phone": "021 5550 101",
            "Car Phone": "0812 5555 6666",
        }
    )
    report = contacts_import(
        sources=[Source(name="outlook.csv", raw=text.encode())], user=world.owner, commit=True
    )
    assert report.committed, report.rows
    sari = Person.objects.get(full_name="Sari Dewi")
    assert sari.phones == ["+6281255556666"]
    notes = " ".join(PersonalFact.objects.filter(person=sari).values_list("text", flat=True))
    assert "Department: Pengadaan" in notes
    assert "Assistant's phone: +62215550101" in notes
