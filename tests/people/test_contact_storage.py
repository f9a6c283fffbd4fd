"""Contact uploads live in the file storage (ADR 0016): kept there until the import is done,
carried over from the database row by migration 0012, and round-tripped by the backup."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from karib.people.imports import services
from karib.people.models import ContactImport, Person
from tests.migration_support import migrate_to, migrate_to_latest

CARDS = "".join(
    f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kontak {n}\r\nORG:PT Simpan\r\n"
    f"EMAIL:kontak{n}@simpan.co.id\r\nEND:VCARD\r\n"
    for n in range(3)
)
BEFORE = [("people", "0011_person_scope_indexes")]
AFTER = [("people", "0012_contact_import_file_in_storage")]


def test_an_upload_is_kept_in_the_storage_until_it_is_imported(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.owner)
    # when a vCard file is uploaded
    upload = SimpleUploadedFile("kontak.vcf", CARDS.encode(), content_type="text/vcard")
    response = client.post(reverse("people:import-contacts"), {"file": upload})
    contact_import = ContactImport.objects.get()
    # then its bytes are in the file storage, under people/imports/
    name = contact_import.upload.name
    assert name.startswith("people/imports/upload")
    with default_storage.open(name, "rb") as stored:
        assert stored.read() == CARDS.encode()
    # when it is imported
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    # then the people exist and the file is gone
    contact_import.refresh_from_db()
    assert contact_import.status == ContactImport.Status.DONE
    assert Person.objects.filter(full_name__startswith="Kontak").count() == 3
    assert contact_import.upload.name == ""
    assert not default_storage.exists(name)


def test_a_refused_upload_is_not_kept(world, client_for):
    client = client_for(world.owner)
    before = set(default_storage.listdir("people/imports")[1]) if _has_dir() else set()
    upload = SimpleUploadedFile("kosong.csv", b"tidak ada kolom\n", content_type="text/csv")
    response = client.post(reverse("people:import-contacts"), {"file": upload})
    assert response.status_code == 422
    assert not ContactImport.objects.exists()
    after = set(default_storage.listdir("people/imports")[1]) if _has_dir() else set()
    assert after == before


def _has_dir() -> bool:
    return default_storage.exists("people/imports")


@pytest.mark.django_db(transaction=True)
def test_uploads_stored_in_the_database_move_to_the_storage(at_latest_afterwards):
    # given uploads kept in their rows by the previous version (one waiting for its dry run)
    old = migrate_to(BEFORE)
    user = old.get_model("auth", "User").objects.create(username="rudi", is_superuser=True)
    old_import = old.get_model("people", "ContactImport")
    waiting = old_import.objects.create(
        created_by=user, file_name="kontak.vcf", content=CARDS.encode()
    )
    imported = old_import.objects.create(
        created_by=user, file_name="lama.vcf", content=b"", status="done"
    )
    # when the migration runs
    new = migrate_to(AFTER).get_model("people", "ContactImport")
    # then the waiting upload's bytes are in the storage, the imported one has none
    moved = new.objects.get(pk=waiting.pk)
    assert moved.upload.name.startswith("people/imports/upload")
    assert moved.upload.name.endswith(".vcf")
    with default_storage.open(moved.upload.name, "rb") as stored:
        assert stored.read() == CARDS.encode()
    assert new.objects.get(pk=imported.pk).upload.name == ""
    # when it goes back, the bytes are back in the row
    back = migrate_to(BEFORE).get_model("people", "ContactImport")
    assert bytes(back.objects.get(pk=waiting.pk).content) == CARDS.encode()
    assert bytes(back.objects.get(pk=imported.pk).content) == b""


@pytest.mark.django_db(transaction=True)
def test_a_moved_upload_is_checked_and_imported_from_the_storage(
    world, at_latest_afterwards, django_capture_on_commit_callbacks
):
    # given an upload from before the migration
    old = migrate_to(BEFORE)
    waiting = old.get_model("people", "ContactImport").objects.create(
        created_by_id=world.owner.pk, file_name="kontak.vcf", content=CARDS.encode()
    )
    migrate_to_latest()
    # when its dry run and its import run
    contact_import = ContactImport.objects.get(pk=waiting.pk)
    planned = services.contact_import_plan(contact_import=contact_import, by=world.owner)
    assert planned.preview["created"] == 3
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_import_commit(contact_import=planned, by=world.owner)
    # then its contacts are imported
    assert Person.objects.filter(full_name__startswith="Kontak").count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_backup_keeps_an_upload_waiting_for_its_import(tmp_path):
    from tests.factories import UserFactory

    media = tmp_path / "media"
    on_disk = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(MEDIA_ROOT=media, STORAGES=on_disk):
        storages._storages = {}  # the storages as these settings make them
        try:
            # given an upload waiting for its import, its file on disk
            owner = UserFactory(username="rudi", is_superuser=True, is_staff=True)
            upload = SimpleUploadedFile("kontak.vcf", CARDS.encode())
            contact_import = services.contact_import_create(
                by=owner, file_name="kontak.vcf", content=upload, default_organization=None
            )
            stored = media / contact_import.upload.name
            assert stored.read_bytes() == CARDS.encode()
            # when it is backed up, everything is lost, and the backup is restored
            archive = tmp_path / "karib.tar.gz"
            call_command("backup", str(archive))
            call_command("flush", interactive=False, verbosity=0)
            stored.unlink()
            call_command("restore", str(archive))
            # then the upload and its file are back, and its dry run reads it
            restored = ContactImport.objects.get(pk=contact_import.pk)
            assert stored.read_bytes() == CARDS.encode()
            planned = services.contact_import_plan(contact_import=restored, by=owner)
            assert planned.preview["created"] == 3
        finally:
            storages._storages = {}


def test_deleting_the_user_deletes_their_uploaded_file(world, django_capture_on_commit_callbacks):
    # given an upload waiting in the storage
    contact_import = services.contact_import_create(
        by=world.other, file_name="k.vcf", content=CARDS.encode(), default_organization=None
    )
    name = contact_import.upload.name
    assert default_storage.exists(name)
    # when its user is deleted (the import goes with them)
    with django_capture_on_commit_callbacks(execute=True):
        world.other.delete()
    # then the file of personal data goes too
    assert not ContactImport.objects.exists()
    assert not default_storage.exists(name)


@pytest.mark.parametrize(
    "file_name",
    ["k.vc\x00f", "../../../../etc/cron.d/x.vcf", "/etc/passwd.vcf", "x.v/../cf", "a" * 5000],
)
def test_any_file_name_is_stored_under_people_imports(world, settings, tmp_path, file_name):
    # given the production storage, on disk
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path)
    # when an upload named with a NUL, a path or a long name is kept (a direct caller: the
    # web form strips control characters itself)
    contact_import = services.contact_import_create(
        by=world.owner, file_name=file_name, content=CARDS.encode(), default_organization=None
    )
    # then it is stored inside people/imports under a name of Karib's own
    stored = contact_import.upload.name
    assert stored.startswith("people/imports/upload")
    assert contact_import.file_name.isprintable()
    assert "/" not in stored.removeprefix("people/imports/")
    assert (tmp_path / stored).read_bytes() == CARDS.encode()


def test_a_user_keeps_at_most_a_few_uploads_waiting(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    # given a limit of two waiting uploads
    monkeypatch.setattr(services, "MAX_WAITING_UPLOADS", 2)
    made = []
    # when the owner uploads three files and never imports them
    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            made.append(
                services.contact_import_create(
                    by=world.owner,
                    file_name=f"kontak{number}.vcf",
                    content=CARDS.encode(),
                    default_organization=None,
                )
            )
    # then the oldest went, with its file of personal data; the newest two wait
    assert list(ContactImport.objects.order_by("pk")) == made[1:]
    assert not default_storage.exists(made[0].upload.name)
    assert all(default_storage.exists(kept.upload.name) for kept in made[1:])
    # and another user's uploads are not counted with them
    services.contact_import_create(
        by=world.other, file_name="lain.vcf", content=CARDS.encode(), default_organization=None
    )
    assert ContactImport.objects.count() == 3
