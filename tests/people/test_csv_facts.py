"""What a contact CSV says beyond names and numbers: every note column kept, and the columns of
a person's people and interests (Outlook's "Spouse", "Children", "Hobby", Google's "Relation N"
pairs, Indonesian sheets' "Istri", "Anak", "Hobi") stored as family, other and interest facts
on both import paths, with the file as their source, as a vCard's relatives are."""

from __future__ import annotations

import pytest
from django.utils import translation

from karib.people.imports import Source, contacts_import
from karib.people.imports.contacts_csv import open_csv, read_contacts
from karib.people.models import Person, PersonalFact

# The header of Outlook's "Export to a file > Comma Separated Values" (English), as written.
OUTLOOK_HEADER = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job Title",'
    '"Business Street","Business Street 2","Business Street 3","Business City","Business State",'
    '"Business Postal Code","Business Country/Region","Home Street","Home Street 2",'
    '"Home Street 3","Home City","Home State","Home Postal Code","Home Country/Region",'
    '"Other Street","Other Street 2","Other Street 3","Other City","Other State",'
    '"Other Postal Code","Other Country/Region","Assistant\'s Phone","Business Fax",'
    '"Business Phone","Business Phone 2","Callback","Car Phone","Company Main Phone","Home Fax",'
    '"Home Phone","Home Phone 2","ISDN","Mobile Phone","Other Fax","Other Phone","Pager",'
    '"Primary Phone","Radio Phone","TTY/TDD Phone","Telex","Account","Anniversary",'
    '"Assistant\'s Name","Billing Information","Birthday","Business Address PO Box","Categories",'
    '"Children","Directory Server","E-mail Address","E-mail Type","E-mail Display Name",'
    '"E-mail 2 Address","E-mail 2 Type","E-mail 2 Display Name","E-mail 3 Address",'
    '"E-mail 3 Type","E-mail 3 Display Name","Gender","Government ID Number","Hobby",'
    '"Home Address PO Box","Initials","Internet Free Busy","Keywords","Language","Location",'
    '"Manager\'s Name","Mileage","Notes","Office Location","Organizational ID Number",'
    '"Other Address PO Box","Priority","Private","Profession","Referred By","Sensitivity",'
    '"Spouse","User 1","User 2","User 3","User 4","Web Page"'
)
_OUTLOOK_COLUMNS = next(iter(__import__("csv").reader([OUTLOOK_HEADER])))


def _outlook_row(**values: str) -> str:
    cells = [values.get(column, "") for column in _OUTLOOK_COLUMNS]
    return ",".join(f'"{cell}"' for cell in cells)


OUTLOOK = (
    OUTLOOK_HEADER
    + "\n"
    + _outlook_row(
        **{
            "First Name": "Siti",
            "Last Name": "Wijaya",
            "Company": "Toko Maju",
            "Mobile Phone": "0811 2223 333",
            "Spouse": "Andi Wijaya, S.E.",
            "Children": "Rara, Dimas",
            "Hobby": "Golf",
            "Manager's Name": "Pak Harun",
            "Notes": "Suka kopi tubruk",
        }
    )
    + "\n"
)
# Google Contacts' export of today ("Relation N - Label") and its legacy one ("- Type").
GOOGLE = (
    "First Name,Last Name,Organization Name,Notes,Labels,Phone 1 - Label,Phone 1 - Value,"
    "Relation 1 - Label,Relation 1 - Value,Relation 2 - Label,Relation 2 - Value,"
    "Relation 3 - Label,Relation 3 - Value\n"
    "Budi,Santoso,Bank Nusantara,,* myContacts,Mobile,0812 3456 7890,"
    "Spouse,Ani Santoso,Child,Bima,Keponakan,Dimas\n"
)
GOOGLE_LEGACY = (
    "Name,Given Name,Family Name,Hobby,Notes,Group Membership,Phone 1 - Type,Phone 1 - Value,"
    "Relation 1 - Type,Relation 1 - Value,Relation 2 - Type,Relation 2 - Value\n"
    "Budi Santoso,Budi,Santoso,Memancing ::: Wayang,,* My Contacts,Mobile,0812 3456 7890,"
    "Domestic Partner,Ani,Referred By,Pak Harun\n"
)
INDONESIAN = (
    "Nama;No HP;Perusahaan;Istri;Nama Anak;Jumlah Anak;Hobi;Catatan\n"
    "Budi Santoso;0812 3456 7890;PT Maju Jaya;Ani;Bima dan Sekar;2;Badminton;Teman SMA\n"
)


@pytest.fixture(autouse=True)
def _english():
    """The fact texts are checked in English (the tests' language is Indonesian)."""
    with translation.override("en"):
        yield


def _import(world, name: str, text: str, *, bulk: bool):
    report = contacts_import(
        sources=[Source(name=name, raw=text.encode())], user=world.owner, commit=True, bulk=bulk
    )
    assert not report.has_errors, [row.errors for row in report.rows]
    return report


def _facts(full_name: str) -> list[tuple[str, str, str, str]]:
    person = Person.objects.get(full_name=full_name)
    return sorted(
        (f.category, f.text, f.relation, f.member_name)
        for f in PersonalFact.objects.filter(person=person)
    )


def _contacts(text: str, mapping: dict[str, str] | None = None):
    opened = open_csv(text.encode())
    return list(read_contacts(opened, {**opened.mapping, **(mapping or {})}))


# --- several note columns ---------------------------------------------------------------------

NOTES = (
    "Name,Email,Notes,Description,Keterangan\n"
    "Budi,budi@example.com,Suka golf,Klien sejak 2019,\n"
    "Ani,ani@example.com,,Klien baru,\n"
    "Dewi,dewi@example.com,Sama,Sama,\n"
)


def test_every_note_column_is_kept_each_labelled_by_its_column():
    # when a file with three columns suggested as notes is read
    budi, ani, dewi = _contacts(NOTES)
    # then a row with two notes keeps both, each under its column's name, in file order
    assert budi.note == "Notes: Suka golf\n\nDescription: Klien sejak 2019"
    # and a row with one note (or the same note twice) keeps it as written, unlabelled
    assert ani.note == "Klien baru"
    assert dewi.note == "Sama"


@pytest.mark.parametrize("bulk", [True, False])
def test_a_second_note_column_adds_its_note_and_loses_none(world, bulk):
    # given a contact imported from a file with one note column
    _import(world, "kontak.csv", "Name,Email,Notes\nBudi,budi@example.com,Suka golf\n", bulk=bulk)
    # when the same file is imported again, then the note is not added twice
    again = _import(
        world, "kontak.csv", "Name,Email,Notes\nBudi,budi@example.com,Suka golf\n", bulk=bulk
    )
    assert [row.action for row in again.rows] == ["skip"]
    # when a later export with a second note column is imported
    _import(
        world,
        "kontak2.csv",
        "Name,Email,Notes,Description\nBudi,budi@example.com,Suka golf,Klien sejak 2019\n",
        bulk=bulk,
    )
    # then the stored note stays and the two notes of the row are added together
    assert [text for _category, text, _relation, _name in _facts("Budi")] == [
        "Notes: Suka golf\n\nDescription: Klien sejak 2019",
        "Suka golf",
    ]


# --- suggestions ------------------------------------------------------------------------------


def test_outlook_family_interest_and_people_columns_are_suggested():
    # when Outlook's real header is read
    opened = open_csv(OUTLOOK.encode())
    mapping = opened.mapping
    # then its people and its hobby have a field, its other columns are as before
    assert opened.preset is not None
    assert opened.preset.name == "Outlook"
    assert {header: mapping[header] for header in mapping if mapping[header]} == {
        "Title": "prefix",
        "First Name": "first_name",
        "Middle Name": "middle_name",
        "Last Name": "last_name",
        "Suffix": "suffix",
        "Company": "organization",
        "Job Title": "job_title",
        "Business Phone": "phone",
        "Business Phone 2": "phone",
        "Home Phone": "phone",
        "Home Phone 2": "phone",
        "Mobile Phone": "phone",
        "Pager": "phone",
        # the phones under other names (realfiles2 C5), the assistant's and the department
        # kept in the note
        "Callback": "phone",
        "Car Phone": "phone",
        "Company Main Phone": "phone",
        "ISDN": "phone",
        "Other Phone": "phone",
        "Primary Phone": "phone",
        "Radio Phone": "phone",
        "TTY/TDD Phone": "phone",
        "Assistant's Phone": "assistant_phone",
        "Department": "department",
        "Anniversary": "anniversary",
        "Birthday": "birthday",
        "E-mail Address": "email",
        "E-mail 2 Address": "email",
        "E-mail 3 Address": "email",
        # each address over its columns (street lines and PO box, city, state, code, country)
        **{
            f"{kind} {part}": field
            for kind in ("Business", "Home", "Other")
            for part, field in (
                ("Street", "street"),
                ("Street 2", "street"),
                ("Street 3", "street"),
                ("Address PO Box", "street"),
                ("City", "city"),
                ("State", "region"),
                ("Postal Code", "postal_code"),
                ("Country/Region", "country"),
            )
        },
        # a fax is kept in the note
        "Business Fax": "fax",
        "Home Fax": "fax",
        "Other Fax": "fax",
        "Location": "address",
        "Notes": "note",
        "Web Page": "url",
        "Assistant's Name": "relative",
        "Manager's Name": "relative",
        "Referred By": "relative",
        "Children": "child",
        "Spouse": "spouse",
        "Hobby": "interest",
    }


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Relation 1 - Value", "relative"),
        ("Relation 1 - Label", ""),
        ("Relation 2 - Type", ""),
        ("Istri", "spouse"),
        ("Suami", "spouse"),
        ("Nama Istri", "spouse"),
        ("Pasangan", "spouse"),
        ("Anak", "child"),
        ("Nama Anak", "child"),
        ("Jumlah Anak", ""),  # how many, not who
        ("Hobi", "interest"),
        ("Minat", "interest"),
        ("Hobby", "interest"),
        ("Tanggal Lahir Anak", ""),  # a child's date, not their name
    ],
)
def test_indonesian_and_google_columns_of_people_and_interests(header, expected):
    from karib.people.imports.contacts_csv import guess_field

    assert guess_field(header) == expected


def test_a_german_outlook_export_suggests_its_partner_and_children():
    # given the German Outlook export's names of the same columns
    header = "Vorname,Nachname,E-Mail-Adresse,Mobiltelefon,Position,Partner,Kinder,Hobby\n"
    # when it is read, then they are suggested like the English ones
    mapping = open_csv(
        (header + "Jürgen,Müller,j@example.de,,,Anna,Lena,Segeln\n").encode()
    ).mapping
    assert [mapping[h] for h in ("Partner", "Kinder", "Hobby")] == ["spouse", "child", "interest"]
    # and "Partner" alone, outside that export, is no one's spouse (a business partner)
    assert open_csv(b"Name,Email,Partner\nA,a@example.com,PT Mitra\n").mapping["Partner"] == ""


# --- reading ----------------------------------------------------------------------------------


def test_children_are_one_relative_each_and_a_degree_stays_with_its_name():
    # when a cell names children with commas, "dan" and a degree after a comma
    (contact,) = _contacts(
        "Name,Email,Children,Spouse\n"
        'Budi,budi@example.com,"Rara Putri, S.Kom; Dimas dan Sekar","Ani Wijaya, S.E."\n'
    )
    # then each child is one relative, and the spouse's name keeps its degree
    assert [(r.relation, r.name) for r in contact.relatives] == [
        ("child", "Rara Putri, S.Kom"),
        ("child", "Dimas"),
        ("child", "Sekar"),
        ("spouse", "Ani Wijaya, S.E."),
    ]


def test_google_relations_take_their_relation_from_their_label_column():
    # when Google's export of today and its legacy one are read
    (new,) = _contacts(GOOGLE)
    (legacy,) = _contacts(GOOGLE_LEGACY)
    # then each relation is read from its label: Google's words, or the user's own as written
    assert [(r.relation, r.name) for r in new.relatives] == [
        ("spouse", "Ani Santoso"),
        ("child", "Bima"),
        ("Keponakan", "Dimas"),
    ]
    assert [(r.relation, r.name) for r in legacy.relatives] == [
        ("partner", "Ani"),
        ("referred_by", "Pak Harun"),
    ]
    assert legacy.interests == ["Memancing", "Wayang"]


def test_a_column_mapped_by_hand_to_a_related_person_names_the_relation():
    # when the user maps a column the suggestion does not know to "related person"
    (contact,) = _contacts(
        "Name,Email,Keponakan,Relation 1 - Value\nBudi,budi@example.com,Dimas,Sekar\n",
        {"Keponakan": "relative"},
    )
    # then its name is the relation; Google's value without its label column is "other"
    assert [(r.relation, r.name) for r in contact.relatives] == [
        ("Keponakan", "Dimas"),
        ("other", "Sekar"),
    ]


# --- facts on both paths ----------------------------------------------------------------------


@pytest.mark.parametrize("bulk", [True, False])
def test_an_outlook_row_gives_family_interest_and_other_facts_from_the_file(world, bulk):
    # when an Outlook export naming a spouse, two children, a hobby and a manager is imported
    _import(world, "outlook.csv", OUTLOOK, bulk=bulk)
    # then the spouse and the children are family facts with their relation and name, the
    # hobby an interest, the manager a fact of their relation, the note as before
    assert _facts("Siti Wijaya") == [
        ("family", "Child: Dimas", "child", "Dimas"),
        ("family", "Child: Rara", "child", "Rara"),
        ("family", "Spouse: Andi Wijaya, S.E.", "spouse", "Andi Wijaya, S.E."),
        ("interest", "Golf", "", ""),
        ("other", "Manager: Pak Harun", "", ""),
        ("other", "Suka kopi tubruk", "", ""),
    ]
    # and every fact says it was learned from the file
    person = Person.objects.get(full_name="Siti Wijaya")
    sources = {f.source_note for f in PersonalFact.objects.filter(person=person)}
    assert len(sources) == 1
    assert sources.pop().startswith("imported from outlook.csv on ")


@pytest.mark.parametrize("bulk", [True, False])
def test_an_indonesian_sheet_gives_family_and_interest_facts_once(world, bulk):
    # when a spreadsheet with "Istri", "Nama Anak", "Jumlah Anak" and "Hobi" is imported twice
    _import(world, "kontak.csv", INDONESIAN, bulk=bulk)
    again = _import(world, "kontak.csv", INDONESIAN, bulk=bulk)
    # then the wife and both children are family facts, the hobby an interest, the count
    # nothing, and the second import adds nothing
    assert _facts("Budi Santoso") == [
        ("family", "Child: Bima", "child", "Bima"),
        ("family", "Child: Sekar", "child", "Sekar"),
        ("family", "Spouse: Ani", "spouse", "Ani"),
        ("interest", "Badminton", "", ""),
        ("other", "Teman SMA", "", ""),
    ]
    assert [row.action for row in again.rows] == ["skip"]


def test_a_german_outlook_export_names_its_manager_assistant_and_referrer():
    # when the German Outlook export's people columns are read with the suggested mapping
    header = (
        "Vorname,Nachname,E-Mail-Adresse,Mobiltelefon,Position,Name des/der Vorgesetzten,"
        "Name Assistent,Empfohlen von\n"
    )
    (contact,) = _contacts(header + "Jürgen,Müller,j@example.de,,,Frau Weber,Herr Kim,Anna\n")
    # then each is the relation Outlook's column says
    assert [(r.relation, r.name) for r in contact.relatives] == [
        ("manager", "Frau Weber"),
        ("assistant", "Herr Kim"),
        ("referred_by", "Anna"),
    ]


def test_the_mapping_page_offers_the_people_and_interest_fields(
    world, client_for, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from karib.people.models import ContactImport

    client = client_for(world.owner)
    sheet = "Nama;HP;Suami;Hobi;Keponakan\nSari Dewi;0812 3456 7890;Agus;Menyanyi;Dimas\n"
    # given an upload of a sheet with "Suami", "Hobi" and a column of the user's own
    upload = SimpleUploadedFile("kontak.csv", sheet.encode(), content_type="text/csv")
    response = client.post(reverse("people:import-contacts"), {"file": upload})
    page = client.get(response.url)
    form = page.context["form"]
    # then the page suggests the spouse and the interest, and offers "related person"
    assert [form.fields[f"column_{i}"].initial for i in range(5)] == [
        "full_name",
        "phone",
        "spouse",
        "interest",
        "",
    ]
    assert "relative" in dict(form.fields["column_4"].choices)
    # when the user maps the last column to a related person and imports
    columns = {"column_0": "full_name", "column_1": "phone", "column_2": "spouse"}
    columns |= {"column_3": "interest", "column_4": "relative"}
    mapped = client.post(response.url, columns)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(mapped.url)
    # then the husband is a family fact, the nephew a fact of the column's name, the hobby
    # an interest (in the user's language, Indonesian)
    assert ContactImport.objects.get().status == ContactImport.Status.DONE
    assert _facts("Sari Dewi") == [
        ("family", "Pasangan: Agus", "pasangan", "Agus"),
        ("interest", "Menyanyi", "", ""),
        ("other", "Keponakan: Dimas", "", ""),
    ]
