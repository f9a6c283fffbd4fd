"""The contact import pages: upload → columns → dry run → background import → report."""

from __future__ import annotations

import datetime
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from karib.people.imports import text
from karib.people.imports.services import contact_imports_purge
from karib.people.models import ContactImport, ImportColumnMapping, Person

SHEET = (
    "Nama;Kantor;HP;Surel;Catatan\nDewi Anggraini;PT Maju Jaya;0812-3456-7890;dewi@maju.co.id;x\n"
)
GOOGLE = (
    "First Name,Last Name,Organization Name,E-mail 1 - Value,Phone 1 - Value\n"
    "Dewi,Anggraini,PT Maju Jaya,dewi@maju.co.id,0812-3456-7890\n"
    "Agus,Salim,PT Maju Jaya,agus@maju.co.id,\n"
)


def _upload(client, name, text):
    upload = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(reverse("people:import-contacts"), {"file": upload})


def _suggested(page):
    form = page.context["form"]
    return {
        form.fields[f"column_{i}"].label: form.fields[f"column_{i}"].initial
        for i in range(len(form.headers))
    }


def test_a_spreadsheet_is_mapped_previewed_and_imported_in_the_background(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.owner)
    # given an upload of a spreadsheet with Indonesian column names
    response = _upload(client, "kontak.csv", SHEET)
    contact_import = ContactImport.objects.get()
    assert response.url == reverse("people:import-contacts-map", args=[contact_import.pk])
    # when the rep checks the suggested columns and ignores "Catatan"
    page = client.get(response.url)
    assert _suggested(page) == {
        "Nama": "full_name",
        "Kantor": "organization",
        "HP": "phone",
        "Surel": "email",
        "Catatan": "note",
    }
    columns = {
        "column_0": "full_name",
        "column_1": "organization",
        "column_2": "phone",
        "column_3": "email",
        "column_4": "",
    }
    mapped = client.post(response.url, columns)
    # then the dry run shows one contact to create, with its new organization
    preview = client.get(mapped.url)
    assert preview.status_code == 200
    (row,) = preview.context["preview"]["rows"]
    assert (row["action"], row["organization"], row["organization_created"]) == (
        "create",
        "PT Maju Jaya",
        True,
    )
    assert not Person.objects.filter(full_name="Dewi Anggraini").exists()
    # when the import is started
    with django_capture_on_commit_callbacks(execute=True):
        client.post(mapped.url)
    # then the task wrote it, and the report links to the new person
    contact_import.refresh_from_db()
    assert contact_import.status == ContactImport.Status.DONE
    assert (contact_import.done, contact_import.total) == (1, 1)
    dewi = Person.objects.get(full_name="Dewi Anggraini")
    assert dewi.emails == ["dewi@maju.co.id"]
    report = client.get(mapped.url)
    assert reverse("people:person-detail", args=[dewi.pk]) in report.text
    # and the team's mapping is remembered for the next file with these columns
    remembered = ImportColumnMapping.objects.get()
    assert remembered.mapping["Catatan"] == ""
    _upload(client, "kontak-2.csv", SHEET)
    assert ContactImport.objects.order_by("-pk").first().mapping["Catatan"] == ""


def test_a_google_export_is_recognised(world, client_for):
    client = client_for(world.owner)
    response = _upload(client, "contacts.csv", GOOGLE)
    page = client.get(response.url)
    assert page.context["form"].preset == "Google Contacts"
    assert "Google Contacts" in page.text


def test_a_file_that_is_no_contacts_file_gets_a_clear_error(world, client_for):
    response = _upload(client_for(world.owner), "notes.csv", "just, words\nmore, words\n")
    assert response.status_code == 422
    assert "Tidak ditemukan baris judul dengan kolom kontak" in response.text
    assert not ContactImport.objects.exists()


def test_someone_elses_import_is_not_found(world, client_for):
    _upload(client_for(world.owner), "contacts.csv", GOOGLE)
    contact_import = ContactImport.objects.get()
    other = client_for(world.other)
    for name in ("people:import-contacts-detail", "people:import-contacts-map"):
        assert other.get(reverse(name, args=[contact_import.pk])).status_code == 404
    assert (
        other.post(reverse("people:import-contacts-detail", args=[contact_import.pk])).status_code
        == 404
    )
    contact_import.refresh_from_db()
    assert contact_import.status == ContactImport.Status.UPLOADED


def test_a_row_error_blocks_the_import_button(world, client_for):
    client = client_for(world.owner)
    # given a vCard file whose second card never ends
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dewi\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Agus\r\n"
    )
    response = _upload(client, "contacts.vcf", cards)
    page = client.get(
        reverse("people:import-contacts-detail", args=[ContactImport.objects.get().pk])
    )
    assert 'id="commit"' not in page.text
    assert "END" in page.text
    assert response.status_code == 302


def test_an_unreadable_email_does_not_block_the_import_and_is_shown(world, client_for):
    client = client_for(world.owner)
    response = _upload(client, "contacts.csv", GOOGLE.replace("agus@maju.co.id", "agus-at-maju"))
    page = client.get(
        reverse("people:import-contacts-detail", args=[ContactImport.objects.get().pk])
    )
    assert 'id="commit"' in page.text
    assert "agus-at-maju" in page.text
    assert 'class="import-notice"' in page.text
    assert response.status_code == 302


def test_uploads_never_imported_are_forgotten_after_a_week(world, client_for):
    # given an upload left at the dry run, and one of today
    _upload(client_for(world.owner), "old.csv", GOOGLE)
    _upload(client_for(world.owner), "new.csv", GOOGLE)
    old = ContactImport.objects.get(file_name="old.csv")
    ContactImport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    # when the daily purge runs
    deleted = contact_imports_purge()
    # then only the old upload is gone
    assert deleted == 1
    assert list(ContactImport.objects.values_list("file_name", flat=True)) == ["new.csv"]


def test_only_those_who_may_create_people_may_upload_contacts(world, client_for):
    from karib.core.roles import Role
    from tests.factories import UserFactory

    agent = client_for(UserFactory(role=Role.SERVICE_AGENT))
    assert agent.get(reverse("people:import-contacts")).status_code == 403
    assert _upload(agent, "google.csv", GOOGLE).status_code == 403
    assert not ContactImport.objects.exists()  # the file with personal data was not kept
    assert _upload(client_for(world.owner), "google.csv", GOOGLE).status_code == 302


def test_a_large_file_shows_its_first_rows_and_counts_the_others(
    world, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    # given pages that show two rows of a report, and a file of five contacts
    monkeypatch.setattr("karib.people.imports.services.REPORT_ROWS", 2)
    monkeypatch.setattr("karib.people.imports.pipeline.BULK_CHUNK", 2)
    client = client_for(world.owner)
    rows = "".join(f"Orang,Ke {n},PT Lima,orang{n}@lima.id,\n" for n in range(5))
    _upload(client, "lima.csv", GOOGLE.splitlines()[0] + "\n" + rows)
    page = reverse("people:import-contacts-detail", args=[ContactImport.objects.get().pk])
    # when the dry run is shown
    preview = client.get(page)
    # then it counts five contacts, lists two and says three are not shown
    assert preview.context["preview"]["created"] == 5
    assert [row["line"] for row in preview.context["preview"]["rows"]] == [2, 3]
    assert "3 baris lagi dihitung di atas tetapi tidak ditampilkan." in preview.text
    # and so does the report of the import
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page)
    contact_import = ContactImport.objects.get()
    assert (contact_import.status, contact_import.done, contact_import.total) == ("done", 5, 5)
    assert Person.objects.filter(organization__name="PT Lima").count() == 5
    report = client.get(page)
    assert report.context["report"]["created"] == 5
    assert len(report.context["report"]["rows"]) == 2
    assert "3 baris lagi dihitung di atas tetapi tidak ditampilkan." in report.text


def test_the_mapping_page_says_how_ambiguous_dates_are_read(world, client_for):
    # given a spreadsheet from Indonesian Excel whose birthdays could be read both ways
    client = client_for(world.owner)
    response = _upload(client, "ultah.csv", "Nama,Tanggal Lahir\nSari,05/07/1985\n")
    # when the rep opens the mapping page
    page = client.get(response.url)
    # then it says the dates are read day first, with the file's own example
    text = page.content.decode()
    assert "05/07/1985" in text
    assert "1985-07-05" in text


def test_a_workbook_is_read_once_and_kept_as_csv_for_the_next_steps(
    world, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    parsed = []
    real = text._first_sheet_as_csv
    monkeypatch.setattr(text, "_first_sheet_as_csv", lambda s: parsed.append(1) or real(s))
    book = openpyxl.Workbook()
    sheet = book.active
    for line in SHEET.splitlines():
        sheet.append(line.split(";"))
    out = io.BytesIO()
    book.save(out)
    client = client_for(world.owner)
    # given an Excel workbook uploaded
    upload = SimpleUploadedFile("kontak.xlsx", out.getvalue())
    response = client.post(reverse("people:import-contacts"), {"file": upload})
    contact_import = ContactImport.objects.get()
    # then its first sheet is stored as CSV text in its place, under the rep's file name
    assert contact_import.file_name == "kontak.xlsx"
    with contact_import.upload.open("rb") as stored:
        assert stored.read().decode().startswith("Nama,Kantor,HP,Surel,Catatan\n")
    # when the rep maps the columns, checks the dry run and imports
    page = client.get(response.url)
    columns = {f"column_{i}": v for i, v in enumerate(_suggested(page).values())}
    mapped = client.post(response.url, columns)
    assert client.get(mapped.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(mapped.url)
    # then the contact is imported, and the workbook was parsed once, at the upload
    assert Person.objects.get(full_name="Dewi Anggraini").emails == ["dewi@maju.co.id"]
    assert len(parsed) == 1
