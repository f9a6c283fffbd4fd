"""The contacts import pipeline: detection, matching, dry run, commit and the CLI report."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from unittest.mock import ANY

import pytest
from django.core.management import call_command
from django.utils import translation

from karib.people.imports import Source, contacts_import
from karib.people.imports.contacts_csv import open_csv
from karib.people.models import ImportantDate, Organization, Person, PersonalFact

GOOGLE = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,"
    "E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,"
    "Website 1 - Label,Website 1 - Value\n"
    "Dewi,,Anggraini,,,,,,Bu Dewi,,PT Maju Jaya,Manajer,,1980-04-03,suka wayang,,* myContacts,"
    '* Work,dewi@maju.co.id,Mobile,0812-3456-7890,Work,"Jl. Sudirman 1\nJakarta",,\n'
    "Agus,,Salim,,,,,,,,,,,,,,* myContacts,,,Mobile,+62 811 222 333,,,,\n"
)
LINKEDIN = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Rina,Kusuma,https://www.linkedin.com/in/rina,,Bank Nusantara,Kepala Cabang,03 Mar 2024\n"
)
VCARD = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dewi Anggraini Putri\r\nORG:PT Maju Jaya\r\n"
    "TEL;VALUE=uri:tel:+62-812-3456-7890;ext=12\r\nEND:VCARD\r\n"
)


def _import(world, *files, commit=True, user=None, **kwargs):
    sources = [Source(name=name, raw=raw.encode()) for name, raw in files]
    return contacts_import(sources=sources, user=user or world.owner, commit=commit, **kwargs)


def test_google_contacts_are_created_with_organization_dates_and_facts(world):
    # when a Google Contacts export is imported
    report = _import(world, ("google.csv", GOOGLE))
    # then both contacts exist, the new organization was created on the fly
    assert not report.has_errors, report.rows
    assert [(r.line, r.action, r.organization_created) for r in report.rows] == [
        (2, "create", True),
        (4, "create", True),
    ]
    dewi = Person.objects.get(full_name="Dewi Anggraini")
    assert dewi.organization.name == "PT Maju Jaya"
    assert (dewi.job_title, dewi.phones, dewi.honorific) == ("Manajer", ["+6281234567890"], "Ibu")
    birthday = ImportantDate.objects.get(person=dewi)
    assert (birthday.kind, birthday.month, birthday.day, birthday.year) == ("birthday", 4, 3, 1980)
    facts = PersonalFact.objects.filter(person=dewi)
    # (in the default language, Indonesian)
    assert {f.text for f in facts} == {"Alamat: Jl. Sudirman 1, Jakarta", "suka wayang"}
    assert all(f.source_note.startswith("diimpor dari google.csv pada ") for f in facts)
    # and the contact without an organization went to the shared fallback
    agus = Person.objects.get(full_name="Agus Salim")
    assert agus.organization.name == "Kontak tanpa organisasi"


def test_dry_run_writes_nothing_but_says_what_would_happen(world):
    # given
    before = (Person.objects.count(), Organization.objects.count())
    # when
    report = _import(world, ("google.csv", GOOGLE), commit=False)
    # then
    assert [r.action for r in report.rows] == ["create", "create"]
    assert report.rows[0].organization == "PT Maju Jaya"
    assert report.rows[0].organization_created
    assert (Person.objects.count(), Organization.objects.count()) == before


def test_reimport_matches_by_phone_and_never_takes_a_worse_value_silently(world):
    # given the Google contacts, then a vCard of Dewi with a longer name and a tel: URI
    _import(world, ("google.csv", GOOGLE))
    # when the vCard is imported
    report = _import(world, ("dewi.vcf", VCARD))
    # then it updates Dewi (matched by her E.164 phone) with the better, longer name
    (row,) = report.rows
    assert row.action == "update"
    assert [(c.field, c.old, c.new, c.kept) for c in row.changes] == [
        ("full_name", "Dewi Anggraini", "Dewi Anggraini Putri", False)
    ]
    # when the older, shorter name comes back in the Google file
    again = _import(world, ("google.csv", GOOGLE))
    # then the full name is kept, and the report shows the value it refused
    dewi_row = again.rows[0]
    assert dewi_row.action == "skip"
    assert [(c.field, c.kept) for c in dewi_row.changes] == [("full_name", True)]
    assert Person.objects.filter(full_name="Dewi Anggraini Putri").count() == 1
    assert Person.objects.filter(full_name__startswith="Dewi").count() == 1


def test_linkedin_preamble_and_a_bad_file_in_the_same_run(world):
    # when a LinkedIn export is imported with a file that is no contact file
    before = Person.objects.count()
    report = _import(world, ("Connections.csv", LINKEDIN), ("notes.txt", "just some words\n"))
    # then the bad file is named, and nothing at all is written
    assert [file for file, _message in report.file_errors] == ["notes.txt"]
    assert [(r.line, r.action) for r in report.rows] == [(5, "create")]
    assert not report.committed
    assert Person.objects.count() == before


def test_people_another_user_cannot_see_are_not_matched(world):
    # given Dewi imported by Rudi
    _import(world, ("google.csv", GOOGLE))
    # when Sari (another team) imports the same file
    report = _import(world, ("google.csv", GOOGLE), user=world.other)
    # then she gets her own contacts (her own organization too), Rudi's are untouched
    assert [r.action for r in report.rows] == ["create", "create"]
    assert Person.objects.filter(full_name="Dewi Anggraini").count() == 2


def _command(*args, fails=False):
    """The command's output; a run with errors exits with status 1."""
    out = StringIO()
    if fails:
        with pytest.raises(SystemExit) as exit_info:
            call_command("people_import", *args, stdout=out)
        assert exit_info.value.code == 1
    else:
        call_command("people_import", *args, stdout=out)
    return out.getvalue()


def test_command_prints_exactly_one_json_object_per_run(world, tmp_path):
    # given a Google export and a vCard file
    google = tmp_path / "google.csv"
    google.write_text(GOOGLE, encoding="utf-8")
    card = tmp_path / "dewi.vcf"
    card.write_text(VCARD, encoding="utf-16")
    # when they are imported for rudi in one dry run
    output = _command(str(google), str(card), "--dry-run", "--owner", "rudi", "--format", "json")
    # then one JSON object with one row per contact
    report = json.loads(output)
    assert set(report) == {"created", "updated", "skipped", "rows", "file_errors"}
    assert (report["created"], report["updated"], report["skipped"]) == (2, 1, 0)
    assert [(r["file"], r["line"], r["action"]) for r in report["rows"]] == [
        (str(google), 2, "create"),
        (str(google), 4, "create"),
        (str(card), 1, "update"),
    ]
    assert report["file_errors"] == []
    assert not Person.objects.filter(full_name__startswith="Dewi").exists()


def test_command_reports_row_errors_with_field_and_writes_nothing(world, tmp_path):
    # given a vCard file whose second card (line 5) never ends
    path = tmp_path / "contacts.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dewi\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Agus\r\n",
        encoding="cp1252",
    )
    before = Person.objects.count()
    # when it is imported
    output = _command(str(path), "--owner", "rudi", "--format", "json", fails=True)
    # then the row names the field, and nothing was written
    report = json.loads(output)
    assert report["rows"][1] == {
        "file": str(path),
        "line": 5,
        "action": "error",
        "errors": [{"field": "END", "message": ANY}],
    }
    assert Person.objects.count() == before


def test_command_imports_a_row_whose_email_cannot_be_read_and_says_so(world, tmp_path):
    # given a file with a malformed e-mail on line 3
    path = tmp_path / "contacts.csv"
    path.write_text("Name,Email\nDewi,dewi@maju.co.id\nAgus,agus-at-maju\n", encoding="cp1252")
    # when it is imported
    output = _command(str(path), "--owner", "rudi", "--format", "json")
    # then Agus is written without it (the JSON keeps issue 13's keys; the text report names
    # what was left out), his note keeps it
    report = json.loads(output)
    assert report["rows"][1]["action"] == "create"
    assert report["rows"][1]["errors"] == []
    agus = Person.objects.get(full_name="Agus")
    assert agus.emails == []
    assert agus.facts.filter(text="Email: agus-at-maju").exists()


def test_command_names_an_unreadable_file(world, tmp_path):
    output = _command(
        str(tmp_path / "missing.vcf"), "--owner", "rudi", "--format", "json", fails=True
    )
    assert json.loads(output)["file_errors"] == [
        {"file": str(tmp_path / "missing.vcf"), "message": "File tidak dapat dibaca."}
    ]


@pytest.mark.parametrize(
    ("header", "preset", "expected"),
    [
        (  # Outlook: "Title" is the name prefix, "Company" the organization
            "First Name,Middle Name,Last Name,Title,Suffix,Nickname,E-mail Address,"
            "E-mail 2 Address,Home Phone,Business Phone,Mobile Phone,Job Title,Department,"
            "Company,Birthday,Anniversary,Notes,Web Page",
            "Outlook",
            {"Title": "prefix", "Company": "organization", "Mobile Phone": "phone"},
        ),
        (  # Thunderbird
            "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,"
            "Screen Name,Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,"
            "Job Title,Department,Organization,Web Page 1,Web Page 2,Birth Year,Birth Month,"
            "Birth Day,Notes",
            "Thunderbird",
            {
                "Primary Email": "email",
                "Organization": "organization",
                "Birth Month": "birth_month",
            },
        ),
        (  # HubSpot contacts export
            "Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title,"
            "Mobile Phone Number,City",
            "HubSpot",
            {"Phone Number": "phone", "Company Name": "organization", "Record ID": ""},
        ),
        (  # Salesforce contacts report: "Title" is the job title
            "First Name,Last Name,Title,Account Name,Email,Phone,Mobile,Mailing Street,Birthdate",
            "Salesforce",
            {"Title": "job_title", "Account Name": "organization", "Birthdate": "birthday"},
        ),
        (  # Monica
            "first_name,last_name,nickname,is_dead,email,phone,birthdate,description",
            "Monica",
            {"nickname": "nickname", "birthdate": "birthday", "description": "note"},
        ),
        (  # Google Contacts, the 2019 layout
            "Name,Given Name,Additional Name,Family Name,Nickname,Birthday,Notes,"
            "Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
            "Organization 1 - Name,Organization 1 - Title",
            "Google Contacts (2019)",
            {"E-mail 1 - Type": "", "Organization 1 - Name": "organization", "Name": "full_name"},
        ),
    ],
)
def test_presets_are_recognised_from_the_header(header, preset, expected):
    # when a file with this header is opened
    opened = open_csv((header + "\n").encode())
    # then the tool is recognised and its columns mapped
    assert opened.preset is not None
    assert opened.preset.name == preset
    assert {column: opened.mapping[column] for column in expected} == expected


def test_slash_dates_follow_the_file(world):
    # given an export written with day-first dates (one day is above 12)
    csv_text = (
        "First Name,Last Name,E-mail Address,Company,Birthday\n"
        "Dewi,Anggraini,dewi@maju.co.id,PT Maju Jaya,3/4/1980\n"
        "Agus,Salim,agus@maju.co.id,PT Maju Jaya,25/12/1975\n"
    )
    # when it is imported
    report = _import(world, ("outlook.csv", csv_text))
    # then 3/4 is read as 3 April, like 25/12 in the same file
    assert not report.has_errors, report.rows
    dates = {d.person.full_name: (d.month, d.day) for d in ImportantDate.objects.all()}
    assert dates == {"Dewi Anggraini": (4, 3), "Agus Salim": (12, 25)}


def test_reimport_under_another_organization_does_not_duplicate(world):
    # given cards without ORG, e-mail or phone imported under one organization
    cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rina Kusuma\r\nEND:VCARD\r\n"
    other = Organization.objects.create(name="PT Lain", owner=world.owner)
    _import(world, ("a.vcf", cards), default_organization=world.organization)
    # when they are imported again under another organization
    report = _import(world, ("a.vcf", cards), default_organization=other)
    # then the person is found by name, not created twice
    assert [r.action for r in report.rows] == ["skip"]
    assert Person.objects.filter(full_name="Rina Kusuma").count() == 1


@pytest.mark.parametrize("commit", [False, True])
def test_command_json_is_streamed_and_keeps_the_contract(world, tmp_path, monkeypatch, commit):
    # given a Google export with a bad e-mail (a notice), a vCard, a card that never ends (a
    # row error) and an empty vCard (a file error)
    google = tmp_path / "google.csv"
    google.write_text(GOOGLE.replace("dewi@maju.co.id", "dewi-at-maju"), encoding="utf-8")
    card = tmp_path / "dewi.vcf"
    card.write_text(VCARD, encoding="utf-8")
    broken = tmp_path / "broken.vcf"
    broken.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Agus\r\n", encoding="utf-8")
    clean = [("google.csv", GOOGLE), ("dewi.vcf", VCARD)]
    runs = {
        "row error": [str(google), str(card), str(broken)],
        "file error": [str(google), str(card), str(broken), str(tmp_path / "empty.vcf")],
    }
    (tmp_path / "empty.vcf").write_text("", encoding="utf-8")
    from karib.people.management.commands import people_import

    reports = []

    def keeping(**kwargs):
        reports.append(contacts_import(**kwargs))
        return reports[-1]

    monkeypatch.setattr(people_import, "contacts_import", keeping)
    args = ["--owner", "rudi", "--format", "json", *([] if commit else ["--dry-run"])]
    for files in runs.values():
        # when the command runs
        output = _command(*files, *args, fails=True)
        # then its rows were kept on disk, not in memory
        assert reports[-1].rows == []
        assert reports[-1].spill is not None
        # and its output is, to the byte, the report the import kept in memory
        sources = [Source(name=name, raw=Path(name).read_bytes()) for name in files]
        expected = contacts_import(sources=sources, user=world.owner, commit=False)
        assert output == json.dumps(expected.to_json(contract=True), ensure_ascii=False) + "\n"
        report = json.loads(output)
        assert list(report) == ["created", "updated", "skipped", "rows", "file_errors"]
        for row in report["rows"]:
            assert list(row) == ["file", "line", "action", "errors"]
            assert all(list(error) == ["field", "message"] for error in row["errors"])
    # a file error stops every row: each shows only what reading it found (the bad e-mail's
    # notice, the broken card's error)
    report = json.loads(output)
    assert report["file_errors"] == [{"file": str(tmp_path / "empty.vcf"), "message": ANY}]
    assert [r["action"] for r in report["rows"]] == ["create", "create", "create", "error"]
    # and a clean run writes, with the same report
    clean_files = []
    for name, text in clean:
        path = tmp_path / f"clean-{name}"
        path.write_text(text, encoding="utf-8")
        clean_files.append(str(path))
    output = _command(*clean_files, *args)
    report = json.loads(output)
    assert (report["created"], report["updated"], report["skipped"]) == (2, 1, 0)
    assert len(report["rows"]) == 3
    assert Person.objects.filter(full_name__startswith="Dewi Anggraini").exists() == commit


def test_a_note_longer_than_the_csv_modules_default_limit_is_imported(world):
    # given a Google export whose first contact has a 200,000-character note (the csv
    # module's default cell limit is 131,072: the file stopped there with an internal error)
    note = "catatan panjang " * 12_500
    raw = GOOGLE.replace("suka wayang", note, 1)
    # when
    report = _import(world, ("google.csv", raw))
    # then both contacts are imported and the note is kept whole
    assert not report.has_errors, report.rows
    assert [r.action for r in report.rows] == ["create", "create"]
    dewi = Person.objects.get(full_name="Dewi Anggraini")
    assert PersonalFact.objects.filter(person=dewi, text=note.strip()).exists()


def test_a_contact_csv_of_thousands_of_columns_is_refused_before_its_mapping():
    # given a header with a name and an e-mail column, then 2,000 more
    header = "Name,E-mail," + ",".join(f"c{n}" for n in range(2000))
    raw = (header + "\nBudi,budi@example.com" + "," * 2000 + "\n").encode()
    # when / then: one message names the line, the count and the limit
    with (
        translation.override("en"),
        pytest.raises(ValueError, match=r"Line 1 has 2002 columns; .* at most 1000\."),
    ):
        open_csv(raw)


def test_a_contact_csv_of_a_crm_export_width_is_read():
    header = "Name,E-mail," + ",".join(f"Property {n}" for n in range(400))
    opened = open_csv((header + "\nBudi,budi@example.com" + "," * 400 + "\n").encode())
    assert len(opened.headers) == 402
