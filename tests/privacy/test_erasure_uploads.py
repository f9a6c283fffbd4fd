"""The erasure reads a waiting contact upload as the import reads it (secprobe10, F2).

Regression: the erasure searched stored uploads' bytes as text for the person's strong
identifiers, so a waiting contact import that held the person otherwise survived it: an Excel
workbook (compressed), a CSV with the name in "First Name" and "Last Name" columns (the full
name never one string), a vCard 2.1 with a quoted-printable name. The import reader still read
the person from them, and starting the import would have written the person again.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.core.files.storage import default_storage

from karib.core.roles import Role
from karib.people import services as people
from karib.people.imports import services as imports
from karib.people.imports.pipeline import read_source
from karib.people.imports.storage import stored_source, upload_save
from karib.people.models import ContactImport, Organization
from karib.privacy import scrub, services
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

NAME = "Suryaningrat Wibisono"
EMAIL = "surya.w@example.go.id"
PHONE = "+62 812-3456-7890"


def _workbook(*rows: list[object]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_cut_short(content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as book, zipfile.ZipFile(out, "w") as cut:
        for item in book.infolist():
            data = book.read(item)
            cut.writestr(item, data[:-20] if item.filename.endswith("sheet1.xml") else data)
    return out.getvalue()


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _qp(text: str) -> str:
    return "".join(f"={byte:02X}" for byte in text.encode())


def _vcard_21(given: str, family: str) -> bytes:
    qp = "CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE"
    return (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        f"N;{qp}:{_qp(family)};{_qp(given)};;;\r\n"
        f"FN;{qp}:{_qp(f'{given} {family}')}\r\n"
        "END:VCARD\r\n"
    ).encode()


def _stored_files(folder: str = "") -> set[str]:
    directories, files = default_storage.listdir(folder)
    found = {f"{folder}{name}" for name in files}
    for directory in directories:
        found |= _stored_files(f"{folder}{directory}/")
    return found


@pytest.fixture(autouse=True)
def _storage_left_as_found():
    """The storage is the process's (in memory): an upload a test keeps must not reach the
    next test's search of every stored file."""
    before = _stored_files()
    yield
    for name in _stored_files() - before:
        default_storage.delete(name)


@pytest.fixture
def world():
    team = TeamFactory(name="Government")
    owner = UserFactory(username="rudi", role=Role.SALES, team=team)
    admin = UserFactory(username="admin1", role=Role.ADMIN, team=team)
    organization = people.organization_create(
        by=owner, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    person = people.person_create(
        by=owner, full_name=NAME, organization=organization, phones=[PHONE], emails=[EMAIL]
    )
    return owner, admin, organization, person


def _upload(owner, organization, file_name: str, content: bytes) -> ContactImport:
    return imports.contact_import_create(
        by=owner,
        file_name=file_name,
        content=io.BytesIO(content),
        default_organization=organization,
    )


OTHERS = [["Hartono Saputra", "hartono@example.go.id", "+62 811-1111-2222"]]

HOLDING_THE_PERSON = {
    # a workbook: compressed, its cells never in the bytes as text
    "workbook, full name": (
        "kontak.xlsx",
        _workbook(["Full name", "Email", "Phone"], *OTHERS, [NAME, "", ""]),
    ),
    # the e-mail alone, in a workbook
    "workbook, e-mail": (
        "kontak.xlsx",
        _workbook(["Full name", "Email", "Phone"], *OTHERS, ["Pak Surya", EMAIL, ""]),
    ),
    # a phone typed as a number: a cell of digits, no "+", no separators
    "workbook, phone as a number": (
        "kontak.xlsx",
        _workbook(["Full name", "Email", "Phone"], *OTHERS, ["Pak Surya", "", 6281234567890]),
    ),
    # the name in two columns: the full name is never one string of the file
    "CSV, split name": (
        "kontak.csv",
        _csv(
            "First Name,Last Name,Company",
            "Hartono,Saputra,Direktorat Layanan Data",
            "Suryaningrat,Wibisono,Direktorat Layanan Data",
        ),
    ),
    # Outlook's columns, the name's parts apart: prefix, first, middle (empty), last
    "CSV, split name with a title": (
        "kontak.csv",
        _csv("Title,First Name,Middle Name,Last Name", "Ir.,Suryaningrat,,Wibisono"),
    ),
    # vCard 2.1 from an old phone: the name quoted-printable
    "vCard 2.1, quoted-printable": ("kontak.vcf", _vcard_21("Suryaningrat", "Wibisono")),
}


@pytest.mark.parametrize(
    ("file_name", "content"), HOLDING_THE_PERSON.values(), ids=HOLDING_THE_PERSON.keys()
)
def test_a_waiting_upload_holding_the_person_is_dropped(
    world, file_name, content, django_capture_on_commit_callbacks
):
    # given a waiting contact upload the import reader reads the person from
    owner, admin, organization, person = world
    upload = _upload(owner, organization, file_name, content)
    path = upload.upload.name
    assert any(
        NAME in contact.full_name or EMAIL in contact.emails or "+6281234567890" in contact.phones
        for contact in read_source(stored_source(file_name, path), upload.mapping or None)
    )
    # when the person is erased
    with django_capture_on_commit_callbacks(execute=True):
        erasure = services.person_erase(person=person, by=admin)
    # then the upload is gone from the storage, its row keeps no file, the erasure says so
    upload.refresh_from_db()
    assert upload.upload.name == ""
    assert not default_storage.exists(path)
    assert erasure.anonymised.get("people.contactimport") == 1


def test_a_name_the_person_had_before_is_read_in_a_split_name_upload(
    world, django_capture_on_commit_callbacks
):
    # given a person renamed, and an upload naming them by the former name in two columns
    owner, admin, organization, person = world
    people.person_update(person=person, by=owner, full_name="Suryaningrat Wibisono Putra")
    person.refresh_from_db()
    content = _csv("First Name,Last Name", "Suryaningrat,Wibisono")
    upload = _upload(owner, organization, "kontak.csv", content)
    path = upload.upload.name
    # when the person is erased
    with django_capture_on_commit_callbacks(execute=True):
        services.person_erase(person=person, by=admin)
    # then the upload is dropped
    assert not default_storage.exists(path)
    assert ContactImport.objects.get(pk=upload.pk).upload.name == ""


KEPT = {
    # somebody else altogether
    "others only": ("kontak.xlsx", _workbook(["Full name", "Email", "Phone"], *OTHERS)),
    # one word of the name is somebody else's too ("Suryaningrat" at another customer)
    "one word of the name": (
        "kontak.csv",
        _csv("First Name,Last Name,Company", "Suryaningrat,,PT Lain"),
    ),
    "the words of the name in two contacts": (
        "kontak.vcf",
        _vcard_21("Suryaningrat", "Hadi") + _vcard_21("Bambang", "Wibisono"),
    ),
}


@pytest.mark.parametrize(("file_name", "content"), KEPT.values(), ids=KEPT.keys())
def test_a_waiting_upload_without_the_person_stays(
    world, file_name, content, django_capture_on_commit_callbacks
):
    # given a waiting contact upload that does not hold the person
    owner, admin, organization, person = world
    upload = _upload(owner, organization, file_name, content)
    path = upload.upload.name
    # when the person is erased
    with django_capture_on_commit_callbacks(execute=True):
        erasure = services.person_erase(person=person, by=admin)
    # then the upload stays, still readable, and the erasure records no contact import
    upload.refresh_from_db()
    assert upload.upload.name == path
    assert default_storage.exists(path)
    assert read_source(stored_source(file_name, path))
    assert "people.contactimport" not in erasure.anonymised


UNDER_WAY = {
    # kept as CSV once uploaded: the name is in its bytes, found by the search of stored files
    "workbook": ("kontak.xlsx", _workbook(["Full name", "Phone"], [NAME, ""])),
    "CSV": ("kontak.csv", _csv("Full name,Phone", f"{NAME},")),
    # the name quoted-printable: found only by reading the contacts
    "vCard 2.1, quoted-printable": ("kontak.vcf", _vcard_21("Suryaningrat", "Wibisono")),
}


@pytest.mark.parametrize(("file_name", "content"), UNDER_WAY.values(), ids=UNDER_WAY.keys())
def test_an_import_under_way_is_stopped(
    world, file_name, content, django_capture_on_commit_callbacks
):
    # given an import of a file holding the person, running (its run token set)
    owner, admin, organization, person = world
    upload = _upload(owner, organization, file_name, content)
    ContactImport.objects.filter(pk=upload.pk).update(
        status=ContactImport.Status.RUNNING, run_token="a" * 32
    )
    # when the person is erased
    with django_capture_on_commit_callbacks(execute=True):
        services.person_erase(person=person, by=admin)
    # then its run token is cleared: the run stops at its next chunk without writing more
    upload.refresh_from_db()
    assert upload.upload.name == ""
    assert upload.run_token == ""


def test_only_waiting_uploads_are_read_and_each_until_its_first_match(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    # given a waiting split-name upload with the person first of many contacts, and a finished
    # import whose file was left behind (its delete failed)
    owner, admin, organization, person = world
    many = [f"Kontak{index},Lain{index}" for index in range(300)]
    waiting = _upload(
        owner,
        organization,
        "kontak.csv",
        _csv("First Name,Last Name", "Suryaningrat,Wibisono", *many),
    )
    left_behind = ContactImport.objects.create(
        created_by=owner,
        file_name="lama.xlsx",
        upload=upload_save("lama.xlsx", _workbook(["Full name"], [NAME])),
        status=ContactImport.Status.DONE,
    )
    read: list[str] = []
    contacts_read: list[object] = []
    real_match, real_holds = scrub.contacts_match, scrub._holds

    def recording_match(source, pattern, **options):
        read.append(source.name)
        return real_match(source, pattern, **options)

    def recording_holds(value, pattern):
        if not isinstance(value, list):  # a contact, not a row's cells
            contacts_read.append(value)
        return real_holds(value, pattern)

    monkeypatch.setattr(scrub, "contacts_match", recording_match)
    monkeypatch.setattr(scrub, "_holds", recording_holds)
    # when the person is erased
    with django_capture_on_commit_callbacks(execute=True):
        services.person_erase(person=person, by=admin)
    # then only the waiting upload is read as contacts, and only up to the person
    assert read == ["kontak.csv"]
    assert len(contacts_read) == 1
    assert ContactImport.objects.get(pk=waiting.pk).upload.name == ""
    # the finished import's file is left to the text search (which cannot see into it) and
    # to the purge that clears finished imports' files
    assert ContactImport.objects.get(pk=left_behind.pk).upload.name != ""


def test_an_upload_the_reader_fails_on_is_dropped_and_the_erasure_goes_through(
    world, django_capture_on_commit_callbacks
):
    # given a waiting upload of a workbook whose sheet is cut short (its XML parser raises)
    owner, admin, _organization, person = world
    book = _sheet_cut_short(_workbook(["Full name"], [NAME]))
    # (the import refuses it; compressed, it is out of the text search's sight too)
    with pytest.raises(ValueError, match="spreadsheet"):
        read_source(stored_source("kontak.xlsx", upload_save("kontak.xlsx", book)))
    path = upload_save("kontak.xlsx", book)
    upload = ContactImport.objects.create(created_by=owner, file_name="kontak.xlsx", upload=path)
    # when the person is erased
    with django_capture_on_commit_callbacks(execute=True):
        erasure = services.person_erase(person=person, by=admin)
    # then the erasure is done, and the upload it could not read is dropped (fail closed)
    assert erasure.pk is not None
    assert ContactImport.objects.get(pk=upload.pk).upload.name == ""
    assert not default_storage.exists(path)


def test_a_file_whose_cells_hold_no_word_of_the_person_is_not_read_as_contacts(monkeypatch):
    # given a waiting CSV of other people only (no word of the name, no phone's digits)
    from karib.people.imports import contacts_csv

    found = scrub.identifiers_of(full_name=NAME, emails=[EMAIL], phones=[PHONE], texts=[])
    pattern = found.patterns(include_weak=False)
    assert pattern is not None
    others = _csv("First Name,Last Name,Mobile Phone", "Hartono,Saputra,0811 1111 2222")
    hinted = _csv("First Name,Last Name,Mobile Phone", "Suryaningrat,Hadi,0811 1111 2222")
    read: list[str] = []
    real = contacts_csv.read_contacts

    def recording(opened, mapping, **options):
        read.append(opened.source.name)
        return real(opened, mapping, **options)

    monkeypatch.setattr(contacts_csv, "read_contacts", recording)
    # when each is searched with the identifiers' hints
    for name, content in (("lain.csv", others), ("hadi.csv", hinted)):
        source = stored_source(name, upload_save(name, content))
        assert not scrub.contacts_match(source, pattern, hints=found.hints())
    # then only the file holding a word of the name is read as contacts
    assert read == ["hadi.csv"]
