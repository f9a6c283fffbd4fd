"""`karib backup` / `karib restore`: every row and file comes back; schema mismatches refused.

Runs on whichever database the suite runs on (SQLite in memory, or PostgreSQL with pg_dump and
pg_restore in custom format), so CI proves both."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings

from karib.core.roles import Role
from tests.factories import InteractionFactory, PersonalFactFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
# The refusals are matched on the names they quote, not on their words: the command speaks
# the active language (Indonesian by default).


def every_row() -> dict[str, list[tuple]]:
    """All rows of every table, ordered by primary key."""
    return {
        model._meta.db_table: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture
def data(tmp_path):
    owner = UserFactory(username="rudi", role=Role.SALES)
    person = PersonFactory(full_name="Pak Suryo Wibowo", organization__owner=owner)
    PersonalFactFactory(person=person, text="Suka wayang, tokoh Bima")
    InteractionFactory(organization=person.organization, participants=[person])
    media = tmp_path / "media"
    (media / "imports").mkdir(parents=True)
    (media / "imports" / "calls.jsonl").write_text('{"turns": []}\n', encoding="utf-8")
    with override_settings(MEDIA_ROOT=media):
        yield media


def test_every_row_and_file_comes_back(data, tmp_path):
    # given a database with people, facts, interactions and an uploaded file
    before = every_row()
    assert sum(len(rows) for rows in before.values()) > 10
    archive = tmp_path / "backups" / "karib.tar.gz"
    # when it is backed up, everything is lost, and the backup is restored
    call_command("backup", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    (data / "imports" / "calls.jsonl").unlink()
    assert every_row() != before
    call_command("restore", str(archive))
    # then every row of every table and the file are back
    assert every_row() == before
    assert (data / "imports" / "calls.jsonl").read_text(encoding="utf-8") == '{"turns": []}\n'
    # and the archive is private and says what it holds
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
        names = opened.getnames()
    assert manifest["engine"] == connection.vendor
    dump = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
    assert dump in names
    assert "media/imports/calls.jsonl" in names


def test_restore_refuses_a_database_that_holds_data(data, tmp_path):
    archive = tmp_path / "karib.tar.gz"
    call_command("backup", str(archive))
    UserFactory(username="new-colleague")
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))
    # nothing was changed, and --force replaces it
    assert apps.get_model("auth", "User").objects.filter(username="new-colleague").exists()
    call_command("restore", str(archive), force=True)
    assert not apps.get_model("auth", "User").objects.filter(username="new-colleague").exists()


def test_restore_refuses_a_backup_from_a_newer_karib(data, tmp_path):
    # given a backup whose schema has a migration this Karib does not know
    archive = tmp_path / "karib.tar.gz"
    call_command("backup", str(archive))
    newer = rewrite_manifest(archive, tmp_path, extra_migration="people.9999_from_the_future")
    call_command("flush", interactive=False, verbosity=0)
    # then restore refuses and names it
    with pytest.raises(CommandError, match=r"people\.9999_from_the_future"):
        call_command("restore", str(newer))


def test_restore_refuses_a_target_whose_schema_is_newer(data, tmp_path):
    archive = tmp_path / "karib.tar.gz"
    call_command("backup", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    # given a target database with a migration the backup does not have
    MigrationRecorder(connection).record_applied("ops", "0099_later")
    try:
        with pytest.raises(CommandError, match=r"ops\.0099_later"):
            call_command("restore", str(archive))
    finally:
        MigrationRecorder(connection).record_unapplied("ops", "0099_later")


def test_restore_refuses_an_older_backup_unless_asked_to_migrate(data, tmp_path):
    archive = tmp_path / "karib.tar.gz"
    call_command("backup", str(archive))
    older = rewrite_manifest(archive, tmp_path, drop_migration="ops.0001_task_attempts")
    recorded = list(MigrationRecorder.Migration.objects.values_list("app", "name"))
    MigrationRecorder.Migration.objects.all().delete()  # an empty target database
    try:
        with pytest.raises(CommandError, match=r"ops\.0001_task_attempts.*--migrate"):
            call_command("restore", str(older))
    finally:
        # django_migrations is no model table, so the test database's flush does not restore
        # it: put back what was applied, or later tests that migrate would start from nothing
        recorder = MigrationRecorder(connection)
        for app, name in recorded:
            recorder.record_applied(app, name)


def rewrite_manifest(
    archive: Path, tmp_path: Path, *, extra_migration: str = "", drop_migration: str = ""
) -> Path:
    rewritten = tmp_path / "rewritten.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(rewritten, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member)
            if member.name == "manifest.json":
                manifest = json.load(content)
                if extra_migration:
                    manifest["migrations"].append(extra_migration)
                if drop_migration:
                    manifest["migrations"].remove(drop_migration)
                data = json.dumps(manifest).encode()
                member.size = len(data)
                content = io.BytesIO(data)
            target.addfile(member, content)
    return rewritten
