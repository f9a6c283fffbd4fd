from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from karib.people import services, transfer
from karib.people.models import Organization, Person
from tests.support.seeds import seed_people_world

PEOPLE_CSV = (
    "full_name,honorific,job_title,organization,emails,phones,is_public_official,influence,"
    "attitude,stage,owner\n"
    "Ratna Sari,Ibu,Kasubdit,Direktorat Layanan Data,ratna@ktkd.go.id,0812,yes,4,supporter,"
    "customer,\n"
    "Andi Prasetyo,Bapak,Kabag,Direktorat Layanan Data,,,,3,skeptic,acquaintance,\n"
)


def test_people_csv_dry_run_writes_nothing_then_import_writes_all(world):
    # when the file is previewed
    preview = transfer.people_import(raw=PEOPLE_CSV.encode(), user=world.owner, commit=False)
    # then every row is valid and nothing is saved
    assert not preview.has_errors
    assert [row.line for row in preview.rows] == [2, 3]
    assert Person.objects.count() == 1
    # when it is imported
    result = transfer.people_import(raw=PEOPLE_CSV.encode(), user=world.owner, commit=True)
    # then both people exist, owned by the importer, indexed for search
    assert result.written == 2
    ratna = Person.objects.get(full_name="Ratna Sari")
    assert (ratna.owner, ratna.influence, ratna.stage) == (world.owner, 4, "customer")
    assert ratna.search_document.document


def test_failed_import_writes_nothing_and_names_line_and_field(world):
    broken = PEOPLE_CSV + "Tono,Bapak,,Unknown Org,not-an-email,,maybe,9,friend,customer,\n"
    result = transfer.people_import(raw=broken.encode(), user=world.owner, commit=True)
    assert result.has_errors
    assert result.written == 0
    errors = {row.line: row.errors for row in result.rows}
    assert errors[2] == errors[3] == []
    joined = " ".join(errors[4])
    for field in ("organization", "emails", "is_public_official", "influence", "attitude"):
        assert field in joined
    assert Person.objects.count() == 1


def test_missing_column_and_bad_encoding_are_file_errors(world):
    missing = transfer.people_import(raw=b"name\nX\n", user=world.owner, commit=True)
    assert missing.file_errors
    assert "full_name" in missing.file_errors[0]
    latin = transfer.organizations_import(
        raw="name\nCaf\xe9\n".encode("latin-1"), user=world.owner, commit=True
    )
    assert latin.file_errors
    assert Organization.objects.count() == 1


def test_sales_user_cannot_import_people_for_someone_else(world):
    raw = PEOPLE_CSV.replace("customer,\n", "customer,budi\n", 1).encode()
    result = transfer.people_import(raw=raw, user=world.owner, commit=True)
    assert result.has_errors
    assert Person.objects.count() == 1


def test_organizations_csv_with_parent_in_same_file(world):
    raw = (
        b"name,kind,sector,parent,city,province,notes\n"
        b"Kementerian X,government,,,Jakarta,DKI,\n"
        b"Direktorat Y,Instansi pemerintah,,Kementerian X,Jakarta,DKI,\n"
    )
    result = transfer.organizations_import(raw=raw, user=world.owner, commit=True)
    assert not result.has_errors, result.rows
    child = Organization.objects.get(name="Direktorat Y")
    assert child.parent.name == "Kementerian X"
    assert child.kind == Organization.Kind.GOVERNMENT


def test_vcard_round_trip_versions_3_and_4(world):
    world.person.emails = ["suryo@ktkd.go.id"]
    world.person.save()
    exported = transfer.people_vcard([world.person])
    assert "BEGIN:VCARD" in exported
    assert "VERSION:3.0" in exported
    assert "ORG:Direktorat Layanan Data" in exported
    vcard4 = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dewi Anggraini\r\nORG:Direktorat Layanan Data\r\n"
        "TITLE:Analis\r\nEMAIL:dewi@ktkd.go.id\r\nTEL:+62 811 222\r\nEND:VCARD\r\n"
    )
    result = transfer.vcard_import(
        raw=(exported + vcard4).encode(), user=world.owner, commit=True, organization=None
    )
    assert not result.has_errors, result.rows
    dewi = Person.objects.get(full_name="Dewi Anggraini")
    assert (dewi.job_title, dewi.emails, dewi.phones) == (
        "Analis",
        ["dewi@ktkd.go.id"],
        ["+62 811 222"],
    )
    # the exported contact matched the existing person (by email): updated, not duplicated
    assert Person.objects.filter(full_name="Suryo Wibowo").count() == 1


def test_vcard_garbage_is_a_clear_error(world):
    result = transfer.vcard_import(
        raw=b"BEGIN:VCARD\nthis is not\n", user=world.owner, commit=True, organization=None
    )
    assert result.has_errors
    assert Person.objects.count() == 1


def test_import_page_preview_then_import(world, client_for):
    client = client_for(world.owner)
    url = reverse("people:import")
    upload = SimpleUploadedFile("people.csv", PEOPLE_CSV.encode(), content_type="text/csv")
    preview = client.post(url, {"file_format": "people_csv", "file": upload, "action": "preview"})
    assert preview.status_code == 200
    assert "Ratna Sari" in preview.text
    assert Person.objects.count() == 1
    upload = SimpleUploadedFile("people.csv", PEOPLE_CSV.encode(), content_type="text/csv")
    done = client.post(url, {"file_format": "people_csv", "file": upload, "action": "import"})
    assert done.status_code == 302
    assert Person.objects.count() == 3
    broken = SimpleUploadedFile("bad.csv", b"full_name,organization\nX,Nope\n")
    failed = client.post(url, {"file_format": "people_csv", "file": broken, "action": "import"})
    assert failed.status_code == 422
    assert "Nope" in failed.text
    assert Person.objects.count() == 3


def test_exported_csv_neutralises_formulas_and_imports_back_unchanged(world):
    # given a person whose fields look like spreadsheet formulas
    world.person.job_title = '=HYPERLINK("http://evil")'
    world.person.phones = ["+62 812 0000"]
    world.person.save(update_fields=["job_title", "phones"])
    # when the people are exported
    exported = transfer.people_csv(Person.objects.filter(pk=world.person.pk))
    # then no cell starts with a formula character
    assert "'=HYPERLINK" in exported
    assert "'+62 812 0000" in exported
    # and a dry-run import of that file reads the original values back
    preview = transfer.people_import(raw=exported.encode(), user=world.owner, commit=False)
    assert not preview.has_errors
    values = preview.rows[0].values
    assert values["job_title"] == '=HYPERLINK("http://evil")'
    assert values["phones"] == ["+62 812 0000"]


def test_a_cell_over_the_csv_modules_default_limit_is_a_row_error_not_a_crash(world):
    # given an organizations file whose second row has a 200,000-character name
    raw = f"name,kind\nKementerian X,government\n{'N' * 200_000},government\n".encode()
    # when
    result = transfer.organizations_import(raw=raw, user=world.owner, commit=True)
    # then the long name is refused at its line, naming the field, and nothing is written
    assert result.has_errors
    errors = {row.line: row.errors for row in result.rows}
    assert errors[2] == []
    assert any("name" in message for message in errors[3])
    assert not Organization.objects.filter(name="Kementerian X").exists()


@pytest.mark.django_db
def test_organizations_csv_names_only_parents_the_user_may_see():
    world = seed_people_world()
    admin, owner = world.user("admin"), world.user("owner")
    hidden = services.organization_create(by=world.user("other_team"), name="Induk Rahasia")
    seen = services.organization_create(by=owner, name="Kementerian Terlihat")
    child = services.organization_create(by=owner, name="Direktorat Anak")
    services.organization_update(organization=world.organization, by=admin, parent=hidden)
    services.organization_update(organization=child, by=owner, parent=seen)
    client = Client()
    client.force_login(owner)

    body = client.get("/people/export/organizations_csv/").content.decode()

    rows = {row[0]: row[3] for row in csv.reader(io.StringIO(body))}
    assert "Induk Rahasia" not in body
    assert rows[world.organization.name] == ""
    assert rows["Direktorat Anak"] == "Kementerian Terlihat"
